#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("user-repeat: the customer asks the same question again", "[user-repeat]") {
  Built b = convo({user("when will my refund arrive?"), bot("Refunds are processed in 5-7 days."),
                   user("yes but when will MY refund arrive?")});
  auto out = run(detect_user_repeat, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 2});
  CHECK(out[0].severity == Severity::warning);
}

TEST_CASE("user-repeat: a marked repeat needs less overlap", "[user-repeat]") {
  Built b = convo({user("how do I reset my router password"), bot("Here is our help centre link."),
                   user("I already asked: router password reset, how?")});
  CHECK(run(detect_user_repeat, b).size() == 1);
}

TEST_CASE("user-repeat: a new question with similar words is a near miss", "[user-repeat]") {
  Built b = convo({user("do you have the blue jacket in medium?"),
                   bot("Yes, the blue jacket is in stock in medium."), user("and the red one?")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: messages sent back to back are not a repeat", "[user-repeat]") {
  Built b =
      convo({user("my router keeps dropping the connection"),
             user("my router keeps dropping the connection!!"), bot("Let me check the line.")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: an answer to a detail question is not a repeat", "[user-repeat]") {
  Built b = convo({user("order 4471902 never arrived"), bot("What is your order number?"),
                   user("order 4471902")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: exactly at the similarity threshold", "[user-repeat]") {
  // content stems {refund, arrive, today} vs {refund, arrive, tomorrow}: Jaccard 2/4, overlap
  // coefficient 2/3; the similarity is the larger, 2/3.
  Built b = convo(
      {user("refund arrive today"), bot("Refunds take 5 days."), user("refund arrive tomorrow")});
  CHECK(run(detect_user_repeat, b, DetectorOptions{.repeat_similarity = 2.0 / 3.0}).size() == 1);
  CHECK(run(detect_user_repeat, b, DetectorOptions{.repeat_similarity = 0.67}).empty());
}

TEST_CASE("user-repeat: a short answer to the bot's question is not a repeat", "[user-repeat]") {
  Built b = convo({user("I'd like to move my flight to June 24"), bot("Which date would you like?"),
                   user("June 24")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: a follow-up starting with 'and' is a new question", "[user-repeat]") {
  Built b =
      convo({user("how much is the 50 GB plan per month?"), bot("It is 60 dollars per month."),
             user("and the 50 GB plan with international calls per month?")});
  CHECK(run(detect_user_repeat, b).empty());
}
