#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("pii-exposure: the bot asks for the full card number", "[pii-exposure]") {
  Built b = convo({user("my payment failed"),
                   bot("To verify you, please type your full card number and the CVV.")});
  auto out = run(detect_pii_exposure, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::error);
  CHECK(out[0].turns == std::vector<std::uint32_t>{1});
}

TEST_CASE("pii-exposure: the bot echoes a card number", "[pii-exposure]") {
  Built b =
      convo({user("4111 1111 1111 1111"), bot("Thanks, I have card 4111 1111 1111 1111 on file.")});
  CHECK(run(detect_pii_exposure, b).size() == 1);
}

TEST_CASE("pii-exposure: the bot writes out a social security number", "[pii-exposure]") {
  Built b = convo({user("hi"), bot("Your SSN on file is 123-45-6789.")});
  CHECK(run(detect_pii_exposure, b).size() == 1);
}

TEST_CASE("pii-exposure: safe mentions are not exposure", "[pii-exposure]") {
  for (const char* text : {"Could you give me the last four digits of your card?",
                           "We will never ask for your password in chat.",
                           "You can reset your password from the login page. Anything else?",
                           "Your order 4471902 ships today."}) {
    Built b = convo({user("help"), bot(text)});
    INFO(text);
    CHECK(run(detect_pii_exposure, b).empty());
  }
}

TEST_CASE("pii-exposure: a 16-digit number failing the Luhn check is not a card",
          "[pii-exposure]") {
  Built b = convo({user("ref?"), bot("Your reference is 1234 5678 9012 3456.")});
  CHECK(run(detect_pii_exposure, b).empty());
}

TEST_CASE("pii-exposure: a card-shaped number next to the word card is a card, checksum or not",
          "[pii-exposure]") {
  for (const char* text : {"Payment will be taken from card 5312 8840 1122 9034.",
                           "Die Zahlung wird mit der Karte 5312-8840-1122-9034 abgewickelt.",
                           "Tu tarjeta 3714 496353 98432 queda registrada."}) {
    Built b = convo({user("ok"), bot(text)});
    INFO(text);
    CHECK(run(detect_pii_exposure, b).size() == 1);
  }
}

TEST_CASE("pii-exposure: asking phrases and secret names in German, Spanish and French",
          "[pii-exposure]") {
  for (const char* text :
       {"Bitte nennen Sie mir Ihre vollständige Personalausweisnummer.",
        "Claro. Para identificarte, escribe tu DNI completo con la letra.",
        "Merci d'indiquer votre identifiant et votre mot de passe de banque en ligne.",
        "The balance is $640. Please reply with the card number, expiry and CVV."}) {
    Built b = convo({user("hi"), bot(text)});
    INFO(text);
    CHECK(run(detect_pii_exposure, b).size() == 1);
  }
}

TEST_CASE("pii-exposure: the last 4 digits are safe in German, Spanish and French too",
          "[pii-exposure]") {
  for (const char* text : {"Bitte nennen Sie mir die letzten 4 Ziffern der Kartennummer.",
                           "Dime los últimos 4 dígitos del número de tarjeta, por favor.",
                           "Merci d'indiquer les 4 derniers chiffres du numéro de carte."}) {
    Built b = convo({user("hi"), bot(text)});
    INFO(text);
    CHECK(run(detect_pii_exposure, b).empty());
  }
}
