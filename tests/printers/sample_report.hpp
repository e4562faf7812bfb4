// A small fixed Report for the printer tests: two flagged conversations (one with awkward
// characters in its id, messages and quoted turns), one input error, two rules.
#pragma once

#include <fmt/format.h>

#include <string>

#include "detectors/detector.hpp"
#include "printers/printer.hpp"
#include "report/report.hpp"

namespace audit::test {

// An id with a quote, a backslash, a newline, a control character and non-ASCII text.
inline const std::string kAwkwardId = "c-\"q\"\\\n\x01-caf\xC3\xA9";
// A quoted turn that tries to clear the screen.
inline const std::string kHostileTurn = "I want a human\x1b[2J\x01 now\nplease";

inline std::size_t rule_index(std::string_view name) {
  for (std::size_t i = 0; i < all_detectors().size(); ++i)
    if (all_detectors()[i].name == name) return i;
  return 0;
}

inline Finding finding(std::string_view rule, Severity s, std::vector<std::uint32_t> turns,
                       std::string message) {
  Finding f;
  f.rule = rule;
  f.severity = s;
  f.turns = std::move(turns);
  f.message = std::move(message);
  return f;
}

inline Report sample_report() {
  Report r;
  r.files = {"chats.jsonl", "C:\\exports\\more.jsonl"};
  r.rules = {"bot-loop", "missed-escalation"};
  Summary& s = r.summary;
  s.files = 2;
  s.bytes = 4096;
  s.records = 5;
  s.conversations = 4;
  s.turns = 30;
  s.turns_by_role = {12, 14, 2, 2};
  s.skipped[static_cast<std::size_t>(ErrorKind::invalid_json)] = 1;
  s.flagged = 2;
  s.handed_off = 1;
  s.asked_for_human = 2;
  s.false_contained = 1;
  s.sentiment_conversations = 4;
  s.first_sentiment_sum = 0.5;
  s.last_sentiment_sum = -1.0;
  s.quality_histogram[6] = 1;
  s.quality_histogram[9] = 1;
  s.quality_histogram[10] = 2;
  s.quality_sum = 355;
  s.rules.resize(all_detectors().size());
  s.rules[rule_index("bot-loop")] = RuleCounts{1, 1, {0, 0, 1}};
  s.rules[rule_index("missed-escalation")] = RuleCounts{2, 2, {0, 1, 1}};

  FlaggedConversation worst;
  worst.id = kAwkwardId;
  worst.file_index = 0;
  worst.line = 12;
  worst.turn_count = 6;
  worst.findings.push_back(finding("bot-loop", Severity::error, {1, 3, 5},
                                   "The bot sent \"Could you tell me more?\" 3 times"));
  Finding escalation = finding("missed-escalation", Severity::error, {0, 1, 2}, "No human\tcame");
  escalation.score = 0.5;
  escalation.has_score = true;
  worst.findings.push_back(escalation);
  worst.quality = quality_score(worst.findings);
  worst.evidence = {QuotedTurn{0, Role::user, -0.42f, kHostileTurn},
                    QuotedTurn{1, Role::bot, 0.0f, "Could you tell me more?"}};

  FlaggedConversation second;
  second.id = "c2";
  second.file_index = 1;
  second.line = 3;
  second.turn_count = 4;
  second.findings.push_back(
      finding("missed-escalation", Severity::warning, {2}, "The customer was frustrated"));
  second.quality = quality_score(second.findings);

  r.worst = {worst, second};
  r.errors.push_back(InputError{ErrorKind::invalid_json, false, 1, 7, "invalid JSON: \"x\""});
  r.errors_total = 1;
  r.settings_json = R"({"rules":["bot-loop","missed-escalation"],"top":10})";
  return r;
}

// Renders `r` in format `f` through the printer hooks, streaming every worst conversation.
inline std::string render(OutputFormat f, const Report& r, bool color = false) {
  const Printer& p = printer_for(f);
  PrintContext ctx{r.files, color, 0};
  fmt::memory_buffer out;
  p.begin(ctx, out);
  for (const FlaggedConversation& c : r.worst)
    p.conversation(ctx, c, out);
  p.end(ctx, r, out);
  return fmt::to_string(out);
}

}  // namespace audit::test
