// The Amazon Connect / Contact Lens chat reader: roles and the bot/agent phases, handoff events,
// sentiment joined by item id, timestamps, ids, detection and every wrongly typed field.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>

#include "input/read_record.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

// Parses `json` once (see read_record.hpp), as line 1 of "chat.json" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "chat.json", std::uint64_t line = 1)
      : ReadRecord(json, format, source, line) {}
};

std::string fixture(std::string_view name) {
  std::ifstream in(std::string(CHATAUDIT_SOURCE_DIR) + "/tests/fixtures/formats/contact_lens/" +
                   std::string(name));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("contact-lens: message roles map to the four roles", "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Id": "1", "Type": "MESSAGE", "ParticipantRole": "CUSTOM_BOT", "Content": "hi, I'm a bot"},
    {"Id": "2", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "hello"},
    {"Id": "3", "Type": "MESSAGE", "Content": "a message with no role"},
    {"Id": "4", "Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "agent here"},
    {"Id": "5", "Type": "MESSAGE", "ParticipantRole": "SUPERVISOR", "Content": "supervisor"},
    {"Id": "6", "Type": "MESSAGE", "ParticipantRole": "CUSTOM_BOT", "Content": "survey?"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::contact_lens);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[0].text == "hi, I'm a bot");
  CHECK(r.c.turns[1].role == Role::user);
  CHECK(r.c.turns[2].role == Role::system);
  CHECK(r.c.turns[3].role == Role::agent);
  CHECK(r.c.turns[4].role == Role::agent);
  CHECK(r.c.turns[5].role == Role::system);  // a human is there: bot lines are notices
  CHECK(r.c.events.empty());
}

TEST_CASE("contact-lens: SYSTEM is the bot before an agent joins and a notice after",
          "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Id": "a", "Type": "MESSAGE", "ParticipantRole": "SYSTEM", "Content": "How can I help?"},
    {"Id": "b", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "agent please"},
    {"Id": "c", "Type": "MESSAGE", "ParticipantRole": "SYSTEM", "Content": "Please hold."},
    {"Id": "d", "Type": "EVENT", "ParticipantRole": "AGENT",
     "ContentType": "application/vnd.amazonaws.connect.event.participant.joined"},
    {"Id": "e", "Type": "MESSAGE", "ParticipantRole": "SYSTEM", "Content": "Sam has joined."},
    {"Id": "f", "Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "Hi, Sam here."}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[2].role == Role::bot);
  CHECK(r.c.turns[3].role == Role::system);
  CHECK(r.c.turns[4].role == Role::system);
  CHECK(r.c.turns[4].text == "Sam has joined.");
  CHECK(r.c.turns[5].role == Role::agent);
}

TEST_CASE("contact-lens: an AGENT message without a joined event also ends the bot phase",
          "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Type": "MESSAGE", "ParticipantRole": "SYSTEM", "Content": "Hello"},
    {"Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "Hi"},
    {"Type": "MESSAGE", "ParticipantRole": "SYSTEM", "Content": "Transfer in progress"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[2].role == Role::system);
}

TEST_CASE("contact-lens: an agent's participant.joined is an empty handoff turn",
          "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Id": "j1", "Type": "EVENT", "ParticipantRole": "CUSTOMER",
     "AbsoluteTime": "2024-01-01T00:00:00Z",
     "ContentType": "application/vnd.amazonaws.connect.event.participant.joined"},
    {"Id": "m1", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "human please"},
    {"Id": "j2", "Type": "EVENT", "ParticipantRole": "AGENT",
     "AbsoluteTime": "2024-01-01T00:01:00.500Z",
     "ContentType": "application/vnd.amazonaws.connect.event.participant.joined"},
    {"Id": "m2", "Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "Hello"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);  // the customer joining is not a turn
  const Turn& h = r.c.turns[1];
  CHECK(h.role == Role::system);
  CHECK(h.text.empty());
  CHECK(h.time_ms == 1704067260500);
  REQUIRE(h.event_count == 1);
  CHECK(r.events(1)[0].kind == EventKind::handoff);
  CHECK(r.events(1)[0].name == "participant.joined");
}

