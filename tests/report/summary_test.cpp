// Summary::merge, quality_score and WorstList: partial reports merge exactly.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/report.hpp"

using namespace audit;

namespace {

// A summary whose every counter is a distinct multiple of `k`.
Summary filled(std::uint64_t k) {
  Summary s;
  s.files = 1 * k;
  s.unreadable_files = 2 * k;
  s.bytes = 3 * k;
  s.records = 4 * k;
  s.conversations = 5 * k;
  s.turns = 6 * k;
  for (std::size_t i = 0; i < s.turns_by_role.size(); ++i)
    s.turns_by_role[i] = (10 + i) * k;
  for (std::size_t i = 0; i < s.skipped.size(); ++i)
    s.skipped[i] = (20 + i) * k;
  s.repaired_utf8 = 7 * k;
  s.flagged = 8 * k;
  s.handed_off = 9 * k;
  s.asked_for_human = 30 * k;
  s.false_contained = 31 * k;
  s.sentiment_conversations = 32 * k;
  s.first_sentiment_sum = 0.5 * static_cast<double>(k);
  s.last_sentiment_sum = -0.25 * static_cast<double>(k);
  for (std::size_t i = 0; i < s.quality_histogram.size(); ++i)
    s.quality_histogram[i] = (40 + i) * k;
  s.quality_sum = 100.0 * static_cast<double>(k);
  s.rules.resize(3);
  for (std::size_t r = 0; r < s.rules.size(); ++r)
    s.rules[r] =
        RuleCounts{(60 + r) * k, (70 + r) * k, {(80 + r) * k, (90 + r) * k, (100 + r) * k}};
  return s;
}

FlaggedConversation flagged(std::string id, int quality, std::size_t findings, std::uint32_t file,
                            std::uint64_t line) {
  FlaggedConversation c;
  c.id = std::move(id);
  c.quality = quality;
  c.findings.resize(findings);
  c.file_index = file;
  c.line = line;
  return c;
}

std::vector<std::string> ids(const WorstList& w) {
  std::vector<std::string> out;
  for (const FlaggedConversation& c : w.items())
    out.push_back(c.id);
  return out;
}

std::vector<FlaggedConversation> mixed_items() {
  return {flagged("a", 80, 1, 0, 1), flagged("b", 50, 2, 0, 2), flagged("c", 50, 3, 0, 3),
          flagged("d", 90, 1, 0, 4), flagged("e", 50, 2, 0, 1), flagged("f", 20, 1, 1, 9),
          flagged("g", 50, 2, 1, 1), flagged("h", 75, 1, 1, 2), flagged("i", 50, 3, 1, 5)};
}

}  // namespace

TEST_CASE("summary: merge adds every counter", "[summary]") {
  Summary s = filled(1);
  s.merge(filled(2));
  const Summary want = filled(3);
  CHECK(s.files == want.files);
  CHECK(s.unreadable_files == want.unreadable_files);
  CHECK(s.bytes == want.bytes);
  CHECK(s.records == want.records);
  CHECK(s.conversations == want.conversations);
  CHECK(s.turns == want.turns);
  CHECK(s.turns_by_role == want.turns_by_role);
  CHECK(s.skipped == want.skipped);
  CHECK(s.repaired_utf8 == want.repaired_utf8);
  CHECK(s.flagged == want.flagged);
  CHECK(s.handed_off == want.handed_off);
  CHECK(s.asked_for_human == want.asked_for_human);
  CHECK(s.false_contained == want.false_contained);
  CHECK(s.sentiment_conversations == want.sentiment_conversations);
}

TEST_CASE("summary: merge adds sums, histogram and per-rule counts", "[summary]") {
  Summary s = filled(1);
  s.merge(filled(2));
  const Summary want = filled(3);
  CHECK(s.first_sentiment_sum == want.first_sentiment_sum);
  CHECK(s.last_sentiment_sum == want.last_sentiment_sum);
  CHECK(s.quality_histogram == want.quality_histogram);
  CHECK(s.quality_sum == want.quality_sum);
  REQUIRE(s.rules.size() == 3);
  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(s.rules[r].findings == want.rules[r].findings);
    CHECK(s.rules[r].conversations == want.rules[r].conversations);
    CHECK(s.rules[r].by_severity == want.rules[r].by_severity);
  }
}

