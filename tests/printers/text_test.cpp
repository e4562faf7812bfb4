// The text printer: the summary a person reads, safe to print on a terminal.
#include <catch2/catch.hpp>
#include <string>

#include "printers/sample_report.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("text: headline counts and the rule table", "[text]") {
  const std::string out = render(OutputFormat::text, sample_report());
  CHECK_THAT(out, Catch::Contains("4 conversations, 30 turns, 2 files"));
  CHECK_THAT(out, Catch::Contains("Skipped") && Catch::Contains("1 invalid_json"));
  CHECK_THAT(out, Catch::Contains("rule") && Catch::Contains("findings"));
  CHECK_THAT(out, Catch::Contains("bot-loop") && Catch::Contains("missed-escalation"));
  CHECK_THAT(out, !Catch::Contains("user-repeat"));  // only the rules that ran
  CHECK_THAT(out, Catch::Contains("Escalation: 1 handed over"));
}

TEST_CASE("text: the worst conversations with findings and evidence", "[text]") {
  const std::string out = render(OutputFormat::text, sample_report());
  CHECK_THAT(out, Catch::Contains("Worst conversations"));
  CHECK_THAT(out, Catch::Contains("chats.jsonl:12") && Catch::Contains("quality 50"));
  CHECK_THAT(out, Catch::Contains("The bot sent \"Could you tell me more?\" 3 times"));
  CHECK_THAT(out, Catch::Contains("Could you tell me more?"));
  CHECK_THAT(out, Catch::Contains("2. c2"));
  CHECK(out.find("1. c-") < out.find("2. c2"));
}

TEST_CASE("text: no escape sequences without color", "[text]") {
  const std::string out = render(OutputFormat::text, sample_report(), false);
  CHECK(out.find('\x1b') == std::string::npos);
}

TEST_CASE("text: color uses escape sequences", "[text]") {
  const std::string out = render(OutputFormat::text, sample_report(), true);
  CHECK(out.find("\x1b[") != std::string::npos);
  CHECK(out.find("\x1b[2J") == std::string::npos);  // but never the transcript's
}

TEST_CASE("text: control characters in ids, messages and turns are not printed raw", "[text]") {
  for (bool color : {false, true}) {
    const std::string out = render(OutputFormat::text, sample_report(), color);
    CAPTURE(color);
    CHECK(out.find('\x01') == std::string::npos);
    CHECK(out.find('\t') == std::string::npos);
    CHECK(out.find("\x1b[2J") == std::string::npos);
    CHECK_THAT(out, Catch::Contains("I want a human") && Catch::Contains("now / please"));
    CHECK_THAT(out, Catch::Contains("caf\xC3\xA9"));
  }
}

TEST_CASE("text: an empty run prints the headline and no worst list", "[text]") {
  Report r;
  r.rules = {"bot-loop"};
  r.summary.rules.resize(all_detectors().size());
  const std::string out = render(OutputFormat::text, r);
  CHECK_THAT(out, Catch::Contains("0 conversations"));
  CHECK_THAT(out, !Catch::Contains("Worst conversations"));
  CHECK_THAT(out, !Catch::Contains("Skipped"));
}
