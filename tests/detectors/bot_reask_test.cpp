#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("bot-reask: the bot asks again for an order number it was given", "[bot-reask]") {
  Built b = convo({user("where is my parcel"), bot("What is your order number?"), user("4471902"),
                   bot("Thanks! Let me check."), bot("Could you give me your order number?")});
  auto out = run(detect_bot_reask, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2, 4});
  CHECK(out[0].message.find("order number") != std::string::npos);
}

TEST_CASE("bot-reask: a detail stated unprompted counts as given", "[bot-reask]") {
  Built b = convo({user("hi, my email is ana@example.com and I can't log in"),
                   bot("I can help. What's your email address?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
}

TEST_CASE("bot-reask: a confirmation is not a re-ask", "[bot-reask]") {
  Built b = convo({bot("What is your order number?"), user("4471902"),
                   bot("Just to confirm, your order number is 4471902?")});
  CHECK(run(detect_bot_reask, b).empty());
}

TEST_CASE("bot-reask: asking again after an invalid value is right", "[bot-reask]") {
  Built b = convo({bot("What is your order number?"), user("12345"),
                   bot("That order number doesn't look right, it should have 7 digits."),
                   bot("Could you check your order number?")});
  CHECK(run(detect_bot_reask, b).empty());
}

TEST_CASE("bot-reask: an answer without a value does not count as given", "[bot-reask]") {
  Built b = convo({bot("What is your order number?"), user("I don't know it"),
                   bot("No problem. Could you find the order number in your confirmation email?")});
  CHECK(run(detect_bot_reask, b).empty());
}

TEST_CASE("bot-reask: one finding per detail", "[bot-reask]") {
  Built b =
      convo({bot("What is your order number?"), user("4471902"), bot("What is your order number?"),
             user("4471902!!"), bot("What is your order number?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
}

TEST_CASE("bot-reask: an email given without naming it counts", "[bot-reask]") {
  Built b = convo({user("please send the invoice to accounts@example.com"),
                   bot("Of course. Which email address should I send it to?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
}

TEST_CASE("bot-reask: a date given up front and asked for again", "[bot-reask]") {
  Built b = convo({user("I'd like to move my return flight to June 24, booking LMN882"),
                   bot("Sure. What date would you like to return instead?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
}

TEST_CASE("bot-reask: an order number next to the word order counts", "[bot-reask]") {
  Built b = convo({user("I need to return order 72045, the lamp arrived cracked"),
                   bot("Sorry about that! Could you tell me your order number?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
}
