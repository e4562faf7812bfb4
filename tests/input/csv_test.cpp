// CSV long form: RFC 4180 rows (quoted delimiters and newlines, doubled quotes, CRLF), the
// header (default column names, --map, the delimiter), sniffing a chat CSV header, speaker
// labels, timestamps as text, and rows read into a conversation with per-row errors.
#include "input/csv.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "input/read_rows.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

using Fields = std::vector<std::string>;

struct Split {
  bool ok = false;
  Fields fields;
  std::string error;
};

// Splits `row` and copies the fields out (checking the views while `scratch` is alive).
Split split(std::string_view row, char delimiter = ',') {
  Split s;
  std::vector<std::string_view> views;
  std::string scratch;
  s.ok = split_csv_row(row, delimiter, views, scratch, s.error);
  for (std::string_view v : views)
    s.fields.emplace_back(v);
  return s;
}

CsvLayout header(std::string_view text, const FieldMap& map = {}) {
  CsvLayout layout;
  std::string error;
  REQUIRE(read_csv_header(text, map, layout, error));
  CHECK(error.empty());
  return layout;
}

std::string header_error(std::string_view text, const FieldMap& map = {}) {
  CsvLayout layout;
  std::string error;
  CHECK_FALSE(read_csv_header(text, map, layout, error));
  return error;
}

MapPath column(std::string_view name) {
  return MapPath{std::string(name), fmt::format("/{}", name)};
}

// The rows of one conversation, as lines 2, 3, ... of "chats.csv" (line 1 is the header; see
// read_rows.hpp).
struct ReadRows : test::ReadRows {
  ReadRows(const CsvLayout& layout, const std::vector<std::string>& rows, std::uint32_t part = 0)
      : test::ReadRows(InputFormat::csv, rows, "chats.csv", 2, part, &layout) {}
};

constexpr std::string_view kHeader = "conversation_id,timestamp,role,text,channel,intent,event";

}  // namespace

// --- split_csv_row -----------------------------------------------------------------------------

TEST_CASE("csv: plain fields are split at the delimiter", "[csv]") {
  Split s = split("c-1,customer,hello there");
  REQUIRE(s.ok);
  CHECK(s.fields == Fields{"c-1", "customer", "hello there"});
}

TEST_CASE("csv: empty fields, a leading and a trailing delimiter", "[csv]") {
  CHECK(split(",a,,").fields == Fields{"", "a", "", ""});
  CHECK(split("").fields == Fields{""});
  CHECK(split(",").fields == Fields{"", ""});
}

TEST_CASE("csv: spaces around unquoted fields are kept", "[csv]") {
  CHECK(split(" a , b").fields == Fields{" a ", " b"});
}

TEST_CASE("csv: quoted fields hold delimiters, newlines and doubled quotes", "[csv]") {
  Split s = split("\"a, b\",\"say \"\"hi\"\"\",\"line 1\nline 2\",plain");
  REQUIRE(s.ok);
  CHECK(s.fields == Fields{"a, b", "say \"hi\"", "line 1\nline 2", "plain"});
}

TEST_CASE("csv: quoted empty fields and a field that is one quote", "[csv]") {
  Split s = split("\"\",\"\"\"\",\"\"\"\"\"\"\"\"");
  REQUIRE(s.ok);
  CHECK(s.fields == Fields{"", "\"", "\"\"\""});
}

TEST_CASE("csv: several unescaped fields in one row all stay valid", "[csv]") {
  // Unescaped fields share one scratch buffer that must never move while they are in use.
  std::string row;
  Fields want;
  for (int i = 0; i < 50; ++i) {
    fmt::format_to(std::back_inserter(row), "{}\"x\"\"{}\"", i ? "," : "", i);
    want.push_back(fmt::format("x\"{}", i));
  }
  Split s = split(row);
  REQUIRE(s.ok);
  CHECK(s.fields == want);
}

TEST_CASE("csv: the CR of a CRLF row end is dropped, a CR inside quotes is kept", "[csv]") {
  CHECK(split("a,b\r").fields == Fields{"a", "b"});
  CHECK(split("\"x\r\ny\",z\r").fields == Fields{"x\r\ny", "z"});
  CHECK(split("a,\"b\"\r").fields == Fields{"a", "b"});
}

