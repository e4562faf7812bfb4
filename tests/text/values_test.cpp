// find_values: which kinds of values a customer's text gives.
#include "text/values.hpp"

#include <catch2/catch.hpp>
#include <string_view>

using namespace audit;

namespace {

bool has(std::string_view text, std::uint8_t kind) {
  return (find_values(text) & kind) != 0;
}

}  // namespace

TEST_CASE("values: email addresses", "[values]") {
  CHECK(has("it's john.doe+shop@example.co.uk", kValueEmail));
  CHECK(has("j_d@mail.example.com thanks", kValueEmail));
  CHECK_FALSE(has("@support help", kValueEmail));
  CHECK_FALSE(has("me@home", kValueEmail));
  CHECK_FALSE(has("meet @ 5", kValueEmail));
}

TEST_CASE("values: phone numbers", "[values]") {
  CHECK(has("+44 20 7946 0958", kValuePhone));
  CHECK(has("call (555) 123-4567 please", kValuePhone));
  CHECK(has("07700900123", kValuePhone));
  CHECK(has("my number is 555.123.4567", kValuePhone));
  CHECK_FALSE(has("order 4471902", kValuePhone));
}

TEST_CASE("values: id-like codes", "[values]") {
  CHECK(has("4471902", kValueId));
  CHECK(has("it's ORD-55123", kValueId));
  CHECK(has("account A123456", kValueId));
  CHECK(has("booking #88213", kValueId));
  CHECK_FALSE(has("I have 2 kids", kValueId));
}

TEST_CASE("values: dates", "[values]") {
  CHECK(has("12/03/1985", kValueDate));
  CHECK(has("born 1985-03-12", kValueDate));
  CHECK(has("12.03.85", kValueDate));
  CHECK(has("12 March 1985", kValueDate));
  CHECK(has("on March 12", kValueDate));
}

TEST_CASE("values: UK postcodes", "[values]") {
  CHECK(has("SW1A 1AA", kValuePostcode));
  CHECK(has("my postcode is EC1A 1BB", kValuePostcode));
}

TEST_CASE("values: UK postcodes whose outward code ends in a digit", "[values]") {
  CHECK(has("M1 1AE", kValuePostcode));
  CHECK(has("it's W1 2AB thanks", kValuePostcode));
}

TEST_CASE("values: text with no value", "[values]") {
  for (std::string_view s : {"I have 2 kids", "call me at 5", "hello, where is my parcel?",
                             "agent please", "", "it costs 20 quid", "Room 12 is cold"}) {
    CAPTURE(s);
    CHECK(find_values(s) == 0);
  }
}

TEST_CASE("find_values: numbers printed like a card but failing Luhn are card-shaped only",
          "[values]") {
  CHECK((find_values("card 5312 8840 1122 9034") & kValueCardShaped) != 0);
  CHECK((find_values("card 5312 8840 1122 9034") & kValueCard) == 0);
  CHECK((find_values("amex 3714 496353 98432") & kValueCardShaped) != 0);
  CHECK((find_values("4111 1111 1111 1111") & kValueCard) != 0);  // passes Luhn: a card
  CHECK((find_values("4111 1111 1111 1111") & kValueCardShaped) == 0);
  CHECK((find_values("ref 1234.5678.9012.3456") & kValueCardShaped) == 0);  // dots: not a card
  CHECK((find_values("call 0044 7700 9001 23") & kValueCardShaped) == 0);
}
