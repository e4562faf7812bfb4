// ShareGPT / FastChat conversations (the shape of many chat fine-tuning sets):
//   {"id"?: "...", "conversations": [{"from": "human", "value": "..."}, {"from": "gpt", ...}]}
// `from` is case-insensitive: human/user -> user; gpt/chatgpt/bard/bing/assistant/model -> bot;
// system, and tool output (tool/function/function_call/observation) -> system; anything else is
// an error. `value` is a string, or null or missing for an empty turn. Other top-level scalar
// fields (model, lang, system, ...) are metadata, like the scalar fields of an optional
// "metadata" object. Without an id, the record is named "file:line".
#include <fmt/format.h>

#include "input/schema.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

bool speaker_role(std::string_view from, Role& out) {
  static constexpr RoleAlias kAliases[] = {
      {"human", Role::user},         {"user", Role::user},       {"gpt", Role::bot},
      {"chatgpt", Role::bot},        {"bard", Role::bot},        {"bing", Role::bot},
      {"assistant", Role::bot},      {"model", Role::bot},       {"system", Role::system},
      {"tool", Role::system},        {"function", Role::system}, {"function_call", Role::system},
      {"observation", Role::system},
  };
  return role_from_aliases(from, kAliases, out);
}

simdjson::error_code read_message(dom::element v, ReadContext& ctx, Conversation& c,
                                  std::size_t i) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("conversations[{}]: expected an object", i);
    return err;
  }
  Turn turn;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  bool has_from = false;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "from") {
      std::string_view from;
      if (auto err = kv.value.get_string().get(from)) {
        ctx.detail = fmt::format("conversations[{}].from: expected a string", i);
        return err;
      }
      if (!speaker_role(from, turn.role)) {
        ctx.detail = fmt::format(
            "conversations[{}].from: unknown speaker \"{}\" (human, gpt, system, tool, ...)", i,
            from.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
      has_from = true;
    } else if (kv.key == "value") {
      if (kv.value.is_string()) {
        turn.text = kv.value.get_string().value_unsafe();
      } else if (!kv.value.is_null()) {
        ctx.detail = fmt::format("conversations[{}].value: expected a string or null", i);
        return simdjson::INCORRECT_TYPE;
      }
    }
    // Other fields ("weight", "loss", ...) are training settings.
  }
  if (!has_from) {
    ctx.detail = fmt::format("conversations[{}]: missing \"from\"", i);
    return simdjson::NO_SUCH_FIELD;
  }
  c.turns.push_back(turn);
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_sharegpt(dom::object o, ReadContext& ctx, Conversation& c) {
  return read_envelope(o, "conversations", read_message, ctx, c);
}

}  // namespace audit
