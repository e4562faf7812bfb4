#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("abandonment: the customer leaves after a fallback", "[abandonment]") {
  Built b =
      convo({user("cancel my plan"), bot("Sorry, I didn't get that."), user("CANCEL. MY. PLAN."),
             bot("Sorry, I didn't get that. Could you rephrase?")});
  auto out = run(detect_abandonment, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("abandonment: a conversation that ends on a helpful answer is not", "[abandonment]") {
  Built b = convo({user("when do you open"), bot("We open at 9am every day.")});
  CHECK(run(detect_abandonment, b).empty());
}

TEST_CASE("abandonment: a goodbye before the bot's fallback is not giving up", "[abandonment]") {
  Built b = convo({user("where is my order"), bot("It arrives tomorrow."),
                   user("great, thanks so much!"), bot("Sorry, I didn't get that.")});
  CHECK(run(detect_abandonment, b).empty());
}

TEST_CASE("abandonment: after a handoff nothing is judged", "[abandonment]") {
  Built b = convo({user("agent"), bot("Connecting you now.", {EventKind::handoff}), user("hello?"),
                   bot("Sorry, I didn't get that.")});
  CHECK(run(detect_abandonment, b).empty());
}
