#include "input/schema.hpp"

namespace audit {

std::span<const Schema> all_schemas() {
  static constexpr Schema kSchemas[] = {
      {InputFormat::native, "native", "turns", read_native},
      {InputFormat::openai, "openai", "messages", read_openai},
      {InputFormat::sharegpt, "sharegpt", "conversations", read_sharegpt},
      {InputFormat::rasa, "rasa", "events", read_rasa},
      {InputFormat::contact_lens, "contact-lens", "Transcript", read_contact_lens},
      {InputFormat::ccai, "ccai", "entries", read_ccai},
      // A transcript is an array of activities (read_botframework); no object key names it.
      {InputFormat::botframework, "botframework", "", nullptr},
      // The same activities in an envelope: Direct Line / Copilot Studio ({"activities": [...]})
      // or a Dataverse ConversationTranscript row ({"content": "{\"activities\": ...}"}).
      {InputFormat::copilot, "copilot", "activities", read_botframework_envelope},
      {InputFormat::copilot, "copilot", "content", read_botframework_envelope},
      // Row formats: one record per event / turn, grouped by a key.
      {InputFormat::rasa_events, "rasa-events", "event", nullptr, read_rasa_event_row, "sender_id"},
      {InputFormat::dialogflow, "dialogflow", "conversation_name", nullptr, read_dialogflow_row,
       "conversation_name"},
      // CSV is recognised by the framer (its header), not by a JSON key.
      {InputFormat::csv, "csv", "", nullptr},
      // Any JSON through --map: chosen by the mapping, never by a key.
      {InputFormat::mapped, "mapped", "", read_mapped},
  };
  return kSchemas;
}

const Schema* schema_for(InputFormat f) {
  for (const Schema& s : all_schemas())
    if (s.format == f) return &s;
  return nullptr;
}

}  // namespace audit