TEST_CASE("summary: merging into an empty summary copies, rule table included", "[summary]") {
  Summary s;
  s.merge(filled(2));
  CHECK(s.records == 8);
  REQUIRE(s.rules.size() == 3);
  CHECK(s.rules[2].by_severity[2] == 204);
  Summary other = filled(1);
  other.merge(Summary{});
  CHECK(other.rules.size() == 3);
  CHECK(other.turns == 6);
}

TEST_CASE("summary: skipped_total leaves unreadable input out", "[summary]") {
  Summary s;
  s.skipped[static_cast<std::size_t>(ErrorKind::unreadable_input)] = 5;
  s.skipped[static_cast<std::size_t>(ErrorKind::invalid_json)] = 2;
  s.skipped[static_cast<std::size_t>(ErrorKind::empty_conversation)] = 1;
  CHECK(s.skipped_total() == 3);
}

TEST_CASE("summary: quality_score takes 25, 10 and 3 points by severity", "[summary]") {
  auto with = [](std::vector<Severity> severities) {
    std::vector<Finding> f(severities.size());
    for (std::size_t i = 0; i < f.size(); ++i)
      f[i].severity = severities[i];
    return quality_score(f);
  };
  CHECK(with({}) == 100);
  CHECK(with({Severity::error, Severity::warning, Severity::info}) == 62);
  CHECK(with({Severity::error, Severity::error, Severity::error, Severity::error,
              Severity::info}) == 0);
}

TEST_CASE("worst-list: keeps the N worst, lowest quality first", "[worst-list]") {
  WorstList w(3);
  for (int q : {90, 40, 75, 10, 60})
    w.offer(flagged(fmt::format("q{}", q), q, 1, 0, 0));
  CHECK(ids(w) == std::vector<std::string>{"q10", "q40", "q60"});
}

TEST_CASE("worst-list: ties go to more findings, then input order", "[worst-list]") {
  WorstList w(5);
  w.offer(flagged("later-file", 50, 2, 1, 1));
  w.offer(flagged("later-line", 50, 2, 0, 9));
  w.offer(flagged("more-findings", 50, 3, 1, 99));
  w.offer(flagged("first", 50, 2, 0, 2));
  CHECK(ids(w) == std::vector<std::string>{"more-findings", "first", "later-line", "later-file"});
}

TEST_CASE("worst-list: would_keep and a list of size 0", "[worst-list]") {
  WorstList w(1);
  w.offer(flagged("x", 50, 1, 0, 1));
  CHECK(w.would_keep(flagged("worse", 40, 1, 0, 2)));
  CHECK_FALSE(w.would_keep(flagged("better", 60, 1, 0, 2)));
  CHECK_FALSE(w.would_keep(flagged("equal-later", 50, 1, 0, 2)));
  WorstList none(0);
  none.offer(flagged("x", 0, 9, 0, 1));
  CHECK(none.items().empty());
}

TEST_CASE("worst-list: merging two lists equals offering everything to one", "[worst-list]") {
  const std::vector<FlaggedConversation> items = mixed_items();
  for (std::size_t split = 0; split <= items.size(); ++split) {
    WorstList all(4), left(4), right(4);
    for (std::size_t i = 0; i < items.size(); ++i) {
      all.offer(items[i]);
      (i < split ? left : right).offer(items[i]);
    }
    WorstList merged_lr = left, merged_rl = right;
    merged_lr.merge(right);
    merged_rl.merge(left);
    CAPTURE(split);
    CHECK(ids(merged_lr) == ids(all));
    CHECK(ids(merged_rl) == ids(all));
  }
}

TEST_CASE("worst-list: the order does not depend on the order of offers", "[worst-list]") {
  std::vector<FlaggedConversation> items = mixed_items();
  WorstList forward(4), backward(4);
  for (const FlaggedConversation& c : items)
    forward.offer(c);
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    backward.offer(*it);
  CHECK(ids(forward) == std::vector<std::string>{"f", "c", "i", "e"});
  CHECK(ids(backward) == ids(forward));
}
