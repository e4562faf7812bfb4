// Every setting of a run, parsed and validated once (cli.cpp) into named fields. Defaults live
// here, in one place; docs/rules.md and `chataudit rules NAME` print the detector defaults from
// the parameter table in detectors/registry.cpp, which points at these fields.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace audit {

// The record formats (input/schema.cpp has their table: name, detecting key, reader).
enum class InputFormat {
  auto_detect,
  native,
  openai,
  sharegpt,
  rasa,
  contact_lens,
  ccai,
  botframework,
  copilot,  // Bot Framework activities in a Copilot Studio / Direct Line envelope
  // Row formats: one record per turn or event, grouped into conversations (input/grouping.hpp).
  rasa_events,
  dialogflow,
  csv,
  // Any other JSON, read through --map (input/schema_mapped.cpp).
  mapped
};

inline bool is_row_format(InputFormat f) {
  return f == InputFormat::rasa_events || f == InputFormat::dialogflow || f == InputFormat::csv;
}

// --map KEY=PATH: where a conversation's fields are in records of a shape chataudit does not
// know (JSON: dotted paths, turned into JSON pointers; CSV: column names). docs/formats.md.
struct MapPath {
  std::string written;  // as the user wrote it ("author.type"); empty: not mapped
  std::string pointer;  // JSON pointer ("/author/type")
  bool empty() const { return written.empty(); }
};

struct FieldMap {
  MapPath id, turns, role, text, time;  // id and turns: in the record; the rest: in each turn
  std::vector<std::pair<std::string, MapPath>> metadata;  // metadata.NAME=PATH, in the record
  std::vector<std::pair<std::string, Role>> roles;        // role.VALUE=user|bot|agent|system
  bool json_mapping() const { return !turns.empty(); }
  bool any() const {
    return !id.empty() || !turns.empty() || !role.empty() || !text.empty() || !time.empty() ||
           !metadata.empty() || !roles.empty();
  }
};

struct InputOptions {
  std::vector<std::string> paths;  // files, directories, or "-" for stdin
  InputFormat format = InputFormat::auto_detect;
  std::size_t max_record_bytes = std::size_t{64} << 20;
  // Row formats: a conversation whose rows have not been seen for this many rows is complete
  // (memory holds at most this many rows); 0: keep every conversation open to the end of file.
  std::size_t group_window = 50000;
  FieldMap map;
  // Rasa: action names containing one of these (lower case) are handoffs, intent names the
  // customer asking for one (--handoff-name, repeatable; replaces the defaults).
  std::vector<std::string> handoff_names = {"handoff", "human"};
};

// Thresholds of the rules. All are numbers so that one table (detectors/registry.cpp) can list,
// document and set them (`--set bot-loop.min-occurrences=4`).
struct DetectorOptions {
  double loop_min_occurrences = 3;     // bot-loop: near-identical bot messages that make a loop
  double loop_similarity = 0.8;        // bot-loop: token-set Jaccard that counts as "the same"
  double loop_window = 6;              // bot-loop: how many earlier bot turns to compare with
  double loop_content_overlap = 0.55;  // bot-loop: shared content-word stems: a paraphrase
  double fallback_min_run = 2;         // fallback-loop: consecutive fallback bot turns
  double repeat_similarity = 0.6;      // user-repeat: content-stem similarity of two user turns
  double repeat_window = 4;            // user-repeat: how many earlier user turns to compare with
  double escalation_window = 2;        // missed-escalation: bot turns allowed before a handoff (K)
  double frustration_score = -0.6;     // missed-escalation: a user turn at or below is a trigger
  double drop_delta = 0.45;            // sentiment-drop: fall from an earlier high
  double negative_score = -0.25;       // sentiment-drop / negative-ending: "negative" means <= this
};

enum class OutputFormat { text, json, jsonl };
enum class ColorMode { auto_detect, always, never };

struct ReportSpec {
  OutputFormat format = OutputFormat::text;
  std::string path;  // empty: standard output
};

// `--fail-on RULE` (any finding) or `--fail-on RULE>RATE` (share of conversations flagged).
struct FailOn {
  std::string rule;  // a rule name, or "any"
  bool by_rate = false;
  double max_rate = 0;
  std::string text;  // as the user wrote it, for the failure message
};

struct OutputOptions {
  std::vector<ReportSpec> reports;
  std::vector<FailOn> fail_on;
  ColorMode color = ColorMode::auto_detect;
  std::size_t top = 10;               // worst conversations kept for the reports
  std::size_t max_errors_shown = 20;  // per input file on stderr; all are counted
  bool strict = false;                // any skipped record makes the exit code 2
  bool quiet = false;                 // no per-record diagnostics on stderr
  bool stats = false;                 // throughput and timing on stderr
};

struct Options {
  InputOptions input;
  DetectorOptions detect;
  std::vector<std::string> rules;  // enabled rules, in registry order (filled by cli.cpp)
  OutputOptions output;
  unsigned threads = 0;  // 0: all cores
  std::string show_id;   // `chataudit show ID`: keep this conversation's transcript
};

}  // namespace audit
