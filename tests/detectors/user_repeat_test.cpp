#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

TEST_CASE("user-repeat: the customer asks the same question again", "[user-repeat]") {
  Built b = convo({user("when will my refund arrive?"), bot("Refunds are processed in 5-7 days."),
                   user("yes but when will MY refund arrive?")});
  auto out = run(detect_user_repeat, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 2});
  CHECK(out[0].severity == Severity::warning);
}

TEST_CASE("user-repeat: a marked repeat needs less overlap", "[user-repeat]") {
  Built b = convo({user("how do I reset my router password"), bot("Here is our help centre link."),
                   user("I already asked: router password reset, how?")});
  CHECK(run(detect_user_repeat, b).size() == 1);
}

TEST_CASE("user-repeat: a new question with similar words is a near miss", "[user-repeat]") {
  Built b = convo({user("do you have the blue jacket in medium?"),
                   bot("Yes, the blue jacket is in stock in medium."), user("and the red one?")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: messages sent back to back are not a repeat", "[user-repeat]") {
  Built b =
      convo({user("my router keeps dropping the connection"),
             user("my router keeps dropping the connection!!"), bot("Let me check the line.")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: an answer to a detail question is not a repeat", "[user-repeat]") {
  Built b = convo({user("order 4471902 never arrived"), bot("What is your order number?"),
                   user("order 4471902")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: exactly at the similarity threshold", "[user-repeat]") {
  // content stems {refund, arrive, today} vs {refund, arrive, tomorrow}: Jaccard 2/4, overlap
  // coefficient 2/3; the similarity is the larger, 2/3.
  Built b = convo(
      {user("refund arrive today"), bot("Refunds take 5 days."), user("refund arrive tomorrow")});
  CHECK(run(detect_user_repeat, b, DetectorOptions{.repeat_similarity = 2.0 / 3.0}).size() == 1);
  CHECK(run(detect_user_repeat, b, DetectorOptions{.repeat_similarity = 0.67}).empty());
}

TEST_CASE("user-repeat: a short answer to the bot's question is not a repeat", "[user-repeat]") {
  Built b = convo({user("I'd like to move my flight to June 24"), bot("Which date would you like?"),
                   user("June 24")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: a follow-up starting with 'and' is a new question", "[user-repeat]") {
  Built b =
      convo({user("how much is the 50 GB plan per month?"), bot("It is 60 dollars per month."),
             user("and the 50 GB plan with international calls per month?")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: a paraphrase with no word in common, marked as a repeat", "[user-repeat]") {
  Built b = convo({user("Where's my refund? I returned the rug on May 10."),
                   bot("We've received your return! Refunds are processed after inspection."),
                   user("I already asked: when do I get my money back?")});
  auto out = run(detect_user_repeat, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 2});
  CHECK(out[0].message.find("marked") != std::string::npos);
}

TEST_CASE("user-repeat: a rephrase after a fallback", "[user-repeat]") {
  Built b =
      convo({user("How do I export my invoices as CSV?"),
             bot("I'm not sure I understood. Could you try rephrasing?", {EventKind::fallback}),
             user("download billing history")});
  auto out = run(detect_user_repeat, b);
  REQUIRE(out.size() == 1);
  CHECK(out[0].turns == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE(
    "user-repeat: a complaint or a new request for a person after a fallback is not a "
    "rephrase",
    "[user-repeat]") {
  CHECK(run(detect_user_repeat,
            convo({user("can I add gift wrap to my order?"), bot("Sorry, I didn't get that."),
                   user("wow, this is useless and terrible")}))
            .empty());
  CHECK(run(detect_user_repeat,
            convo({user("can I add gift wrap to my order?"), bot("Sorry, I didn't get that."),
                   user("I want to speak to a human")}))
            .empty());
}

TEST_CASE("user-repeat: asking again for a person after being ignored", "[user-repeat]") {
  Built b = convo({user("Ich möchte mit einem Mitarbeiter sprechen."),
                   bot("Unsere Hotline erreichen Sie unter 0800 555 0199."),
                   user("Bitte verbinden Sie mich mit einem Mitarbeiter.")});
  CHECK(run(detect_user_repeat, b).size() == 1);
  // "my travel agent" names no person to talk to.
  Built trap = convo({user("I want to talk to an agent"), bot("I can help with most things!"),
                      user("Does my travel agent need the booking code?")});
  CHECK(run(detect_user_repeat, trap).empty());
}

TEST_CASE("user-repeat: the answer rejected and the question asked again", "[user-repeat]") {
  Built b = convo({user("Hola, ¿cuándo me llega la factura de abril?"),
                   bot("Las facturas se emiten de forma bimestral."),
                   user("Ya, pero la de abril, ¿cuándo la emiten?")});
  CHECK(run(detect_user_repeat, b).size() == 1);
}

TEST_CASE("user-repeat: the same intent asked again after a general answer", "[user-repeat]") {
  Built b = convo({user("why was I charged twice for my subscription?"),
                   bot("Charges usually appear a few days after renewal."),
                   user("Is the second charge on my card a mistake?")});
  CHECK(run(detect_user_repeat, b).size() == 1);
}

TEST_CASE("user-repeat: a new question on the same subject after a specific answer",
          "[user-repeat]") {
  // Same intent (payment), but the bot answered with the customer's own details and the
  // customer moves on.
  Built b = convo({user("¿me pueden dar la referencia para pagar mi recibo de luz?"),
                   bot("Claro. Tu referencia de pago es 0048 2219 3310, con fecha límite el 15."),
                   user("¿Puedo pagar en una tienda de conveniencia?"),
                   bot("Sí, puedes pagar en tiendas de conveniencia y bancos.")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: a correction is not a repeat", "[user-repeat]") {
  Built b = convo({user("Hola, ¿dónde está mi pedido 5521?"),
                   bot("El pedido 5521 fue entregado el 3 de mayo."),
                   user("Perdón, me equivoqué: ¿dónde está mi pedido 5512, no el 5521?")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: a value re-given with a marker is the bot's re-ask", "[user-repeat]") {
  Built b = convo({user("my order 4471902 never arrived, where is it?"),
                   bot("What is your order number?"), user("4471902, like I said. Where is it?")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: 'ok, and ...' is a follow-up", "[user-repeat]") {
  Built b = convo({user("where is my parcel?"),
                   bot("Your parcel is out for delivery and arrives today by 6pm."),
                   user("ok, and where is my other parcel, the blue one?"),
                   bot("Your parcel is out for delivery and arrives today by 6pm.")});
  CHECK(run(detect_user_repeat, b).empty());
}

TEST_CASE("user-repeat: after a handoff only the wording counts", "[user-repeat]") {
  Built b =
      convo({user("I want a refund for order 4471902"), bot("Connecting you to an agent now."),
             agent("Hi, I'm Sam. How can I help?"), user("can I get my money back please?")});
  CHECK(run(detect_user_repeat, b).empty());
}
