// Amazon Connect chat transcripts, as the Contact Lens post-chat analysis file has them (one
// conversation per file, usually pretty-printed):
//   {"CustomerMetadata": {"ContactId": "..."}, "Channel": "CHAT", "LanguageCode": "en-US",
//    "Transcript": [{"Id": "...", "AbsoluteTime": "2022-10-27T03:32:03.462Z", "Type": "MESSAGE",
//                    "ParticipantRole": "AGENT", "ContentType": "text/plain", "Content": "..."}],
//    "ConversationCharacteristics": {"Sentiment": {"DetailsByTranscriptItemGroup": [
//      {"ParticipantRole": "CUSTOMER", "Sentiment": "NEGATIVE", "TranscriptItems": [{"Id":
//      ...}]}]}}}
// MESSAGE items are turns: CUSTOMER -> user; AGENT, SUPERVISOR -> agent; SYSTEM and CUSTOM_BOT
// (the contact flow's and the Lex bot's prompts) -> bot until a human agent is there and system
// after it (queue and status notices); a message with no role -> system. An item without a Type
// is a message when it has Content. An EVENT whose ContentType ends in `participant.joined` with
// ParticipantRole AGENT, or in `transfer.succeeded`, is an empty system turn carrying a handoff
// event (a human is there from then on, as from the first AGENT or SUPERVISOR message); other
// events (participant.left, chat.ended, transfer.failed, typing, receipts) are not turns.
// Sentiment is not on the item: each group of DetailsByTranscriptItemGroup names its items by
// Id, and the turns of those items get a sentiment event named after the label (POSITIVE +1,
// NEGATIVE -1, NEUTRAL and MIXED 0). Metadata: Channel and LanguageCode. The id is
// CustomerMetadata.ContactId; without it the record is named "file:line".
#include <fmt/format.h>

#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

enum class Participant { none, customer, agent, supervisor, system, custom_bot };

bool participant_from_string(std::string_view s, Participant& out) {
  struct Alias {
    std::string_view name;
    Participant participant;
  };
  static constexpr Alias kAliases[] = {
      {"CUSTOMER", Participant::customer},     {"AGENT", Participant::agent},
      {"SUPERVISOR", Participant::supervisor}, {"SYSTEM", Participant::system},
      {"CUSTOM_BOT", Participant::custom_bot},
  };
  for (const Alias& a : kAliases) {
    if (a.name == s) {
      out = a.participant;
      return true;
    }
  }
  return false;
}

constexpr std::string_view kGroupsPath =
    "ConversationCharacteristics.Sentiment.DetailsByTranscriptItemGroup";

// Finds the sentiment groups wherever they are in the record, and checks their types once so
// that the lookups below can read them without error paths. No groups: `groups` stays empty.
simdjson::error_code find_sentiment_groups(dom::object o, ReadContext& ctx, dom::array& groups,
                                           bool& has_groups) {
  has_groups = false;
  dom::element v;
  if (o["ConversationCharacteristics"].get(v)) return simdjson::SUCCESS;
  dom::object characteristics;
  if (auto err = v.get_object().get(characteristics)) {
    ctx.detail = "ConversationCharacteristics: expected an object";
    return err;
  }
  if (characteristics["Sentiment"].get(v)) return simdjson::SUCCESS;
  dom::object sentiment;
  if (auto err = v.get_object().get(sentiment)) {
    ctx.detail = "ConversationCharacteristics.Sentiment: expected an object";
    return err;
  }
  if (sentiment["DetailsByTranscriptItemGroup"].get(v)) return simdjson::SUCCESS;
  if (auto err = v.get_array().get(groups)) {
    ctx.detail = fmt::format("{}: expected an array", kGroupsPath);
    return err;
  }
  std::size_t g = 0;
  for (dom::element group : groups) {
    dom::object go;
    if (auto err = group.get_object().get(go)) {
      ctx.detail = fmt::format("{}[{}]: expected an object", kGroupsPath, g);
      return err;
    }
    std::string_view label;
    if (auto err = go["Sentiment"].get_string().get(label)) {
      ctx.detail = fmt::format("{}[{}].Sentiment: expected a string", kGroupsPath, g);
      return err;
    }
    dom::array items;
    if (auto err = go["TranscriptItems"].get_array().get(items)) {
      ctx.detail = fmt::format("{}[{}].TranscriptItems: expected an array", kGroupsPath, g);
      return err;
    }
    std::size_t k = 0;
    for (dom::element item : items) {
      std::string_view id;
      dom::object io;
      if (auto err = item.get_object().get(io)) {
        ctx.detail =
            fmt::format("{}[{}].TranscriptItems[{}]: expected an object", kGroupsPath, g, k);
        return err;
      }
      if (auto err = io["Id"].get_string().get(id)) {
        ctx.detail =
            fmt::format("{}[{}].TranscriptItems[{}].Id: expected a string", kGroupsPath, g, k);
        return err;
      }
      ++k;
    }
    ++g;
  }
  has_groups = true;
  return simdjson::SUCCESS;
}

// The sentiment label of a transcript item, or empty. A linear scan of the (checked) groups: a
// chat has tens of items, and the scan allocates nothing.
std::string_view sentiment_of(dom::array groups, std::string_view id) {
  for (dom::element group : groups) {
    const dom::object go = group.get_object().value_unsafe();
    const dom::array items = go["TranscriptItems"].get_array().value_unsafe();
    for (dom::element item : items) {
      const dom::object io = item.get_object().value_unsafe();
      if (io["Id"].get_string().value_unsafe() == id)
        return go["Sentiment"].get_string().value_unsafe();
    }
  }
  return {};
}

