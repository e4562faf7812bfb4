#include "input/csv.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>

#include "text/utf8.hpp"

namespace audit {

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool in_list(std::string_view name, std::span<const std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Default column names (lower case; spaces and dashes read as underscores).
constexpr std::string_view kIdColumns[] = {
    "conversation_id", "conversation", "conversationid", "conv_id",   "session_id",
    "session",         "sessionid",    "chat_id",        "thread_id", "ticket_id",
    "dialog_id",       "dialogue_id",  "sender_id",      "contact_id"};
constexpr std::string_view kRoleColumns[] = {
    "role",        "speaker",          "author",      "sender",       "from",
    "participant", "participant_role", "author_type", "speaker_role", "actor"};
constexpr std::string_view kTextColumns[] = {"text",      "message", "content",      "body",
                                             "utterance", "msg",     "message_text", "transcript"};
constexpr std::string_view kTimeColumns[] = {"timestamp", "time", "ts",      "created_at",
                                             "datetime",  "date", "sent_at", "created"};

}  // namespace

std::string label_key(std::string_view name) {
  std::string k = lower_trimmed(name);
  if (k.size() >= 3 && k.compare(0, 3, "\xEF\xBB\xBF") == 0) k.erase(0, 3);
  for (char& c : k)
    if (c == ' ' || c == '-') c = '_';
  return k;
}

char csv_delimiter_of(std::string_view header) {
  std::size_t comma = 0, semi = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semi += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}

bool split_csv_row(std::string_view row, char delimiter, std::vector<std::string_view>& fields,
                   std::string& scratch, std::string& error) {
  fields.clear();
  scratch.clear();
  scratch.reserve(row.size());  // never reallocated below: the views into it stay valid
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  std::size_t i = 0;
  for (;;) {
    if (i < row.size() && row[i] == '"') {
      // Quoted: up to the lone closing quote; "" inside is one quote.
      std::size_t start = ++i;
      bool doubled = false;
      for (;;) {
        std::size_t q = row.find('"', i);
        if (q == std::string_view::npos) {
          error = "a quoted field is not closed";
          return false;
        }
        if (q + 1 < row.size() && row[q + 1] == '"') {
          doubled = true;
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      std::string_view raw = row.substr(start, i - 1 - start);
      if (doubled) {
        const std::size_t at = scratch.size();
        for (std::size_t k = 0; k < raw.size(); ++k) {
          scratch.push_back(raw[k]);
          if (raw[k] == '"') ++k;
        }
        fields.emplace_back(scratch.data() + at, scratch.size() - at);
      } else {
        fields.push_back(raw);
      }
      if (i < row.size() && row[i] != delimiter) {
        error = fmt::format("field {}: text after the closing quote", fields.size());
        return false;
      }
    } else {
      std::size_t end = row.find(delimiter, i);
      if (end == std::string_view::npos) end = row.size();
      // A quote inside an unquoted field is text ("my 5\" screen"), as spreadsheets write it.
      fields.push_back(row.substr(i, end - i));
      i = end;
    }
    if (i >= row.size()) return true;
    ++i;  // the delimiter
  }
}

bool read_csv_header(std::string_view header, const FieldMap& map, CsvLayout& out,
                     std::string& error) {
  out = CsvLayout{};
  out.delimiter = csv_delimiter_of(header);
  std::vector<std::string_view> fields;
  std::string scratch;
  if (!split_csv_row(header, out.delimiter, fields, scratch, error)) {
    error = "header: " + error;
    return false;
  }
  for (std::string_view f : fields)
    out.names.emplace_back(f);
  auto find = [&](const MapPath& mapped, std::span<const std::string_view> defaults,
                  std::string_view what, int& column) {
    if (!mapped.empty()) {
      const std::string want = label_key(mapped.written);
      for (std::size_t i = 0; i < out.names.size(); ++i)
        if (label_key(out.names[i]) == want) column = static_cast<int>(i);
      if (column < 0) {
        error = fmt::format("--map {}={}: the header has no such column", what, mapped.written);
        return false;
      }
      return true;
    }
    for (std::size_t i = 0; i < out.names.size() && column < 0; ++i)
      if (in_list(label_key(out.names[i]), defaults)) column = static_cast<int>(i);
    return true;
  };
  if (!find(map.id, kIdColumns, "id", out.id) || !find(map.role, kRoleColumns, "role", out.role) ||
      !find(map.text, kTextColumns, "text", out.text) ||
      !find(map.time, kTimeColumns, "time", out.time))
    return false;
  for (std::size_t i = 0; i < out.names.size(); ++i) {
    const std::string k = label_key(out.names[i]);
    if (k == "intent" && out.intent < 0) out.intent = static_cast<int>(i);
    if (k == "event" && out.event < 0) out.event = static_cast<int>(i);
  }
  if (out.text < 0) {
    error =
        "header: no text column (one of text, message, content, body, utterance; or --map "
        "text=COLUMN)";
    return false;
  }
  if (out.role < 0) {
    error =
        "header: no role column (one of role, speaker, author, sender, from, participant; or "
        "--map role=COLUMN)";
    return false;
  }
  out.is_metadata.assign(out.names.size(), true);
  for (int c : {out.id, out.role, out.text, out.time, out.intent, out.event})
    if (c >= 0) out.is_metadata[static_cast<std::size_t>(c)] = false;
  out.roles = map.roles;
  return true;
}

bool looks_like_csv_header(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const char delimiter = csv_delimiter_of(line);
  if (line.find(delimiter) == std::string_view::npos) return false;
  std::vector<std::string_view> fields;
  std::string scratch, error;
  if (!split_csv_row(line, delimiter, fields, scratch, error)) return false;
  bool text = false, role = false;
  for (std::string_view f : fields) {
    const std::string k = label_key(f);
    text = text || in_list(k, kTextColumns);
    role = role || in_list(k, kRoleColumns);
  }
  return text && role;
}

bool role_from_label(std::string_view label, std::span<const std::pair<std::string, Role>> mapped,
                     Role& out) {
  // The label's key (as column_key) in a stack buffer: this runs for every row.
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t'))
    label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t' || label.back() == '\r'))
    label.remove_suffix(1);
  char buf[40];
  if (label.size() > sizeof buf) return false;  // no role name is that long; nor a mapped one
  for (std::size_t i = 0; i < label.size(); ++i) {
    char c = label[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    buf[i] = c == ' ' || c == '-' ? '_' : c;
  }
  const std::string_view k(buf, label.size());
  // A mapped value matches when its characters, read the same way, are the key's.
  auto same_key = [&](std::string_view value) {
    if (value.size() != k.size()) return false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      char c = value[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c == ' ' || c == '-' ? '_' : c) != k[i]) return false;
    }
    return true;
  };
  for (const auto& [value, role] : mapped) {
    if (same_key(value)) {
      out = role;
      return true;
    }
  }
  if (role_from_string(k, out)) return true;
  // Labels of help-desk and chat exports beyond the ones every reader knows.
  static constexpr RoleAlias kLabels[] = {
      {"visitor", Role::user},  {"enduser", Role::user},     {"consumer", Role::user},
      {"caller", Role::user},   {"contact", Role::user},     {"lead", Role::user},
      {"guest", Role::user},    {"requester", Role::user},   {"va", Role::bot},
      {"gpt", Role::bot},       {"live_agent", Role::agent}, {"admin", Role::agent},
      {"support", Role::agent}, {"rep", Role::agent},        {"teammate", Role::agent},
  };
  return role_from_aliases(k, kLabels, out);
}

std::int64_t parse_time_text(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  if (s.empty()) return -1;
  const std::int64_t iso = parse_timestamp_ms(s);
  if (iso >= 0) return iso;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !(v > 0) || v > 1e14) return -1;
  // Seconds until the year 5138; beyond that, milliseconds.
  return v < 1e11 ? static_cast<std::int64_t>(v * 1000.0) : static_cast<std::int64_t>(v);
}

bool CsvRowReader::read_row(std::string_view row, const CsvLayout& layout, bool first_row,
                            ReadContext& ctx, Conversation& c, std::string& error,
                            bool& repaired_utf8) {
  repaired_utf8 = false;
  if (!simdjson::validate_utf8(row.data(), row.size())) {
    repaired_.clear();
    repair_utf8(row, repaired_);
    row = ctx.arena.store(repaired_);
    repaired_utf8 = true;
  }
  if (!split_csv_row(row, layout.delimiter, fields_, scratch_, error)) return false;
  auto field = [&](int column) -> std::string_view {
    if (column < 0 || static_cast<std::size_t>(column) >= fields_.size()) return {};
    std::string_view f = fields_[static_cast<std::size_t>(column)];
    // Unescaped fields live in scratch_, which the next row reuses: keep a copy.
    if (f.data() >= scratch_.data() && f.data() < scratch_.data() + scratch_.capacity())
      return ctx.arena.store(f);
    return f;
  };
  if (fields_.size() < static_cast<std::size_t>(std::max(layout.role, layout.text)) + 1) {
    error = fmt::format("{} fields, the header has {}", fields_.size(), layout.names.size());
    return false;
  }
  const std::string_view label = field(layout.role);
  Turn turn;
  if (!role_from_label(label, layout.roles, turn.role)) {
    std::string shown;
    append_printable(utf8_prefix(label, 40), shown);
    error = fmt::format(
        "{}: \"{}\" is not a role chataudit knows; map it with --map role.{}=user|bot|agent|system",
        layout.names[static_cast<std::size_t>(layout.role)], shown, shown);
    return false;
  }
  turn.text = field(layout.text);
  if (layout.time >= 0) turn.time_ms = parse_time_text(field(layout.time));
  turn.first_event = static_cast<std::uint32_t>(c.events.size());
  if (std::string_view intent = field(layout.intent); !intent.empty())
    c.events.push_back({EventKind::intent, intent, 0});
  if (std::string_view event = field(layout.event); !event.empty()) {
    const std::string k = lower_trimmed(event);
    EventKind kind = EventKind::other;
    if (k == "handoff" || k == "escalation" || k == "transfer") kind = EventKind::handoff;
    if (k == "fallback" || k == "no_match" || k == "nomatch") kind = EventKind::fallback;
    c.events.push_back({kind, event, 0});
  }
  turn.event_count = static_cast<std::uint32_t>(c.events.size()) - turn.first_event;
  c.turns.push_back(turn);
  if (first_row) {
    if (layout.id >= 0) c.id = field(layout.id);
    for (std::size_t i = 0; i < fields_.size() && i < layout.names.size(); ++i) {
      if (!layout.is_metadata[i] || fields_[i].empty()) continue;
      c.metadata.push_back({layout.names[i], field(static_cast<int>(i))});
    }
  }
  return true;
}

}  // namespace audit
