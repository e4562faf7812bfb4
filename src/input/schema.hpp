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
  SchemaFn read;          // a record that is one conversation
  // Row formats: the reader of one row, and the top-level field whose value groups rows into
  // conversations (input/grouping.hpp).
  RowFn read_row = nullptr;
  std::string_view group_key = {};
};

std::span<const Schema> all_schemas();
const Schema* schema_for(InputFormat f);

simdjson::error_code read_sharegpt(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_rasa(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_contact_lens(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_ccai(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
// Copilot Studio / Direct Line envelopes around Bot Framework activities.
simdjson::error_code read_botframework_envelope(simdjson::dom::object o, ReadContext& ctx,
                                                Conversation& c);
simdjson::error_code read_mapped(simdjson::dom::object o, ReadContext& ctx, Conversation& c);
simdjson::error_code read_rasa_event_row(simdjson::dom::object o, ReadContext& ctx,
                                         Conversation& c);
simdjson::error_code read_dialogflow_row(simdjson::dom::object o, ReadContext& ctx,
                                         Conversation& c);
// After the last row: Dialogflow rows back in turn_position order.
void finish_dialogflow(ReadContext& ctx, Conversation& c);
// Bot Framework transcripts are arrays, not objects: the record reader calls this directly.
simdjson::error_code read_botframework(simdjson::dom::array activities, ReadContext& ctx,
                                       Conversation& c);

}  // namespace audit
