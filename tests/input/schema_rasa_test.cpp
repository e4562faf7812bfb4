// The Rasa tracker reader: user, bot and action events into turns, the action/bot pairs of newer
// Rasa versions merged, fallback and handoff actions, intents, timestamps, and broken trackers.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "input/read_record.hpp"
#include "input/record_reader.hpp"

using namespace audit;
using audit::test::events_text;

namespace {

// Parses `json` once (see read_record.hpp), as line 4 of "trackers.jsonl" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "trackers.jsonl", std::uint64_t line = 4)
      : ReadRecord(json, format, source, line) {}

  std::string events_of(std::size_t t) const { return events_text(c, t); }
};

}  // namespace

TEST_CASE("schema-rasa: user and bot events become turns", "[schema-rasa]") {
  Read r(R"({"sender_id": "s-1", "latest_input_channel": "rest", "slots": {"x": null},
             "events": [{"event": "action", "name": "action_session_start"},
                        {"event": "session_started"},
                        {"event": "action", "name": "action_listen"},
                        {"event": "user", "text": "where is my parcel"},
                        {"event": "bot", "text": "Let me check."},
                        {"event": "slot", "name": "order", "value": "4471902"},
                        {"event": "bot", "text": null, "data": {"image": "x.png"}}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::rasa);
  CHECK(r.c.id == "s-1");
  CHECK(r.meta("channel") == "rest");
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text == "where is my parcel");
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text == "Let me check.");
  CHECK(r.c.turns[2].role == Role::bot);
  CHECK(r.c.turns[2].text.empty());
  CHECK(r.c.events.empty());
}

TEST_CASE("schema-rasa: an utter_ action and its bot event are one bot turn", "[schema-rasa]") {
  Read r(R"({"sender_id": "s-2", "events": [
               {"event": "user", "text": "hi"},
               {"event": "action", "name": "utter_greet", "timestamp": 100.5},
               {"event": "bot", "text": "Hey! How can I help?", "timestamp": 100.6,
                "metadata": {"utter_action": "utter_greet"}},
               {"event": "action", "name": "action_listen"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text == "Hey! How can I help?");
  CHECK(r.c.turns[1].time_ms == 100500);  // the action's time: when the turn started
  CHECK(r.events_of(1) == "other:utter_greet");
}

TEST_CASE("schema-rasa: a slot event between an action and its bot event does not split them",
          "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "hi"},
                        {"event": "action", "name": "utter_greet"},
                        {"event": "slot", "name": "greeted", "value": true},
                        {"event": "bot", "text": "Hello"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[1].text == "Hello");
}

TEST_CASE("schema-rasa: an utter_ action alone is a text-less bot turn", "[schema-rasa]") {
  Read r(R"({"sender_id": "s-3", "events": [
               {"event": "user", "text": "/greet"},
               {"event": "action", "name": "utter_greet"},
               {"event": "action", "name": "action_listen"},
               {"event": "user", "text": "/mood_great"},
               {"event": "action", "name": "utter_happy"},
               {"event": "action", "name": "action_listen"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.events_of(1) == "other:utter_greet");
  CHECK(r.c.turns[3].role == Role::bot);
  CHECK(r.events_of(3) == "other:utter_happy");
}

TEST_CASE("schema-rasa: a bot event after another action or a user turn is a new turn",
          "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "order status"},
                        {"event": "action", "name": "utter_checking"},
                        {"event": "action", "name": "action_check_order"},
                        {"event": "bot", "text": "It is in transit."},
                        {"event": "bot", "text": "Anything else?"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.c.turns[2].text == "It is in transit.");
  CHECK(r.c.turns[2].event_count == 0);
  CHECK(r.c.turns[3].text == "Anything else?");
}

TEST_CASE("schema-rasa: fallback actions mark their bot turn", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "blorp"},
                        {"event": "action", "name": "action_default_fallback"},
                        {"event": "bot", "text": "Sorry, I didn't get that."},
                        {"event": "user_utterance_reverted"},
                        {"event": "user", "text": "blorp!"},
                        {"event": "action", "name": "action_default_ask_affirmation"},
                        {"event": "user", "text": "no"},
                        {"event": "action", "name": "action_default_ask_rephrase"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[1].text == "Sorry, I didn't get that.");
  CHECK(r.events_of(1) == "fallback:action_default_fallback");
  CHECK(r.events_of(3) == "fallback:action_default_ask_affirmation");
  CHECK(r.events_of(5) == "fallback:action_default_ask_rephrase");
}

TEST_CASE("schema-rasa: a handoff action marks its bot turn", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "I want a person"},
                        {"event": "action", "name": "action_handoff_to_human"},
                        {"event": "bot", "text": "Connecting you now."},
                        {"event": "user", "text": "thanks"},
                        {"event": "action", "name": "utter_Human_Takeover"},
                        {"event": "action", "name": "action_handoff"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 5);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text == "Connecting you now.");
  CHECK(r.events_of(1) == "handoff:action_handoff_to_human");
  CHECK(r.events_of(3) == "handoff:utter_Human_Takeover");
  CHECK(r.events_of(4) == "handoff:action_handoff");
}

