// Cue phrases as prepare() sees them: requests for a human (and the traps that only look like
// one), bot handoff announcements and refusals, fallbacks.
#include <catch2/catch.hpp>
#include <string>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

namespace {

bool asks_for_human(const std::string& text) {
  Built b = convo({user(text)});
  return b.p.turns[0].human_request;
}

TurnFeatures bot_turn(const std::string& text) {
  Built b = convo({bot(text)});
  return b.p.turns[0];
}

}  // namespace

TEST_CASE("cues: requests for a human", "[cues]") {
  for (const char* s :
       {"can I talk to a real person", "agent please", "AGENT!!!", "I want to speak to a human",
        "representative", "get me a live agent now", "talk to an actual human please"}) {
    CAPTURE(s);
    CHECK(asks_for_human(s));
  }
}

TEST_CASE("cues: requests for a human in Spanish, German and French", "[cues]") {
  for (const char* s :
       {"quiero hablar con una persona", "ich möchte mit einem Mitarbeiter sprechen",
        "je veux parler à un conseiller", "Quiero hablar con un agente humano"}) {
    CAPTURE(s);
    CHECK(asks_for_human(s));
  }
}

TEST_CASE("cues: staff titles and other ways to ask, in four languages", "[cues]") {
  for (const char* s :
       {"can I speak to a rep", "please escalate this", "quiero hablar con un ejecutivo",
        "gerente por favor", "pásame con alguien", "Verbinden Sie mich bitte mit einem Menschen",
        "ich will mit einem echten Menschen reden", "je voudrais parler avec un conseiller",
        "un vrai humain svp", "Vorgesetzter!"}) {
    CAPTURE(s);
    CHECK(asks_for_human(s));
  }
  // A title in a sentence about something else is no request.
  for (const char* s :
       {"el gerente de mi empresa necesita la factura", "my manager needs the invoice",
        "the rep at the store said it was fine", "does the problem escalate quickly?"}) {
    CAPTURE(s);
    CHECK_FALSE(asks_for_human(s));
  }
}

TEST_CASE("cues: traps that name an agent or a human but ask for none", "[cues]") {
  for (const char* s :
       {"my travel agent booked it", "what's a user agent string", "no need for a human, thanks",
        "are you a bot?", "I don't want to speak to an agent", "is this a real person?",
        "my estate agent"}) {
    CAPTURE(s);
    CHECK_FALSE(asks_for_human(s));
  }
}

TEST_CASE("cues: a human request from the bot is not the customer's", "[cues]") {
  Built b = convo({bot("You can talk to a human at any time."), user("ok")});
  CHECK_FALSE(b.p.turns[0].human_request);
  CHECK_FALSE(b.p.turns[1].human_request);
}

TEST_CASE("cues: a bot handoff announcement is a handoff", "[cues]") {
  for (const char* s : {"Connecting you to a human agent now", "I'll transfer you to a colleague.",
                        "Please hold while I put you through.", "Te paso con un agente."}) {
    CAPTURE(s);
    CHECK(bot_turn(s).handoff);
  }
}

TEST_CASE("cues: a refused or negated handoff is not a handoff", "[cues]") {
  for (const char* s :
       {"I'm afraid I can't transfer you", "Sorry, no agents are available right now",
        "I am unable to transfer you at the moment"}) {
    CAPTURE(s);
    CHECK_FALSE(bot_turn(s).handoff);
  }
}

TEST_CASE("cues: a customer saying \"transferring you\" is no handoff", "[cues]") {
  Built b = convo({user("are you transferring you to someone?")});
  CHECK_FALSE(b.p.turns[0].handoff);
}

TEST_CASE("cues: an agent turn and a handoff event are handoffs", "[cues]") {
  Built b = convo({agent("Hi, Sam here."), bot("One moment.", {EventKind::handoff})});
  CHECK(b.p.turns[0].handoff);
  CHECK(b.p.turns[1].handoff);
}

TEST_CASE("cues: fallback phrases", "[cues]") {
  for (const char* s :
       {"Sorry, I didn't get that", "I'm not sure I understand. Could you rephrase?",
        "Lo siento, no te entendí.", "Das habe ich nicht verstanden."}) {
    CAPTURE(s);
    CHECK(bot_turn(s).fallback);
  }
  CHECK_FALSE(bot_turn("Your order arrives tomorrow.").fallback);
  CHECK(bot_turn("ok").fallback == false);
}

TEST_CASE("cues: a fallback event makes a fallback", "[cues]") {
  Built b = convo({bot("Hmm.", {EventKind::fallback})});
  CHECK(b.p.turns[0].fallback);
}

TEST_CASE("cues: a customer's \"I didn't get that\" is not a bot fallback", "[cues]") {
  Built b = convo({user("sorry, I didn't get that")});
  CHECK_FALSE(b.p.turns[0].fallback);
}