TEST_CASE("csv: semicolon and tab delimiters", "[csv]") {
  CHECK(split("a;b,c;\"d;e\"", ';').fields == Fields{"a", "b,c", "d;e"});
  CHECK(split("a\tb c\t\"d\te\"", '\t').fields == Fields{"a", "b c", "d\te"});
}

TEST_CASE("csv: a quoted field that is not closed", "[csv]") {
  Split s = split("c-1,user,\"hello");
  CHECK_FALSE(s.ok);
  CHECK(s.error == "a quoted field is not closed");
  CHECK_FALSE(split("\"a\"\"").ok);  // the doubled quote is not the closing one
}

TEST_CASE("csv: text after a closing quote names the field", "[csv]") {
  Split s = split("\"abc\"x,d");
  CHECK_FALSE(s.ok);
  CHECK(s.error == "field 1: text after the closing quote");
  CHECK(split("a,\"b\" ,c").error == "field 2: text after the closing quote");
}

TEST_CASE("csv: a quote inside an unquoted field is text", "[csv]") {
  // Not RFC 4180, but what spreadsheets and hand-written exports contain ("my 5\" screen").
  Split s = split("a,my 5\" screen,d");
  REQUIRE(s.ok);
  CHECK(s.fields == Fields{"a", "my 5\" screen", "d"});
  CHECK(split("x,y,z\"").fields == Fields{"x", "y", "z\""});
}

// --- read_csv_header ---------------------------------------------------------------------------

TEST_CASE("csv: the header's default column names", "[csv]") {
  CsvLayout l = header("conversation_id,timestamp,role,text,channel,locale");
  CHECK(l.delimiter == ',');
  CHECK(l.id == 0);
  CHECK(l.time == 1);
  CHECK(l.role == 2);
  CHECK(l.text == 3);
  CHECK(l.intent == -1);
  CHECK(l.event == -1);
  CHECK(l.names == std::vector<std::string>{"conversation_id", "timestamp", "role", "text",
                                            "channel", "locale"});
  CHECK(l.is_metadata == std::vector<bool>{false, false, false, false, true, true});
}

TEST_CASE("csv: header names ignore case, spaces, dashes and a BOM", "[csv]") {
  CsvLayout l = header("\xEF\xBB\xBFSession ID,Speaker , Message-Text,Created At\r");
  CHECK(l.id == 0);
  CHECK(l.role == 1);
  CHECK(l.text == 2);
  CHECK(l.time == 3);
  CHECK(l.names[1] == "Speaker ");  // as written
}

TEST_CASE("csv: other default names: sender_id, author, body, sent_at", "[csv]") {
  CsvLayout l = header("body,sent_at,author,sender_id");
  CHECK(l.text == 0);
  CHECK(l.time == 1);
  CHECK(l.role == 2);
  CHECK(l.id == 3);
}

TEST_CASE("csv: the first column with a known name wins", "[csv]") {
  CsvLayout l = header("message,text,role,speaker");
  CHECK(l.text == 0);
  CHECK(l.role == 2);
  CHECK(l.is_metadata == std::vector<bool>{false, true, false, true});
}

TEST_CASE("csv: intent and event columns are not metadata", "[csv]") {
  CsvLayout l = header(kHeader);
  CHECK(l.intent == 5);
  CHECK(l.event == 6);
  CHECK(l.is_metadata == std::vector<bool>{false, false, false, false, true, false, false});
}

TEST_CASE("csv: the delimiter is the one the header uses most, outside quotes", "[csv]") {
  CHECK(header("conversation_id;role;text").delimiter == ';');
  CHECK(header("conversation_id\trole\ttext").delimiter == '\t');
  CHECK(header("role;text;\"a,b,c,d\"").delimiter == ';');
  CsvLayout l = header("\"Name; full\",role,text");
  CHECK(l.delimiter == ',');
  CHECK(l.names[0] == "Name; full");
  CHECK(l.role == 1);
}

TEST_CASE("csv: --map names the columns", "[csv]") {
  FieldMap map;
  map.id = column("Ticket");
  map.role = column("who");
  map.text = column("Said It");
  map.time = column("at");
  map.roles = {{"kunde", Role::user}};
  CsvLayout l = header("at,WHO,said it,ticket,text", map);
  CHECK(l.time == 0);
  CHECK(l.role == 1);
  CHECK(l.text == 2);  // the mapped column, not the default "text"
  CHECK(l.id == 3);
  CHECK(l.is_metadata == std::vector<bool>{false, false, false, false, true});
  REQUIRE(l.roles.size() == 1);
  CHECK(l.roles[0].first == "kunde");
  CHECK(l.roles[0].second == Role::user);
}

