// Dialogflow CX BigQuery rows: user and bot turns of each row, JSON columns as objects or as
// strings holding JSON, platform signals as events (userEscalated, agentEscalated,
// liveAgentHandoff, noMatch, NO_MATCH, sentiment, intent), turn_position order, metadata, and
// rows that cannot be read.
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

constexpr std::string_view kName = "projects/p/locations/global/agents/a/sessions/s1";

// The rows of one conversation, as lines 1, 2, ... of "bq.jsonl" (see read_rows.hpp).
struct ReadRows : test::ReadRows {
  explicit ReadRows(const std::vector<std::string>& rows, std::uint32_t part = 0)
      : test::ReadRows(InputFormat::dialogflow, rows, "bq.jsonl", 1, part) {}
};

// A row of session s1 with the given turn_position and the rest of its columns.
std::string row(int position, std::string_view rest) {
  std::string s = R"({"conversation_name":")";
  s += kName;
  s += R"(","turn_position":)";
  s += std::to_string(position);
  if (!rest.empty()) {
    s += ',';
    s += rest;
  }
  s += '}';
  return s;
}

}  // namespace

TEST_CASE("dialogflow: a row is a user turn and a bot turn", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request_time":"2026-11-20 09:14:03.250 UTC","language_code":"en",
    "project_id":"acme","agent_id":7,
    "request":{"queryInput":{"text":{"text":"where is my order"},"languageCode":"en"}},
    "response":{"queryResult":{"responseMessages":[
      {"text":{"text":["Let me check.","One moment."]}},
      {"payload":{"richContent":[]}},
      {"text":{"text":["", "Found it."]}}]}})")});
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::dialogflow);
  CHECK(r.errors.empty());
  CHECK(r.c.id == kName);
  CHECK(r.turns() == "user:where is my order|bot:Let me check.\nOne moment.\nFound it.");
  CHECK(r.c.turns[0].time_ms == 1795166043250);
  CHECK(r.c.turns[1].time_ms == 1795166043250);
  CHECK(r.meta("locale") == "en");
  CHECK(r.meta("project_id") == "acme");
  CHECK(r.meta("agent_id") == "7");
  CHECK(r.c.metadata.size() == 3);
  CHECK(r.events_of(0).empty());
  CHECK(r.events_of(1).empty());
}

TEST_CASE("dialogflow: JSON columns exported as strings are read like objects",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":"{\"queryInput\":{\"text\":{\"text\":\"blorp\"}}}",
    "response":"{\"queryResult\":{\"responseMessages\":[{\"text\":{\"text\":[\"Sorry?\"]}}],\"match\":{\"matchType\":\"NO_MATCH\",\"confidence\":0}}}",
    "conversation_signals":"{\"turnSignals\":{\"userEscalated\":true,\"sentimentScore\":-0.5}}")")});
  REQUIRE(r.out.ok);
  CHECK(r.errors.empty());
  CHECK(r.turns() == "user:blorp|bot:Sorry?");
  CHECK(r.events_of(0) == "human_request:userEscalated sentiment:sentimentScore");
  CHECK(r.event(0, 1).value == Approx(-0.5));
  CHECK(r.events_of(1) == "fallback:noMatch");
}

TEST_CASE("dialogflow: userEscalated is a request for a human on the user turn",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"hmm"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["How can I help?"]}}]}},
    "conversation_signals":{"turnSignals":{"userEscalated":true,"agentEscalated":false}})")});
  REQUIRE(r.out.ok);
  CHECK(r.events_of(0) == "human_request:userEscalated");
  CHECK(r.events_of(1).empty());  // agentEscalated false: no handoff
}

TEST_CASE("dialogflow: agentEscalated is a handoff on the bot turn", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"hmm"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Transferring."]}}]}},
    "conversation_signals":{"turnSignals":{"agentEscalated":true}})")});
  REQUIRE(r.out.ok);
  CHECK(r.events_of(0).empty());
  CHECK(r.events_of(1) == "handoff:agentEscalated");
}

TEST_CASE("dialogflow: a liveAgentHandoff response message is a handoff", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"agent"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["One moment."]}},
                                                  {"liveAgentHandoff":{"metadata":{}}}]}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:agent|bot:One moment.");
  CHECK(r.events_of(1) == "handoff:agentEscalated");
}

TEST_CASE("dialogflow: a handoff without bot text is a text-less bot turn", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"person please"}}},
    "response":{"queryResult":{"responseMessages":[{"liveAgentHandoff":{}}]}})")});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.events_of(1) == "handoff:agentEscalated");
}

