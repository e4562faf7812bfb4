#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("negative-ending: the customer leaves angry", "[negative-ending]") {
  Built b = convo({user("it still doesn't work"), bot("Is there anything else I can help with?"),
                   user("forget it, useless bot")});
  auto out = run(detect_negative_ending, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2});
}

TEST_CASE("negative-ending: a complaint resolved with thanks", "[negative-ending]") {
  Built b = convo({user("my bill is wrong, this is annoying"), bot("I've corrected it."),
                   user("great, thank you so much!")});
  CHECK(run(detect_negative_ending, b).empty());
}

TEST_CASE("negative-ending: a conversation handed to a human is not the bot's ending",
          "[negative-ending]") {
  Built b = convo({user("agent"), bot("Connecting you to an agent.", {EventKind::handoff}),
                   agent("Hi, how can I help?"), user("this is useless")});
  CHECK(run(detect_negative_ending, b).empty());
}

TEST_CASE("negative-ending: the negative threshold decides", "[negative-ending]") {
  Built b = convo({user("hi"), bot("Hello!"), user("this is useless")});
  const double s = b.p.turns[2].sentiment;
  CHECK(run(detect_negative_ending, b, DetectorOptions{.negative_score = s}).size() == 1);
  CHECK(run(detect_negative_ending, b, DetectorOptions{.negative_score = s - 0.01}).empty());
}