TEST_CASE("schema-rasa: the intent of a user turn with its confidence", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "track my order",
                         "parse_data": {"intent": {"confidence": 0.87, "name": "track_order"},
                                        "entities": [], "intent_ranking": []}},
                        {"event": "user", "text": "", "parse_data": {"intent": {"name": null,
                                                                               "confidence": 0}}},
                        {"event": "user", "text": "x", "parse_data": null},
                        {"event": "user", "text": "y", "parse_data": {"entities": []}}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  REQUIRE(r.c.turns[0].event_count == 1);
  const Event& e = r.c.events[r.c.turns[0].first_event];
  CHECK(e.kind == EventKind::intent);
  CHECK(e.name == "track_order");
  CHECK(e.value == Approx(0.87));
  CHECK(r.c.turns[1].event_count == 0);
  CHECK(r.c.turns[2].event_count == 0);
  CHECK(r.c.turns[3].event_count == 0);
}

TEST_CASE("schema-rasa: nlu_fallback marks the bot turn that answers it", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "qwzx",
                         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}}},
                        {"event": "action", "name": "action_listen"},
                        {"event": "bot", "text": "Hmm?"},
                        {"event": "bot", "text": "Try again."},
                        {"event": "user", "text": "asdf",
                         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.2}}},
                        {"event": "action", "name": "action_default_fallback"},
                        {"event": "user", "text": "order",
                         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.2}}},
                        {"event": "user", "text": "my order",
                         "parse_data": {"intent": {"name": "track_order", "confidence": 0.9}}},
                        {"event": "action", "name": "utter_ask_number"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 8);
  CHECK(r.events_of(0) == "intent:nlu_fallback");
  CHECK(r.events_of(1) == "fallback:nlu_fallback");
  CHECK(r.events_of(2).empty());                                // only the first answer
  CHECK(r.events_of(4) == "fallback:action_default_fallback");  // not marked twice
  CHECK(r.events_of(7) == "other:utter_ask_number");            // understood after all
}

TEST_CASE("schema-rasa: timestamps in float seconds become milliseconds", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "a", "timestamp": 1517821726.200036},
                        {"event": "action", "name": "utter_b", "timestamp": 1517821726.209908},
                        {"event": "user", "text": "c", "timestamp": 1704067200},
                        {"event": "bot", "text": "d", "timestamp": "yesterday"},
                        {"event": "bot", "text": "e"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 5);
  CHECK(r.c.turns[0].time_ms == 1517821726200);
  CHECK(r.c.turns[1].time_ms == 1517821726210);
  CHECK(r.c.turns[2].time_ms == 1704067200000);
  CHECK(r.c.turns[3].time_ms == -1);
  CHECK(r.c.turns[4].time_ms == -1);
}

TEST_CASE("schema-rasa: events out of time order keep their file order", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "first", "timestamp": 20.0},
                        {"event": "bot", "text": "second", "timestamp": 10.0}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "first");
  CHECK(r.c.turns[1].text == "second");
}

TEST_CASE("schema-rasa: a tracker without sender_id is named file:line", "[schema-rasa]") {
  Read r(R"({"events": [{"event": "user", "text": "hi"}], "latest_input_channel": null})",
         InputFormat::auto_detect, "data/trackers.jsonl", 9);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "data/trackers.jsonl:9");
  CHECK(r.meta("channel") == "<missing>");
}

