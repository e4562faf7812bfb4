// The Bot Framework transcript reader: roles, skipped activity types, card text, handoff
// events, the legacy (non-conforming) Chatdown shape, ids, times and wrongly typed fields.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <span>
#include <string>
#include <string_view>

#include "input/read_record.hpp"
#include "input/record_reader.hpp"

using namespace audit;

namespace {

// Parses `json` once (see read_record.hpp), as line 1 of "chat.transcript" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "chat.transcript", std::uint64_t line = 1)
      : ReadRecord(json, format, source, line) {}
};

}  // namespace

TEST_CASE("botframework: message roles from from.role, from.name and recipient.role",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "channelId": "webchat", "locale": "en-US", "conversation": {"id": "c-1"},
     "from": {"role": "bot"}, "recipient": {"role": "user"}, "text": "hello",
     "timestamp": "2020-08-18T07:50:44.125Z"},
    {"type": "message", "from": {"role": "user"}, "text": "hi"},
    {"type": "message", "from": {"role": "skill"}, "text": "from a skill"},
    {"type": "message", "from": {"name": "User"}, "text": "named user"},
    {"type": "message", "from": {"name": "Joe"}, "recipient": {"role": "user"}, "text": "to user"},
    {"type": "message", "from": {"name": "Joe"}, "text": "nobody knows"}])");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::botframework);
  REQUIRE(r.c.turns.size() == 5);
  CHECK(r.c.id == "c-1");
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[0].text == "hello");
  CHECK(r.c.turns[0].time_ms == 1597737044125);
  CHECK(r.c.turns[1].role == Role::user);
  CHECK(r.c.turns[1].time_ms == -1);
  CHECK(r.c.turns[2].role == Role::bot);
  CHECK(r.c.turns[3].role == Role::user);
  CHECK(r.c.turns[4].role == Role::bot);
  CHECK(r.c.turns[4].text == "to user");
  CHECK(r.meta("channel") == "webchat");
  CHECK(r.meta("locale") == "en-US");
  // The message whose speaker cannot be told is skipped and said in the warning.
  CHECK(r.out.warning.find("1 message activity without a determinable speaker skipped") !=
        std::string::npos);
}

TEST_CASE("botframework: typing, trace, conversationUpdate and other types are not turns",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "conversationUpdate", "channelId": "emulator", "from": {"role": "user"},
     "membersAdded": [{"id": "u"}]},
    {"type": "typing", "from": {"role": "bot"}},
    {"type": "message", "from": {"role": "user"}, "text": "hi", "locale": "de-DE"},
    {"type": "trace", "name": "BotState", "from": {"role": "bot"}, "value": {"a": 1}},
    {"type": "event", "name": "webchat/join", "from": {"role": "user"}},
    {"type": "messageReaction", "from": {"role": "user"}},
    {"type": "installationUpdate"},
    {"type": "message", "from": {"role": "bot"}, "text": null, "speak": "spoken only"},
    {"type": "endOfConversation", "from": {"role": "bot"}}])",
         InputFormat::auto_detect, "chat.transcript", 7);
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "hi");
  CHECK(r.c.turns[1].text == "spoken only");
  CHECK(r.c.events.empty());
  CHECK(r.out.warning.empty());
  CHECK(r.c.id == "chat.transcript:7");  // no conversation.id anywhere
  CHECK(r.meta("channel") == "emulator");
  CHECK(r.meta("locale") == "de-DE");
}

TEST_CASE("botframework: hero and thumbnail card text joins the bot's text",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "from": {"role": "bot"}, "text": "Here are your options",
     "attachments": [
       {"contentType": "application/vnd.microsoft.card.hero",
        "content": {"title": "Returns", "subtitle": "30 days", "text": "Bring the receipt.",
                    "buttons": [{"type": "imBack", "title": "Start a return"}]}},
       {"contentType": "application/vnd.microsoft.card.thumbnail",
        "content": {"title": "Refunds"}},
       {"contentType": "image/png", "content": "iVBORw0KGgo="}],
     "suggestedActions": {"actions": [{"type": "imBack", "title": "Yes"}]}},
    {"type": "message", "from": {"role": "bot"}, "text": "",
     "attachments": [{"contentType": "application/vnd.microsoft.card.hero",
                      "content": {"text": "card only"}}]},
    {"type": "message", "from": {"role": "user"}, "text": "ok",
     "attachments": [{"contentType": "application/vnd.microsoft.card.hero",
                      "content": {"text": "a user's card is not read"}}]}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].text ==
        "Here are your options\nReturns\n30 days\nBring the receipt.\nRefunds");
  CHECK(r.c.turns[1].text == "card only");
  CHECK(r.c.turns[2].text == "ok");
}

