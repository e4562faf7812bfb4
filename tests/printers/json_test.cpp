// The json and jsonl printers: valid JSON, the schema's fields, and escaping.
#include <simdjson.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "printers/sample_report.hpp"

using namespace audit;
using namespace audit::test;

namespace {

std::string_view str(simdjson::dom::element e) {
  std::string_view s;
  return e.get(s) == simdjson::SUCCESS ? s : "<not a string>";
}

std::int64_t num(simdjson::dom::element e) {
  std::int64_t v = -1;
  return e.get(v) == simdjson::SUCCESS ? v : -1;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(s.substr(start, nl - start));
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

}  // namespace

TEST_CASE("json: the report parses and has schema_version 1", "[json]") {
  const std::string out = render(OutputFormat::json, sample_report());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  CHECK(num(doc["schema_version"]) == 1);
  CHECK(str(doc["tool"]["name"]) == "chataudit");
  CHECK(num(doc["errors_total"]) == 1);
  CHECK(num(doc["summary"]["conversations"]) == 4);
  CHECK(num(doc["settings"]["top"]) == 10);
}

TEST_CASE("json: every finding is listed with its fields", "[json]") {
  const std::string out = render(OutputFormat::json, sample_report());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array findings;
  REQUIRE(doc["findings"].get(findings) == simdjson::SUCCESS);
  REQUIRE(findings.size() == 3);
  simdjson::dom::element f = findings.at(0);
  CHECK(str(f["source"]) == "chats.jsonl:12");
  CHECK(str(f["file"]) == "chats.jsonl");
  CHECK(num(f["line"]) == 12);
  CHECK(str(f["rule"]) == "bot-loop");
  CHECK(str(f["severity"]) == "error");
  CHECK(num(f["turns"].at(2)) == 5);
  CHECK(str(f["message"]) == "The bot sent \"Could you tell me more?\" 3 times");
  CHECK(f["score"].error() == simdjson::NO_SUCH_FIELD);
  double score = 0;
  CHECK(findings.at(1)["score"].get(score) == simdjson::SUCCESS);
  CHECK(score == Approx(0.5));
}

TEST_CASE("json: special characters are escaped and round-trip", "[json]") {
  const std::string out = render(OutputFormat::json, sample_report());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  CHECK(str(doc["findings"].at(0)["conversation_id"]) == kAwkwardId);
  CHECK(str(doc["worst"].at(0)["evidence"].at(0)["text"]) == kHostileTurn);
  CHECK(str(doc["findings"].at(1)["message"]) == "No human\tcame");
  CHECK(str(doc["findings"].at(2)["source"]) == "C:\\exports\\more.jsonl:3");
  CHECK(out.find("\\u0001") != std::string::npos);
  CHECK(out.find("caf\xC3\xA9") != std::string::npos);  // non-ASCII is kept as it is
  const bool raw_control = std::any_of(out.begin(), out.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n';
  });
  CHECK_FALSE(raw_control);
}

TEST_CASE("json: worst conversations, errors and per-rule counts", "[json]") {
  const std::string out = render(OutputFormat::json, sample_report());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  simdjson::dom::element worst = doc["worst"].at(0);
  CHECK(num(worst["quality"]) == 50);
  CHECK(num(worst["turns"]) == 6);
  CHECK(str(worst["evidence"].at(0)["role"]) == "user");
  CHECK(str(doc["errors"].at(0)["source"]) == "C:\\exports\\more.jsonl:7");
  CHECK(str(doc["errors"].at(0)["reason"]) == "invalid_json");
  CHECK(str(doc["errors"].at(0)["message"]) == "invalid JSON: \"x\"");
  CHECK(num(doc["summary"]["rules"]["missed-escalation"]["findings"]) == 2);
  CHECK(doc["summary"]["rules"]["user-repeat"].error() == simdjson::NO_SUCH_FIELD);
}

TEST_CASE("json: a report without findings is still valid JSON", "[json]") {
  Report r = sample_report();
  r.worst.clear();
  r.errors.clear();
  const std::string out = render(OutputFormat::json, r);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(out).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array findings;
  REQUIRE(doc["findings"].get(findings) == simdjson::SUCCESS);
  CHECK(findings.size() == 0);
}

TEST_CASE("jsonl: one line per finding, each a JSON object", "[jsonl]") {
  const std::string out = render(OutputFormat::jsonl, sample_report());
  std::vector<std::string> lines = lines_of(out);
  REQUIRE(lines.size() == 3);
  CHECK(out.back() == '\n');
  simdjson::dom::parser parser;
  std::vector<std::string> rules;  // copies: the parser reuses its storage for the next line
  for (const std::string& line : lines) {
    simdjson::dom::element doc;
    REQUIRE(parser.parse(line).get(doc) == simdjson::SUCCESS);
    rules.emplace_back(str(doc["rule"]));
    if (rules.size() == 1) CHECK(str(doc["conversation_id"]) == kAwkwardId);
  }
  CHECK(rules == std::vector<std::string>{"bot-loop", "missed-escalation", "missed-escalation"});
}

TEST_CASE("jsonl: a jsonl line is the same object as the json finding", "[jsonl]") {
  const Report r = sample_report();
  const std::string jsonl = render(OutputFormat::jsonl, r);
  const std::string json = render(OutputFormat::json, r);
  const std::string first = jsonl.substr(0, jsonl.find('\n'));
  CHECK(json.find(first) != std::string::npos);
}