TEST_CASE("schema-rasa: the format is detected from the events key", "[schema-rasa]") {
  Read r(R"({"sender_id": "d", "slots": {}, "latest_message": {"text": "hi"},
             "events": [{"event": "user", "text": "hi"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::rasa);
  RecordReader reader;
  const std::string json = R"({"latest_message": {}, "events": []})";
  std::string buf = json + std::string(simdjson::SIMDJSON_PADDING, '\0');
  CHECK(reader.detect(buf.data(), json.size(), buf.size()) == InputFormat::rasa);
}

TEST_CASE("schema-rasa: --input-format rasa reads a tracker", "[schema-rasa]") {
  Read r(R"({"sender_id": "f", "events": [{"event": "user", "text": "hi"}]})", InputFormat::rasa);
  REQUIRE(r.out.ok);
  CHECK(r.c.turns.size() == 1);
}

TEST_CASE("schema-rasa: a tracker with no user or bot event is an empty conversation",
          "[schema-rasa]") {
  Read r(R"({"sender_id": "e", "events": [{"event": "action", "name": "action_listen"},
                                          {"event": "slot", "name": "x", "value": 1}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("schema-rasa: wrong types are invalid records naming the field", "[schema-rasa]") {
  struct Case {
    std::string_view json, field;
  };
  const Case cases[] = {
      {R"({"events": {"event": "user"}})", "events: expected an array"},
      {R"({"events": [{"event": "user", "text": "a"}, 5]})", "events[1]: expected an object"},
      {R"({"events": [{"event": 3, "text": "a"}]})", "events[0].event: expected a string"},
      {R"({"events": [{"text": "a"}]})", "events[0]: missing \"event\""},
      {R"({"events": [{"event": "user", "text": ["a"]}]})", "events[0].text"},
      {R"({"events": [{"event": "bot", "text": 1}]})", "events[0].text"},
      {R"({"events": [{"event": "action", "name": 7}]})", "events[0].name"},
      {R"({"events": [{"event": "action"}]})", "events[0]: missing \"name\""},
      {R"({"events": [{"event": "user", "parse_data": []}]})", "events[0].parse_data"},
      {R"({"events": [{"event": "user", "parse_data": {"intent": "greet"}}]})",
       "events[0].parse_data.intent"},
      {R"({"events": [{"event": "user", "parse_data": {"intent": {"name": 1}}}]})",
       "events[0].parse_data.intent.name"},
      {R"({"events": [{"event": "user", "parse_data": {"intent": {"name": "a",
           "confidence": "high"}}}]})",
       "events[0].parse_data.intent.confidence"},
      {R"({"sender_id": {"a": 1}, "events": []})", "sender_id"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.json);
    Read r(k.json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_record);
    CHECK_THAT(r.out.message,
               Catch::StartsWith("rasa record: ") && Catch::Contains(std::string(k.field)));
  }
}

TEST_CASE("schema-rasa: missing events with the rasa format forced", "[schema-rasa]") {
  Read r(R"({"sender_id": "x", "slots": {}})", InputFormat::rasa);
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("missing \"events\""));
}

TEST_CASE("rasa: an intent that names a handoff is the customer asking for a person",
          "[schema-rasa]") {
  Read r(R"({"sender_id": "h1", "events": [
    {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "human_handoff", "confidence": 0.8}}},
    {"event": "bot", "text": "I can help with orders."},
    {"event": "user", "text": "ok", "parse_data": {"intent": {"name": "affirm", "confidence": 0.9}}}]})");
  REQUIRE(r.out.ok);
  CHECK(r.events_of(0) == "human_request:human_handoff intent:human_handoff");
  CHECK(r.events_of(2) == "intent:affirm");
}

TEST_CASE("rasa: --handoff-name replaces the names that mean a handoff", "[schema-rasa]") {
  const std::string json = R"({"sender_id": "h2", "events": [
    {"event": "user", "text": "help", "parse_data": {"intent": {"name": "ask_operator"}}},
    {"event": "action", "name": "action_transfer_to_live_agent"},
    {"event": "action", "name": "action_handoff"}]})";
  const std::vector<std::string> names = {"live_agent", "operator"};
  std::string buf = json + std::string(simdjson::SIMDJSON_PADDING, '\0');
  RecordReader reader;
  reader.set_handoff_names(&names);
  Conversation c;
  auto out =
      reader.read(buf.data(), json.size(), buf.size(), InputFormat::auto_detect, "t.json", 1, c);
  REQUIRE(out.ok);
  REQUIRE(c.turns.size() == 2);  // action_handoff is no longer a handoff, nor an utter_: no turn
  CHECK(c.events[c.turns[0].first_event].kind == EventKind::human_request);
  CHECK(c.events[c.turns[1].first_event].kind == EventKind::handoff);
  CHECK(c.events[c.turns[1].first_event].name == "action_transfer_to_live_agent");
}