double sentiment_value(std::string_view label) {
  if (label == "POSITIVE") return 1;
  if (label == "NEGATIVE") return -1;
  return 0;  // NEUTRAL, MIXED, and labels this reader does not know
}

struct Item {
  std::string_view id, type, content_type, content;
  Participant participant = Participant::none;
  bool has_content = false;
  std::int64_t time_ms = -1;
};

simdjson::error_code read_item_fields(dom::element v, ReadContext& ctx, std::size_t i, Item& item) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("Transcript[{}]: expected an object", i);
    return err;
  }
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "Content") {
      if (kv.value.is_null()) continue;
      if (auto err = kv.value.get_string().get(item.content)) {
        ctx.detail = fmt::format("Transcript[{}].Content: expected a string", i);
        return err;
      }
      item.has_content = true;
    } else if (key == "ParticipantRole") {
      if (kv.value.is_null()) continue;
      std::string_view role;
      if (auto err = kv.value.get_string().get(role)) {
        ctx.detail = fmt::format("Transcript[{}].ParticipantRole: expected a string", i);
        return err;
      }
      if (!participant_from_string(role, item.participant)) {
        ctx.detail = fmt::format(
            "Transcript[{}].ParticipantRole: unknown role \"{}\" (CUSTOMER, AGENT, SUPERVISOR, "
            "SYSTEM, CUSTOM_BOT)",
            i, role.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
    } else if (key == "Id" || key == "Type" || key == "ContentType") {
      std::string_view& field =
          key == "Id" ? item.id : (key == "Type" ? item.type : item.content_type);
      if (auto err = kv.value.get_string().get(field)) {
        ctx.detail = fmt::format("Transcript[{}].{}: expected a string", i, key);
        return err;
      }
    } else if (key == "AbsoluteTime") {
      // An unparseable time is ignored, as in the other formats.
      if (kv.value.is_string())
        item.time_ms = parse_timestamp_ms(kv.value.get_string().value_unsafe());
    }
  }
  return simdjson::SUCCESS;
}

// The handoff an EVENT item stands for ("participant.joined", "transfer.succeeded"), or empty.
std::string_view handoff_event(const Item& item) {
  const bool joined =
      item.content_type.ends_with("participant.joined") || item.type == "PARTICIPANT_JOINED";
  if (joined && item.participant == Participant::agent) return "participant.joined";
  if (item.content_type.ends_with("transfer.succeeded") || item.type == "TRANSFER_SUCCEEDED")
    return "transfer.succeeded";
  return {};
}

simdjson::error_code read_item(dom::element v, ReadContext& ctx, Conversation& c, dom::array groups,
                               bool has_groups, bool& human_present, std::size_t i) {
  Item item;
  if (auto err = read_item_fields(v, ctx, i, item)) return err;
  Turn turn;
  turn.time_ms = item.time_ms;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  if (item.type == "MESSAGE" || (item.type.empty() && item.has_content)) {
    turn.text = item.content;
    switch (item.participant) {
      case Participant::customer:
        turn.role = Role::user;
        break;
      case Participant::agent:
      case Participant::supervisor:
        turn.role = Role::agent;
        human_present = true;
        break;
      case Participant::system:
      case Participant::custom_bot:
        turn.role = human_present ? Role::system : Role::bot;
        break;
      case Participant::none:
        turn.role = Role::system;
        break;
    }
  } else {
    const std::string_view handoff = handoff_event(item);
    if (handoff.empty()) return simdjson::SUCCESS;  // not a turn
    turn.role = Role::system;
    c.events.push_back(Event{EventKind::handoff, handoff, 0});
    human_present = true;
  }
  if (has_groups && !item.id.empty()) {
    const std::string_view label = sentiment_of(groups, item.id);
    if (!label.empty())
      c.events.push_back(Event{EventKind::sentiment, label, sentiment_value(label)});
  }
  turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
  c.turns.push_back(turn);
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_contact_lens(dom::object o, ReadContext& ctx, Conversation& c) {
  // The sentiment block may come before or after the transcript: look it up first.
  dom::array groups;
  bool has_groups = false;
  if (auto err = find_sentiment_groups(o, ctx, groups, has_groups)) return err;

  bool has_transcript = false;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "Transcript") {
      dom::array transcript;
      if (auto err = kv.value.get_array().get(transcript)) {
        ctx.detail = "Transcript: expected an array";
        return err;
      }
      bool human_present = false;
      std::size_t i = 0;
      for (dom::element item : transcript) {
        if (auto err = read_item(item, ctx, c, groups, has_groups, human_present, i++)) return err;
      }
      has_transcript = true;
    } else if (key == "CustomerMetadata") {
      dom::object metadata;
      if (auto err = kv.value.get_object().get(metadata)) {
        ctx.detail = "CustomerMetadata: expected an object";
        return err;
      }
      dom::element id;
      if (metadata["ContactId"].get(id) == simdjson::SUCCESS) {
        bool is_null = false;
        if (auto err = scalar_text(id, ctx.arena, c.id, is_null)) {
          ctx.detail = "CustomerMetadata.ContactId: expected a string";
          return err;
        }
      }
    } else if (key == "Channel" || key == "LanguageCode") {
      std::string_view value;
      bool is_null = false;
      if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null)
        c.metadata.push_back({key, value});
    }
  }
  if (!has_transcript) {
    ctx.detail = "missing \"Transcript\"";
    return simdjson::NO_SUCH_FIELD;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

}  // namespace audit
