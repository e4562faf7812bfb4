// Request intents and repeat acts as prepare() sees them (text/intents.hpp).
#include <catch2/catch.hpp>
#include <string>

#include "builders.hpp"

using namespace audit;
using namespace audit::test;

namespace {

IntentFeatures features(const std::string& text) {
  Built b = convo({user(text)});
  return b.p.turns[0].intent;
}

bool has_intent(const std::string& text, Intent i) {
  return (features(text).intents & intent_bit(i)) != 0;
}

bool has_act(const std::string& text, TurnAct a) {
  return (features(text).acts & a) != 0;
}

}  // namespace

TEST_CASE("intents: a paraphrase carries the same intent in four languages", "[intents]") {
  for (const char* s : {"where's my refund?", "when do I get my money back", "reembolso",
                        "¿cuándo me devuelven el dinero?", "Wann wird mir das erstattet?",
                        "quand est-ce que je récupère l'argent ?", "I was never reimbursed"}) {
    CAPTURE(s);
    CHECK(has_intent(s, Intent::refund));
  }
  for (const char* s : {"I can't log in", "reset my password", "no puedo entrar a la app",
                        "Mein Konto ist gesperrt", "j'ai oublié mon mot de passe"}) {
    CAPTURE(s);
    CHECK(has_intent(s, Intent::access));
  }
  CHECK(has_intent("Ich möchte meine Lieferadresse ändern", Intent::address));
  CHECK(has_intent("Ich möchte meine Lieferadresse ändern", Intent::change));
  CHECK(has_intent("Kann ich mit einem Mitarbeiter sprechen?", Intent::human));
}

TEST_CASE("intents: words that only look like an intent", "[intents]") {
  CHECK_FALSE(has_intent("the chip on my card is failing", Intent::refund));
  CHECK_FALSE(has_intent("can you say that another way?", Intent::change));
  CHECK_FALSE(has_intent("thanks, that worked", Intent::access));
  // A stem matches the start of a word only.
  CHECK_FALSE(has_intent("I am unreturnable", Intent::return_item));
}

TEST_CASE("intents: repeat markers, rebuttals and corrections", "[intents]") {
  for (const char* s : {"I already asked: when?", "as I said, the code is wrong",
                        "for the third time", "ya te dije que no", "wie gesagt, es geht nicht",
                        "je vous ai déjà demandé", "Third time asking."}) {
    CAPTURE(s);
    CHECK(has_act(s, kActRepeat));
  }
  for (const char* s :
       {"yes but which one is mine?", "Ya, pero la de abril", "I know the policy", "Das weiß ich.",
        "Vous ne répondez pas à ma question", "That's not what I asked"}) {
    CAPTURE(s);
    CHECK(has_act(s, kActRebuttal));
  }
  // A contrast word later in the turn does not reject the bot's answer.
  CHECK_FALSE(has_act("Great, did that. It worked fine, but slowly.", kActRebuttal));
  for (const char* s : {"sorry, I meant 5512", "Perdón, me equivoqué",
                        "Entschuldigung, ich meinte "
                        "Donnerstag"}) {
    CAPTURE(s);
    CHECK(has_act(s, kActCorrection));
  }
  CHECK_FALSE(has_act("I meant every word of my complaint", kActRepeat));
}

TEST_CASE("intents: detail names the cue tables lack", "[intents]") {
  Built b =
      convo({bot("Wie lautet Ihre Buchungsnummer?"), bot("¿En qué número quieres activarlo?")});
  CHECK(b.p.turns[0].intent.slots & cue_bit(Cue::slot_order));
  CHECK(b.p.turns[1].intent.slots & cue_bit(Cue::slot_phone));
}

TEST_CASE("intents: giving up, also in the formal forms", "[intents]") {
  for (const char* s :
       {"forget it", "never mind", "olvídalo", "olvídelo", "no importa", "vergiss es",
        "vergessen Sie es", "schon gut", "laissez tomber", "oubliez", "ça ne fait rien"}) {
    CAPTURE(s);
    CHECK(has_act(s, kActGiveUp));
  }
  CHECK_FALSE(has_act("I won't forget this", kActGiveUp));
  CHECK_FALSE(has_act("no olvide mi pedido", kActGiveUp));
}
