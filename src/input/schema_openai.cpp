// OpenAI chat messages (the fine-tuning / chat-completions shape):
//   {"id"?: "...", "metadata"?: {...}, "messages": [{"role": "user", "content": "..."}]}
// `content` is a string, null (an assistant turn that only calls tools), or a list of parts
// whose text parts are joined with a newline. Roles: user -> user, assistant -> bot,
// system/developer/tool/function -> system. Without an id, the record is named "file:line".
#include <fmt/format.h>

#include "input/record_reader.hpp"

namespace audit {

namespace ondemand = simdjson::ondemand;

namespace {

simdjson::error_code read_parts(ondemand::array parts, ReadContext& ctx, std::size_t i,
                                std::string_view& text) {
  ctx.arena.begin();
  bool first = true;
  std::size_t k = 0;
  for (auto part : parts) {
    ondemand::value pv;
    if (auto err = part.get(pv)) return err;
    ondemand::json_type t;
    if (auto err = pv.type().get(t)) return err;
    std::string_view piece;
    bool is_text = false;
    if (t == ondemand::json_type::string) {
      if (auto err = pv.get_string().get(piece)) return err;
      is_text = true;
    } else if (t == ondemand::json_type::object) {
      ondemand::object po;
      if (auto err = pv.get_object().get(po)) return err;
      for (auto field : po) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key)) return err;
        if (key == "text") {
          ondemand::value tv;
          if (auto err = field.value().get(tv)) return err;
          if (auto err = tv.get_string().get(piece)) {
            ctx.detail = fmt::format("messages[{}].content[{}].text: expected a string", i, k);
            return err;
          }
          is_text = true;
        }
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

simdjson::error_code read_message(ondemand::value v, ReadContext& ctx, Conversation& c,
                                  std::size_t i) {
  ondemand::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = fmt::format("messages[{}]: expected an object", i);
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
    if (key == "role") {
      std::string_view role;
      if (auto err = fv.get_string().get(role)) {
        ctx.detail = fmt::format("messages[{}].role: expected a string", i);
        return err;
      }
      if (!role_from_string(role, turn.role)) {
        ctx.detail = fmt::format("messages[{}].role: unknown role \"{}\"", i, role.substr(0, 40));
        return simdjson::INCORRECT_TYPE;
      }
      has_role = true;
    } else if (key == "content") {
      ondemand::json_type t;
      if (auto err = fv.type().get(t)) return err;
      if (t == ondemand::json_type::string) {
        if (auto err = fv.get_string().get(turn.text)) return err;
      } else if (t == ondemand::json_type::array) {
        ondemand::array parts;
        if (auto err = fv.get_array().get(parts)) return err;
        if (auto err = read_parts(parts, ctx, i, turn.text)) return err;
      } else if (t != ondemand::json_type::null) {
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

simdjson::error_code read_openai(ondemand::object o, ReadContext& ctx, Conversation& c) {
  bool has_messages = false;
  for (auto field : o) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    ondemand::value v;
    if (auto err = field.value().get(v)) return err;
    if (key == "messages") {
      ondemand::array messages;
      if (auto err = v.get_array().get(messages)) {
        ctx.detail = "messages: expected an array";
        return err;
      }
      std::size_t i = 0;
      for (auto m : messages) {
        ondemand::value mv;
        if (auto err = m.get(mv)) return err;
        if (auto err = read_message(mv, ctx, c, i++)) return err;
      }
      has_messages = true;
    } else if (key == "id") {
      bool is_null = false;
      if (auto err = scalar_text(v, c.id, is_null)) {
        ctx.detail = "id: expected a string or a number";
        return err;
      }
    } else if (key == "metadata") {
      ondemand::object mo;
      if (auto err = v.get_object().get(mo)) {
        ctx.detail = "metadata: expected an object";
        return err;
      }
      for (auto mf : mo) {
        std::string_view mkey, value;
        if (auto err = mf.unescaped_key().get(mkey)) return err;
        ondemand::value mv;
        if (auto err = mf.value().get(mv)) return err;
        bool is_null = false;
        if (scalar_text(mv, value, is_null) == simdjson::SUCCESS && !is_null)
          c.metadata.push_back({mkey, value});
      }
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