TEST_CASE("dialogflow: noMatch and matchType NO_MATCH are fallbacks, said once",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"blorp"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Say again?"]}}],
                               "match":{"matchType":"NO_MATCH"}}},
    "conversation_signals":{"turnSignals":{"noMatch":true}})"),
              row(2, R"("request":{"queryInput":{"text":{"text":"zzz"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Once more?"]}}]}},
    "conversation_signals":{"turnSignals":{"noMatch":true}})"),
              row(3, R"("request":{"queryInput":{"text":{"text":"qqq"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Hm?"]}}],
                               "match":{"matchType":"NO_MATCH"}}})"),
              row(4, R"("request":{"queryInput":{"text":{"text":"ok"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Fine."]}}],
                               "match":{"matchType":"INTENT"}}},
    "conversation_signals":{"turnSignals":{"noMatch":false}})")});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 8);
  CHECK(r.events_of(1) == "fallback:noMatch");
  CHECK(r.events_of(3) == "fallback:noMatch");
  CHECK(r.events_of(5) == "fallback:noMatch");
  CHECK(r.events_of(7).empty());
}

TEST_CASE("dialogflow: sentiment and the matched intent are events on the user turn",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"refund now"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Sure."]}}],
      "match":{"matchType":"INTENT","confidence":0.82,"intent":{"displayName":"refund.status"}},
      "sentimentAnalysisResult":{"score":-0.7,"magnitude":0.7}}})"),
              row(2, R"("request":{"queryInput":{"text":{"text":"thanks"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Bye."]}}],
      "sentimentAnalysisResult":{"score":0.1}}},
    "conversation_signals":{"turnSignals":{"sentimentScore":0.6}})")});
  REQUIRE(r.out.ok);
  CHECK(r.events_of(0) == "sentiment:sentimentScore intent:refund.status");
  CHECK(r.event(0, 0).value == Approx(-0.7));
  CHECK(r.event(0, 1).value == Approx(0.82));
  CHECK(r.events_of(2) == "sentiment:sentimentScore");
  CHECK(r.event(2, 0).value == Approx(0.6));  // turnSignals win over the query result
}

TEST_CASE("dialogflow: userEscalated without request text is a text-less user turn",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"event":{"event":"escalate"}}},
    "conversation_signals":{"turnSignals":{"userEscalated":true}})")});
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 1);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text.empty());
  CHECK(r.events_of(0) == "human_request:userEscalated");
}

TEST_CASE("dialogflow: an event request (welcome) makes only a bot turn", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"event":{"event":"welcome"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["Hi! How can I help?"]}}]}},
    "conversation_signals":{"turnSignals":{}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "bot:Hi! How can I help?");
}

TEST_CASE("dialogflow: the user text falls back to queryResult.text, then .transcript",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("response":{"queryResult":{"text":"typed","responseMessages":[]}})"),
              row(2, R"("request":{"queryInput":{"audio":{}}},
    "response":{"queryResult":{"transcript":"spoken","responseMessages":[]}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:typed|user:spoken");
}

TEST_CASE("dialogflow: turns are put in turn_position order", "[schema-dialogflow]") {
  ReadRows r(
      {row(3, R"("request":{"queryInput":{"text":{"text":"u3"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["b3"]}}]}})"),
       row(1, R"("response":{"queryResult":{"responseMessages":[{"text":{"text":["b1"]}}]}})"),
       row(2, R"("request":{"queryInput":{"text":{"text":"u2"}}},
    "response":{"queryResult":{"responseMessages":[{"text":{"text":["b2"]}}]}},
    "conversation_signals":{"turnSignals":{"userEscalated":true,"agentEscalated":true}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "bot:b1|user:u2|bot:b2|user:u3|bot:b3");
  // Events travel with their turns.
  CHECK(r.events_of(1) == "human_request:userEscalated");
  CHECK(r.events_of(2) == "handoff:agentEscalated");
  CHECK(r.events_of(3).empty());
}

TEST_CASE("dialogflow: turn_position as a string of digits", "[schema-dialogflow]") {
  ReadRows r({R"({"conversation_name":"s","turn_position":"2",
                  "request":{"queryInput":{"text":{"text":"second"}}}})",
              R"({"conversation_name":"s","turn_position":"1",
                  "request":{"queryInput":{"text":{"text":"first"}}}})"});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:first|user:second");
}

TEST_CASE("dialogflow: rows with an equal turn_position keep their order", "[schema-dialogflow]") {
  ReadRows r({row(2, R"("request":{"queryInput":{"text":{"text":"b"}}})"),
              row(2, R"("request":{"queryInput":{"text":{"text":"c"}}})"),
              row(1, R"("request":{"queryInput":{"text":{"text":"a"}}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:a|user:b|user:c");
}

TEST_CASE("dialogflow: the first row's metadata wins; language_code is the locale",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("language_code":"en","channel":"web",
                        "request":{"queryInput":{"text":{"text":"hi"}}})"),
              row(2, R"("language_code":"es","channel":"app","extra":true,
                        "request":{"queryInput":{"text":{"text":"hola"}}})")});
  REQUIRE(r.out.ok);
  CHECK(r.meta("locale") == "en");
  CHECK(r.meta("channel") == "web");
  CHECK(r.meta("extra") == "true");
  CHECK(r.meta("language_code") == "<missing>");
  CHECK(r.c.metadata.size() == 3);
}

TEST_CASE("dialogflow: a wrongly typed turn_position skips the row", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"one"}}})"),
              R"({"conversation_name":"s1","turn_position":{"n":2},
                  "request":{"queryInput":{"text":{"text":"two"}}}})",
              row(3, R"("request":{"queryInput":{"text":{"text":"three"}}})")});
  REQUIRE(r.out.ok);
  CHECK(r.turns() == "user:one|user:three");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].kind == ErrorKind::invalid_record);
  CHECK(r.errors[0].message == "dialogflow row: turn_position: expected an integer");
}

