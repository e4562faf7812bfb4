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

TEST_CASE("abandonment: a request for a human answered by the bot again", "[abandonment]") {
  Built b =
      convo({user("my parcel is damaged"), bot("You can start a return under Orders."),
             user("I don't want a return. I want to talk to a human."),
             bot("I can help with orders, returns and delivery. What would you like to do?")});
  auto out = run(detect_abandonment, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("abandonment: the same answer again after the customer asked something new",
          "[abandonment]") {
  Built b = convo({user("can I get an appointment today? my son has a high fever"),
                   bot("The next available appointment is Thursday at 10:00 with Dr. Lee."),
                   user("and nothing at all for today?"),
                   bot("The next available appointment is Thursday at 10:00 with Dr. Lee.")});
  auto out = run(detect_abandonment, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("abandonment: a confirmation that repeats the booking after 'yes please' is not",
          "[abandonment]") {
  Built b =
      convo({user("I need to move my appointment to Thursday afternoon"),
             bot("Thursday June 12 at 3:30 pm is available. Shall I book it?"), user("Yes please."),
             bot("Done! You're booked Thu June 12 at 3:30 pm. The Tuesday slot is released.")});
  CHECK(run(detect_abandonment, b).empty());
}

TEST_CASE("abandonment: 'anything else?' to a customer who is unhappy", "[abandonment]") {
  Built b = convo({user("my eSIM code is invalid"), bot("You can download your eSIM in the app."),
                   user("That's not what I asked. The code is invalid, this is useless."),
                   bot("Is there anything else I can help you with today?")});
  auto out = run(detect_abandonment, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("abandonment: 'anything else?' after a neutral 'ok' is an ordinary ending",
          "[abandonment]") {
  Built b = convo({user("when does the store open"), bot("We open at 9am every day."), user("ok"),
                   bot("Is there anything else I can help you with today?")});
  CHECK(run(detect_abandonment, b).empty());
}
