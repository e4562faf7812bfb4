#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("sentiment-drop: from friendly to angry after a bad answer", "[sentiment-drop]") {
  Built b = convo({user("hi! thanks for the quick reply earlier, great service"),
                   bot("Please visit our website."),
                   user("seriously? that is useless, this is terrible")});
  auto out = run(detect_sentiment_drop, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(out[0].score >= 0.6);
}

TEST_CASE("sentiment-drop: negative from the start is not a drop", "[sentiment-drop]") {
  Built b = convo({user("this is terrible, my internet is down AGAIN"), bot("Sorry to hear that."),
                   user("useless. absolutely useless.")});
  CHECK(run(detect_sentiment_drop, b).empty());
}

TEST_CASE("sentiment-drop: a small dip is a near miss", "[sentiment-drop]") {
  Built b = convo({user("hello, I have a question about my bill"), bot("Sure."),
                   user("hmm ok, that's not ideal")});
  REQUIRE(b.p.turns[2].sentiment < -0.25);  // negative, but only just
  CHECK(run(detect_sentiment_drop, b).empty());
}

TEST_CASE("sentiment-drop: the delta threshold decides", "[sentiment-drop]") {
  Built b = convo({user("great, thanks!"), bot("Anything else?"), user("this is useless")});
  auto out = run(detect_sentiment_drop, b);
  REQUIRE(out.size() == 1);
  const double fall = out[0].score;
  CHECK(run(detect_sentiment_drop, b, DetectorOptions{.drop_delta = fall}).size() == 1);
  CHECK(run(detect_sentiment_drop, b, DetectorOptions{.drop_delta = fall + 0.01}).empty());
}

TEST_CASE("sentiment-drop: one clear complaint after a neutral start is a drop",
          "[sentiment-drop]") {
  // A single complaint phrase of valence about -2 scores about -0.46 (sentiment-drop.delta 0.45).
  Built b = convo({user("hello, I have a question about my bill"), bot("Please visit our website."),
                   user("That didn't help.")});
  REQUIRE(b.p.turns[2].sentiment > -0.5);
  CHECK(run(detect_sentiment_drop, b).size() == 1);
  CHECK(run(detect_sentiment_drop, b, DetectorOptions{.drop_delta = 0.5}).empty());
}
