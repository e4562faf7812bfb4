// The native format, chataudit's own (docs/formats.md): one conversation per record,
//   {"id": "c1", "channel": "web", "turns": [{"role": "user", "text": "...", "ts": "...",
//    "events": [{"type": "handoff"}]}]}
// Every other top-level scalar field is metadata (channel, locale, bot_version, ...), and so
// are the scalar fields of an optional "metadata" object. The fields are read in one pass, in
// whatever order they come.
#include <fmt/format.h>

#include "input/record_reader.hpp"

namespace audit {

namespace ondemand = simdjson::ondemand;

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

simdjson::error_code read_event(ondemand::value v, ReadContext& ctx, Conversation& c,
                                std::size_t turn, std::size_t k) {
  Event e;
  ondemand::json_type t;
  if (auto err = v.type().get(t)) return err;
  if (t == ondemand::json_type::string) {  // "events": ["fallback"] is accepted as shorthand
    std::string_view type;
    if (auto err = v.get_string().get(type)) return err;
    e.kind = event_kind(type);
    e.name = type;
    c.events.push_back(e);
    return simdjson::SUCCESS;
  }
  ondemand::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("turns[{}].events[{}]: expected an object or a string", turn, k);
    return err;
  }
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    ondemand::value fv;
    if (auto err = field.value().get(fv)) return err;
    if (key == "type") {
      std::string_view type;
      if (auto err = fv.get_string().get(type)) {
        ctx.detail = fmt::format("turns[{}].events[{}].type: expected a string", turn, k);
        return err;
      }
      e.kind = event_kind(type);
      if (e.name.empty()) e.name = type;
    } else if (key == "name") {
      if (auto err = fv.get_string().get(e.name)) {
        ctx.detail = fmt::format("turns[{}].events[{}].name: expected a string", turn, k);
        return err;
      }
    } else if (key == "confidence" || key == "score" || key == "value") {
      if (auto err = fv.get_double().get(e.value)) {
        ctx.detail = fmt::format("turns[{}].events[{}].{}: expected a number", turn, k, key);
        return err;
      }
    }
  }
  c.events.push_back(e);
  return simdjson::SUCCESS;
}

simdjson::error_code read_turn(ondemand::value v, ReadContext& ctx, Conversation& c,
                               std::size_t i) {
  ondemand::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("turns[{}]: expected an object", i);
    return err;
  }
  Turn turn;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  bool has_role = false;
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    ondemand::value fv;
    if (auto err = field.value().get(fv)) return err;
    if (key == "role" || key == "speaker") {
      std::string_view role;
      if (auto err = fv.get_string().get(role)) {
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
      if (auto err = scalar_text(fv, turn.text, is_null)) {
        ctx.detail = fmt::format("turns[{}].text: expected a string", i);
        return err;
      }
    } else if (key == "ts" || key == "timestamp") {
      ondemand::json_type t;
      if (auto err = fv.type().get(t)) return err;
      if (t == ondemand::json_type::string) {
        std::string_view ts;
        if (auto err = fv.get_string().get(ts)) return err;
        turn.time_ms = parse_timestamp_ms(ts);
      } else if (t == ondemand::json_type::number) {
        double secs = 0;
        if (auto err = fv.get_double().get(secs)) return err;
        // Seconds since the epoch; values this large can only be milliseconds.
        turn.time_ms = static_cast<std::int64_t>(secs >= 1e11 ? secs : secs * 1000.0);
      }
    } else if (key == "events") {
      ondemand::array events;
      if (auto err = fv.get_array().get(events)) {
        ctx.detail = fmt::format("turns[{}].events: expected an array", i);
        return err;
      }
      std::size_t k = 0;
      for (auto ev : events) {
        ondemand::value ev_value;
        if (auto err = ev.get(ev_value)) return err;
        if (auto err = read_event(ev_value, ctx, c, i, k++)) return err;
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

simdjson::error_code read_metadata_object(ondemand::value v, ReadContext& ctx, Conversation& c) {
  ondemand::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = "metadata: expected an object";
    return err;
  }
  for (auto field : o) {
    std::string_view key, value;
    if (auto err = field.unescaped_key().get(key)) return err;
    ondemand::value fv;
    if (auto err = field.value().get(fv)) return err;
    bool is_null = false;
    if (scalar_text(fv, value, is_null) == simdjson::SUCCESS) {
      if (!is_null) c.metadata.push_back({key, value});
    }
    // Nested objects and arrays inside metadata are not segments; they are skipped.
  }
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_native(ondemand::object o, ReadContext& ctx, Conversation& c) {
  bool has_turns = false;
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    ondemand::value v;
    if (auto err = field.value().get(v)) return err;
    if (key == "turns") {
      ondemand::array turns;
      if (auto err = v.get_array().get(turns)) {
        ctx.detail = "turns: expected an array";
        return err;
      }
      std::size_t i = 0;
      for (auto t : turns) {
        ondemand::value tv;
        if (auto err = t.get(tv)) return err;
        if (auto err = read_turn(tv, ctx, c, i++)) return err;
      }
      has_turns = true;
    } else if (key == "id") {
      bool is_null = false;
      if (auto err = scalar_text(v, c.id, is_null)) {
        ctx.detail = "id: expected a string or a number";
        return err;
      }
    } else if (key == "metadata") {
      if (auto err = read_metadata_object(v, ctx, c)) return err;
    } else {
      std::string_view value;
      bool is_null = false;
      if (scalar_text(v, value, is_null) == simdjson::SUCCESS && !is_null)
        c.metadata.push_back({key, value});
    }
  }
  if (!has_turns) {
    ctx.detail = "missing \"turns\"";
    return simdjson::NO_SUCH_FIELD;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

}  // namespace audit
