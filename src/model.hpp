// The data every stage shares. Plain structs: no behaviour, no invariants to protect.
//
// Lifetime rule: a Conversation is a *view*. Its string_views point into the parser's buffers
// (or the worker's scratch arena) and are valid only while that one record is being audited.
// Whatever outlives the record (a Finding, a ConversationResult, the Summary) owns its strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace audit {

// Who speaks. `agent` is a human support agent; `system` covers system prompts, tool output and
// platform notices, which no rule treats as the customer or the bot.
enum class Role { user, bot, agent, system };
std::string_view role_name(Role r);

// Platform signals attached to a turn (PRODUCT.md §3).
// human_request: the platform says the customer asked for a person (Dialogflow userEscalated).
enum class EventKind { handoff, fallback, intent, sentiment, human_request, other };
std::string_view event_kind_name(EventKind k);

struct Event {
  EventKind kind = EventKind::other;
  std::string_view name;  // intent name, or the platform's own event name
  double value = 0;       // confidence or sentiment score, when the platform gives one
};

struct Turn {
  Role role = Role::user;
  std::string_view text;
  std::int64_t time_ms = -1;  // milliseconds since the epoch; -1 when the export has none
  std::uint32_t first_event = 0, event_count = 0;  // range in Conversation::events
};

struct MetadataField {
  std::string_view key, value;  // scalars only; numbers and booleans as their JSON text
};

struct Conversation {
  std::string_view id;
  std::uint32_t file_index = 0;  // into the run's list of input files
  std::uint64_t line = 0;        // 1-based line where the record starts
  std::vector<Turn> turns;
  std::vector<Event> events;
  std::vector<MetadataField> metadata;

  void clear() {
    id = {};
    turns.clear();
    events.clear();
    metadata.clear();
  }
};

enum class Severity { info, warning, error };
std::string_view severity_name(Severity s);

struct Finding {
  std::string_view rule;  // points at the detector's static name
  Severity severity = Severity::warning;
  std::vector<std::uint32_t> turns;  // evidence: indices into Conversation::turns, ascending
  std::string message;               // one sentence a person understands
  std::string_view kind;             // rule-specific category (missed-escalation's trigger)
  double score = 0;                  // rule-specific magnitude (e.g. the sentiment fall)
  bool has_score = false;
};

// Why a record was skipped. A closed set, so the summary counts are stable keys.
enum class ErrorKind {
  unreadable_input,   // a file or directory that could not be opened or read
  invalid_json,       // not parseable JSON
  not_an_object,      // valid JSON, but not a JSON object
  unknown_format,     // an object no reader recognises
  invalid_record,     // a recognised format with a missing or wrongly typed field
  record_too_large,   // over --max-record-size
  empty_conversation  // no turns with text
};
inline constexpr int kErrorKinds = 7;
std::string_view error_kind_name(ErrorKind k);

struct InputError {
  ErrorKind kind = ErrorKind::invalid_json;
  bool warning = false;  // reported, but the record was still audited (e.g. repaired UTF-8)
  std::uint32_t file_index = 0;
  std::uint64_t line = 0;  // 0: the whole file
  std::string message;
};

// The one exception type: "cannot continue" (an output file cannot be written, ...). Caught once,
// in main. Everything per record or per file is data (InputError), never an exception.
struct Fatal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace audit
