#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("fallback-loop: two consecutive fallback phrases", "[fallback-loop]") {
  Built b = convo({user("cancel the thing"), bot("Sorry, I didn't get that."),
                   user("CANCEL MY PLAN"), bot("I'm not sure I understand. Could you rephrase?")});
  auto out = run(detect_fallback_loop, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::warning);
  CHECK(out[0].turns == std::vector<std::uint32_t>{1, 3});
}

TEST_CASE("fallback-loop: platform events count without a phrase", "[fallback-loop]") {
  Built b = convo({user("blah"), bot("Hmm.", {EventKind::fallback}), user("blah blah"),
                   bot("Let's try again.", {EventKind::fallback}), user("BLAH"),
                   bot("Hmm?", {EventKind::fallback})});
  auto out = run(detect_fallback_loop, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::error);
  CHECK(out[0].turns.size() == 3);
}

TEST_CASE("fallback-loop: one fallback then recovery is a near miss", "[fallback-loop]") {
  Built b = convo({user("cancel the thing"), bot("Sorry, I didn't get that."),
                   user("cancel my plan"), bot("I can help you cancel your plan. Which plan?"),
                   user("what?"), bot("Sorry, I didn't get that.")});
  CHECK(run(detect_fallback_loop, b).empty());
}

TEST_CASE("fallback-loop: exactly at min-run = 3", "[fallback-loop]") {
  Built b = convo(
      {user("a"), bot("Sorry, I didn't get that."), user("b"), bot("Sorry, I didn't get that.")});
  CHECK(run(detect_fallback_loop, b, DetectorOptions{.fallback_min_run = 3}).empty());
  Built c = convo({user("a"), bot("Sorry, I didn't get that."), user("b"),
                   bot("Sorry, I didn't get that."), user("c"), bot("Sorry, I didn't get that.")});
  CHECK(run(detect_fallback_loop, c, DetectorOptions{.fallback_min_run = 3}).size() == 1);
}

TEST_CASE("fallback-loop: an agent turn ends the run", "[fallback-loop]") {
  Built b =
      convo({user("a"), bot("Sorry, I didn't get that."), agent("Hi, I'm Sam, how can I help?"),
             user("b"), bot("Sorry, I didn't get that.")});
  CHECK(run(detect_fallback_loop, b).empty());
}
