// Parses one record (one conversation) into a Conversation view, with one reused simdjson
// parser per worker. Everything on this path returns error codes; nothing throws.
//
// The DOM parser validates the whole record (grammar, literals, numbers, nesting depth) before
// any field is read, so "is this valid JSON" never depends on which fields chataudit reads, and
// every schema error is about the schema. Its cost is small next to the text analysis.
//
// Invalid UTF-8 is not fatal (PRODUCT.md §3): the record is copied with each invalid sequence
// replaced by U+FFFD and parsed again, and the caller is told so it can count and report it.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "input/batch.hpp"
#include "model.hpp"
#include "options.hpp"

namespace audit {

class CsvRowReader;

// Stable storage for strings a reader has to build (joined content parts, "file:line" ids).
// Reset per record; keeps its first block so steady state allocates nothing.
class TextArena {
 public:
  std::string_view store(std::string_view s);
  // Starts a string that is built by append(); finish() returns the view.
  void begin();
  void append(std::string_view s);
  std::string_view finish();
  void reset();

 private:
  char* reserve(std::size_t n);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> sizes_;
  std::size_t block_ = 0, used_ = 0;
  std::string building_;
};

// What a reader keeps between the events or rows of one conversation.
struct RowState {
  static constexpr std::uint32_t kNoTurn = static_cast<std::uint32_t>(-1);
  std::uint32_t action_turn = kNoTurn;  // Rasa: a text-less bot turn an action made
  bool nlu_fallback = false;            // Rasa: the last user turn was not understood
  // Dialogflow: (turn_position, arrival) of every turn, to put rows back in order.
  std::vector<std::pair<std::int64_t, std::uint32_t>> order;
  // Dialogflow: JSON columns exported as strings are parsed again, with a parser of their own.
  simdjson::dom::parser nested;
  std::string nested_bytes;

  void clear() {
    action_turn = kNoTurn;
    nlu_fallback = false;
    order.clear();
  }
};

// What a schema reader needs besides the JSON object.
struct ReadContext {
  TextArena& arena;
  std::string_view source_name;  // for "file:line" ids
  std::uint64_t line = 0;
  std::string detail;   // on error: which field was wrong and how
  std::string warning;  // read, but degraded (e.g. a non-conforming legacy file): said on stderr
  // Row formats: each row is parsed on its own, so text that must outlive the row is copied.
  bool copy_strings = false;
  RowState* state = nullptr;      // row formats: kept across the rows of one conversation
  const FieldMap* map = nullptr;  // --map
  // --handoff-name: Rasa action / intent names (lower case, matched as substrings) that mean a
  // handoff; null: the defaults.
  const std::vector<std::string>* handoff_names = nullptr;

  std::string_view keep(std::string_view s) { return copy_strings ? arena.store(s) : s; }
};

// A row of a grouped record that could not be read: skipped, the rest of the rows are read.
struct RowError {
  std::uint64_t line = 0;
  ErrorKind kind = ErrorKind::invalid_record;
  std::string message;
  bool warning = false;  // read anyway (repaired UTF-8)
};

using SchemaFn = simdjson::error_code (*)(simdjson::dom::object, ReadContext&, Conversation&);
// Row formats: one row (an event, a turn) added to the conversation in progress.
using RowFn = simdjson::error_code (*)(simdjson::dom::object, ReadContext&, Conversation&);
simdjson::error_code read_native(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_openai(simdjson::dom::object o, ReadContext& ctx, Conversation& c);

// Helpers shared by the schema readers.
std::int64_t parse_timestamp_ms(std::string_view iso8601);
bool role_from_string(std::string_view s, Role& out);

// A platform's name for a role; looked up ignoring ASCII case.
struct RoleAlias {
  std::string_view name;  // lower case
  Role role;
};
bool role_from_aliases(std::string_view s, std::span<const RoleAlias> aliases, Role& out);
// A scalar as text: strings as they are, numbers and booleans as JSON text (stored in the
// arena), null as `is_null`. Objects and arrays are INCORRECT_TYPE.
simdjson::error_code scalar_text(simdjson::dom::element v, TextArena& arena, std::string_view& out,
                                 bool& is_null);

std::string_view format_name(InputFormat f);

// The envelope native and ShareGPT records share: the turns under `list_key` (each read by
// `read_item`, with its index for error messages), "id", a "metadata" object, and any other
// top-level scalar as metadata; without an id, "file:line".
using ItemFn = simdjson::error_code (*)(simdjson::dom::element, ReadContext&, Conversation&,
                                        std::size_t);
simdjson::error_code read_envelope(simdjson::dom::object o, std::string_view list_key,
                                   ItemFn read_item, ReadContext& ctx, Conversation& c);
// The scalar fields of a "metadata" object (nested objects and arrays are not segments).
simdjson::error_code read_metadata_object(simdjson::dom::element v, ReadContext& ctx,
                                          Conversation& c);

class RecordReader {
 public:
  RecordReader();
  ~RecordReader();

  struct Outcome {
    bool ok = false;
    bool repaired_utf8 = false;
    bool invalid_utf8 = false;  // internal: the first parse met invalid UTF-8
    std::string warning;        // the reader degraded gracefully; the record was audited
    ErrorKind kind = ErrorKind::invalid_json;
    std::string message;
    InputFormat format = InputFormat::auto_detect;
  };

  // `record` must be followed by at least SIMDJSON_PADDING readable bytes (`capacity` counts
  // the record and those bytes). With `format` auto_detect the record's keys decide. With
  // `keys_first`, the record's keys decide too and `format` (the file's) is only the fallback
  // for a record that has neither "turns" nor "messages": a file may mix formats.
  Outcome read(const char* record, std::size_t length, std::size_t capacity, InputFormat format,
               std::string_view source_name, std::uint64_t line, Conversation& c,
               bool keys_first = false);

  // Row formats: the rows of one grouped record (Batch::rows) as one conversation. A row that
  // cannot be read goes to `row_errors` and is skipped; the outcome fails only when no row gave
  // a turn. `csv` is the file's layout for CSV rows.
  Outcome read_group(const char* bytes, std::span<const RowSlice> rows, std::uint32_t part,
                     InputFormat format, const CsvLayout* csv, std::string_view source_name,
                     Conversation& c, std::vector<RowError>& row_errors);

  // --map: records are read through this mapping (the pointer must outlive the reader).
  void set_mapping(const FieldMap* map) { map_ = map; }
  // --handoff-name patterns (the vector must outlive the reader).
  void set_handoff_names(const std::vector<std::string>* names) { handoff_names_ = names; }

  // Looks at a record's keys only: which reader would take it (auto_detect: none).
  InputFormat detect(const char* record, std::size_t length, std::size_t capacity);

 private:
  Outcome parse(const char* data, std::size_t length, std::size_t capacity, InputFormat format,
                std::string_view source_name, std::uint64_t line, Conversation& c, bool keys_first);

  // A copy of `bytes` with invalid UTF-8 replaced by U+FFFD, padded for the parser (reused).
  std::string_view repaired_copy(std::string_view bytes);

  simdjson::dom::parser parser_;
  std::string repaired_;
  TextArena arena_;
  RowState row_state_;
  std::unique_ptr<CsvRowReader> csv_;
  const FieldMap* map_ = nullptr;
  const std::vector<std::string>* handoff_names_ = nullptr;
};

}  // namespace audit