TEST_CASE("csv: --map to a column the header does not have", "[csv]") {
  FieldMap map;
  map.text = column("Nope");
  CHECK(header_error("conversation_id,role,text", map) ==
        "--map text=Nope: the header has no such column");
  FieldMap id_map;
  id_map.id = column("ticket");
  CHECK(header_error("conversation_id,role,text", id_map) ==
        "--map id=ticket: the header has no such column");
}

TEST_CASE("csv: a header without a text or a role column", "[csv]") {
  CHECK_THAT(header_error("conversation_id,role,note"),
             Catch::StartsWith("header: no text column (one of text, message"));
  CHECK_THAT(header_error("conversation_id,who,text"),
             Catch::StartsWith("header: no role column (one of role, speaker"));
}

TEST_CASE("csv: a header with a broken quote", "[csv]") {
  CHECK(header_error("\"role,text") == "header: a quoted field is not closed");
}

TEST_CASE("csv: a header without an id column is fine", "[csv]") {
  CsvLayout l = header("role,text");
  CHECK(l.id == -1);
  CHECK(l.time == -1);
}

// --- looks_like_csv_header ---------------------------------------------------------------------

TEST_CASE("csv: a chat CSV header is recognised", "[csv]") {
  CHECK(looks_like_csv_header("conversation_id,timestamp,role,text"));
  CHECK(looks_like_csv_header("role;message"));
  CHECK(looks_like_csv_header("speaker\tutterance\r"));
  CHECK(looks_like_csv_header("\"Author\",\"Body\""));
}

TEST_CASE("csv: lines that are not a chat CSV header", "[csv]") {
  CHECK_FALSE(looks_like_csv_header("id,name,value"));
  CHECK_FALSE(looks_like_csv_header("text,foo"));  // no role column
  CHECK_FALSE(looks_like_csv_header("role"));      // no delimiter
  CHECK_FALSE(looks_like_csv_header("role text"));
  CHECK_FALSE(looks_like_csv_header("hello, how are you"));
  CHECK_FALSE(looks_like_csv_header("role,\"text"));  // broken quote
  CHECK_FALSE(looks_like_csv_header(""));
}

// --- role_from_label ---------------------------------------------------------------------------

TEST_CASE("csv: speaker labels as exports write them", "[csv]") {
  auto role = [](std::string_view label) {
    Role r = Role::system;
    REQUIRE(role_from_label(label, {}, r));
    return r;
  };
  CHECK(role("Customer") == Role::user);
  CHECK(role(" assistant ") == Role::bot);
  CHECK(role("Live-Agent") == Role::agent);
  CHECK(role("live agent") == Role::agent);
  CHECK(role("visitor") == Role::user);
  CHECK(role("end-user") == Role::user);
  CHECK(role("ADMIN") == Role::agent);
  CHECK(role("gpt") == Role::bot);
  CHECK(role("system") == Role::system);
  CHECK(role("bot") == Role::bot);
}

TEST_CASE("csv: an unknown label is not a role", "[csv]") {
  Role r = Role::bot;
  CHECK_FALSE(role_from_label("narrator", {}, r));
  CHECK_FALSE(role_from_label("", {}, r));
  CHECK_FALSE(role_from_label("users", {}, r));
}

TEST_CASE("csv: --map role.VALUE adds a label and overrides a known one", "[csv]") {
  const std::vector<std::pair<std::string, Role>> mapped = {
      {"narrator", Role::system}, {"bot", Role::agent}, {"answer-bot", Role::bot}};
  Role r = Role::user;
  REQUIRE(role_from_label("Narrator", mapped, r));
  CHECK(r == Role::system);
  REQUIRE(role_from_label("BOT", mapped, r));
  CHECK(r == Role::agent);
  REQUIRE(role_from_label("Answer_Bot", mapped, r));
  CHECK(r == Role::bot);
  REQUIRE(role_from_label("customer", mapped, r));
  CHECK(r == Role::user);
}

