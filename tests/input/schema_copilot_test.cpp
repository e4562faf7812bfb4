// Copilot Studio / Direct Line envelopes around Bot Framework activities: a Dataverse
// ConversationTranscript row whose `content` is a JSON string (or an object), and the Direct
// Line {activities, watermark} shape; ids, metadata, handoff events and errors.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string_view>

#include "input/read_record.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect)
      : ReadRecord(json, format, "transcripts.jsonl", 4) {}
};

}  // namespace

TEST_CASE("copilot: a ConversationTranscript row's content string holds the activities",
          "[schema-copilot]") {
  Read r(
      R"({"conversationtranscriptid": "t-41", "name": "x_2026", "schematype": "powervirtualagents",
    "content": "{\"activities\": [{\"type\": \"message\", \"conversation\": {\"id\": \"conv-9\"}, \"from\": {\"role\": \"user\"}, \"text\": \"fraud on my card\"}, {\"type\": \"typing\", \"from\": {\"role\": \"bot\"}}, {\"type\": \"event\", \"name\": \"handoff.initiate\", \"from\": {\"role\": \"bot\"}}]}"})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::copilot);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text == "fraud on my card");
  CHECK(r.c.turns[1].role == Role::bot);
  REQUIRE(r.events(1).size() == 1);
  CHECK(r.events(1)[0].kind == EventKind::handoff);
  CHECK(r.events(1)[0].name == "handoff.initiate");
  CHECK(r.c.id == "conv-9");  // the activities' own conversation id comes first
  CHECK(r.meta("schematype") == "powervirtualagents");
  CHECK(r.meta("conversationtranscriptid") == "t-41");
}

TEST_CASE("copilot: without a conversation.id the row's id names the conversation",
          "[schema-copilot]") {
  Read by_id(R"({"conversationtranscriptid": "t-42", "name": "n-42",
    "content": {"activities": [{"type": "message", "from": {"role": "user"}, "text": "hi"}]}})");
  REQUIRE(by_id.out.ok);
  CHECK(by_id.c.id == "t-42");
  CHECK(by_id.meta("name") == "n-42");
  Read by_name(R"({"name": "n-43",
    "content": "{\"activities\": [{\"type\": \"message\", \"from\": {\"role\": \"bot\"}, \"text\": \"hello\"}]}"})");
  REQUIRE(by_name.out.ok);
  CHECK(by_name.c.id == "n-43");
  Read unnamed(
      R"({"content": {"activities": [{"type": "message", "from": {"role": "bot"}, "text": "x"}]}})");
  REQUIRE(unnamed.out.ok);
  CHECK(unnamed.c.id == "transcripts.jsonl:4");
}

TEST_CASE("copilot: the Direct Line envelope", "[schema-copilot]") {
  Read r(R"({"activities": [{"type": "message", "from": {"role": "user"}, "text": "agent"},
    {"type": "message", "from": {"role": "bot"}, "text": "one moment"}], "watermark": "2"})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::copilot);
  CHECK(r.c.turns.size() == 2);
  CHECK(r.c.id == "transcripts.jsonl:4");
}

TEST_CASE("copilot: errors name the field", "[schema-copilot]") {
  Read not_json(R"({"name": "n", "content": "{\"activities\": [tru"})");
  CHECK_FALSE(not_json.out.ok);
  CHECK(not_json.out.kind == ErrorKind::invalid_record);
  CHECK(not_json.out.message.starts_with("copilot record: content: a string that is not JSON"));
  Read no_activities(R"({"content": "{\"messages\": []}"})");
  CHECK_FALSE(no_activities.out.ok);
  CHECK(no_activities.out.message == R"(copilot record: content: missing "activities" (an array))");
  Read wrong_type(R"({"activities": {"type": "message"}})");
  CHECK_FALSE(wrong_type.out.ok);
  CHECK(wrong_type.out.message == "copilot record: activities: expected an array");
  Read empty(R"({"content": {"activities": [{"type": "typing"}]}})");
  CHECK_FALSE(empty.out.ok);
  CHECK(empty.out.kind == ErrorKind::empty_conversation);
}