TEST_CASE("contact-lens: transfer.succeeded is a handoff; other events are not turns",
          "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "hi"},
    {"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.typing",
     "ParticipantRole": "CUSTOMER"},
    {"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.transfer.failed"},
    {"Type": "EVENT", "ParticipantRole": "SYSTEM",
     "ContentType": "application/vnd.amazonaws.connect.event.participant.joined"},
    {"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.transfer.succeeded"},
    {"Type": "EVENT", "ParticipantRole": "AGENT",
     "ContentType": "application/vnd.amazonaws.connect.event.participant.left"},
    {"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.chat.ended"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[1].role == Role::system);
  REQUIRE(r.c.events.size() == 1);
  CHECK(r.c.events[0].kind == EventKind::handoff);
  CHECK(r.c.events[0].name == "transfer.succeeded");
}

TEST_CASE("contact-lens: an item without a Type is a message when it has Content",
          "[schema-contact-lens]") {
  Read r(R"({"Transcript": [{"ParticipantRole": "CUSTOMER", "Content": "hi"},
                            {"ParticipantRole": "CUSTOMER"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 1);
  CHECK(r.c.turns[0].text == "hi");
}

TEST_CASE("contact-lens: sentiment groups become events on the turns they name",
          "[schema-contact-lens]") {
  // The analysis comes after the transcript here: field order does not matter.
  Read r(R"({"Transcript": [
    {"Id": "i1", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "this is broken"},
    {"Id": "i2", "Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "let me fix it"},
    {"Id": "i3", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "ok"},
    {"Id": "i4", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "thanks!"},
    {"Id": "i5", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "hmm, fine"},
    {"Id": "i6", "Type": "MESSAGE", "ParticipantRole": "AGENT", "Content": "bye"}],
   "ConversationCharacteristics": {"Sentiment": {"DetailsByTranscriptItemGroup": [
     {"ParticipantRole": "CUSTOMER", "Sentiment": "NEGATIVE", "TranscriptItems": [{"Id": "i1"}]},
     {"ParticipantRole": "AGENT", "Sentiment": "NEUTRAL", "ProgressiveScore": 0,
      "TranscriptItems": [{"Id": "i2"}]},
     {"ParticipantRole": "CUSTOMER", "Sentiment": "POSITIVE",
      "TranscriptItems": [{"Id": "i3"}, {"Id": "i4"}]},
     {"ParticipantRole": "CUSTOMER", "Sentiment": "MIXED", "TranscriptItems": [{"Id": "i5"}]},
     {"ParticipantRole": "CUSTOMER", "Sentiment": "NEGATIVE", "TranscriptItems": [{"Id": "zz"}]}
   ]}}})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 6);
  struct Expect {
    std::string_view name;
    double value;
  };
  const Expect expected[] = {
      {"NEGATIVE", -1}, {"NEUTRAL", 0}, {"POSITIVE", 1}, {"POSITIVE", 1}, {"MIXED", 0}};
  for (std::size_t t = 0; t < 5; ++t) {
    CAPTURE(t);
    REQUIRE(r.c.turns[t].event_count == 1);
    CHECK(r.events(t)[0].kind == EventKind::sentiment);
    CHECK(r.events(t)[0].name == expected[t].name);
    CHECK(r.events(t)[0].value == expected[t].value);
  }
  CHECK(r.c.turns[5].event_count == 0);
  CHECK(r.c.events.size() == 5);
}

