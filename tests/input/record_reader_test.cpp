// RecordReader: one record into a Conversation, for the native and OpenAI formats, and every
// way a record can be broken (each must be an InputError kind with a message, never a crash).
#include "input/record_reader.hpp"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "input/read_record.hpp"

using namespace audit;

namespace {

// Parses `json` once (see read_record.hpp), as line 7 of "chats.jsonl" by default.
struct Read : test::ReadRecord {
  explicit Read(std::string_view json, InputFormat format = InputFormat::auto_detect,
                std::string_view source = "chats.jsonl", std::uint64_t line = 7)
      : ReadRecord(json, format, source, line) {}
};

}  // namespace

// --- native ------------------------------------------------------------------------------------

TEST_CASE("record-reader: native record with id, metadata and turns", "[record-reader]") {
  Read r(R"({"id": "c1", "channel": "web", "locale": "en-GB", "bot_version": "4.2",
             "turns": [{"role": "user", "text": "where is my parcel"},
                       {"role": "bot", "text": "Let me check."}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::native);
  CHECK(r.c.id == "c1");
  CHECK(r.meta("channel") == "web");
  CHECK(r.meta("locale") == "en-GB");
  CHECK(r.meta("bot_version") == "4.2");
  REQUIRE(r.c.turns.size() == 2);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[0].text == "where is my parcel");
  CHECK(r.c.turns[1].role == Role::bot);
}

TEST_CASE("record-reader: numbers and booleans in metadata become text", "[record-reader]") {
  Read r(R"({"id": 42, "priority": 3 , "score": -1.5e3, "vip": true, "note": null,
             "metadata": {"region": "EU", "tier": 2, "tags": ["a"]},
             "turns": [{"role": "user", "text": "hi"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "42");
  CHECK(r.meta("priority") == "3");
  CHECK(r.meta("score") == "-1500");  // numbers are written in their shortest form
  CHECK(r.meta("vip") == "true");
  CHECK(r.meta("note") == "<missing>");
  CHECK(r.meta("region") == "EU");
  CHECK(r.meta("tier") == "2");
  CHECK(r.meta("tags") == "<missing>");
}

TEST_CASE("record-reader: turn timestamps are parsed to milliseconds", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "a", "ts": "2024-01-01T00:00:00Z"},
                       {"role": "bot", "text": "b", "timestamp": "2024-01-01T01:00:00.250+01:00"},
                       {"role": "user", "text": "c", "ts": 1704067200},
                       {"role": "bot", "text": "d", "ts": 1704067200123},
                       {"role": "user", "text": "e", "ts": "yesterday"},
                       {"role": "bot", "text": "f"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[0].time_ms == 1704067200000);
  CHECK(r.c.turns[1].time_ms == 1704067200250);
  CHECK(r.c.turns[2].time_ms == 1704067200000);
  CHECK(r.c.turns[3].time_ms == 1704067200123);
  CHECK(r.c.turns[4].time_ms == -1);
  CHECK(r.c.turns[5].time_ms == -1);
}

TEST_CASE("record-reader: events as objects and as string shorthand", "[record-reader]") {
  Read r(R"({"turns": [{"role": "bot", "text": "hm", "events": ["fallback", {"type": "intent",
               "name": "track_order", "confidence": 0.42}]},
             {"role": "bot", "text": "ok", "events": [{"type": "handover"}, {"type": "custom"}]}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.events.size() == 4);
  CHECK(r.c.turns[0].first_event == 0);
  CHECK(r.c.turns[0].event_count == 2);
  CHECK(r.c.events[0].kind == EventKind::fallback);
  CHECK(r.c.events[1].kind == EventKind::intent);
  CHECK(r.c.events[1].name == "track_order");
  CHECK(r.c.events[1].value == Approx(0.42));
  CHECK(r.c.turns[1].first_event == 2);
  CHECK(r.c.events[2].kind == EventKind::handoff);
  CHECK(r.c.events[3].kind == EventKind::other);
}

TEST_CASE("record-reader: role synonyms map to the four roles", "[record-reader]") {
  Read r(R"({"turns": [{"role": "customer", "text": "a"}, {"role": "assistant", "text": "b"},
             {"speaker": "Human_Agent", "text": "c"}, {"role": "SYSTEM", "text": "d"},
             {"role": "chatbot", "text": "e"}, {"role": "operator", "text": "f"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 6);
  CHECK(r.c.turns[0].role == Role::user);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[2].role == Role::agent);
  CHECK(r.c.turns[3].role == Role::system);
  CHECK(r.c.turns[4].role == Role::bot);
  CHECK(r.c.turns[5].role == Role::agent);
}

