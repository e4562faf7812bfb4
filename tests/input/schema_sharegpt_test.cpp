// The ShareGPT / FastChat reader: speakers mapped to the four roles, ids, metadata, the records
// of a JSON array, and every way a ShareGPT record can be wrong.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "input/batch.hpp"
#include "input/byte_source.hpp"
#include "input/framing.hpp"
#include "input/read_record.hpp"
#include "input/record_reader.hpp"
#include "input/temp_files.hpp"

using namespace audit;
using namespace audit::test;

namespace {

// Parses `json` once (see read_record.hpp), as line 7 of "chats.jsonl" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "chats.jsonl", std::uint64_t line = 7)
      : ReadRecord(json, format, source, line) {}
};

}  // namespace

TEST_CASE("sharegpt: a human/gpt conversation", "[schema-sharegpt]") {
  Read r(R"({"id": "sg-1", "conversations": [
             {"from": "human", "value": "my router keeps dropping the connection"},
             {"from": "gpt", "value": "Sorry about that. Have you tried restarting it?"},
             {"from": "human", "value": "yes, twice"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::sharegpt);
  CHECK(r.c.id == "sg-1");
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text == "my router keeps dropping the connection");
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text == "Sorry about that. Have you tried restarting it?");
  CHECK(r.c.turns[2].role == Role::user);
  CHECK(r.c.turns[2].text == "yes, twice");
  CHECK(r.c.turns[0].time_ms == -1);
  CHECK(r.c.events.empty());
}

TEST_CASE("sharegpt: every speaker name maps to a role, case-insensitively", "[schema-sharegpt]") {
  Read r(R"({"conversations": [
             {"from": "system", "value": "You are the support bot of Acme."},
             {"from": "Human", "value": "a"}, {"from": "USER", "value": "b"},
             {"from": "gpt", "value": "c"}, {"from": "ChatGPT", "value": "d"},
             {"from": "bard", "value": "e"}, {"from": "bing", "value": "f"},
             {"from": "assistant", "value": "g"}, {"from": "model", "value": "h"},
             {"from": "tool", "value": "i"}, {"from": "function", "value": "j"},
             {"from": "function_call", "value": "k"}, {"from": "Observation", "value": "l"}]})");
  REQUIRE(r.out.ok);
  const std::vector<Role> expected = {
      Role::system, Role::user, Role::user,   Role::bot,    Role::bot,    Role::bot,   Role::bot,
      Role::bot,    Role::bot,  Role::system, Role::system, Role::system, Role::system};
  REQUIRE(r.c.turns.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(r.c.turns[i].role == expected[i]);
  }
  CHECK(r.c.turns[0].text == "You are the support bot of Acme.");
  CHECK(r.c.turns[12].text == "l");
}

TEST_CASE("sharegpt: null value is an empty turn, other fields of a turn are ignored",
          "[schema-sharegpt]") {
  Read r(R"({"conversations": [{"from": "human", "value": "hi", "weight": 0},
             {"from": "gpt", "value": null, "weight": 1}, {"from": "gpt"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].text == "hi");
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.c.turns[2].text.empty());
}

TEST_CASE("sharegpt: numeric id, and other top-level scalars are metadata", "[schema-sharegpt]") {
  Read r(R"({"id": 1042, "model": "gpt-4", "lang": "en", "turns_count": 2, "tags": ["x"],
             "note": null, "metadata": {"channel": "web"},
             "conversations": [{"from": "human", "value": "hello"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "1042");
  CHECK(r.meta("model") == "gpt-4");
  CHECK(r.meta("lang") == "en");
  CHECK(r.meta("turns_count") == "2");
  CHECK(r.meta("tags") == "<missing>");
  CHECK(r.meta("note") == "<missing>");
  CHECK(r.meta("channel") == "web");
  CHECK(r.meta("conversations") == "<missing>");
  CHECK(r.meta("id") == "<missing>");
}

TEST_CASE("sharegpt: a record without id is named file:line", "[schema-sharegpt]") {
  Read missing(R"({"conversations": [{"from": "human", "value": "hi"}]})", InputFormat::auto_detect,
               "data/sharegpt.jsonl", 12);
  Read null_id(R"({"id": null, "conversations": [{"from": "human", "value": "hi"}]})",
               InputFormat::auto_detect, "data/sharegpt.jsonl", 13);
  REQUIRE(missing.out.ok);
  CHECK(missing.c.id == "data/sharegpt.jsonl:12");
  REQUIRE(null_id.out.ok);
  CHECK(null_id.c.id == "data/sharegpt.jsonl:13");
}

TEST_CASE("sharegpt: the elements of a JSON array are records", "[schema-sharegpt]") {
  TempFile file(R"([
  {
    "id": "arr-1",
    "conversations": [
      {"from": "human", "value": "where is my order?"},
      {"from": "gpt", "value": "It ships tomorrow."}
    ]
  },
  {
    "conversations": [
      {"from": "human", "value": "thanks"}
    ]
  }
]
)",
                ".json");
  ByteSource source;
  std::string error;
  REQUIRE(source.open(file.str(), error));
  Framer framer(source, file.str(), std::size_t{1} << 20, 1 << 16);
  Batch batch;
  RecordReader reader;
  Conversation c;
  std::vector<std::string> ids;
  std::vector<std::size_t> turns;
  while (true) {
    batch.clear();
    if (!framer.next(batch)) break;
    for (const RecordSlice& rec : batch.records) {
      auto out =
          reader.read(batch.bytes.data() + rec.offset, rec.length, batch.bytes.size() - rec.offset,
                      InputFormat::auto_detect, "support.json", rec.line, c);
      REQUIRE(out.ok);
      CHECK(out.format == InputFormat::sharegpt);
      ids.emplace_back(c.id);
      turns.push_back(c.turns.size());
    }
  }
  CHECK(framer.framing() == Framing::json_values);
  CHECK(ids == std::vector<std::string>{"arr-1", "support.json:9"});
  CHECK(turns == std::vector<std::size_t>{2, 1});
}

