// Any other JSON, read through --map (docs/formats.md has two worked examples):
//   --map id=ticket.id --map turns=comments --map role=author.type --map text=body
//   --map time=created_at --map metadata.channel=via.channel --map role.end-user=user
// `id`, `turns` and `metadata.NAME` are paths in the record; `role`, `text` and `time` are paths
// in each element of the turns array. A path is dotted keys, with numbers for array elements
// (`parts.0.body`); cli.cpp turns it into a JSON pointer once. Role values are read like CSV
// speaker labels (customer, user, assistant, bot, agent, admin, ...) and `role.VALUE=ROLE` adds or
// overrides one. Without a role path, turns alternate user, bot, user... A turn whose text path
// is absent or null has empty text (an attachment, a note).
#include <fmt/format.h>

#include "input/csv.hpp"
#include "input/html.hpp"
#include "input/schema.hpp"
#include "text/utf8.hpp"

namespace audit {

namespace dom = simdjson::dom;

namespace {

// The element at a mapped path; false when the path does not lead anywhere.
template <typename Node>
bool at(Node e, const MapPath& path, dom::element& out) {
  return e.at_pointer(path.pointer).get(out) == simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code read_mapped(dom::object o, ReadContext& ctx, Conversation& c) {
  const FieldMap& map = *ctx.map;
  const dom::object record = o;
  dom::element v;
  bool is_null = false;
  if (!map.id.empty() && at(record, map.id, v)) {
    if (auto err = scalar_text(v, ctx.arena, c.id, is_null)) {
      ctx.detail = fmt::format("{} (--map id): expected a string or a number", map.id.written);
      return err;
    }
  }
  for (const auto& [name, path] : map.metadata) {
    std::string_view value;
    if (at(record, path, v) && scalar_text(v, ctx.arena, value, is_null) == simdjson::SUCCESS &&
        !is_null)
      c.metadata.push_back({name, value});
  }
  dom::array turns;
  if (!at(record, map.turns, v)) {
    ctx.detail = fmt::format("{} (--map turns): not found", map.turns.written);
    return simdjson::NO_SUCH_FIELD;
  }
  if (auto err = v.get_array().get(turns)) {
    ctx.detail = fmt::format("{} (--map turns): expected an array", map.turns.written);
    return err;
  }
  std::size_t i = 0;
  for (dom::element item : turns) {
    Turn turn;
    turn.role = i % 2 == 0 ? Role::user : Role::bot;
    if (!map.role.empty()) {
      std::string_view label;
      if (!at(item, map.role, v) || v.get_string().get(label) != simdjson::SUCCESS) {
        ctx.detail = fmt::format("{}[{}].{} (--map role): expected a string", map.turns.written, i,
                                 map.role.written);
        return simdjson::INCORRECT_TYPE;
      }
      if (!role_from_label(label, map.roles, turn.role)) {
        std::string shown;
        append_printable(utf8_prefix(label, 40), shown);
        ctx.detail = fmt::format(
            "{}[{}]: role \"{}\" is not one chataudit knows; map it with --map "
            "role.{}=user|bot|agent|system",
            map.turns.written, i, shown, shown);
        return simdjson::INCORRECT_TYPE;
      }
    }
    if (!map.text.empty() && at(item, map.text, v) && !v.is_null()) {
      if (auto err = v.get_string().get(turn.text)) {
        ctx.detail = fmt::format("{}[{}].{} (--map text): expected a string", map.turns.written, i,
                                 map.text.written);
        return err;
      }
      // Help-desk bodies are often HTML (Intercom's conversation_parts[].body).
      if (looks_like_html(turn.text)) turn.text = html_to_text(turn.text, ctx.arena);
    }
    if (!map.time.empty() && at(item, map.time, v)) {
      std::string_view when;
      if (v.get_string().get(when) == simdjson::SUCCESS) {
        turn.time_ms = parse_time_text(when);
      } else if (v.is_number()) {
        const double n = v.get_double().value_unsafe();
        if (n > 0 && n < 1e14) turn.time_ms = static_cast<std::int64_t>(n < 1e11 ? n * 1000 : n);
      }
    }
    turn.first_event = static_cast<std::uint32_t>(c.events.size());
    c.turns.push_back(turn);
    ++i;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

}  // namespace audit
