// The native format, chataudit's own (docs/formats.md): one conversation per record,
//   {"id": "c1", "channel": "web", "turns": [{"role": "user", "text": "...", "ts": "...",
//    "events": [{"type": "handoff"}]}]}
// Every other top-level scalar field is metadata (channel, locale, bot_version, ...), and so
// are the scalar fields of an optional "metadata" object. The fields are read in one pass, in
// whatever order they come.
#include <fmt/format.h>

#include "input/record_reader.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

EventKind event_kind(std::string_view type) {
  struct Alias {
    std::string_view name;
    EventKind kind;
  };
  static constexpr Alias kAliases[] = {
      {"handoff", EventKind::handoff},       {"handover", EventKind::handoff},
      {"escalation", EventKind::handoff},    {"transfer", EventKind::handoff},
      {"agent_handoff", EventKind::handoff}, {"fallback", EventKind::fallback},
      {"no_match", EventKind::fallback},     {"nomatch", EventKind::fallback},
      {"intent", EventKind::intent},         {"sentiment", EventKind::sentiment},
  };
  for (const Alias& a : kAliases)
    if (a.name == type) return a.kind;
  return EventKind::other;
}

simdjson::error_code read_event(dom::element v, ReadContext& ctx, Conversation& c, std::size_t turn,
                                std::size_t k) {
  Event e;
  if (v.is_string()) {  // "events": ["fallback"] is accepted as shorthand
    e.name = v.get_string().value_unsafe();
    e.kind = event_kind(e.name);
    c.events.push_back(e);
    return simdjson::SUCCESS;
  }
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("turns[{}].events[{}]: expected an object or a string", turn, k);
    return err;
  }
  for (dom::key_value_pair kv : o) {
    if (kv.key == "type") {
      std::string_view type;
      if (auto err = kv.value.get_string().get(type)) {
        ctx.detail = fmt::format("turns[{}].events[{}].type: expected a string", turn, k);
        return err;
      }
      e.kind = event_kind(type);
      if (e.name.empty()) e.name = type;
    } else if (kv.key == "name") {
      if (auto err = kv.value.get_string().get(e.name)) {
        ctx.detail = fmt::format("turns[{}].events[{}].name: expected a string", turn, k);
        return err;
      }
    } else if (kv.key == "confidence" || kv.key == "score" || kv.key == "value") {
      if (auto err = kv.value.get_double().get(e.value)) {
        ctx.detail = fmt::format("turns[{}].events[{}].{}: expected a number", turn, k, kv.key);
        return err;
      }
    }
  }
  c.events.push_back(e);
  return simdjson::SUCCESS;
}

simdjson::error_code read_turn(dom::element v, ReadContext& ctx, Conversation& c, std::size_t i) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("turns[{}]: expected an object", i);
    return err;
  }
  Turn turn;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  bool has_role = false;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "role" || key == "speaker") {
      std::string_view role;
      if (auto err = kv.value.get_string().get(role)) {
        ctx.detail = fmt::format("turns[{}].{}: expected a string", i, key);
        return err;
      }
      if (!role_from_string(role, turn.role)) {
        ctx.detail = fmt::format("turns[{}].{}: unknown role \"{}\" (user, bot, agent, system)", i,
                                 key, role.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
      has_role = true;
    } else if (key == "text") {
      bool is_null = false;
      if (auto err = scalar_text(kv.value, ctx.arena, turn.text, is_null)) {
        ctx.detail = fmt::format("turns[{}].text: expected a string", i);
        return err;
      }
    } else if (key == "ts" || key == "timestamp") {
      if (kv.value.is_string()) {
        turn.time_ms = parse_timestamp_ms(kv.value.get_string().value_unsafe());
      } else if (kv.value.is_number()) {
        const double secs = kv.value.get_double().value_unsafe();
        // Seconds since the epoch; values this large can only be milliseconds.
        if (secs > -1e15 && secs < 1e15)
          turn.time_ms = static_cast<std::int64_t>(secs >= 1e11 ? secs : secs * 1000.0);
      }
    } else if (key == "events") {
      dom::array events;
      if (auto err = kv.value.get_array().get(events)) {
        ctx.detail = fmt::format("turns[{}].events: expected an array", i);
        return err;
      }
      std::size_t k = 0;
      for (dom::element ev : events) {
        if (auto err = read_event(ev, ctx, c, i, k++)) return err;
      }
    }
  }
  if (!has_role) {
    ctx.detail = fmt::format("turns[{}]: missing \"role\"", i);
    return simdjson::NO_SUCH_FIELD;
  }
  turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
  c.turns.push_back(turn);
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_native(dom::object o, ReadContext& ctx, Conversation& c) {
  return read_envelope(o, "turns", read_turn, ctx, c);
}

}  // namespace audit