TEST_CASE("record-reader: escaped text is unescaped", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "say \"hi\"\nnow \u00e9 \ud83d\ude00"}]})");
  REQUIRE(r.out.ok);
  CHECK(r.c.turns[0].text == "say \"hi\"\nnow \xC3\xA9 \xF0\x9F\x98\x80");
}

TEST_CASE("record-reader: a native record without id is named file:line", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "hi"}]})", InputFormat::auto_detect,
         "data/chats.jsonl", 12);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "data/chats.jsonl:12");
}

// --- OpenAI ------------------------------------------------------------------------------------

TEST_CASE("record-reader: OpenAI messages with string content", "[record-reader]") {
  Read r(R"({"id": "ft-1", "messages": [{"role": "system", "content": "Be brief."},
             {"role": "user", "content": "cancel my plan"},
             {"role": "assistant", "content": "Done."}]})");
  REQUIRE(r.out.ok);
  CHECK(r.out.format == InputFormat::openai);
  CHECK(r.c.id == "ft-1");
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[0].role == Role::system);
  CHECK(r.c.turns[1].role == Role::user);
  CHECK(r.c.turns[1].text == "cancel my plan");
  CHECK(r.c.turns[2].role == Role::bot);
}

TEST_CASE("record-reader: OpenAI content parts are joined with newlines", "[record-reader]") {
  Read r(R"({"messages": [{"role": "user", "content": [{"type": "text", "text": "first"},
             {"type": "image_url", "image_url": {"url": "https://x/y.png"}},
             "second", {"type": "text", "text": "third"}]}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 1);
  CHECK(r.c.turns[0].text == "first\nsecond\nthird");
}

TEST_CASE("record-reader: OpenAI null content and tool messages", "[record-reader]") {
  Read r(R"({"messages": [{"role": "user", "content": "track order 4471902"},
             {"role": "assistant", "content": null, "tool_calls": [{"id": "t1", "type": "function",
               "function": {"name": "track", "arguments": "{\"n\":1}"}}]},
             {"role": "tool", "tool_call_id": "t1", "content": "in transit"}]})");
  REQUIRE(r.out.ok);
  REQUIRE(r.c.turns.size() == 3);
  CHECK(r.c.turns[1].role == Role::bot);
  CHECK(r.c.turns[1].text.empty());
  CHECK(r.c.turns[2].role == Role::system);
  CHECK(r.c.turns[2].text == "in transit");
}

TEST_CASE("record-reader: an OpenAI record without id is named file:line", "[record-reader]") {
  Read r(R"({"messages": [{"role": "user", "content": "hi"}], "metadata": {"channel": "app"}})",
         InputFormat::auto_detect, "train.jsonl", 3);
  REQUIRE(r.out.ok);
  CHECK(r.c.id == "train.jsonl:3");
  CHECK(r.meta("channel") == "app");
}

TEST_CASE("record-reader: the format is detected from the keys", "[record-reader]") {
  Read native(R"({"id": "a", "turns": [{"role": "user", "text": "x"}]})");
  Read openai(R"({"id": "b", "messages": [{"role": "user", "content": "x"}]})");
  CHECK(native.out.format == InputFormat::native);
  CHECK(openai.out.format == InputFormat::openai);
  RecordReader reader;
  std::string buf = R"({"messages": []})" + std::string(simdjson::SIMDJSON_PADDING, '\0');
  CHECK(reader.detect(buf.data(), 16, buf.size()) == InputFormat::openai);
}

TEST_CASE("record-reader: an explicit format overrides detection", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "x"}]})", InputFormat::openai);
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("messages"));
}

TEST_CASE("record-reader: a reader is reusable after an error", "[record-reader]") {
  RecordReader reader;
  Conversation c;
  std::string bad = std::string("{\"turns\": [") + std::string(simdjson::SIMDJSON_PADDING, '\0');
  std::string good = std::string(R"({"turns": [{"role": "user", "text": "ok"}]})");
  const std::size_t good_len = good.size();
  good.append(simdjson::SIMDJSON_PADDING, '\0');
  CHECK_FALSE(reader.read(bad.data(), 11, bad.size(), InputFormat::auto_detect, "f", 1, c).ok);
  auto out = reader.read(good.data(), good_len, good.size(), InputFormat::auto_detect, "f", 2, c);
  CHECK(out.ok);
  CHECK(c.turns.size() == 1);
}

