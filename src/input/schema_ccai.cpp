// Google CCAI Insights conversation files (the JSON a chat transcript is uploaded to Contact
// Center AI Insights as; one conversation per file or per JSONL line):
//   {"conversation_info": {"categories": [{"display_name": "billing"}]},
//    "entries": [{"text": "How can I help?", "role": "AUTOMATED_AGENT", "user_id": 1,
//                 "start_timestamp_usec": 1700000000000000}]}
// Roles (case-insensitive): AUTOMATED_AGENT (the virtual agent) -> bot; AGENT, HUMAN_AGENT ->
// agent; CUSTOMER, END_USER -> user; anything else is an error. There is no handoff marker: the
// change from AUTOMATED_AGENT to a human agent is the handoff, and agent turns already count as
// one. start_timestamp_usec (microseconds since the epoch: a number, or a string of digits as
// proto3 JSON writes 64-bit integers) becomes milliseconds. The file has no id of its own: the id
// is conversation_info.conversation_id, else a top-level "name" (an API resource name) or "id",
// else "file:line". The other scalar fields of conversation_info and of the top level are
// metadata; user_id is not kept.
#include <fmt/format.h>

#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

bool ccai_role(std::string_view s, Role& out) {
  static constexpr RoleAlias kAliases[] = {
      {"automated_agent", Role::bot}, {"agent", Role::agent},   {"human_agent", Role::agent},
      {"customer", Role::user},       {"end_user", Role::user},
  };
  return role_from_aliases(s, kAliases, out);
}

// Microseconds since the epoch, as a number or a string of digits, to milliseconds.
bool usec_to_ms(dom::element v, std::int64_t& ms) {
  if (v.is_int64()) {
    ms = v.get_int64().value_unsafe() / 1000;
    return true;
  }
  if (v.is_uint64()) return false;  // beyond any date
  if (v.is_double()) {
    const double usec = v.get_double().value_unsafe();
    if (!(usec > -9e18 && usec < 9e18)) return false;
    ms = static_cast<std::int64_t>(usec / 1000.0);
    return true;
  }
  if (v.is_string()) {
    const std::string_view s = v.get_string().value_unsafe();
    if (s.empty() || s.size() > 18) return false;
    std::int64_t usec = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') return false;
      usec = usec * 10 + (ch - '0');
    }
    ms = usec / 1000;
    return true;
  }
  return false;
}

simdjson::error_code read_entry(dom::element v, ReadContext& ctx, Conversation& c, std::size_t i) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("entries[{}]: expected an object", i);
    return err;
  }
  Turn turn;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  bool has_role = false;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "role") {
      std::string_view role;
      if (auto err = kv.value.get_string().get(role)) {
        ctx.detail = fmt::format("entries[{}].role: expected a string", i);
        return err;
      }
      if (!ccai_role(role, turn.role)) {
        ctx.detail = fmt::format(
            "entries[{}].role: unknown role \"{}\" (AUTOMATED_AGENT, AGENT, HUMAN_AGENT, "
            "CUSTOMER, END_USER)",
            i, role.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
      has_role = true;
    } else if (key == "text") {
      if (kv.value.is_null()) continue;
      if (auto err = kv.value.get_string().get(turn.text)) {
        ctx.detail = fmt::format("entries[{}].text: expected a string", i);
        return err;
      }
    } else if (key == "start_timestamp_usec") {
      if (kv.value.is_null()) continue;
      if (!usec_to_ms(kv.value, turn.time_ms)) {
        ctx.detail = fmt::format(
            "entries[{}].start_timestamp_usec: expected microseconds since the epoch", i);
        return simdjson::INCORRECT_TYPE;
      }
    }
  }
  if (!has_role) {
    ctx.detail = fmt::format("entries[{}]: missing \"role\"", i);
    return simdjson::NO_SUCH_FIELD;
  }
  c.turns.push_back(turn);
  return simdjson::SUCCESS;
}

// conversation_info: its conversation_id, and its other scalar fields as metadata.
simdjson::error_code read_conversation_info(dom::element v, ReadContext& ctx, Conversation& c,
                                            std::string_view& id) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = "conversation_info: expected an object";
    return err;
  }
  for (dom::key_value_pair kv : o) {
    std::string_view value;
    bool is_null = false;
    if (kv.key == "conversation_id") {
      if (auto err = scalar_text(kv.value, ctx.arena, id, is_null)) {
        ctx.detail = "conversation_info.conversation_id: expected a string or a number";
        return err;
      }
    } else if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null) {
      c.metadata.push_back({kv.key, value});
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_ccai(dom::object o, ReadContext& ctx, Conversation& c) {
  bool has_entries = false;
  std::string_view conversation_id, name, id;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == "entries") {
      dom::array entries;
      if (auto err = kv.value.get_array().get(entries)) {
        ctx.detail = "entries: expected an array";
        return err;
      }
      std::size_t i = 0;
      for (dom::element e : entries) {
        if (auto err = read_entry(e, ctx, c, i++)) return err;
      }
      has_entries = true;
    } else if (key == "conversation_info") {
      if (auto err = read_conversation_info(kv.value, ctx, c, conversation_id)) return err;
    } else if (key == "name" || key == "id") {
      bool is_null = false;
      if (auto err = scalar_text(kv.value, ctx.arena, key == "name" ? name : id, is_null)) {
        ctx.detail = fmt::format("{}: expected a string or a number", key);
        return err;
      }
    } else {
      std::string_view value;
      bool is_null = false;
      if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null)
        c.metadata.push_back({key, value});
    }
  }
  if (!has_entries) {
    ctx.detail = "missing \"entries\"";
    return simdjson::NO_SUCH_FIELD;
  }
  c.id = !conversation_id.empty() ? conversation_id : (!name.empty() ? name : id);
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

}  // namespace audit
