#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("bot-loop: flags the third near-identical bot reply", "[bot-loop]") {
  Built b =
      convo({user("where is my parcel"), bot("Could you tell me more about your issue?"),
             user("my parcel, order 4471902"), bot("Could you tell me more about your issue?"),
             user("THE PARCEL"), bot("Could you tell me a little more about your issue?")});
  auto out = run(detect_bot_loop, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule == "bot-loop");
  CHECK(out[0].severity == Severity::error);
  CHECK(out[0].turns == std::vector<std::uint32_t>{1, 3, 5});
}

TEST_CASE("bot-loop: two repetitions are a near miss at the default", "[bot-loop]") {
  Built b = convo({user("where is my parcel"), bot("Could you tell me more about your issue?"),
                   user("my parcel"), bot("Could you tell me more about your issue?"),
                   user("ok thanks bye")});
  CHECK(run(detect_bot_loop, b).empty());
}

TEST_CASE("bot-loop: exactly at min-occurrences = 2", "[bot-loop]") {
  Built b = convo({user("where is my parcel"), bot("Could you tell me more about your issue?"),
                   user("my parcel"), bot("Could you tell me more about your issue?")});
  CHECK(run(detect_bot_loop, b, DetectorOptions{.loop_min_occurrences = 2}).size() == 1);
}

TEST_CASE("bot-loop: repeats without the customer writing in between do not count", "[bot-loop]") {
  Built b = convo({user("hi"), bot("Please choose an option below to continue."),
                   bot("Please choose an option below to continue."),
                   bot("Please choose an option below to continue.")});
  CHECK(run(detect_bot_loop, b).empty());
}

TEST_CASE("bot-loop: a template confirming different items is not a loop", "[bot-loop]") {
  Built b = convo({user("add the blue shirt"), bot("Added Blue shirt to your cart"),
                   user("and red shoes"), bot("Added Red shoes to your cart"),
                   user("and a green hat"), bot("Added Green hat to your cart")});
  CHECK(run(detect_bot_loop, b).empty());
}

TEST_CASE("bot-loop: the same status template with different order numbers is not a loop",
          "[bot-loop]") {
  Built b =
      convo({user("status of 4471902"), bot("Order 4471902 is on its way and arrives Monday."),
             user("and 5512004"), bot("Order 5512004 is on its way and arrives Monday."),
             user("and 6620113"), bot("Order 6620113 is on its way and arrives Monday.")});
  CHECK(run(detect_bot_loop, b, DetectorOptions{.loop_similarity = 0.9}).empty());
}

TEST_CASE("bot-loop: closing lines after distinct requests are not a loop", "[bot-loop]") {
  Built b =
      convo({user("what time do you open"), bot("We open at 9am."),
             bot("Is there anything else I can help you with?"), user("where are you"),
             bot("We are at 12 High Street."), bot("Is there anything else I can help you with?"),
             user("your phone number?"), bot("It is 0345 600 1234."),
             bot("Is there anything else I can help you with?")});
  CHECK(run(detect_bot_loop, b).empty());
}

TEST_CASE("bot-loop: three fallbacks in a row are a loop, whatever their wording", "[bot-loop]") {
  Built b = convo({user("x"), bot("Sorry, I didn't get that."), user("y"),
                   bot("I'm not sure I understand. Could you rephrase?"), user("z"),
                   bot("Hmm.", {EventKind::fallback})});
  auto out = run(detect_bot_loop, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{1, 3, 5});
}

TEST_CASE("bot-loop: fallbacks with an answer in between are not a loop", "[bot-loop]") {
  Built b = convo({user("x"), bot("Sorry, I didn't get that."), user("y"),
                   bot("Sorry, I didn't get that."), user("my bill"),
                   bot("Your bill is 45 pounds this month, due on the 3rd."), user("and z"),
                   bot("Sorry, I didn't get that.")});
  CHECK(run(detect_bot_loop, b).empty());
}

TEST_CASE("bot-loop: a paraphrased prompt is the same message", "[bot-loop]") {
  Built b =
      convo({user("change my seat"),
             bot("I can help with your booking! What would you like to do today?"),
             user("seat change, ref QZT7PL"),
             bot("Happy to help with your booking. What would you like to do?"), user("AISLE SEAT"),
             bot("Sure, I can help with bookings! What can I do for you today?")});
  CHECK(run(detect_bot_loop, b).size() == 1);
}

TEST_CASE("bot-loop: one message contained in another is the same question", "[bot-loop]") {
  Built b = convo(
      {user("downgrade from Business"),
       bot("I can help you change plans. Which plan are you currently on?"), user("Business."),
       bot("Got it. To change your plan, which plan are you currently on?"),
       user("Business. I said it twice."), bot("Thanks! Which plan are you currently on?")});
  CHECK(run(detect_bot_loop, b).size() == 1);
}

TEST_CASE("bot-loop: the same sentence with different prices is progress", "[bot-loop]") {
  Built b =
      convo({user("price of 20 GB?"), bot("The 20 GB plan is 45 dollars per month."),
             user("and 50 GB?"), bot("The 50 GB plan is 60 dollars per month."),
             user("with roaming?"), bot("The 50 GB plan with roaming is 72 dollars per month.")});
  CHECK(run(detect_bot_loop, b).empty());
}