TEST_CASE("botframework: adaptive card TextBlocks, also inside containers and columns",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "from": {"role": "bot"}, "speak": "Here you go.",
     "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
       "content": {"type": "AdaptiveCard", "body": [
         {"type": "TextBlock", "text": "Action items"},
         {"type": "Image", "url": "x.png"},
         {"type": "TextBlock", "text": " "},
         {"type": "ColumnSet", "columns": [
           {"type": "Column", "items": [
             {"type": "Container", "items": [{"type": "TextBlock", "text": "1. update spec"}]}]},
           {"type": "Column", "items": [{"type": "Input.Text", "id": "rawtext"}]}]},
         {"type": "Container", "items": [{"type": "TextBlock", "text": "Add item"}]}]}}]},
    {"type": "message", "from": {"role": "bot"}, "speak": "No card text",
     "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                      "contentUrl": "https://example.org/card.json"}]}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "Action items\n1. update spec\nAdd item");
  CHECK(r.c.turns[1].text == "No card text");
}

TEST_CASE("botframework: handoff.initiate is an empty bot turn with a handoff event",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "from": {"role": "user"}, "text": "agent please"},
    {"type": "event", "name": "handoff.initiate", "from": {"role": "bot"},
     "timestamp": "2024-05-02T09:15:04.500Z", "value": {"skill": "billing"},
     "attachments": [{"contentType": "application/json", "name": "Transcript",
                      "content": {"activities": []}}]},
    {"type": "event", "name": "handoff.status", "value": {"state": "completed"}},
    {"type": "handoff", "from": {"role": "bot"}}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.c.turns[1].time_ms == 1714641304500);
  REQUIRE(r.events(1).size() == 1);
  CHECK(r.events(1)[0].kind == EventKind::handoff);
  CHECK(r.events(1)[0].name == "handoff.initiate");
  REQUIRE(r.events(2).size() == 1);
  CHECK(r.events(2)[0].kind == EventKind::handoff);
  CHECK(r.events(2)[0].name == "handoff.status");
  REQUIRE(r.events(3).size() == 1);
  CHECK(r.events(3)[0].kind == EventKind::handoff);
  CHECK(r.events(3)[0].name == "handoff");
}

TEST_CASE("botframework: a failed handoff.status is not a handoff", "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "from": {"role": "user"}, "text": "a human please"},
    {"type": "event", "name": "handoff.status", "value": {"state": "failed", "message": "busy"}},
    {"type": "event", "name": "handoff.status", "value": {"state": "pending"}}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);  // an undocumented state is not a turn
  CHECK(r.c.turns[1].role == Role::bot);
  REQUIRE(r.events(1).size() == 1);
  CHECK(r.events(1)[0].kind == EventKind::other);
  CHECK(r.events(1)[0].name == "handoff.status.failed");
}

