// The CCAI Insights conversation reader: roles, microsecond timestamps, the id's sources,
// metadata, detection and every wrongly typed field.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "input/read_record.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

// Parses `json` once (see read_record.hpp), as line 5 of "insights.jsonl" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "insights.jsonl", std::uint64_t line = 5)
      : ReadRecord(json, format, source, line) {}
};

}  // namespace

TEST_CASE("ccai: roles map to bot, agent and user", "[schema-ccai]") {
  Read r(R"({"entries": [{"text": "a", "role": "AUTOMATED_AGENT"},
                         {"text": "b", "role": "END_USER"},
                         {"text": "c", "role": "CUSTOMER"},
                         {"text": "d", "role": "HUMAN_AGENT"},
                         {"text": "e", "role": "AGENT"},
                         {"text": "f", "role": "automated_agent"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::ccai);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[0].text == "a");
  CHECK(r.c.turns[1].role == Role::user);
  CHECK(r.c.turns[2].role == Role::user);
  CHECK(r.c.turns[3].role == Role::agent);
  CHECK(r.c.turns[4].role == Role::agent);
  CHECK(r.c.turns[5].role == Role::bot);
  CHECK(r.c.events.empty());  // an agent turn is itself the handoff
}

TEST_CASE("ccai: start_timestamp_usec becomes milliseconds", "[schema-ccai]") {
  Read r(
      R"({"entries": [{"text": "a", "role": "CUSTOMER", "start_timestamp_usec": 1700000000123456},
                         {"text": "b", "role": "CUSTOMER", "start_timestamp_usec": "1700000001000000"},
                         {"text": "c", "role": "CUSTOMER", "start_timestamp_usec": 1.7e15},
                         {"text": "d", "role": "CUSTOMER", "start_timestamp_usec": null},
                         {"text": "e", "role": "CUSTOMER"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 5);
  CHECK(r.c.turns[0].time_ms == 1700000000123);
  CHECK(r.c.turns[1].time_ms == 1700000001000);
  CHECK(r.c.turns[2].time_ms == 1700000000000);
  CHECK(r.c.turns[3].time_ms == -1);
  CHECK(r.c.turns[4].time_ms == -1);
}

TEST_CASE("ccai: the id comes from conversation_info, then name, then id", "[schema-ccai]") {
  Read info(R"({"id": "x", "name": "projects/p/conversations/n",
                "conversation_info": {"conversation_id": "conv-1"},
                "entries": [{"text": "hi", "role": "CUSTOMER"}]})");
  Read name(R"({"id": "x", "entries": [{"text": "hi", "role": "CUSTOMER"}],
                "name": "projects/p/conversations/n"})");
  Read id(R"({"id": 77, "entries": [{"text": "hi", "role": "CUSTOMER"}]})");
  Read none(R"({"conversation_info": {"categories": []},
                "entries": [{"text": "hi", "role": "CUSTOMER"}]})",
            InputFormat::auto_detect, "upload/c.json", 1);
  REQUIRE(info.out.ok);
  CHECK(info.c.id == "conv-1");
  CHECK(name.c.id == "projects/p/conversations/n");
  CHECK(id.c.id == "77");
  CHECK(none.c.id == "upload/c.json:1");
}

TEST_CASE("ccai: scalar fields of conversation_info and the top level are metadata",
          "[schema-ccai]") {
  Read r(R"({"language_code": "en-US", "medium": "CHAT",
             "conversation_info": {"conversation_id": "c", "agent_team": "billing",
                                   "categories": [{"display_name": "bill"}]},
             "entries": [{"text": "hi", "role": "END_USER", "user_id": 2}]})");
  REQUIRE(r.out.ok);
  CHECK(r.meta("language_code") == "en-US");
  CHECK(r.meta("medium") == "CHAT");
  CHECK(r.meta("agent_team") == "billing");
  CHECK(r.meta("conversation_id") == "<missing>");
  CHECK(r.meta("categories") == "<missing>");
  CHECK(r.c.metadata.size() == 3);
}