// --- errors ------------------------------------------------------------------------------------

TEST_CASE("record-reader: invalid JSON", "[record-reader]") {
  for (std::string_view json : {R"({"turns": [{"role": "user" "text": "hi"}]})",
                                R"({"turns": [{"role": "user", "text": hi}]})",
                                R"({"turns": [{"role": "user", "text": "hi",}]})",
                                R"({"turns": [{"role": "user", "text": "hi"}]]})"}) {
    CAPTURE(json);
    Read r(json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_json);
    CHECK_THAT(r.out.message, Catch::StartsWith("invalid JSON"));
  }
}

TEST_CASE("record-reader: a syntax error inside turns is invalid JSON, not a schema error",
          "[record-reader]") {
  for (std::string_view json :
       {R"({"turns": [}, "id": "x"})", R"({"turns": [{"role": "user", "text": "hi"},]})"}) {
    CAPTURE(json);
    Read r(json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_json);
  }
}

TEST_CASE("record-reader: a missing comma between fields is invalid JSON", "[record-reader]") {
  Read r(R"({"id": "x" "turns": [{"role": "user", "text": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_json);
}

TEST_CASE("record-reader: invalid JSON in a field no reader uses is still invalid JSON",
          "[record-reader]") {
  for (std::string_view json : {R"({"turns": [{"role": "user", "text": "hi"}], "x": tru})",
                                R"({"turns": [{"role": "user", "text": "hi"}], "x": 01})",
                                R"({"messages": [{"role": "user", "content": "hi"}], "x": {]})"}) {
    CAPTURE(json);
    Read r(json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::invalid_json);
  }
}

TEST_CASE("record-reader: truncated JSON", "[record-reader]") {
  Read r(R"({"id": "c1", "turns": [{"role": "user", "text": "hi")");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_json);
}

TEST_CASE("record-reader: valid JSON that is not an object", "[record-reader]") {
  for (std::string_view json : {"[1,2]", "\"x\"", "42", "null", "true"}) {
    CAPTURE(json);
    Read r(json);
    CHECK_FALSE(r.out.ok);
    CHECK(r.out.kind == ErrorKind::not_an_object);
  }
}

TEST_CASE("record-reader: an object of no known format", "[record-reader]") {
  Read r(R"({"foo": 1})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::unknown_format);
  CHECK_THAT(r.out.message, Catch::Contains("turns") && Catch::Contains("messages"));
}

TEST_CASE("record-reader: turns that is not an array", "[record-reader]") {
  Read r(R"({"id": "c1", "turns": 5})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("turns") && Catch::Contains("array"));
}

TEST_CASE("record-reader: text that is an object", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "ok"}, {"role": "bot", "text": {}}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("turns[1].text"));
}