TEST_CASE("contact-lens: a record without a sentiment block has no sentiment events",
          "[schema-contact-lens]") {
  Read r(R"({"ConversationCharacteristics": {"ResponseTime": {}},
             "Transcript": [{"Id": "i1", "Type": "MESSAGE", "ParticipantRole": "CUSTOMER",
                             "Content": "hi"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.c.events.empty());
}

TEST_CASE("contact-lens: AbsoluteTime is parsed to milliseconds", "[schema-contact-lens]") {
  Read r(R"({"Transcript": [
    {"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "a",
     "AbsoluteTime": "2022-10-27T03:32:03.462Z"},
    {"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "b", "AbsoluteTime": "soon"},
    {"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "c", "AbsoluteTime": 5},
    {"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "d"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  CHECK(r.c.turns[0].time_ms == 1666841523462);
  CHECK(r.c.turns[1].time_ms == -1);
  CHECK(r.c.turns[2].time_ms == -1);
  CHECK(r.c.turns[3].time_ms == -1);
}

TEST_CASE("contact-lens: the id is the ContactId; Channel and LanguageCode are metadata",
          "[schema-contact-lens]") {
  Read r(R"({"AccountId": "123", "Channel": "CHAT", "LanguageCode": "en-US",
             "CustomerMetadata": {"ContactId": "c-42", "InstanceId": "i-1"},
             "Transcript": [{"Type": "MESSAGE", "ParticipantRole": "CUSTOMER", "Content": "x"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "c-42");
  CHECK(r.meta("Channel") == "CHAT");
  CHECK(r.meta("LanguageCode") == "en-US");
  CHECK(r.meta("AccountId") == "<missing>");
  CHECK(r.c.metadata.size() == 2);
}

TEST_CASE("contact-lens: without a ContactId the record is named file:line",
          "[schema-contact-lens]") {
  Read none(R"({"Transcript": [{"Type": "MESSAGE", "ParticipantRole": "CUSTOMER",
                "Content": "x"}]})",
            InputFormat::auto_detect, "exports/chat.json", 4);
  Read no_contact(R"({"CustomerMetadata": {"InstanceId": "i"},
                      "Transcript": [{"Type": "MESSAGE", "Content": "x"}]})",
                  InputFormat::auto_detect, "exports/chat.json", 9);
  REQUIRE(none.out.ok);
  CHECK(none.c.id == "exports/chat.json:4");
  REQUIRE(no_contact.out.ok);
  CHECK(no_contact.c.id == "exports/chat.json:9");
}

TEST_CASE("contact-lens: detected by the Transcript key, or forced", "[schema-contact-lens]") {
  const std::string_view json =
      R"({"Version": "CHAT-2022-11-30", "Transcript": [{"Type": "MESSAGE",
          "ParticipantRole": "CUSTOMER", "Content": "x"}]})";
  Read detected(json);
  Read forced(json, InputFormat::contact_lens);
  CHECK(detected.out.format == InputFormat::contact_lens);
  CHECK(forced.out.ok);
  RecordReader reader;
  std::string buf = std::string(json) + std::string(simdjson::SIMDJSON_PADDING, '\0');
  CHECK(reader.detect(buf.data(), json.size(), buf.size()) == InputFormat::contact_lens);
}

