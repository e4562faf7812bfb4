// Rasa trackers (what `GET /conversations/{id}/tracker` and the tracker stores return), one
// conversation per record:
//   {"sender_id": "c1", "latest_input_channel": "rest", "slots": {...}, "latest_message": {...},
//    "events": [{"event": "user", "timestamp": 1517821726.2, "text": "hi",
//                "parse_data": {"intent": {"name": "greet", "confidence": 0.54}}},
//               {"event": "action", "name": "utter_greet"},
//               {"event": "bot", "text": "Hey! How can I help?"}, ...]}
// The turns come from `events`, in file order (Rasa's timestamps may be slightly out of order):
//   - `user`: a user turn with `text`; `parse_data.intent.name` (and `.confidence`) becomes an
//     intent event. An intent named `nlu_fallback` marks the NEXT bot turn as a fallback: the
//     user turn is what was not understood, the bot turn that answers it is the failure.
//   - `action` named `action_default_fallback`, `action_default_ask_affirmation` or
//     `action_default_ask_rephrase`: a text-less bot turn with a fallback event; named with
//     `handoff` or `human` in it (any case, `utter_` ones included): a text-less bot turn with a
//     handoff event; other `utter_*`: a text-less bot turn with an `other` event (the action
//     name). Every other action (`action_listen`, `action_session_start`, custom actions) makes
//     no turn.
//   - `bot`: a bot turn with `text` (null: empty). Newer Rasa logs an action and then the `bot`
//     event it uttered: a `bot` event that follows a text-less turn made by an action, with no
//     other action, user or bot event in between, gives that turn its text instead of adding a
//     turn. Older trackers have no `bot` events at all: their bot turns stay text-less.
//   - `timestamp` (float seconds since the epoch) is the turn's time. Every other event (slot,
//     session_started, restart, rewind, active_loop, pause, ...) is ignored; several sessions
//     in one tracker stay one conversation.
// The id is `sender_id` (without it, "file:line"); `latest_input_channel` is the metadata
// field "channel".
#include <fmt/format.h>

#include <cmath>

#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

constexpr std::uint32_t kNoTurn = RowState::kNoTurn;

// What a tracker has said so far that decides how the next event is read: RowState's
// action_turn (a text-less bot turn an action made, awaiting its text) and nlu_fallback (the
// last user turn was not understood). For the event stream it is kept across rows.
using TrackerState = RowState;

constexpr std::size_t kStreamRow = static_cast<std::size_t>(-1);

// Where an event is, for messages: "events[3]" in a tracker, "event" for a row of the stream.
std::string at(std::size_t i) {
  return i == kStreamRow ? std::string("event") : fmt::format("events[{}]", i);
}

bool contains_ci(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < needle.size() && same; ++k) {
      char ch = s[i + k];
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      same = ch == needle[k];
    }
    if (same) return true;
  }
  return false;
}

// The bot turn an action makes, if any: false for actions that say nothing to the customer.
// Does a Rasa action or intent name a handoff? --handoff-name patterns (default "handoff",
// "human"), matched anywhere in the name, ignoring case.
bool names_handoff(std::string_view name, const ReadContext& ctx) {
  static const std::vector<std::string> kDefault = {"handoff", "human"};
  const std::vector<std::string>& patterns =
      ctx.handoff_names != nullptr ? *ctx.handoff_names : kDefault;
  for (const std::string& p : patterns)
    if (contains_ci(name, p)) return true;
  return false;
}

bool action_event(std::string_view name, const ReadContext& ctx, Event& e) {
  static constexpr std::string_view kFallbacks[] = {
      "action_default_fallback", "action_default_ask_affirmation", "action_default_ask_rephrase"};
  e.name = name;
  for (std::string_view f : kFallbacks) {
    if (name == f) {
      e.kind = EventKind::fallback;
      return true;
    }
  }
  if (names_handoff(name, ctx)) {
    e.kind = EventKind::handoff;
    return true;
  }
  if (name.starts_with("utter_")) {
    e.kind = EventKind::other;
    return true;
  }
  return false;
}

