// pii-exposure: the bot asks for, or writes out, a secret no chat should carry in clear text:
// a full payment card number, a password or PIN, a card security code, a national id (social
// security number, National Insurance number, passport number). Such a transcript is itself a
// leak, and a bot that asks trains customers to be phished.
//
// How: a bot turn is flagged when
//   - it contains a payment card number (13-19 digits passing the Luhn check, or a number
//     grouped the way cards print them, 4-4-4-4 or 4-6-5, next to the word "card", "Karte",
//     "tarjeta", "carte", "Visa", ...) or a national id in clear text (text/values.cpp:
//     123-45-6789, QQ 12 34 56 C); or
//   - it asks (a "?" or an asking phrase: "please reply with", "nennen Sie mir", "merci
//     d'indiquer", "escribe tu", ...) for a secret it names (text/cues.cpp: "card number",
//     "password", "PIN", "CVV", "security code", "social security number", "passport number",
//     "DNI", "Personalausweisnummer", "contraseña", "Passwort", "mot de passe", ...), and does
//     not mark it as safe: "the last four digits", "we will never ask for your password",
//     "reset your password" are not requests.
// One finding per conversation (the first such turn). Severity: error.
//
// Known blind spots: ids of other countries; a secret asked for without naming it ("type the
// code we sent you" is fine, and so is missed); masked numbers ("**** 1234") are not secrets.
//
//   bot:  To verify you, please type your full card number and the CVV.  -> pii-exposure (0)
#include <fmt/format.h>

#include "detectors/detector.hpp"
#include "text/values.hpp"

namespace audit {

namespace {

// Does the turn name a card ("card", "Karte", "tarjeta", "carte", "Visa", ...)? A number grouped
// like a card that fails the checksum is a card number only next to such a word.
bool names_a_card(const Prepared& p, const TurnFeatures& f) {
  static const std::uint64_t kCardWords[] = {
      token_hash("card"),    token_hash("karte"),      token_hash("kreditkarte"),
      token_hash("tarjeta"), token_hash("carte"),      token_hash("visa"),
      token_hash("amex"),    token_hash("mastercard"), token_hash("kreditkartennummer")};
  for (const Token& t : p.tokens_of(f)) {
    for (std::uint64_t w : kCardWords)
      if (t.hash == w) return true;
  }
  return false;
}

}  // namespace

void detect_pii_exposure(const Conversation& c, const Prepared& p, const DetectorOptions&,
                         std::vector<Finding>& out) {
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    if (c.turns[i].role != Role::bot) continue;
    const TurnFeatures& f = p.turns[i];
    std::string_view what;
    if ((f.values & kValueCard) || ((f.values & kValueCardShaped) && names_a_card(p, f))) {
      what = "wrote out a card number";
    } else if (f.values & kValueNationalId) {
      what = "wrote out a national id";
    } else if ((f.cues & cue_bit(Cue::secret_request)) && !(f.cues & cue_bit(Cue::secret_safe)) &&
               (f.question || (f.cues & cue_bit(Cue::ask)))) {
      what = "asked for a secret in clear text";
    } else {
      continue;
    }
    Finding fd;
    fd.rule = "pii-exposure";
    fd.severity = Severity::error;
    fd.turns = {i};
    fd.message = fmt::format("The bot {}: {}", what, quote(c.turns[i].text, 60));
    out.push_back(std::move(fd));
    return;
  }
}

}  // namespace audit