// --- parse_time_text ---------------------------------------------------------------------------

TEST_CASE("csv: timestamps in ISO 8601", "[csv]") {
  CHECK(parse_time_text("2026-11-20T09:00:00Z") == 1795165200000);
  CHECK(parse_time_text(" 2026-11-20T09:00:00Z ") == 1795165200000);
  CHECK(parse_time_text("2026-11-20 09:14:03.250 UTC") == 1795166043250);
  CHECK(parse_time_text("2026-11-20T10:00:00+01:00") == 1795165200000);
  // BigQuery writes TIMESTAMP columns with microseconds.
  CHECK(parse_time_text("2026-11-20 09:14:03.250123 UTC") == 1795166043250);
  CHECK(parse_time_text("2026-11-20") == -1);  // a date alone has no time of day
}

TEST_CASE("csv: timestamps as seconds or milliseconds since the epoch", "[csv]") {
  CHECK(parse_time_text("1795165200") == 1795165200000);
  CHECK(parse_time_text("1795165200.5") == 1795165200500);
  CHECK(parse_time_text("1795165200123") == 1795165200123);
  CHECK(parse_time_text("42") == 42000);
}

TEST_CASE("csv: what is not a timestamp is -1", "[csv]") {
  CHECK(parse_time_text("") == -1);
  CHECK(parse_time_text("   ") == -1);
  CHECK(parse_time_text("yesterday") == -1);
  CHECK(parse_time_text("12abc") == -1);
  CHECK(parse_time_text("-5") == -1);
  CHECK(parse_time_text("0") == -1);
  CHECK(parse_time_text("1e20") == -1);
  CHECK(parse_time_text("2026-13-01T00:00:00Z") == -1);
}

// --- rows into a conversation ------------------------------------------------------------------

TEST_CASE("csv: rows become turns; id and metadata come from the first row", "[csv]") {
  ReadRows r(header(kHeader),
             {"c-1,2026-11-20T09:00:00Z,customer,\"Hi, he said \"\"Monday\"\"\nand nothing "
              "came\",web,where_is_order,",
              "c-1,2026-11-20T09:00:04Z,Assistant,Let me check.,app,,",
              "c-1,1795165210,\"live_agent\",\"\",,,"});
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::csv);
  CHECK(r.errors.empty());
  CHECK(r.c.id == "c-1");
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text == "Hi, he said \"Monday\"\nand nothing came");
  CHECK(r.c.turns[0].time_ms == 1795165200000);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text == "Let me check.");
  CHECK(r.c.turns[1].time_ms == 1795165204000);
  CHECK(r.c.turns[2].role == Role::agent);
  CHECK(r.c.turns[2].text.empty());
  CHECK(r.c.turns[2].time_ms == 1795165210000);
  CHECK(r.meta("channel") == "web");  // the first row's, not the second's "app"
  CHECK(r.c.metadata.size() == 1);    // the empty intent/event columns are not metadata
  CHECK(r.events_of(0) == "intent:where_is_order");
  CHECK(r.events_of(1).empty());
}

TEST_CASE("csv: unescaped text of earlier rows outlives the rows after it", "[csv]") {
  ReadRows r(header("conversation_id,role,text"),
             {"c,user,\"first \"\"quoted\"\" text\"", "c,bot,\"second \"\"quoted\"\" text\"",
              "c,user,\"third \"\"quoted\"\" text, longer than the others\""});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].text == "first \"quoted\" text");
  CHECK(r.c.turns[1].text == "second \"quoted\" text");
  CHECK(r.c.turns[2].text == "third \"quoted\" text, longer than the others");
}

TEST_CASE("csv: the event column becomes handoff, fallback or other events", "[csv]") {
  ReadRows r(header(kHeader),
             {"c,,bot,one,,,handoff", "c,,bot,two,,,Escalation", "c,,bot,three,,,transfer",
              "c,,bot,four,,,fallback", "c,,bot,five,,,NO_MATCH", "c,,bot,six,,,nomatch",
              "c,,bot,seven,,faq,survey_sent"});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 7);
  CHECK(r.events_of(0) == "handoff:handoff");
  CHECK(r.events_of(1) == "handoff:Escalation");
  CHECK(r.events_of(2) == "handoff:transfer");
  CHECK(r.events_of(3) == "fallback:fallback");
  CHECK(r.events_of(4) == "fallback:NO_MATCH");
  CHECK(r.events_of(5) == "fallback:nomatch");
  CHECK(r.events_of(6) == "intent:faq other:survey_sent");
  CHECK(r.c.turns[0].time_ms == -1);
}