TEST_CASE("contact-lens: a transcript with no turns is an empty conversation",
          "[schema-contact-lens]") {
  Read empty(R"({"Transcript": []})");
  Read events_only(R"({"Transcript": [{"Type": "EVENT", "ParticipantRole": "CUSTOMER",
    "ContentType": "application/vnd.amazonaws.connect.event.participant.joined"}]})");
  CHECK(empty.out.kind == ErrorKind::empty_conversation);
  CHECK(events_only.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("contact-lens: wrong types are invalid records naming the field",
          "[schema-contact-lens]") {
  struct Case {
    std::string_view json, field;
  };
  const Case cases[] = {
      {R"({"Transcript": {"Id": "x"}})", "Transcript: expected an array"},
      {R"({"Transcript": [{"Type": "MESSAGE", "Content": "ok"}, "text"]})",
       "Transcript[1]: expected an object"},
      {R"({"Transcript": [{"Type": "MESSAGE", "Content": 5}]})", "Transcript[0].Content"},
      {R"({"Transcript": [{"Type": "MESSAGE", "Content": ["a"]}]})", "Transcript[0].Content"},
      {R"({"Transcript": [{"Type": "MESSAGE", "ParticipantRole": 1, "Content": "a"}]})",
       "Transcript[0].ParticipantRole"},
      {R"({"Transcript": [{"Type": "MESSAGE", "ParticipantRole": "WIZARD", "Content": "a"}]})",
       "unknown role \"WIZARD\""},
      {R"({"Transcript": [{"Type": 3, "Content": "a"}]})", "Transcript[0].Type"},
      {R"({"Transcript": [{"Id": {}, "Type": "MESSAGE", "Content": "a"}]})", "Transcript[0].Id"},
      {R"({"Transcript": [{"Type": "EVENT", "ContentType": null}]})", "Transcript[0].ContentType"},
      {R"({"CustomerMetadata": "c1", "Transcript": []})", "CustomerMetadata"},
      {R"({"CustomerMetadata": {"ContactId": {}}, "Transcript": []})",
       "CustomerMetadata.ContactId"},
      {R"({"ConversationCharacteristics": [], "Transcript": []})", "ConversationCharacteristics"},
      {R"({"ConversationCharacteristics": {"Sentiment": {"DetailsByTranscriptItemGroup": {}}},
           "Transcript": []})",
       "DetailsByTranscriptItemGroup: expected an array"},
      {R"({"ConversationCharacteristics": {"Sentiment": {"DetailsByTranscriptItemGroup": [
           {"Sentiment": 1, "TranscriptItems": []}]}}, "Transcript": []})",
       "DetailsByTranscriptItemGroup[0].Sentiment"},
      {R"({"ConversationCharacteristics": {"Sentiment": {"DetailsByTranscriptItemGroup": [
           {"Sentiment": "NEUTRAL", "TranscriptItems": []},
           {"Sentiment": "NEUTRAL", "TranscriptItems": [{"Id": 7}]}]}}, "Transcript": []})",
       "DetailsByTranscriptItemGroup[1].TranscriptItems[0].Id"},
  };
  for (const Case& k : cases) {
    CAPTURE(k.json);
    Read r(k.json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_record);
    CHECK_THAT(r.out.message,
               Catch::StartsWith("contact-lens record: ") && Catch::Contains(std::string(k.field)));
  }
}

TEST_CASE("contact-lens: missing Transcript with the format forced", "[schema-contact-lens]") {
  Read r(R"({"Channel": "CHAT"})", InputFormat::contact_lens);
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("missing \"Transcript\""));
}

TEST_CASE("contact-lens: the bot_then_agent fixture", "[schema-contact-lens]") {
  const std::string json = fixture("bot_then_agent.json");
  REQUIRE_FALSE(json.empty());
  Read r(json);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "cl-bot-then-agent");
  CHECK(r.meta("LanguageCode") == "en-GB");
  const Role roles[] = {Role::bot,  Role::user,   Role::bot,    Role::user,
                        Role::bot,  Role::system, Role::system, Role::agent,
                        Role::user, Role::agent,  Role::user,   Role::agent};
  REQUIRE(r.c.turns.size() == std::size(roles));
  for (std::size_t t = 0; t < std::size(roles); ++t) {
    CAPTURE(t);
    CHECK(r.c.turns[t].role == roles[t]);
  }
  REQUIRE(r.c.turns[5].event_count == 1);
  CHECK(r.events(5)[0].kind == EventKind::handoff);
  REQUIRE(r.c.turns[1].event_count == 1);
  CHECK(r.events(1)[0].name == "NEGATIVE");
  CHECK(r.events(7)[0].name == "MIXED");
  CHECK(r.events(11)[0].value == 1);
  CHECK(r.c.turns[6].event_count == 0);  // the "has joined" notice has no sentiment group
}

TEST_CASE("contact-lens: the bot_only fixture", "[schema-contact-lens]") {
  const std::string json = fixture("bot_only.json");
  REQUIRE_FALSE(json.empty());
  Read r(json);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "cl-bot-only");
  REQUIRE(r.c.turns.size() == 7);
  for (std::size_t t = 0; t < r.c.turns.size(); ++t) {
    CAPTURE(t);
    CHECK(r.c.turns[t].role == (t % 2 == 0 ? Role::bot : Role::user));
  }
  CHECK(r.c.events.empty());
}
