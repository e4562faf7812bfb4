#include "input/record_reader.hpp"

#include <fmt/format.h>

#include <cstring>

#include "input/csv.hpp"
#include "input/schema.hpp"
#include "text/utf8.hpp"

namespace audit {

namespace dom = simdjson::dom;

// --- TextArena ---------------------------------------------------------------------------------

namespace {
constexpr std::size_t kArenaBlock = 64 * 1024;
// Records up to this size keep the parser's buffers; a larger one gets a fresh parser so one
// huge record does not pin its memory for the rest of the run.
constexpr std::size_t kParserKeepBytes = std::size_t{4} << 20;
}  // namespace

char* TextArena::reserve(std::size_t n) {
  while (block_ < blocks_.size() && used_ + n > sizes_[block_]) {
    ++block_;
    used_ = 0;
  }
  if (block_ == blocks_.size()) {
    std::size_t size = std::max(kArenaBlock, n);
    blocks_.push_back(std::make_unique<char[]>(size));
    sizes_.push_back(size);
    used_ = 0;
  }
  char* p = blocks_[block_].get() + used_;
  used_ += n;
  return p;
}

std::string_view TextArena::store(std::string_view s) {
  if (s.empty()) return {};
  char* p = reserve(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void TextArena::begin() {
  building_.clear();
}
void TextArena::append(std::string_view s) {
  building_.append(s);
}
std::string_view TextArena::finish() {
  return store(building_);
}

void TextArena::reset() {
  // Keep the first block for the next record; give big one-off blocks back.
  if (blocks_.size() > 4) {
    blocks_.resize(1);
    sizes_.resize(1);
  }
  block_ = 0;
  used_ = 0;
}

// --- helpers -----------------------------------------------------------------------------------

std::string_view format_name(InputFormat f) {
  const Schema* schema = schema_for(f);
  return schema ? schema->name : "auto";
}

bool role_from_aliases(std::string_view s, std::span<const RoleAlias> aliases, Role& out) {
  for (const RoleAlias& a : aliases) {
    if (a.name.size() != s.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < s.size() && same; ++i) {
      char ch = s[i];
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      same = ch == a.name[i];
    }
    if (same) {
      out = a.role;
      return true;
    }
  }
  return false;
}

bool role_from_string(std::string_view s, Role& out) {
  static constexpr RoleAlias kAliases[] = {
      {"user", Role::user},           {"customer", Role::user},
      {"human", Role::user},          {"end_user", Role::user},
      {"client", Role::user},         {"bot", Role::bot},
      {"assistant", Role::bot},       {"ai", Role::bot},
      {"virtual_agent", Role::bot},   {"chatbot", Role::bot},
      {"automated_agent", Role::bot}, {"agent", Role::agent},
      {"human_agent", Role::agent},   {"operator", Role::agent},
      {"staff", Role::agent},         {"representative", Role::agent},
      {"system", Role::system},       {"developer", Role::system},
      {"tool", Role::system},         {"function", Role::system},
  };
  return role_from_aliases(s, kAliases, out);
}

namespace {

int digits(std::string_view s, std::size_t pos, std::size_t n, bool& ok) {
  if (pos + n > s.size()) {
    ok = false;
    return 0;
  }
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      ok = false;
      return 0;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

// ISO-8601 / RFC 3339: 2026-11-20T09:14:03Z, 2026-11-20 09:14:03.250+01:00. -1 if not that.
std::int64_t parse_timestamp_ms(std::string_view s) {
  bool ok = true;
  int year = digits(s, 0, 4, ok);
  if (!ok || s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':')
    return -1;
  int mon = digits(s, 5, 2, ok), day = digits(s, 8, 2, ok);
  int hh = digits(s, 11, 2, ok), mm = digits(s, 14, 2, ok), ss = digits(s, 17, 2, ok);
  if (!ok || mon < 1 || mon > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return -1;
  std::size_t i = 19;
  int ms = 0;
  if (i < s.size() && s[i] == '.') {
    int scale = 100;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      ms += (s[i] - '0') * scale;
      scale /= 10;
    }
  }
  int offset_min = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int sign = s[i] == '-' ? -1 : 1;
    int oh = digits(s, i + 1, 2, ok);
    std::size_t j = i + 3;
    if (j < s.size() && s[j] == ':') ++j;
    int om = j < s.size() ? digits(s, j, 2, ok) : 0;
    if (!ok) return -1;
    offset_min = sign * (oh * 60 + om);
  }
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(mon), static_cast<unsigned>(day));
  std::int64_t secs = days * 86400 + hh * 3600 + mm * 60 + ss - offset_min * 60;
  return secs * 1000 + ms;
}

simdjson::error_code scalar_text(dom::element v, TextArena& arena, std::string_view& out,
                                 bool& is_null) {
  is_null = false;
  switch (v.type()) {
    case dom::element_type::STRING:
      return v.get_string().get(out);
    case dom::element_type::INT64:
      out = arena.store(fmt::format("{}", v.get_int64().value_unsafe()));
      return simdjson::SUCCESS;
    case dom::element_type::UINT64:
      out = arena.store(fmt::format("{}", v.get_uint64().value_unsafe()));
      return simdjson::SUCCESS;
    case dom::element_type::DOUBLE:
      out = arena.store(fmt::format("{}", v.get_double().value_unsafe()));
      return simdjson::SUCCESS;
    case dom::element_type::BOOL:
      out = v.get_bool().value_unsafe() ? "true" : "false";
      return simdjson::SUCCESS;
    case dom::element_type::NULL_VALUE:
      is_null = true;
      return simdjson::SUCCESS;
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

simdjson::error_code read_metadata_object(dom::element v, ReadContext& ctx, Conversation& c) {
  dom::object o;
  if (auto err = v.get_object().get(o)) {
    ctx.detail = "metadata: expected an object";
    return err;
  }
  for (dom::key_value_pair kv : o) {
    std::string_view value;
    bool is_null = false;
    if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null)
      c.metadata.push_back({kv.key, value});
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_envelope(dom::object o, std::string_view list_key, ItemFn read_item,
                                   ReadContext& ctx, Conversation& c) {
  bool has_list = false;
  for (dom::key_value_pair kv : o) {
    const std::string_view key = kv.key;
    if (key == list_key) {
      dom::array items;
      if (auto err = kv.value.get_array().get(items)) {
        ctx.detail = fmt::format("{}: expected an array", list_key);
        return err;
      }
      std::size_t i = 0;
      for (dom::element item : items) {
        if (auto err = read_item(item, ctx, c, i++)) return err;
      }
      has_list = true;
    } else if (key == "id") {
      bool is_null = false;
      if (auto err = scalar_text(kv.value, ctx.arena, c.id, is_null)) {
        ctx.detail = "id: expected a string or a number";
        return err;
      }
    } else if (key == "metadata") {
      if (auto err = read_metadata_object(kv.value, ctx, c)) return err;
    } else {
      std::string_view value;
      bool is_null = false;
      if (scalar_text(kv.value, ctx.arena, value, is_null) == simdjson::SUCCESS && !is_null)
        c.metadata.push_back({key, value});
    }
  }
  if (!has_list) {
    ctx.detail = fmt::format("missing \"{}\"", list_key);
    return simdjson::NO_SUCH_FIELD;
  }
  if (c.id.empty()) c.id = ctx.arena.store(fmt::format("{}:{}", ctx.source_name, ctx.line));
  return simdjson::SUCCESS;
}

// --- RecordReader ------------------------------------------------------------------------------

namespace {

InputFormat format_from_keys(dom::object o) {
  for (dom::key_value_pair kv : o) {
    for (const Schema& s : all_schemas())
      if (!s.key.empty() && kv.key == s.key) return s.format;
  }
  return InputFormat::auto_detect;
}

// An array of Bot Framework activities: its first element is an object with a "type".
bool looks_like_activities(dom::array a) {
  for (dom::element first : a) {
    dom::object o;
    return first.get_object().get(o) == simdjson::SUCCESS && o["type"].error() == simdjson::SUCCESS;
  }
  return false;
}

}  // namespace

RecordReader::RecordReader() = default;

std::string_view RecordReader::repaired_copy(std::string_view bytes) {
  repaired_.clear();
  repair_utf8(bytes, repaired_);
  const std::size_t length = repaired_.size();
  repaired_.append(simdjson::SIMDJSON_PADDING, '\0');
  return {repaired_.data(), length};
}
RecordReader::~RecordReader() = default;

InputFormat RecordReader::detect(const char* record, std::size_t length, std::size_t capacity) {
  (void)capacity;  // the caller guarantees SIMDJSON_PADDING bytes after the record
  dom::element doc;
  if (parser_.parse(record, length, false).get(doc)) return InputFormat::auto_detect;
  dom::object o;
  if (doc.get_object().get(o)) return InputFormat::auto_detect;
  return format_from_keys(o);
}

RecordReader::Outcome RecordReader::read(const char* record, std::size_t length,
                                         std::size_t capacity, InputFormat format,
                                         std::string_view source_name, std::uint64_t line,
                                         Conversation& c, bool keys_first) {
  Outcome out = parse(record, length, capacity, format, source_name, line, c, keys_first);
  if (out.ok || !out.invalid_utf8) return out;
  // Invalid UTF-8: repair a copy and parse that instead.
  const std::string_view repaired = repaired_copy(std::string_view(record, length));
  out = parse(repaired.data(), repaired.size(), repaired_.size(), format, source_name, line, c,
              keys_first);
  out.repaired_utf8 = true;
  return out;
}

RecordReader::Outcome RecordReader::parse(const char* data, std::size_t length,
                                          std::size_t capacity, InputFormat format,
                                          std::string_view source_name, std::uint64_t line,
                                          Conversation& c, bool keys_first) {
  Outcome out;
  c.clear();
  arena_.reset();
  auto fail = [&](ErrorKind kind, std::string message) {
    out.ok = false;
    out.kind = kind;
    out.message = std::move(message);
    return out;
  };

  auto fail_utf8 = [&]() {
    out.invalid_utf8 = true;
    return fail(ErrorKind::invalid_json, "invalid UTF-8");
  };

  (void)capacity;  // the caller guarantees SIMDJSON_PADDING bytes after the record
  if (parser_.capacity() > kParserKeepBytes && length <= kParserKeepBytes) {
    parser_ = dom::parser{};  // let go of the buffers a huge earlier record needed
  }
  dom::element doc;
  if (auto err = parser_.parse(data, length, false).get(doc)) {
    if (err == simdjson::UTF8_ERROR) return fail_utf8();
    return fail(ErrorKind::invalid_json,
                fmt::format("invalid JSON: {}", simdjson::error_message(err)));
  }
  if (doc.is_array() && (format == InputFormat::botframework ||
                         ((format == InputFormat::auto_detect || keys_first) &&
                          looks_like_activities(doc.get_array().value_unsafe())))) {
    // A Bot Framework transcript: the record is the array of activities.
    out.format = InputFormat::botframework;
    ReadContext ctx{arena_, source_name, line, {}, {}};
    if (auto err = read_botframework(doc.get_array().value_unsafe(), ctx, c)) {
      std::string what =
          ctx.detail.empty() ? std::string(simdjson::error_message(err)) : ctx.detail;
      return fail(ErrorKind::invalid_record, fmt::format("botframework record: {}", what));
    }
    out.warning = std::move(ctx.warning);
    if (c.turns.empty())
      return fail(ErrorKind::empty_conversation, "the conversation has no turns");
    out.ok = true;
    return out;
  }
  dom::object o;
  if (doc.get_object().get(o)) {
    return fail(ErrorKind::not_an_object, "the record is not a JSON object");
  }
  if (format == InputFormat::auto_detect || keys_first) {
    const InputFormat by_keys = format_from_keys(o);
    if (by_keys != InputFormat::auto_detect) format = by_keys;
    if (format == InputFormat::auto_detect) {
      return fail(ErrorKind::unknown_format,
                  "unknown record format: none of the fields that identify a format (turns, "
                  "messages, conversations, events, Transcript, entries, activities, content, "
                  "event, conversation_name); see docs/formats.md, or use --input-format or "
                  "--map");
    }
  }
  if (map_ != nullptr && map_->json_mapping() && format == InputFormat::auto_detect)
    format = InputFormat::mapped;
  out.format = format;
  ReadContext ctx{arena_, source_name, line, {}, {}};
  ctx.map = map_;
  ctx.handoff_names = handoff_names_;
  SchemaFn schema = schema_for(format)->read;
  if (schema == nullptr && is_row_format(format)) {
    return fail(ErrorKind::invalid_record,
                fmt::format("a {} row among whole conversations: a file of rows must hold rows "
                            "only (see docs/formats.md)",
                            format_name(format)));
  }
  if (schema == nullptr) {
    return fail(ErrorKind::invalid_record,
                fmt::format("{} record: expected an array of activities", format_name(format)));
  }
  if (auto err = schema(o, ctx, c)) {
    std::string what = ctx.detail.empty() ? std::string(simdjson::error_message(err)) : ctx.detail;
    return fail(ErrorKind::invalid_record, fmt::format("{} record: {}", format_name(format), what));
  }
  if (c.turns.empty()) return fail(ErrorKind::empty_conversation, "the conversation has no turns");
  out.warning = std::move(ctx.warning);
  out.ok = true;
  return out;
}

RecordReader::Outcome RecordReader::read_group(const char* bytes, std::span<const RowSlice> rows,
                                               std::uint32_t part, InputFormat format,
                                               const CsvLayout* csv, std::string_view source_name,
                                               Conversation& c, std::vector<RowError>& row_errors) {
  Outcome out;
  out.format = format;
  c.clear();
  arena_.reset();
  row_state_.clear();
  ReadContext ctx{arena_, source_name, rows.empty() ? 0 : rows.front().line, {}, {}};
  ctx.copy_strings = true;
  ctx.state = &row_state_;
  ctx.map = map_;
  ctx.handoff_names = handoff_names_;
  const Schema* schema = schema_for(format);
  std::size_t rows_read = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const RowSlice& row = rows[r];
    ctx.line = row.line;
    ctx.detail.clear();
    if (format == InputFormat::csv) {
      if (!csv_) csv_ = std::make_unique<CsvRowReader>();
      std::string error;
      bool repaired = false;
      if (!csv_->read_row(std::string_view(bytes + row.offset, row.length), *csv, rows_read == 0,
                          ctx, c, error, repaired)) {
        row_errors.push_back({row.line, ErrorKind::invalid_record, "csv row: " + error, false});
        continue;
      }
      if (repaired) {
        out.repaired_utf8 = true;
        row_errors.push_back({row.line, ErrorKind::invalid_json,
                              "invalid UTF-8 replaced with U+FFFD; the row was audited", true});
      }
      ++rows_read;
      continue;
    }
    // JSON rows: each parsed on its own (repairing invalid UTF-8 like whole records).
    const char* data = bytes + row.offset;
    std::size_t length = row.length;
    dom::element doc;
    auto err = parser_.parse(data, length, false).get(doc);
    bool repaired = false;
    if (err == simdjson::UTF8_ERROR) {
      const std::string_view fixed = repaired_copy(std::string_view(data, length));
      err = parser_.parse(fixed.data(), fixed.size(), false).get(doc);
      repaired = true;
    }
    if (err) {
      row_errors.push_back({row.line, ErrorKind::invalid_json,
                            fmt::format("invalid JSON: {}", simdjson::error_message(err)), false});
      continue;
    }
    dom::object o;
    if (doc.get_object().get(o)) {
      row_errors.push_back(
          {row.line, ErrorKind::not_an_object, "the record is not a JSON object", false});
      continue;
    }
    // A row of one conversation may fail halfway: what it added is taken back.
    const std::size_t turns_before = c.turns.size(), events_before = c.events.size(),
                      metadata_before = c.metadata.size(), order_before = row_state_.order.size();
    const std::uint32_t saved_action_turn = row_state_.action_turn;
    const bool saved_nlu_fallback = row_state_.nlu_fallback;
    if (auto row_err = schema->read_row(o, ctx, c)) {
      c.turns.resize(turns_before);
      c.events.resize(events_before);
      c.metadata.resize(metadata_before);
      row_state_.order.resize(order_before);
      row_state_.action_turn = saved_action_turn;
      row_state_.nlu_fallback = saved_nlu_fallback;
      std::string what =
          ctx.detail.empty() ? std::string(simdjson::error_message(row_err)) : ctx.detail;
      row_errors.push_back({row.line, ErrorKind::invalid_record,
                            fmt::format("{} row: {}", format_name(format), what), false});
      continue;
    }
    if (repaired) {
      out.repaired_utf8 = true;
      row_errors.push_back({row.line, ErrorKind::invalid_json,
                            "invalid UTF-8 replaced with U+FFFD; the row was audited", true});
    }
    ++rows_read;
  }
  if (format == InputFormat::dialogflow) finish_dialogflow(ctx, c);
  if (rows_read == 0) {
    out.kind = ErrorKind::empty_conversation;
    return out;  // every row failed and was reported: nothing more to say
  }
  if (c.id.empty()) {
    // CSV without an id column: the file is one conversation.
    c.id = arena_.store(format == InputFormat::csv
                            ? std::string(source_name)
                            : fmt::format("{}:{}", source_name, rows.front().line));
  }
  if (part > 0) c.id = arena_.store(fmt::format("{}#{}", c.id, part + 1));
  if (c.turns.empty()) {
    out.kind = ErrorKind::empty_conversation;
    out.message = "the conversation has no turns";
    return out;
  }
  out.warning = std::move(ctx.warning);
  out.ok = true;
  return out;
}

}  // namespace audit