TEST_CASE("ccai: a missing or null text is an empty turn", "[schema-ccai]") {
  Read r(R"({"entries": [{"role": "CUSTOMER", "text": "hi"}, {"role": "AUTOMATED_AGENT"},
                         {"role": "AUTOMATED_AGENT", "text": null}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.c.turns[2].text.empty());
}

TEST_CASE("ccai: detected by the entries key, or forced", "[schema-ccai]") {
  const std::string_view json = R"({"conversation_info": {}, "entries": [{"text": "x",
                                   "role": "CUSTOMER"}]})";
  Read detected(json);
  Read forced(json, InputFormat::ccai);
  CHECK(detected.out.format == InputFormat::ccai);
  CHECK(forced.out.ok);
  RecordReader reader;
  std::string buf = std::string(json) + std::string(simdjson::SIMDJSON_PADDING, '\0');
  CHECK(reader.detect(buf.data(), json.size(), buf.size()) == InputFormat::ccai);
}

TEST_CASE("ccai: empty entries is an empty conversation", "[schema-ccai]") {
  Read r(R"({"entries": []})");
  CHECK(r.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("ccai: wrong types are invalid records naming the field", "[schema-ccai]") {
  struct Case {
    std::string_view json, field;
  };
  const Case cases[] = {
      {R"({"entries": "hello"})", "entries: expected an array"},
      {R"({"entries": [{"role": "CUSTOMER", "text": "a"}, 3]})", "entries[1]: expected an object"},
      {R"({"entries": [{"role": "CUSTOMER", "text": 5}]})", "entries[0].text"},
      {R"({"entries": [{"role": 1, "text": "a"}]})", "entries[0].role: expected a string"},
      {R"({"entries": [{"role": "CUSTOMER"}, {"role": "BOT", "text": "a"}]})",
       "entries[1].role: unknown role \"BOT\""},
      {R"({"entries": [{"text": "a"}]})", "entries[0]: missing \"role\""},
      {R"({"entries": [{"role": "CUSTOMER", "start_timestamp_usec": "noon"}]})",
       "entries[0].start_timestamp_usec"},
      {R"({"entries": [{"role": "CUSTOMER", "start_timestamp_usec": {}}]})",
       "entries[0].start_timestamp_usec"},
      {R"({"conversation_info": [], "entries": []})", "conversation_info: expected an object"},
      {R"({"conversation_info": {"conversation_id": {}}, "entries": []})",
       "conversation_info.conversation_id"},
      {R"({"name": ["n"], "entries": []})", "name: expected a string"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.json);
    Read r(k.json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_record);
    CHECK_THAT(r.out.message,
               Catch::StartsWith("ccai record: ") && Catch::Contains(std::string(k.field)));
  }
}

TEST_CASE("ccai: missing entries with the format forced", "[schema-ccai]") {
  Read r(R"({"conversation_info": {"conversation_id": "c"}})", InputFormat::ccai);
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("missing \"entries\""));
}

TEST_CASE("ccai: the conversations fixture", "[schema-ccai]") {
  std::ifstream in(std::string(CHATAUDIT_SOURCE_DIR) +
                   "/tests/fixtures/formats/ccai/conversations.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  REQUIRE(lines.size() == 3);
  Read handed(lines[0]), ignored(lines[1]),
      clean(lines[2], InputFormat::auto_detect, "conversations.jsonl", 3);
  REQUIRE(handed.out.ok);
  REQUIRE(ignored.out.ok);
  REQUIRE(clean.out.ok);
  CHECK(handed.c.id == "ccai-handoff");
  CHECK(ignored.c.id == "projects/demo/locations/us-central1/conversations/ccai-ignored");
  CHECK(clean.c.id == "conversations.jsonl:3");
  REQUIRE(handed.c.turns.size() == 8);
  CHECK(handed.c.turns[5].role == Role::agent);
  CHECK(handed.c.turns[0].time_ms == 1700000000000);
  for (const Turn& t : ignored.c.turns)
    CHECK(t.role != Role::agent);
  CHECK(clean.c.turns.size() == 5);
}