TEST_CASE("record-reader: a role that is not a string", "[record-reader]") {
  Read r(R"({"turns": [{"role": 1, "text": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("turns[0].role"));
}

TEST_CASE("record-reader: an unknown role", "[record-reader]") {
  Read r(R"({"turns": [{"role": "wizard", "text": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("wizard"));
}

TEST_CASE("record-reader: a turn without a role", "[record-reader]") {
  Read r(R"({"turns": [{"text": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("turns[0]") && Catch::Contains("role"));
}

TEST_CASE("record-reader: OpenAI wrong types name the field", "[record-reader]") {
  Read messages(R"({"messages": "hello"})");
  Read content(R"({"messages": [{"role": "user", "content": 5}]})");
  CHECK(messages.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(messages.out.message, Catch::Contains("messages"));
  CHECK(content.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(content.out.message, Catch::Contains("messages[0].content"));
}

TEST_CASE("record-reader: missing turns with the native format forced", "[record-reader]") {
  Read r(R"({"id": "c1", "channel": "web"})", InputFormat::native);
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_record);
  CHECK_THAT(r.out.message, Catch::Contains("missing \"turns\""));
}

TEST_CASE("record-reader: empty turns is an empty conversation", "[record-reader]") {
  Read r(R"({"id": "c1", "turns": []})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::empty_conversation);
}

TEST_CASE("record-reader: trailing content after the object", "[record-reader]") {
  Read r(R"({"turns": [{"role": "user", "text": "hi"}]} {"turns": []})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_json);
  Read junk(R"({"turns": [{"role": "user", "text": "hi"}]} x)");
  CHECK_FALSE(junk.out.ok);
  CHECK(junk.out.kind == ErrorKind::invalid_json);
}

TEST_CASE("record-reader: trailing whitespace after the object is fine", "[record-reader]") {
  Read r("{\"turns\": [{\"role\": \"user\", \"text\": \"hi\"}]}  \t ");
  CHECK(r.out.ok);
}

TEST_CASE("record-reader: invalid UTF-8 is repaired, not fatal", "[record-reader]") {
  Read r("{\"id\": \"u1\", \"turns\": [{\"role\": \"user\", \"text\": \"caf\xE9 ok \xC0\xAF\"}]}");
  REQUIRE(r.out.ok);
  CHECK(r.out.repaired_utf8);
  CHECK(r.c.id == "u1");
  CHECK(r.c.turns[0].text == "caf\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("record-reader: valid UTF-8 is not reported as repaired", "[record-reader]") {
  Read r("{\"turns\": [{\"role\": \"user\", \"text\": \"caf\xC3\xA9 \xF0\x9F\x98\x80\"}]}");
  REQUIRE(r.out.ok);
  CHECK_FALSE(r.out.repaired_utf8);
}

TEST_CASE("record-reader: deeply nested JSON does not crash", "[record-reader]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Read whole(deep);
  Read in_text(R"({"turns": [{"role": "user", "text": )" + deep + "}]}");
  CHECK_FALSE(whole.out.ok);
  CHECK(whole.out.kind == ErrorKind::invalid_json);  // past the depth limit: not valid for us
  CHECK_FALSE(in_text.out.ok);
  CHECK(in_text.out.kind == ErrorKind::invalid_json);
}

TEST_CASE("record-reader: JSON nested beyond the depth limit is an error", "[record-reader]") {
  const std::string deep = std::string(2000, '[') + std::string(2000, ']');
  Read r(R"({"extra": )" + deep + R"(, "turns": [{"role": "user", "text": "hi"}]})");
  CHECK_FALSE(r.out.ok);
  CHECK(r.out.kind == ErrorKind::invalid_json);
}

// --- timestamps --------------------------------------------------------------------------------

TEST_CASE("record-reader: parse_timestamp_ms reads UTC timestamps", "[record-reader]") {
  CHECK(parse_timestamp_ms("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_timestamp_ms("2024-01-01T00:00:00Z") == 1704067200000);
  CHECK(parse_timestamp_ms("2024-01-01 00:00:00") == 1704067200000);
  CHECK(parse_timestamp_ms("2024-02-29T12:30:15Z") == 1709209815000);
}

TEST_CASE("record-reader: parse_timestamp_ms applies offsets", "[record-reader]") {
  CHECK(parse_timestamp_ms("2024-01-01T01:00:00+01:00") == 1704067200000);
  CHECK(parse_timestamp_ms("2023-12-31T19:00:00-05:00") == 1704067200000);
  CHECK(parse_timestamp_ms("2024-01-01T05:30:00+0530") == 1704067200000);
  CHECK(parse_timestamp_ms("2024-01-01T02:00:00+02") == 1704067200000);
}

TEST_CASE("record-reader: parse_timestamp_ms reads fractions of a second", "[record-reader]") {
  CHECK(parse_timestamp_ms("2024-01-01T00:00:00.5Z") == 1704067200500);
  CHECK(parse_timestamp_ms("2024-01-01T00:00:00.250Z") == 1704067200250);
  CHECK(parse_timestamp_ms("2024-01-01T00:00:00.123456Z") == 1704067200123);
  CHECK(parse_timestamp_ms("2024-01-01T01:00:00.750+01:00") == 1704067200750);
}

TEST_CASE("record-reader: parse_timestamp_ms rejects what is not a timestamp", "[record-reader]") {
  for (std::string_view s :
       {"", "yesterday", "2024-01-01", "2024-13-01T00:00:00Z", "2024-01-01T25:00:00Z",
        "2024-01-01T00:61:00Z", "2024/01/01 00:00:00", "2024-01-01T00:00:00+xx:00",
        "20240101T000000Z", "2024-00-10T00:00:00Z"}) {
    CAPTURE(s);
    CHECK(parse_timestamp_ms(s) == -1);
  }
}
