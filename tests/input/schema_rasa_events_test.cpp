// The Rasa event stream (one event per line, grouped by sender_id): events read like a
// tracker's with the state kept across rows (an action and its bot event, nlu_fallback), the
// id and channel, session events, and rows that cannot be read.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input/read_rows.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

// The rows of one sender, as lines 1, 2, ... of "events.jsonl" (see read_rows.hpp).
struct ReadRows : test::ReadRows {
  explicit ReadRows(const std::vector<std::string>& rows, std::uint32_t part = 0)
      : test::ReadRows(InputFormat::rasa_events, rows, "events.jsonl", 1, part) {}
};

}  // namespace

TEST_CASE("rasa-events: one sender's events become turns", "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"web-1","event":"action","timestamp":100.0,"name":"action_session_start"})",
      R"({"sender_id":"web-1","event":"session_started","timestamp":100.1})",
      R"({"sender_id":"web-1","event":"action","timestamp":100.2,"name":"action_listen"})",
      R"({"sender_id":"web-1","event":"user","timestamp":101.25,"text":"charged twice",
          "input_channel":"webchat","parse_data":{"intent":{"name":"billing","confidence":0.9}}})",
      R"({"sender_id":"web-1","event":"action","timestamp":102.0,"name":"utter_ask_order"})",
      R"({"sender_id":"web-1","event":"bot","timestamp":102.1,"text":"Which order?"})",
      R"({"sender_id":"web-1","event":"slot","timestamp":102.2,"name":"order","value":"1"})",
      R"({"sender_id":"web-1","event":"user","timestamp":103.0,"text":"order 55120"})",
  });
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::rasa_events);
  CHECK(r.errors.empty());
  CHECK(r.c.id == "web-1");
  CHECK(r.meta("channel") == "webchat");
  CHECK(r.turns() == "user:charged twice|bot:Which order?|user:order 55120");
  CHECK(r.c.turns[0].time_ms == 101250);
  CHECK(r.c.turns[1].time_ms == 102000);  // the action's time: when the turn started
  CHECK(r.events_of(0) == "intent:billing");
  CHECK(r.events_of(1) == "other:utter_ask_order");
  CHECK(r.events_of(2).empty());
}

TEST_CASE("rasa-events: an nlu_fallback marks the next bot turn across rows",
          "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"s","event":"user","text":"asdfgh",
          "parse_data":{"intent":{"name":"nlu_fallback","confidence":0.2}}})",
      R"({"sender_id":"s","event":"bot","text":"Sorry, I didn't get that."})",
      R"({"sender_id":"s","event":"user","text":"qwerty",
          "parse_data":{"intent":{"name":"nlu_fallback","confidence":0.1}}})",
      R"({"sender_id":"s","event":"action","name":"action_default_fallback"})",
      R"({"sender_id":"s","event":"bot","text":"Can you rephrase?"})",
  });
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:asdfgh|bot:Sorry, I didn't get that.|user:qwerty|bot:Can you rephrase?");
  CHECK(r.events_of(1) == "fallback:nlu_fallback");
  // The fallback action is the failure already: no second fallback event.
  CHECK(r.events_of(3) == "fallback:action_default_fallback");
}

TEST_CASE("rasa-events: a handoff action is a handoff turn", "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"app-2","event":"user","text":"a human please","input_channel":"android"})",
      R"({"sender_id":"app-2","event":"action","name":"action_handoff_to_human"})",
      R"({"sender_id":"app-2","event":"bot","text":"Connecting you now."})",
  });
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:a human please|bot:Connecting you now.");
  CHECK(r.events_of(1) == "handoff:action_handoff_to_human");
  CHECK(r.meta("channel") == "android");
}

TEST_CASE("rasa-events: the first input_channel is the channel", "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"s","event":"user","text":"hi","input_channel":""})",
      R"({"sender_id":"s","event":"user","text":"hello","input_channel":"rest"})",
      R"({"sender_id":"s","event":"user","text":"hey","input_channel":"slack"})",
  });
  REQUIRE(r.out.ok);
  CHECK(r.meta("channel") == "rest");
  CHECK(r.c.metadata.size() == 1);
}

TEST_CASE("rasa-events: a numeric sender_id is the id as text", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":4471902,"event":"user","text":"hi"})"});
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "4471902");
}

TEST_CASE("rasa-events: a later part of a sender gets #N", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"web-101","event":"action","name":"action_session_start"})",
              R"({"sender_id":"web-101","event":"user","text":"again"})"},
             1);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "web-101#2");
  CHECK(r.turns() == "user:again");
}

TEST_CASE("rasa-events: a row with a wrongly typed text is skipped with its line",
          "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"s","event":"user","text":"first"})",
      R"({"sender_id":"s","event":"user","text":123})",
      R"({"sender_id":"s","event":"user","text":"third"})",
  });
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:first|user:third");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].kind == ErrorKind::invalid_record);
  CHECK_FALSE(r.errors[0].warning);
  CHECK(r.errors[0].message == "rasa-events row: event.text: expected a string or null");
}

