// The schema table: every record format chataudit reads, the top-level key that identifies it
// (auto-detection), and its reader. Adding a format: one schema_<name>.cpp and one row here.
#pragma once

#include <span>
#include <string_view>

#include "input/record_reader.hpp"

namespace audit {

struct Schema {
  InputFormat format;
  std::string_view name;  // the --input-format value
  std::string_view key;   // a top-level key only this format has
  SchemaFn read;
};

std::span<const Schema> all_schemas();
const Schema* schema_for(InputFormat f);

simdjson::error_code read_sharegpt(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_rasa(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_contact_lens(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_ccai(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
// Bot Framework transcripts are arrays, not objects: the record reader calls this directly.
simdjson::error_code read_botframework(simdjson::dom::array activities, ReadContext& ctx,
                                       Conversation& c);

}  // namespace audit
