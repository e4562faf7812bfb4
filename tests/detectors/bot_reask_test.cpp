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

TEST_CASE("bot-reask: a detail named as the cue tables do not name it", "[bot-reask]") {
  // A policy number and a name given up front, asked for with German names.
  Built b = convo({user("Mein Name ist Karin Vogt, Versicherungsnummer HV-7781204."),
                   bot("Gerne. Wie lautet Ihre Versicherungsnummer?"), user("HV-7781204"),
                   bot("Danke. Wie ist Ihr vollständiger Name?")});
  auto out = run(detect_bot_reask, b);
  REQUIRE(out.size() == 2);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 1});
  CHECK(out[1].message.find("name") != std::string::npos);
}

TEST_CASE("bot-reask: a booking code with letters next to the word booking", "[bot-reask]") {
  Built b = convo({user("Hola, mi reserva tiene el localizador TFN7QX y quiero cambiar la fecha."),
                   bot("Perfecto. ¿Me indicas tu localizador?")});
  CHECK(run(detect_bot_reask, b).size() == 1);
  // The same code with no word saying what it is is not an order number.
  Built bare =
      convo({user("my router shows TFN7QX on the screen"), bot("What is your booking reference?")});
  CHECK(run(detect_bot_reask, bare).empty());
}

TEST_CASE("bot-reask: 'not found' excuses asking again only for what was not found",
          "[bot-reask]") {
  Built b = convo({user("I want to stop service at 77 Birch Rd when I move out on Aug 30."),
                   bot("I couldn't find 77 Birch Rd. Could you double-check the address?"),
                   user("Sorry, 77 Birch Lane."), bot("Found it. What date would you like?")});
  auto out = run(detect_bot_reask, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 3});
  // Asking again for the detail that was not found is right.
  Built again = convo({user("Hallo, meine Buchungsnummer ist KL8832."),
                       bot("Ich konnte keine Buchung KL8832 finden. Könnten Sie die "
                           "Buchungsnummer noch einmal eingeben?")});
  CHECK(run(detect_bot_reask, again).empty());
}
