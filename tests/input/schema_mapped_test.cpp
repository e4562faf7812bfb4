// Any JSON read through --map: id, turns, role, text and time paths (JSON pointers, as cli.cpp
// makes them from dotted paths), metadata paths, role labels and role.VALUE mappings, turns
// that alternate without a role path, and the errors that name the mapped path.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "input/conversation_text.hpp"
#include "input/record_reader.hpp"

using namespace audit;
using audit::test::metadata_value;
using audit::test::turns_text;

namespace {

MapPath path(std::string_view written, std::string_view pointer) {
  return MapPath{std::string(written), std::string(pointer)};
}

// The Zendesk-like mapping of docs/formats.md.
FieldMap zendesk() {
  FieldMap m;
  m.id = path("ticket.id", "/ticket/id");
  m.turns = path("comments", "/comments");
  m.role = path("author.role", "/author/role");
  m.text = path("plain_body", "/plain_body");
  m.time = path("created_at", "/created_at");
  m.metadata = {{"channel", path("ticket.via.channel", "/ticket/via/channel")},
                {"brand", path("ticket.brand", "/ticket/brand")}};
  m.roles = {{"answer-bot", Role::bot}};
  return m;
}

// Reads `json` through `map` (format mapped, as cli.cpp sets it), as line 3 of "export.jsonl".
struct Read {
  Read(std::string_view json, FieldMap map_in, InputFormat format = InputFormat::mapped)
      : map(std::move(map_in)),
        buf(std::string(json) + std::string(simdjson::SIMDJSON_PADDING, '\0')) {
    reader.set_mapping(&map);
    out = reader.read(buf.data(), json.size(), buf.size(), format, "export.jsonl", 3, c);
  }
  Read(const Read&) = delete;
  Read& operator=(const Read&) = delete;

  std::string_view meta(std::string_view key) const { return metadata_value(c, key); }

  std::string turns() const { return turns_text(c); }

  FieldMap map;
  std::string buf;
  RecordReader reader;
  Conversation c;
  RecordReader::Outcome out;
};

constexpr std::string_view kTicket = R"({
  "ticket": {"id": 88101, "via": {"channel": "web"}, "brand": null},
  "comments": [
    {"author": {"role": "end-user"}, "plain_body": "Where is my order?",
     "created_at": "2026-11-20T09:00:00Z"},
    {"author": {"role": "answer-bot"}, "plain_body": "It ships in 3 days.",
     "created_at": 1795165204},
    {"author": {"role": "Agent"}, "plain_body": null, "created_at": 1795165210500},
    {"author": {"role": "customer"}, "created_at": "never"}
  ]})";

}  // namespace

TEST_CASE("mapped: id, turns, roles, text, times and metadata through the paths",
          "[schema-mapped]") {
  Read r(kTicket, zendesk());
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::mapped);
  CHECK(r.c.id == "88101");  // a number as text
  CHECK(r.turns() == "user:Where is my order?|bot:It ships in 3 days.|agent:|user:");
  CHECK(r.c.turns[0].time_ms == 1795165200000);  // ISO 8601
  CHECK(r.c.turns[1].time_ms == 1795165204000);  // seconds
  CHECK(r.c.turns[2].time_ms == 1795165210500);  // milliseconds
  CHECK(r.c.turns[3].time_ms == -1);
  CHECK(r.meta("channel") == "web");
  CHECK(r.meta("brand") == "<missing>");  // null: not metadata
  CHECK(r.c.metadata.size() == 1);
  CHECK(r.c.events.empty());
}

TEST_CASE("mapped: paths with array indices", "[schema-mapped]") {
  FieldMap m;
  m.id = path("meta.ids.1", "/meta/ids/1");
  m.turns = path("thread.0.parts", "/thread/0/parts");
  m.text = path("body.0.value", "/body/0/value");
  m.metadata = {{"first_tag", path("tags.0", "/tags/0")}};
  Read r(R"({"meta": {"ids": ["a", "b-2"]}, "tags": ["vip", "eu"],
             "thread": [{"parts": [{"body": [{"value": "hello"}]},
                                   {"body": [{"value": "hi, how can I help?"}]}]}]})",
         m);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "b-2");
  CHECK(r.turns() == "user:hello|bot:hi, how can I help?");
  CHECK(r.meta("first_tag") == "vip");
}

TEST_CASE("mapped: keys with / and ~ are escaped in the pointer", "[schema-mapped]") {
  FieldMap m;
  m.turns = path("a/b", "/a~1b");
  m.text = path("t~x", "/t~0x");
  Read r(R"({"a/b": [{"t~x": "one"}, {"t~x": "two"}]})", m);
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:one|bot:two");
}

TEST_CASE("mapped: without a role path turns alternate user, bot", "[schema-mapped]") {
  FieldMap m;
  m.turns = path("msgs", "/msgs");
  m.text = path("t", "/t");
  Read r(R"({"msgs": [{"t": "q1"}, {"t": "a1"}, {"t": "q2"}]})", m);
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:q1|bot:a1|user:q2");
}

TEST_CASE("mapped: without an id path the id is file:line", "[schema-mapped]") {
  FieldMap m;
  m.turns = path("msgs", "/msgs");
  m.text = path("t", "/t");
  Read r(R"({"id": "ignored", "msgs": [{"t": "q1"}]})", m);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "export.jsonl:3");
}