TEST_CASE("rasa-events: a failed row between an action and its bot event does not split them",
          "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"s","event":"user","text":"hi"})",
      R"({"sender_id":"s","event":"action","name":"utter_greet"})",
      R"({"sender_id":"s","event":"user","text":"x","parse_data":{"intent":"greet"}})",
      R"({"sender_id":"s","event":"bot","text":"Hello!"})",
  });
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].message == "rasa-events row: event.parse_data.intent: expected an object");
  CHECK(r.turns() == "user:hi|bot:Hello!");
  CHECK(r.events_of(1) == "other:utter_greet");
}

TEST_CASE("rasa-events: a failed user row does not clear a pending nlu_fallback",
          "[schema-rasa-events]") {
  ReadRows r({
      R"({"sender_id":"s","event":"user","text":"blorp",
          "parse_data":{"intent":{"name":"nlu_fallback"}}})",
      R"({"sender_id":"s","event":"user","text":"x","parse_data":{"intent":{"confidence":"high"}}})",
      R"({"sender_id":"s","event":"bot","text":"Sorry?"})",
  });
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message ==
        "rasa-events row: event.parse_data.intent.confidence: expected a number");
  CHECK(r.turns() == "user:blorp|bot:Sorry?");
  CHECK(r.events_of(1) == "fallback:nlu_fallback");
}

TEST_CASE("rasa-events: invalid JSON and non-object rows are row errors", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","event":"user","text":"ok"})",
              R"({"sender_id":"s","event":"user","text":"cut)", R"("just a string")"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].kind == ErrorKind::invalid_json);
  CHECK_THAT(r.errors[0].message, Catch::StartsWith("invalid JSON: "));
  CHECK(r.errors[1].line == 3);
  CHECK(r.errors[1].kind == ErrorKind::not_an_object);
  CHECK(r.errors[1].message == "the record is not a JSON object");
}

TEST_CASE("rasa-events: an event that is not a string", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","event":7,"text":"x"})",
              R"({"sender_id":"s","event":"user","text":"y"})"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "rasa-events row: event.event: expected a string");
  CHECK(r.turns() == "user:y");
}

// The message of a row without "event" (or an action without "name") names the field as
// "event", not as a tracker's "events[N]".
TEST_CASE("rasa-events: a row without event or an action without name names the field",
          "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","text":"no event"})", R"({"sender_id":"s","event":"action"})",
              R"({"sender_id":"s","event":"user","text":"fine"})"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].message == "rasa-events row: event: missing \"event\"");
  CHECK(r.errors[1].message == "rasa-events row: event: missing \"name\"");
}

TEST_CASE("rasa-events: a row without event or name is still skipped", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","text":"no event"})", R"({"sender_id":"s","event":"action"})",
              R"({"sender_id":"s","event":"user","text":"fine"})"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 1);
  CHECK_THAT(r.errors[0].message, Catch::EndsWith("missing \"event\""));
  CHECK(r.errors[1].line == 2);
  CHECK_THAT(r.errors[1].message, Catch::EndsWith("missing \"name\""));
  CHECK(r.turns() == "user:fine");
}

TEST_CASE("rasa-events: a session with only session events has no turns", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","event":"action","name":"action_session_start"})",
              R"({"sender_id":"s","event":"session_started"})",
              R"({"sender_id":"s","event":"action","name":"action_listen"})"});
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
  CHECK(r.out.message == "the conversation has no turns");
  CHECK(r.errors.empty());
}

TEST_CASE("rasa-events: every row failing is reported per row only", "[schema-rasa-events]") {
  ReadRows r({R"({"sender_id":"s","event":"user","text":1})",
              R"({"sender_id":"s","event":"bot","text":[]})"});
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
  CHECK(r.out.message.empty());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[1].message == "rasa-events row: event.text: expected a string or null");
}

TEST_CASE("rasa-events: invalid UTF-8 in a row is repaired", "[schema-rasa-events]") {
  ReadRows r({"{\"sender_id\":\"s\",\"event\":\"user\",\"text\":\"na\xEFve\"}",
              R"({"sender_id":"s","event":"bot","text":"ok"})"});
  REQUIRE(r.out.ok);
  CHECK(r.out.repaired_utf8);
  CHECK(r.turns() == "user:na\xEF\xBF\xBDve|bot:ok");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].warning);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].message == "invalid UTF-8 replaced with U+FFFD; the row was audited");
}

TEST_CASE("rasa-events: without sender_id the id is file:line", "[schema-rasa-events]") {
  ReadRows r({R"({"event":"user","text":"anonymous"})"});
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "events.jsonl:1");
}