// `text` of a user or bot event: a string, null or absent.
simdjson::error_code event_text(dom::element v, ReadContext& ctx, std::size_t i,
                                std::string_view& text) {
  if (v.is_null()) return simdjson::SUCCESS;
  if (auto err = v.get_string().get(text)) {
    ctx.detail = fmt::format("{}.text: expected a string or null", at(i));
    return err;
  }
  text = ctx.keep(text);
  return simdjson::SUCCESS;
}

// `parse_data.intent` of a user event: an intent event when it has a name. The NLU fields may
// be null (a message the NLU did not process), never of another type.
simdjson::error_code read_intent(dom::element v, ReadContext& ctx, Conversation& c, std::size_t i,
                                 bool& nlu_fallback) {
  if (v.is_null()) return simdjson::SUCCESS;
  dom::object parse_data;
  if (auto err = v.get_object().get(parse_data)) {
    ctx.detail = fmt::format("{}.parse_data: expected an object", at(i));
    return err;
  }
  dom::element intent_value;
  if (parse_data["intent"].get(intent_value) || intent_value.is_null()) return simdjson::SUCCESS;
  dom::object intent;
  if (auto err = intent_value.get_object().get(intent)) {
    ctx.detail = fmt::format("{}.parse_data.intent: expected an object", at(i));
    return err;
  }
  Event e;
  e.kind = EventKind::intent;
  for (dom::key_value_pair kv : intent) {
    if (kv.key == "name") {
      if (kv.value.is_null()) continue;
      if (auto err = kv.value.get_string().get(e.name)) {
        ctx.detail = fmt::format("{}.parse_data.intent.name: expected a string", at(i));
        return err;
      }
    } else if (kv.key == "confidence") {
      if (kv.value.is_null()) continue;
      if (auto err = kv.value.get_double().get(e.value)) {
        ctx.detail = fmt::format("{}.parse_data.intent.confidence: expected a number", at(i));
        return err;
      }
    }
  }
  if (e.name.empty()) return simdjson::SUCCESS;
  nlu_fallback = e.name == "nlu_fallback";
  e.name = ctx.keep(e.name);
  // An intent that names a handoff ("human_handoff", "request_human") is the customer asking
  // for a person: a platform request, whatever the words.
  if (names_handoff(e.name, ctx)) c.events.push_back({EventKind::human_request, e.name, e.value});
  c.events.push_back(e);
  return simdjson::SUCCESS;
}

// A bot turn, with the action's event if it has one, and a fallback event if it answers a user
// turn the NLU did not understand (unless the action already is a fallback).
void add_bot_turn(Conversation& c, TrackerState& state, std::string_view text, std::int64_t time_ms,
                  const Event* action) {
  Turn turn;
  turn.role = Role::bot;
  turn.text = text;
  turn.time_ms = time_ms;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  if (action) c.events.push_back(*action);
  if (state.nlu_fallback && !(action && action->kind == EventKind::fallback))
    c.events.push_back({EventKind::fallback, "nlu_fallback", 0});
  state.nlu_fallback = false;
  turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
  c.turns.push_back(turn);
}

