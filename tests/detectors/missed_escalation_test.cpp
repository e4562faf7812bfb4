#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("missed-escalation: an ignored request for a human", "[missed-escalation]") {
  Built b = convo({user("I want to speak to a real person"),
                   bot("I can help! What is your order number?"), user("A HUMAN PLEASE"),
                   bot("Sorry, I didn't understand.")});
  auto out = run(detect_missed_escalation, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::error);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 1, 2, 3});
}

TEST_CASE("missed-escalation: a handoff within K bot turns is fine", "[missed-escalation]") {
  Built b = convo({user("agent please"), bot("Sure, can I have your name first?"), user("Ana"),
                   bot("Connecting you to a human agent now.", {EventKind::handoff}),
                   agent("Hi Ana, this is Sam.")});
  CHECK(run(detect_missed_escalation, b).empty());
}

TEST_CASE("missed-escalation: exactly at K: a handoff on the K+1th bot turn is late",
          "[missed-escalation]") {
  Built b =
      convo({user("agent please"), bot("What is it about?"), user("my bill"),
             bot("Is it about a charge?"), user("yes"), bot("Transferring you to an agent now.")});
  CHECK(run(detect_missed_escalation, b).size() == 1);
  CHECK(run(detect_missed_escalation, b, DetectorOptions{.escalation_window = 3}).empty());
}

TEST_CASE("missed-escalation: a phone number is not a handoff", "[missed-escalation]") {
  Built b = convo({user("quiero hablar con una persona"),
                   bot("Puedes llamar al 900 123 456 de lunes a viernes.")});
  CHECK(run(detect_missed_escalation, b).size() == 1);
}

TEST_CASE("missed-escalation: traps that are not requests", "[missed-escalation]") {
  for (const char* text : {"my travel agent booked the flight, can I change the date?",
                           "what is a user agent string?", "no need for a human, thanks",
                           "are you a bot? just curious", "I don't want to speak to an agent"}) {
    Built b = convo({user(text), bot("Here is what I found.")});
    INFO(text);
    CHECK(run(detect_missed_escalation, b).empty());
  }
}

TEST_CASE("missed-escalation: a refused transfer is not a handoff", "[missed-escalation]") {
  Built b =
      convo({user("let me talk to someone"), bot("I'm afraid I can't transfer you right now.")});
  CHECK(run(detect_missed_escalation, b).size() == 1);
}

TEST_CASE("missed-escalation: strong frustration answered without a handoff",
          "[missed-escalation]") {
  Built b = convo({user("this is useless, worst service ever"), bot("Is there anything else?"),
                   user("..."), bot("Have a nice day!")});
  auto out = run(detect_missed_escalation, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::warning);
}

TEST_CASE("missed-escalation: angry last words after a bot answer are missed",
          "[missed-escalation]") {
  // The bot had its turn to hand over; the customer leaves angry.
  Built b = convo({user("where is my order"), bot("It is on its way."),
                   user("this is useless, worst service ever")});
  auto out = run(detect_missed_escalation, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == "frustration");
  CHECK(out[0].severity == Severity::warning);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2});
}

TEST_CASE("missed-escalation: a lone angry message with no bot turn is not judged",
          "[missed-escalation]") {
  Built b = convo({user("this is useless, worst service ever")});
  CHECK(run(detect_missed_escalation, b).empty());
}

TEST_CASE("missed-escalation: a fall from a good mood to disappointment is rising frustration",
          "[missed-escalation]") {
  // "That's really disappointing." is above the frustration threshold on its own (-0.56), but it
  // falls from a positive level by more than sentiment-drop.delta.
  Built b = convo({user("Thanks, that's great!"), bot("The item is out of stock."),
                   user("That's really disappointing.")});
  REQUIRE(b.p.turns[2].sentiment > -0.6);
  auto out = run(detect_missed_escalation, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == "frustration");
  // Near miss: the same words from a customer who was never in a good mood are not a fall, and
  // one negative turn is not sustained frustration.
  Built flat = convo({user("Hmm, that's a bit disappointing."), bot("The item is out of stock."),
                      user("That's really disappointing.")});
  CHECK(run(detect_missed_escalation, flat).size() == 1);  // two negative turns in a row
  Built single = convo({user("I need the duvet set in King."), bot("The item is out of stock."),
                        user("Oh, that's a pity.")});
  REQUIRE(single.p.turns[2].sentiment > -0.45);
  CHECK(run(detect_missed_escalation, single).empty());  // a fall under delta
}

TEST_CASE("missed-escalation: frustration the bot resolves, the customer accepting, is fine",
          "[missed-escalation]") {
  Built b =
      convo({user("Please add the upgrade."), bot("Done: 280 EUR more."),
             user("this is useless, worst service ever"), bot("I have cancelled the upgrade."),
             user("Gut. Aber das hätte man vorher sagen sollen.")});
  CHECK(run(detect_missed_escalation, b).empty());
  Built unhappy = convo({user("Please add the upgrade."), bot("Done: 280 EUR more."),
                         user("this is useless, worst service ever"),
                         bot("The price is set by the hotel."), user("Whatever.")});
  CHECK(run(detect_missed_escalation, unhappy).size() == 1);
}

TEST_CASE("missed-escalation: a legal threat or a formal complaint is a sensitive matter",
          "[missed-escalation]") {
  for (const char* text :
       {"If this isn't fixed by Friday my lawyer will be in touch.",
        "Quiero presentar una reclamación formal.", "Ich werde rechtliche Schritte einleiten."}) {
    Built b = convo(
        {user(text), bot("Thanks for your message."), user("ok"), bot("Is there anything else?")});
    INFO(text);
    auto out = run(detect_missed_escalation, b);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == "sensitive-topic");
  }
}