TEST_CASE("mapped: an id path that leads nowhere gives file:line too", "[schema-mapped]") {
  Read r(R"({"ticket": {}, "comments": [{"author": {"role": "user"}, "plain_body": "x"}]})",
         zendesk());
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "export.jsonl:3");
}

TEST_CASE("mapped: role.VALUE overrides a label chataudit knows", "[schema-mapped]") {
  FieldMap m = zendesk();
  m.roles.push_back({"agent", Role::bot});  // this export calls its bot "agent"
  Read r(R"({"comments": [{"author": {"role": "end-user"}, "plain_body": "hi"},
                          {"author": {"role": "AGENT"}, "plain_body": "beep"}]})",
         m);
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:hi|bot:beep");
}

TEST_CASE("mapped: a role nobody maps fails the record and says how to map it", "[schema-mapped]") {
  Read r(R"({"comments": [{"author": {"role": "end-user"}, "plain_body": "hi"},
                          {"author": {"role": "light-agent"}, "plain_body": "note"}]})",
         zendesk());
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK(r.out.message ==
        "mapped record: comments[1]: role \"light-agent\" is not one chataudit knows; map it "
        "with --map role.light-agent=user|bot|agent|system");
}

TEST_CASE("mapped: a role that is missing or not a string", "[schema-mapped]") {
  Read missing(R"({"comments": [{"plain_body": "hi"}]})", zendesk());
  CHECK_FALSE(missing.out.ok);
  CHECK(missing.out.message ==
        "mapped record: comments[0].author.role (--map role): expected a string");
  Read number(R"({"comments": [{"author": {"role": "user"}, "plain_body": "a"},
                               {"author": {"role": 2}, "plain_body": "b"}]})",
              zendesk());
  CHECK(number.out.message ==
        "mapped record: comments[1].author.role (--map role): expected a string");
}

TEST_CASE("mapped: text that is not a string", "[schema-mapped]") {
  Read r(R"({"comments": [{"author": {"role": "user"}, "plain_body": {"html": "<b>x</b>"}}]})",
         zendesk());
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK(r.out.message == "mapped record: comments[0].plain_body (--map text): expected a string");
}

TEST_CASE("mapped: turns that are missing or not an array", "[schema-mapped]") {
  Read missing(R"({"ticket": {"id": 1}})", zendesk());
  CHECK_FALSE(missing.out.ok);
  CHECK(missing.out.kind == ErrorKind::invalid_record);
  CHECK(missing.out.message == "mapped record: comments (--map turns): not found");
  Read object(R"({"ticket": {"id": 1}, "comments": {"id": 1}})", zendesk());
  CHECK(object.out.message == "mapped record: comments (--map turns): expected an array");
}

TEST_CASE("mapped: an id that is an object", "[schema-mapped]") {
  Read r(R"({"ticket": {"id": {"n": 1}}, "comments": []})", zendesk());
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.message == "mapped record: ticket.id (--map id): expected a string or a number");
}

TEST_CASE("mapped: no turns is an empty conversation", "[schema-mapped]") {
  Read r(R"({"ticket": {"id": 5}, "comments": []})", zendesk());
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("mapped: metadata that is a number or a boolean becomes text", "[schema-mapped]") {
  FieldMap m = zendesk();
  m.metadata = {{"priority", path("p", "/p")},
                {"vip", path("v", "/v")},
                {"obj", path("o", "/o")},
                {"gone", path("x.y", "/x/y")}};
  Read r(R"({"p": 3, "v": true, "o": {"a": 1},
             "comments": [{"author": {"role": "user"}, "plain_body": "hi"}]})",
         m);
  REQUIRE(r.out.ok);
  CHECK(r.meta("priority") == "3");
  CHECK(r.meta("vip") == "true");
  CHECK(r.meta("obj") == "<missing>");
  CHECK(r.meta("gone") == "<missing>");
}

TEST_CASE("mapped: records with the keys of other formats are still read by the mapping",
          "[schema-mapped]") {
  FieldMap m;
  m.turns = path("messages", "/messages");
  m.role = path("from", "/from");
  m.text = path("body", "/body");
  Read r(R"({"messages": [{"from": "visitor", "body": "hello"}, {"from": "va", "body": "hi"}]})",
         m);
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::mapped);
  CHECK(r.turns() == "user:hello|bot:hi");
}

TEST_CASE("mapped: invalid UTF-8 is repaired", "[schema-mapped]") {
  FieldMap m;
  m.turns = path("m", "/m");
  m.text = path("t", "/t");
  Read r("{\"m\": [{\"t\": \"cr\xE8me\"}]}", m);
  REQUIRE(r.out.ok);
  CHECK(r.out.repaired_utf8);
  CHECK(r.turns() == "user:cr\xEF\xBF\xBDme");
}

TEST_CASE("mapped: HTML bodies are read as the text they show", "[schema-mapped]") {
  FieldMap m;
  m.turns = path("conversation_parts", "/conversation_parts");
  m.role = path("author.type", "/author/type");
  m.text = path("body", "/body");
  m.roles = {{"admin", Role::agent}};
  Read r(R"({"conversation_parts": [
    {"author": {"type": "user"}, "body": "<p>Where is my order?</p><p>It&#39;s <b>late</b>.</p>"},
    {"author": {"type": "bot"}, "body": "I <3 helping. Order <12345>?"}]})",
         m);
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:Where is my order?\nIt's late.|bot:I <3 helping. Order <12345>?");
}