TEST_CASE("dialogflow: a JSON column holding a string that is not JSON", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("project_id":"x","request":"not json at all")"),
              row(2, R"("request":{"queryInput":{"text":{"text":"fine"}}})")});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 1);
  CHECK_THAT(r.errors[0].message,
             Catch::StartsWith("dialogflow row: request: a string that is not JSON ("));
  CHECK(r.turns() == "user:fine");
  CHECK(r.c.metadata.empty());  // what the failed row added is taken back
}

TEST_CASE("dialogflow: a JSON column that is neither an object nor a string",
          "[schema-dialogflow]") {
  ReadRows r({row(1, R"("response":[1,2])"), row(2, R"("conversation_signals":"[true]")"),
              row(3, R"("request":{"queryInput":{"text":{"text":"ok"}}})")});
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].message == "dialogflow row: response: expected an object");
  CHECK(r.errors[1].message == "dialogflow row: conversation_signals: expected an object");
  CHECK(r.turns() == "user:ok");
}

TEST_CASE("dialogflow: null JSON columns are absent", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":null,"response":{"queryResult":{"responseMessages":
                        [{"text":{"text":["hello"]}}]}},"conversation_signals":null)")});
  REQUIRE(r.out.ok);
  CHECK(r.errors.empty());
  CHECK(r.turns() == "bot:hello");
}

TEST_CASE("dialogflow: a row without conversation_name", "[schema-dialogflow]") {
  ReadRows r({R"({"turn_position":1,"request":{"queryInput":{"text":{"text":"x"}}}})",
              row(2, R"("request":{"queryInput":{"text":{"text":"y"}}})")});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].message == "dialogflow row: missing \"conversation_name\"");
  CHECK(r.turns() == "user:y");
  CHECK(r.c.id == kName);
}

TEST_CASE("dialogflow: a conversation_name that is not a string", "[schema-dialogflow]") {
  ReadRows r({R"({"conversation_name":12,"request":{"queryInput":{"text":{"text":"x"}}}})"});
  CHECK_FALSE(r.out.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "dialogflow row: conversation_name: expected a string");
}

TEST_CASE("dialogflow: invalid JSON and non-object rows are row errors", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"text":{"text":"a"}}})"),
              "{\"conversation_name\":", "[1,2]"});
  REQUIRE(r.out.ok);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].kind == ErrorKind::invalid_json);
  CHECK_THAT(r.errors[0].message, Catch::StartsWith("invalid JSON: "));
  CHECK(r.errors[1].line == 3);
  CHECK(r.errors[1].kind == ErrorKind::not_an_object);
}

TEST_CASE("dialogflow: rows that give no turn are an empty conversation", "[schema-dialogflow]") {
  ReadRows r({row(1, R"("request":{"queryInput":{"event":{"event":"welcome"}}},
                        "conversation_signals":{"turnSignals":{}})")});
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
  CHECK(r.out.message == "the conversation has no turns");
}

TEST_CASE("dialogflow: a later part of a conversation gets #N", "[schema-dialogflow]") {
  ReadRows r({row(9, R"("request":{"queryInput":{"text":{"text":"back"}}})")}, 1);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == std::string(kName) + "#2");
}

TEST_CASE("dialogflow: invalid UTF-8 in a row is repaired", "[schema-dialogflow]") {
  ReadRows r({row(1, "\"request\":{\"queryInput\":{\"text\":{\"text\":\"caf\xE9\"}}}")});
  REQUIRE(r.out.ok);
  CHECK(r.out.repaired_utf8);
  CHECK(r.turns() == "user:caf\xEF\xBF\xBD");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].warning);
  CHECK(r.errors[0].line == 1);
}
