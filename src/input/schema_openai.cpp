// OpenAI chat messages (the fine-tuning / chat-completions shape):
//   {"id"?: "...", "metadata"?: {...}, "messages": [{"role": "user", "content": "..."}]}
// `content` is a string, null (an assistant turn that only calls tools), or a list of parts
// whose text parts are joined with a newline. Roles: user -> user, assistant -> bot,
// system/developer/tool/function -> system. Without an id, the record is named "file:line".
#include <fmt/format.h>

#include "input/record_reader.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

simdjson::error_code read_parts(dom::array parts, ReadContext& ctx, std::size_t i,
                                std::string_view& text) {
  ctx.arena.begin();
  bool first = true;
  std::size_t k = 0;
  for (dom::element part : parts) {
    std::string_view piece;
    bool is_text = false;
    if (part.is_string()) {
      piece = part.get_string().value_unsafe();
      is_text = true;
    } else if (part.is_object()) {
      dom::element t;
      if (part.get_object().value_unsafe()["text"].get(t) == simdjson::SUCCESS) {
        if (auto err = t.get_string().get(piece)) {
          ctx.detail = fmt::format("messages[{}].content[{}].text: expected a string", i, k);
          return err;
        }
        is_text = true;
      }
    }
    // Images, audio and other non-text parts carry nothing the rules can read.
    if (is_text) {
      if (!first) ctx.arena.append("\n");
      ctx.arena.append(piece);
      first = false;
    }
    ++k;
  }
  text = ctx.arena.finish();
  return simdjson::SUCCESS;
}

simdjson::error_code read_message(dom::element v, ReadContext& ctx, Conversation& c,
                                  std::size_t i) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("messages[{}]: expected an object", i);
    return err;
  }
  Turn turn;
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  bool has_role = false;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "role") {
      std::string_view role;
      if (auto err = kv.value.get_string().get(role)) {
        ctx.detail = fmt::format("messages[{}].role: expected a string", i);
        return err;
      }
      if (!role_from_string(role, turn.role)) {
        ctx.detail = fmt::format("messages[{}].role: unknown role \"{}\"", i, role.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
      has_role = true;
    } else if (kv.key == "content") {
      if (kv.value.is_string()) {
        turn.text = kv.value.get_string().value_unsafe();
      } else if (kv.value.is_array()) {
        if (auto err = read_parts(kv.value.get_array().value_unsafe(), ctx, i, turn.text))
          return err;
      } else if (!kv.value.is_null()) {
        ctx.detail =
            fmt::format("messages[{}].content: expected a string, a list of parts or null", i);
        return simdjson::INCORRECT_TYPE;
      }
    }
  }
  if (!has_role) {
    ctx.detail = fmt::format("messages[{}]: missing \"role\"", i);
    return simdjson::NO_SUCH_FIELD;
  }
  c.turns.push_back(turn);
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_openai(dom::object o, ReadContext& ctx, Conversation& c) {
  bool has_messages = false;
  for (dom::key_value_pair kv : o) {
    if (kv.key == "messages") {
      dom::array messages;
      if (auto err = kv.value.get_array().get(messages)) {
        ctx.detail = "messages: expected an array";
        return err;
      }
      std::size_t i = 0;
      for (dom::element m : messages) {
        if (auto err = read_message(m, ctx, c, i++)) return err;
      }
      has_messages = true;
    } else if (kv.key == "id") {
      bool is_null = false;
      if (auto err = scalar_text(kv.value, ctx.arena, c.id, is_null)) {
        ctx.detail = "id: expected a string or a number";
        return err;
      }
    } else if (kv.key == "metadata") {
      if (auto err = read_metadata_object(kv.value, ctx, c)) return err;
    }
    // Other top-level fields (tools, parallel_tool_calls, ...) are fine-tuning settings.
  }
  if (!has_messages) {
    ctx.detail = "missing \"messages\"";
    return simdjson::NO_SUCH_FIELD;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

}  // namespace audit
