// What a run keeps: additive counters (Summary), the worst conversations with their evidence
// quoted, and the first input errors. Everything here is bounded in size whatever the input,
// and every count is additive so partial reports (one per batch, later one per shard with
// `chataudit merge`) merge exactly, in a fixed order, into the same result.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace audit {

struct RuleCounts {
  std::uint64_t findings = 0;
  std::uint64_t conversations = 0;  // conversations with at least one finding of the rule
  std::array<std::uint64_t, 3> by_severity{};  // info, warning, error
};

struct Summary {
  std::uint64_t files = 0;
  std::uint64_t unreadable_files = 0;
  std::uint64_t bytes = 0;    // decompressed bytes read
  std::uint64_t records = 0;  // records seen, audited or skipped
  std::uint64_t conversations = 0;
  std::uint64_t turns = 0;
  std::array<std::uint64_t, 4> turns_by_role{};  // user, bot, agent, system
  std::array<std::uint64_t, kErrorKinds> skipped{};
  std::uint64_t repaired_utf8 = 0;
  std::uint64_t flagged = 0;          // conversations with at least one finding
  std::uint64_t handed_off = 0;       // reached a human (handoff event, agent turn or phrase)
  std::uint64_t asked_for_human = 0;  // the customer asked for a human at least once
  std::uint64_t false_contained =
      0;  // never reached a human, yet looped / missed escalation / ended negative
  std::uint64_t sentiment_conversations = 0;          // with at least one customer turn
  double first_sentiment_sum = 0;                     // first customer turn's sentiment, summed
  double last_sentiment_sum = 0;                      // last customer turn's sentiment, summed
  std::array<std::uint64_t, 11> quality_histogram{};  // quality 0-9, 10-19, ..., 90-99, 100
  double quality_sum = 0;
  std::vector<RuleCounts> rules;  // indexed like all_detectors()

  std::uint64_t skipped_total() const;
  void merge(const Summary& other);
};

struct QuotedTurn {
  std::uint32_t index = 0;
  Role role = Role::user;
  float sentiment = 0;
  std::string text;  // at most kQuoteBytes, printable
};
inline constexpr std::size_t kQuoteBytes = 280;

struct FlaggedConversation {
  std::string id;
  std::uint32_t file_index = 0;
  std::uint64_t line = 0;
  std::uint32_t turn_count = 0;
  int quality = 100;
  std::vector<Finding> findings;
  std::vector<QuotedTurn> evidence;  // filled only for the worst conversations
};

// A whole conversation with its analysis, kept for `chataudit show`.
struct ShownTurn {
  Role role = Role::user;
  std::string text;
  float sentiment = 0;
  std::int64_t time_ms = -1;
  bool fallback = false, handoff = false, human_request = false;
};

struct ShownConversation {
  std::string id;
  std::uint32_t file_index = 0;
  std::uint64_t line = 0;
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<ShownTurn> turns;
  std::vector<Finding> findings;
  int quality = 100;
};

// 100 minus 25 per error, 10 per warning and 3 per info finding, at least 0.
int quality_score(const std::vector<Finding>& findings);

// Orders the worst first: lower quality, then more findings, then input order.
bool worse_than(const FlaggedConversation& a, const FlaggedConversation& b);

// The N worst conversations seen so far.
class WorstList {
 public:
  explicit WorstList(std::size_t n = 10) : n_(n) {}
  bool would_keep(const FlaggedConversation& c) const;
  void offer(FlaggedConversation c);
  void merge(const WorstList& other);
  const std::vector<FlaggedConversation>& items() const { return items_; }

 private:
  std::size_t n_;
  std::vector<FlaggedConversation> items_;  // sorted, worst first
};

struct Report {
  std::vector<std::string> files;  // display names, by file index
  std::vector<std::string> rules;  // the rules that ran, in registry order
  Summary summary;
  std::vector<FlaggedConversation> worst;
  std::vector<InputError> errors;  // the first kKeptErrors, in input order
  std::uint64_t errors_total = 0;
  std::string settings_json;  // the thresholds, as a JSON object, for the record
};
inline constexpr std::size_t kKeptErrors = 1000;

}  // namespace audit