simdjson::error_code read_event(dom::object o, ReadContext& ctx, Conversation& c, std::size_t i,
                                TrackerState& state) {
  std::string_view type;
  bool has_type = false, has_text = false, has_name = false, has_parse_data = false;
  dom::element text_value, name_value, parse_data;
  std::int64_t time_ms = -1;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "event") {
      if (auto err = kv.value.get_string().get(type)) {
        ctx.detail = fmt::format("{}.event: expected a string", at(i));
        return err;
      }
      has_type = true;
    } else if (kv.key == "text") {
      text_value = kv.value;
      has_text = true;
    } else if (kv.key == "name") {
      name_value = kv.value;
      has_name = true;
    } else if (kv.key == "parse_data") {
      parse_data = kv.value;
      has_parse_data = true;
    } else if (kv.key == "timestamp" && kv.value.is_number()) {
      const double secs = kv.value.get_double().value_unsafe();
      if (secs > -1e12 && secs < 1e12) time_ms = std::llround(secs * 1000.0);
    }
  }
  if (!has_type) {
    ctx.detail = fmt::format("{}: missing \"event\"", at(i));
    return simdjson::NO_SUCH_FIELD;
  }

  if (type == "user") {
    Turn turn;
    turn.role = Role::user;
    turn.time_ms = time_ms;
    if (has_text) {
      if (auto err = event_text(text_value, ctx, i, turn.text)) return err;
    }
    turn.first_event = static_cast<std::uint32_t>(c.events.size());
    state.nlu_fallback = false;
    if (has_parse_data) {
      if (auto err = read_intent(parse_data, ctx, c, i, state.nlu_fallback)) return err;
    }
    turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
    c.turns.push_back(turn);
    state.action_turn = kNoTurn;
  } else if (type == "bot") {
    std::string_view text;
    if (has_text) {
      if (auto err = event_text(text_value, ctx, i, text)) return err;
    }
    if (state.action_turn != kNoTurn) {
      Turn& turn = c.turns[state.action_turn];
      turn.text = text;
      if (turn.time_ms < 0) turn.time_ms = time_ms;
    } else {
      add_bot_turn(c, state, text, time_ms, nullptr);
    }
    state.action_turn = kNoTurn;
  } else if (type == "action") {
    if (!has_name) {
      ctx.detail = fmt::format("{}: missing \"name\"", at(i));
      return simdjson::NO_SUCH_FIELD;
    }
    std::string_view name;
    if (auto err = name_value.get_string().get(name)) {
      ctx.detail = fmt::format("{}.name: expected a string", at(i));
      return err;
    }
    state.action_turn = kNoTurn;
    Event e;
    if (action_event(ctx.keep(name), ctx, e)) {
      add_bot_turn(c, state, {}, time_ms, &e);
      state.action_turn = static_cast<std::uint32_t>(c.turns.size() - 1);
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_rasa(dom::object o, ReadContext& ctx, Conversation& c) {
  bool has_events = false;
  TrackerState state;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "events") {
      dom::array events;
      if (auto err = kv.value.get_array().get(events)) {
        ctx.detail = "events: expected an array";
        return err;
      }
      std::size_t i = 0;
      for (dom::element e : events) {
        dom::object event;
        if (auto err = e.get_object().get(event)) {
          ctx.detail = fmt::format("{}: expected an object", at(i));
          return err;
        }
        if (auto err = read_event(event, ctx, c, i++, state)) return err;
      }
      has_events = true;
    } else if (kv.key == "sender_id") {
      bool is_null = false;
      if (auto err = scalar_text(kv.value, ctx.arena, c.id, is_null)) {
        ctx.detail = "sender_id: expected a string";
        return err;
      }
    } else if (kv.key == "latest_input_channel") {
      std::string_view channel;
      if (kv.value.get_string().get(channel) == simdjson::SUCCESS && !channel.empty())
        c.metadata.push_back({"channel", channel});
    }
    // slots, latest_message, latest_action, paused, active_loop, ...: the bot's state.
  }
  if (!has_events) {
    ctx.detail = "missing \"events\"";
    return simdjson::NO_SUCH_FIELD;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

// The event stream (`rasa export` to a broker): one event per line, with the sender_id added.
// The grouper (input/grouping.hpp) has put one sender's events of one session together, in file
// order; each is read like a tracker event, with the state kept across rows.
simdjson::error_code read_rasa_event_row(dom::object o, ReadContext& ctx, Conversation& c) {
  if (c.id.empty()) {
    dom::element sender;
    bool is_null = false;
    if (o["sender_id"].get(sender) == simdjson::SUCCESS) {
      if (auto err = scalar_text(sender, ctx.arena, c.id, is_null)) {
        ctx.detail = "sender_id: expected a string";
        return err;
      }
      c.id = ctx.keep(c.id);
    }
  }
  std::string_view channel;
  if (c.metadata.empty() && o["input_channel"].get_string().get(channel) == simdjson::SUCCESS &&
      !channel.empty())
    c.metadata.push_back({"channel", ctx.keep(channel)});
  return read_event(o, ctx, c, kStreamRow, *ctx.state);
}

}  // namespace audit