TEST_CASE("botframework: the legacy Chatdown shape is read in degraded mode with a warning",
          "[schema-botframework]") {
  // No "from"; "recipient" names the speaker and the non-standard "to" the addressee; the
  // conversation id differs per activity and the dates are RFC-1123.
  Read r(R"([
    {"conversation": {"id": "0"}, "recipient": {"id": 1, "name": "HelpBot"},
     "text": "Hello!", "timestamp": "Fri, 23 Feb 2018 19:17:18 GMT", "type": "message",
     "to": {"id": 1, "name": "Ann"}},
    {"conversation": {"id": "1"}, "recipient": {"id": 1, "name": "Ann"},
     "text": "hey", "timestamp": "Fri, 23 Feb 2018 19:17:20 GMT", "type": "message",
     "to": {"id": 1, "name": "HelpBot"}},
    {"conversation": {"id": "3"}, "recipient": {"id": 1, "name": "HelpBot"}, "text": "",
     "timestamp": "Fri, 23 Feb 2018 19:17:24 GMT", "type": "typing", "to": {"name": "Ann"}},
    {"conversation": {"id": "2"}, "recipient": {"name": "HelpBot"}, "text": "How can I help?",
     "timestamp": "23 Feb 2018 19:17:22 GMT", "type": "message", "to": {"name": "Ann"}},
    {"conversation": {"id": "4"}, "recipient": {"name": "Ann"}, "text": "later",
     "timestamp": "Fri, 23 Feb 2018 19:17:26 CET", "type": "message", "to": {"role": "bot"}}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 4);
  CHECK(r.c.turns[0].role == Role::bot);
  CHECK(r.c.turns[1].role == Role::user);
  CHECK(r.c.turns[2].role == Role::bot);
  CHECK(r.c.turns[3].role == Role::user);  // to.role "bot"
  CHECK(r.c.turns[0].time_ms == 1519413438000);
  CHECK(r.c.turns[2].time_ms == 1519413442000);  // without the weekday
  CHECK(r.c.turns[3].time_ms == -1);             // a zone other than GMT
  CHECK(r.c.id == "0");
  CHECK(r.out.warning.find("legacy Bot Framework transcript") != std::string::npos);
  CHECK(r.out.warning.find("conversation ids differ per activity") != std::string::npos);
}

TEST_CASE("botframework: a legacy activity with neither roles nor telling names is skipped",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "recipient": {"role": "bot"}, "text": "standard meaning"},
    {"type": "message", "recipient": {"name": "Joe"}, "to": {"name": "Ann"}, "text": "who?"}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 1);
  CHECK(r.c.turns[0].role == Role::user);  // the opposite of recipient.role
  CHECK(r.out.warning.find("legacy") != std::string::npos);
  CHECK(r.out.warning.find("1 message activity without a determinable speaker skipped") !=
        std::string::npos);
}

TEST_CASE("botframework: the id is the first conversation.id; a different later one is said",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "typing", "from": {"role": "bot"}},
    {"type": "message", "conversation": {"id": "abc|livechat"}, "from": {"role": "user"},
     "text": "hi"},
    {"type": "message", "conversation": {"id": "other"}, "from": {"role": "bot"}, "text": "yo"}])");
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "abc|livechat");
  CHECK(r.out.warning.find("conversation.id other than the first") != std::string::npos);

  Read same(R"([
    {"type": "message", "conversation": {"id": "x"}, "from": {"role": "user"}, "text": "hi"},
    {"type": "message", "conversation": {"id": "x"}, "from": {"role": "bot"}, "text": "yo"}])");
  REQUIRE(same.out.ok);
  CHECK(same.c.id == "x");
  CHECK(same.out.warning.empty());
}

TEST_CASE("botframework: --input-format botframework and an array with no turns",
          "[schema-botframework]") {
  Read r(R"([{"type": "message", "from": {"role": "user"}, "text": "hi"}])",
         InputFormat::botframework);
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::botframework);

  Read empty(R"([{"type": "typing", "from": {"role": "bot"}}])");
  CHECK_FALSE(empty.out.ok);
  CHECK(empty.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("botframework: wrongly typed fields are invalid records naming the path",
          "[schema-botframework]") {
  struct Case {
    std::string_view json, path;
  };
  const Case cases[] = {
      {R"([{"type": "message", "from": {"role": "user"}, "text": "hi"}, 42])",
       "botframework record: activities[1]: expected an object"},
      {R"([{"type": 3, "text": "hi"}])",
       "botframework record: activities[0].type: expected a string"},
      {R"([{"type": "typing"}, {"type": "message", "from": {"role": "user"}, "text": ["a"]}])",
       "botframework record: activities[1].text: expected a string"},
  };
  for (const Case& k : cases) {
    Read r(k.json);
    INFO(k.json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_record);
    CHECK(r.out.message == k.path);
  }
}

TEST_CASE("botframework: Teams-style HTML message text is read as plain text",
          "[schema-botframework]") {
  Read r(R"([
    {"type": "message", "channelId": "msteams", "textFormat": "xml", "from": {"role": "user"},
     "text": "<at>Contoso Bot</at> cancel my plan<br>please"},
    {"type": "message", "from": {"role": "bot"}, "text": "<p>Sure &amp; quick.</p>"}])");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].text == "Contoso Bot cancel my plan\nplease");
  CHECK(r.c.turns[1].text == "Sure & quick.");
}
