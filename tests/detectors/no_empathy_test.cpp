#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("no-empathy: bereavement answered with a procedure", "[no-empathy]") {
  Built b = convo({user("My husband passed away last week and I need to close his account."),
                   bot("Great! To close an account, go to Settings > Account > Close.")});
  auto out = run(detect_no_empathy, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("no-empathy: an acknowledgement first is right", "[no-empathy]") {
  Built b = convo({user("Someone stole my card and I'm freaking out"),
                   bot("I'm so sorry to hear that. Let's block the card right away.")});
  CHECK(run(detect_no_empathy, b).empty());
}

TEST_CASE("no-empathy: a cheerful stock sorry is not acknowledgement", "[no-empathy]") {
  Built b =
      convo({user("I'm desperate, my flight was cancelled and my daughter is alone at the airport"),
             bot("Sorry! Great news: you can rebook easily in our awesome app! 😊")});
  CHECK(run(detect_no_empathy, b).size() == 1);
}

TEST_CASE("no-empathy: an ordinary problem needs no condolences", "[no-empathy]") {
  Built b = convo({user("my parcel is late"), bot("It will arrive tomorrow before noon.")});
  CHECK(run(detect_no_empathy, b).empty());
}
