// What a customer turn asks for, and how it refers back to earlier turns: the request intents
// of customer support ("where is my parcel", "I want my money back", "cancel my plan", "I can't
// log in", ...) and the speech acts that mark a repeat ("I already asked", "as I said"), a
// rebuttal of the bot's answer ("yes, but", "that's not what I asked") or a correction ("sorry,
// I meant"). Also the names of details that the cue tables (text/cues.cpp) do not know, for
// bot-reask ("Buchungsnummer", "localizador", "what number").
//
// Intents are families, not sentences: each is a short list of phrases and word stems in
// English, Spanish, German and French, matched on normalised tokens (text/tokenize.hpp). A stem
// ending in '*' matches every word that starts with it ("refund*": refunds, refunded); French
// elision is skipped ("l'argent" is looked up as "argent"). A turn may carry several intents.
// user-repeat compares the intents of two customer turns to recognise a paraphrase with no
// word in common ("where's my refund?" ... "when do I get my money back?").
#pragma once

#include <cstdint>
#include <string_view>

#include "text/tokenize.hpp"

namespace audit {

enum class Intent : std::uint8_t {
  status,        // where is it, has not arrived, what is happening with it, tracking
  refund,        // refund, money back, reimbursement
  cancel,        // cancel, terminate, unsubscribe
  return_item,   // send an item back, exchange
  change,        // change, modify, reschedule, move, update
  address,       // an address (delivery, billing, home)
  access,        // log in, password, locked out, the app will not open
  charge,        // a bill, an invoice, a charge, a fee, overcharged
  payment,       // paying, instalments, a payment that failed, a transfer
  human,         // talk to a person (with the cue tables' own human requests)
  appointment,   // an appointment, a visit, an engineer slot
  coverage,      // is it covered, does my policy include
  baggage,       // luggage, suitcase, bag
  timing,        // when, what time, how long: the customer wants a date or a time
  reason,        // why: the customer wants a reason
  availability,  // in stock, available, is there any
  complaint,     // a complaint
  count
};

inline constexpr std::uint32_t intent_bit(Intent i) {
  return 1u << static_cast<unsigned>(i);
}

// The intents that name only the kind of answer wanted (a time, a reason); two turns that share
// only these are linked weakly.
inline constexpr std::uint32_t kQuestionKindIntents =
    intent_bit(Intent::timing) | intent_bit(Intent::reason) | intent_bit(Intent::availability);

enum TurnAct : std::uint8_t {
  kActRepeat = 1 << 0,      // "I already asked", "as I said", "for the third time", "ya te dije"
  kActRebuttal = 1 << 1,    // "yes, but", "I know", "that's not what I asked", "das weiß ich"
  kActCorrection = 1 << 2,  // "sorry, I meant", "me equivoqué", "ich meinte", "je voulais dire"
  kActRequest = 1 << 3,     // "I want", "can I", "I need", "quiero", "ich möchte", "je voudrais"
  kActGiveUp = 1 << 4,      // "forget it", "never mind", "déjalo", "vergiss es", "laissez tomber"
  kActGeneric = 1 << 5,     // bot: a general answer, "usually", "in der Regel", "généralement"
  kActUnusable = 1 << 6,    // bot: "konnte keine Buchung finden", "je ne trouve aucun dossier"
};

struct IntentFeatures {
  std::uint32_t intents = 0;  // intent_bit(Intent::...)
  std::uint32_t slots = 0;    // cue_bit(Cue::slot_...) of detail names the cue tables lack
  std::uint8_t acts = 0;      // TurnAct bits
};

// The intents, acts and extra detail names of `tokens[0, n)`; `chars` is the folded character
// buffer the tokens point into. No allocation.
IntentFeatures find_intents(const Token* tokens, std::size_t n, std::string_view chars);

// "refund", "human", ...: for finding messages and tests.
const char* intent_label(Intent i);

}  // namespace audit
