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

TEST_CASE("no-empathy: a legal threat or a formal complaint is not distress", "[no-empathy]") {
  for (const char* text : {"If this isn't resolved by Friday, my lawyer will be in touch.",
                           "I want to file a formal complaint about how I was treated."}) {
    Built b = convo({user(text), bot("You can rate this chat from 1 to 5 stars.")});
    INFO(text);
    CHECK(run(detect_no_empathy, b).empty());
  }
}

TEST_CASE("no-empathy: asking for help and naming an emergency setting are not distress",
          "[no-empathy]") {
  for (const char* text : {"Hi! Could you help me with a couple of things today?",
                           "It says 'Unable to verify emergency address'. I've tried 3 times."}) {
    Built b = convo({user(text), bot("Make sure your address matches the USPS format.")});
    INFO(text);
    CHECK(run(detect_no_empathy, b).empty());
  }
}

TEST_CASE("no-empathy: a prompt handoff answers a sensitive matter told calmly", "[no-empathy]") {
  Built b = convo({user("I need to dispute a fraudulent charge on my card"),
                   bot("I'll connect you with a specialist.", {EventKind::handoff})});
  CHECK(run(detect_no_empathy, b).empty());
}

TEST_CASE("no-empathy: a bare handoff does not acknowledge distress put in words", "[no-empathy]") {
  Built b = convo({user("I was scammed, I sent £1,800 to a fake adviser. I feel sick."),
                   bot("Transferring you to our fraud team.", {EventKind::handoff}),
                   agent("I'm so sorry this happened. Let's sort it out together.")});
  auto out = run(detect_no_empathy, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("no-empathy: a frightened parent in Spanish gets scheduling rules", "[no-empathy]") {
  Built b = convo({user("Mi hijo tiene 40 de fiebre y estoy muy asustada. ¿Hay cita hoy?"),
                   bot("La próxima cita disponible es el jueves a las 10:00.")});
  CHECK(run(detect_no_empathy, b).size() == 1);
}
