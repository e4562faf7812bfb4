// CSV, long form: one row per turn (RFC 4180: fields may be quoted, quotes doubled inside, and
// commas and newlines inside quotes belong to the field). The first row is the header; columns
// are found by name (docs/formats.md has the list), or named with --map:
//   conversation_id,timestamp,role,text,channel
//   c1,2026-11-20T09:00:00Z,customer,"Hi, where is my order?",web
// Columns that are not id/role/text/time/intent/event are metadata (from the conversation's first
// row). The delimiter is the one of , ; TAB the header uses most (outside quotes).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "input/record_reader.hpp"
#include "options.hpp"

namespace audit {

struct CsvLayout {
  char delimiter = ',';
  int id = -1, role = -1, text = -1, time = -1, intent = -1, event = -1;
  std::vector<std::string> names;                   // header names as written
  std::vector<bool> is_metadata;                    // per column
  std::vector<std::pair<std::string, Role>> roles;  // --map role.VALUE=ROLE (lower case)
};

// Splits one row into fields. A quoted field with doubled quotes is unescaped into `scratch`,
// which must not be touched while the fields are in use (it is reserved to the row's size, so
// the views stay valid). False, with `error` set, for a quote in the wrong place.
// The delimiter of a CSV file from its header line: the most frequent of ',', ';' and TAB
// outside quotes (',' on a tie).
char csv_delimiter_of(std::string_view header);

bool split_csv_row(std::string_view row, char delimiter, std::vector<std::string_view>& fields,
                   std::string& scratch, std::string& error);

// Reads the header. False, with `error`, when no text column is found.
bool read_csv_header(std::string_view header, const FieldMap& map, CsvLayout& out,
                     std::string& error);

// Could this first line be the header of a chat CSV (a delimiter, and a column that holds text)?
bool looks_like_csv_header(std::string_view line);

// A header name or speaker label as a key: lower case, trimmed, spaces and dashes as '_'
// ("Live Agent" -> "live_agent").
std::string label_key(std::string_view name);

// A speaker label as exports write it ("customer", "Assistant", "live_agent", ...), or a
// --map role.VALUE mapping. False for a label nobody maps.
bool role_from_label(std::string_view label, std::span<const std::pair<std::string, Role>> mapped,
                     Role& out);

// A timestamp as text: ISO 8601, or seconds / milliseconds since the epoch. -1 if neither.
std::int64_t parse_time_text(std::string_view s);

class CsvRowReader {
 public:
  // Reads one row (a view into the batch; the batch outlives the conversation). Text that had to
  // be unescaped or repaired is copied into ctx.arena.
  bool read_row(std::string_view row, const CsvLayout& layout, bool first_row, ReadContext& ctx,
                Conversation& c, std::string& error, bool& repaired_utf8);

 private:
  std::vector<std::string_view> fields_;
  std::string scratch_, repaired_;
};

}  // namespace audit