TEST_CASE("sharegpt: the format is detected from the conversations key", "[schema-sharegpt]") {
  Read r(R"({"id": "d1", "conversations": [{"from": "human", "value": "x"}]})",
         InputFormat::auto_detect);
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::sharegpt);
  RecordReader reader;
  const std::string json = R"({"conversations": []})";
  std::string buf = json + std::string(simdjson::SIMDJSON_PADDING, '\0');
  CHECK(reader.detect(buf.data(), json.size(), buf.size()) == InputFormat::sharegpt);
}

TEST_CASE("sharegpt: the format can be forced", "[schema-sharegpt]") {
  Read forced(R"({"id": "f1", "conversations": [{"from": "gpt", "value": "hello"}]})",
              InputFormat::sharegpt);
  REQUIRE(forced.out.ok);
  CHECK(forced.out.format == InputFormat::sharegpt);
  Read other(R"({"id": "f2", "turns": [{"role": "user", "text": "x"}]})", InputFormat::sharegpt);
  CHECK_FALSE(other.out.ok);
  CHECK(other.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(other.out.message,
             Catch::StartsWith("sharegpt record") && Catch::Contains("missing \"conversations\""));
}

// --- errors ------------------------------------------------------------------------------------

TEST_CASE("sharegpt: an unknown speaker names the field", "[schema-sharegpt]") {
  Read r(R"({"conversations": [{"from": "human", "value": "hi"},
             {"from": "wizard", "value": "abracadabra"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("conversations[1].from") && Catch::Contains("wizard"));
}

TEST_CASE("sharegpt: a speaker that is not a string", "[schema-sharegpt]") {
  Read r(R"({"conversations": [{"from": 1, "value": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("conversations[0].from"));
}

TEST_CASE("sharegpt: a turn without a speaker", "[schema-sharegpt]") {
  Read r(R"({"conversations": [{"value": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("conversations[0]") && Catch::Contains("from"));
}

TEST_CASE("sharegpt: a value of the wrong type", "[schema-sharegpt]") {
  for (std::string_view json : {R"({"conversations": [{"from": "human", "value": 5}]})",
                                R"({"conversations": [{"from": "human", "value": ["a"]}]})",
                                R"({"conversations": [{"from": "human", "value": {"t": "a"}}]})"}) {
    CAPTURE(json);
    Read r(json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_record);
    CHECK_THAT(r.out.message, Catch::Contains("conversations[0].value"));
  }
}

TEST_CASE("sharegpt: wrong types of conversations, a turn and the id", "[schema-sharegpt]") {
  Read not_array(R"({"conversations": "hello"})");
  Read not_object(R"({"conversations": [{"from": "human", "value": "a"}, "b"]})");
  Read bad_id(R"({"id": {"n": 1}, "conversations": [{"from": "human", "value": "a"}]})");
  CHECK(not_array.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(not_array.out.message, Catch::Contains("conversations: expected an array"));
  CHECK(not_object.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(not_object.out.message, Catch::Contains("conversations[1]: expected an object"));
  CHECK(bad_id.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(bad_id.out.message, Catch::Contains("id"));
}

TEST_CASE("sharegpt: an empty conversations array is an empty conversation", "[schema-sharegpt]") {
  Read r(R"({"id": "e1", "conversations": []})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
}