TEST_CASE("csv: an unknown role is a row error with its line; the other rows are read", "[csv]") {
  ReadRows r(header("conversation_id,role,text"),
             {"c-9,visitor,quiero hablar con una persona", "c-9,narrator,nobody maps this",
              "c-9,live_agent,Hola, soy Marta"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].kind == ErrorKind::invalid_record);
  CHECK_FALSE(r.errors[0].warning);
  CHECK(r.errors[0].message ==
        "csv row: role: \"narrator\" is not a role chataudit knows; map it with --map "
        "role.narrator=user|bot|agent|system");
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[1].role == Role::agent);
  CHECK(r.c.turns[1].text == "Hola");  // unquoted: the comma ends the field
}

TEST_CASE("csv: a role mapped with --map role.VALUE is read", "[csv]") {
  FieldMap map;
  map.roles = {{"narrator", Role::system}};
  ReadRows r(header("conversation_id,role,text", map), {"c,narrator,once upon a time"});
  REQUIRE(r.out.ok);
  CHECK(r.errors.empty());
  REQUIRE(r.c.turns.size() == 1);
  CHECK(r.c.turns[0].role == Role::system);
}

TEST_CASE("csv: a row with too few fields", "[csv]") {
  ReadRows r(header("conversation_id,channel,role,text"), {"c,web,user,hi", "c,web", "c,web,bot"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].message == "csv row: 2 fields, the header has 4");
  CHECK(r.errors[1].line == 4);
  CHECK(r.errors[1].message == "csv row: 3 fields, the header has 4");
  CHECK(r.c.turns.size() == 1);
}

TEST_CASE("csv: a row with a broken quote", "[csv]") {
  ReadRows r(header("conversation_id,role,text"),
             {"c,user,\"fine\"", "c,bot,\"oops\" trailing", "c,user,ok"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].message == "csv row: field 3: text after the closing quote");
  CHECK(r.c.turns.size() == 2);
}

TEST_CASE("csv: when the first row fails, id and metadata come from the next", "[csv]") {
  ReadRows r(header("conversation_id,role,text,channel"),
             {"c-5,robot,beep,first", "c-5,user,hello,second"});
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "c-5");
  CHECK(r.meta("channel") == "second");
  CHECK(r.errors.size() == 1);
}

TEST_CASE("csv: a conversation whose rows all fail is reported row by row only", "[csv]") {
  ReadRows r(header("conversation_id,role,text"), {"c,robot,beep", "c,robot,boop"});
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
  CHECK(r.out.message.empty());
  CHECK(r.errors.size() == 2);
}

TEST_CASE("csv: without an id column the file name is the id", "[csv]") {
  ReadRows r(header("role,text"), {"user,hi", "bot,hello"});
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "chats.csv");
  CHECK(r.c.turns.size() == 2);
}

TEST_CASE("csv: a later part of a conversation gets #N", "[csv]") {
  ReadRows r(header("conversation_id,role,text"), {"c-7,user,back again"}, 2);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "c-7#3");
}

TEST_CASE("csv: invalid UTF-8 in a row is repaired and said as a warning", "[csv]") {
  ReadRows r(header("conversation_id,role,text"),
             {"c,user,caf\xE9 au lait", "c,bot,\"ol\xFF\"\"\""});
  REQUIRE(r.out.ok);
  CHECK(r.out.repaired_utf8);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "caf\xEF\xBF\xBD au lait");
  CHECK(r.c.turns[1].text == "ol\xEF\xBF\xBD\"");
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].warning);
  CHECK(r.errors[0].message == "invalid UTF-8 replaced with U+FFFD; the row was audited");
  CHECK(r.errors[1].line == 3);
}

TEST_CASE("csv: semicolon-separated rows with the header's delimiter", "[csv]") {
  ReadRows r(header("conversation_id;role;text"), {"c;user;\"a; b, c\"", "c;bot;fine, thanks"});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "a; b, c");
  CHECK(r.c.turns[1].text == "fine, thanks");
}
