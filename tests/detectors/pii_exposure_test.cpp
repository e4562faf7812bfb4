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
