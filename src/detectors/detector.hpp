// A detector looks at one conversation and appends what it finds. It keeps no state between
// calls, so conversations may be audited in any order, on any thread, and each detector can be
// tested with a hand-built Conversation. The text analysis every detector shares (tokens,
// sentiment, cues) is computed once per conversation by text/prepare.cpp.
//
// Adding a rule: one file here with its essay header, one row in registry.cpp (plus its
// parameters there), a section in docs/rules.md, and its tests in tests/detectors/.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "options.hpp"
#include "text/prepare.hpp"

namespace audit {

using DetectFn = void (*)(const Conversation&, const Prepared&, const DetectorOptions&,
                          std::vector<Finding>&);

struct Detector {
  std::string_view name;     // the rule id: CLI value, report key, docs heading
  std::string_view summary;  // one line for `chataudit rules`
  std::string_view details;  // the definition, for `chataudit rules NAME`
  DetectFn run;
};

// A threshold a user can set with `--set KEY=VALUE`.
struct DetectorParam {
  std::string_view key;   // "bot-loop.min-occurrences"
  std::string_view rule;  // the detector it belongs to
  double DetectorOptions::*field;
  double min, max;
  bool integer;
  std::string_view help;
};

std::span<const Detector> all_detectors();
const Detector* find_detector(std::string_view name);
// The position of rule `name` in all_detectors() (the index of its Summary::rules counts).
std::size_t detector_index(std::string_view name);
std::span<const DetectorParam> all_params();
const DetectorParam* find_param(std::string_view key);

void detect_bot_loop(const Conversation&, const Prepared&, const DetectorOptions&,
                     std::vector<Finding>&);
void detect_fallback_loop(const Conversation&, const Prepared&, const DetectorOptions&,
                          std::vector<Finding>&);
void detect_user_repeat(const Conversation&, const Prepared&, const DetectorOptions&,
                        std::vector<Finding>&);
void detect_bot_reask(const Conversation&, const Prepared&, const DetectorOptions&,
                      std::vector<Finding>&);
void detect_missed_escalation(const Conversation&, const Prepared&, const DetectorOptions&,
                              std::vector<Finding>&);
void detect_sentiment_drop(const Conversation&, const Prepared&, const DetectorOptions&,
                           std::vector<Finding>&);
void detect_negative_ending(const Conversation&, const Prepared&, const DetectorOptions&,
                            std::vector<Finding>&);
void detect_abandonment(const Conversation&, const Prepared&, const DetectorOptions&,
                        std::vector<Finding>&);
void detect_no_empathy(const Conversation&, const Prepared&, const DetectorOptions&,
                       std::vector<Finding>&);
void detect_pii_exposure(const Conversation&, const Prepared&, const DetectorOptions&,
                         std::vector<Finding>&);

// The loops of a conversation as bot-loop defines them: calls `on_loop` with each loop's member
// turns, ascending (missed-escalation uses them as repeated-failure triggers).
void find_loops(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                const std::function<void(const std::vector<std::uint32_t>&)>& on_loop);

// The last customer turn of a conversation that never reached a human (no handoff anywhere), or
// kNoTurn: negative-ending and abandonment judge only the bot's own endings.
inline constexpr std::uint32_t kNoTurn = static_cast<std::uint32_t>(-1);
std::uint32_t last_customer_turn_of_bot_only(const Conversation& c, const Prepared& p);

// "…" quote of a turn for finding messages: the first `max_bytes` of its text, printable.
std::string quote(std::string_view text, std::size_t max_bytes = 80);

}  // namespace audit
