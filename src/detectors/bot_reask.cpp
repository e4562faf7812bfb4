// bot-reask: the bot asks for something the customer already gave. Context was lost, and the
// customer has to repeat themselves.
//
// How: a bot turn asks for a detail when it names one (order number, email, phone, account
// number, date of birth, postcode, address, name; text/cues.cpp, with Spanish, German and
// French names, and text/intents.cpp for names the cue tables lack: "Buchungsnummer",
// "localizador", "vollständiger Name") and is a question ("?" or an asking phrase: "what is",
// "could you", "please provide", ...). The customer gave the detail when
//   - the customer turn right after such a question contains a value of the right kind
//     (text/values.cpp: an email for an email, 9+ digits for a phone, a 4+ digit code for an
//     order or account number, a date for a date of birth; for a name or an address any short
//     answer that is not itself a question), or
//   - a customer turn names the detail and contains a value of its kind ("my order number is
//     4471902").
// A later bot question for the same detail is a re-ask, except
//   - a confirmation ("just to confirm, 4471902?", "is that correct?"), or
//   - a question right after the bot said the value was unusable ("that doesn't look right",
//     "I couldn't find that order"), in the same or the previous bot turn, for the details
//     that turn names (all when it names none): "I couldn't find 77 Birch Rd" excuses asking
//     for the address again, not for the date given with it.
// A code of letters and digits ("7KQ2M") counts as an order or account number like a 4+ digit
// code; a customer turn that says its name ("my name is Ana") gives the name.
// One finding per detail per conversation. Severity: warning.
//
// Known false positives: a bot that mentions a detail in a question about something else
// ("we emailed you: can you check your inbox?" after the customer gave an email).
//
//   bot:  What is your order number?
//   user: 4471902
//   bot:  Thanks. And what is your order number?          -> bot-reask (turns 1, 2)
#include <fmt/format.h>

#include <array>
#include <span>

#include "detectors/detector.hpp"
#include "text/values.hpp"

namespace audit {

namespace {

constexpr std::uint32_t kMinCodeLength = 5, kMaxCodeLength = 12;

constexpr Cue kSlots[] = {Cue::slot_date,     Cue::slot_order,   Cue::slot_email,
                          Cue::slot_phone,    Cue::slot_account, Cue::slot_birth_date,
                          Cue::slot_postcode, Cue::slot_address, Cue::slot_name};

// A booking code written with letters and digits ("7KQ2M", "TFN7QX", "QZT7PL"): values.cpp
// counts only codes with 4+ digits.
bool has_code(const Prepared& p, const TurnFeatures& f) {
  for (const Token& t : p.tokens_of(f))
    if ((t.flags & kTokenDigit) && (t.flags & kTokenAlpha) && t.length >= kMinCodeLength &&
        t.length <= kMaxCodeLength)
      return true;
  return false;
}

// The detail names of a turn: the cue tables' and text/intents.cpp's ("Buchungsnummer").
std::uint32_t slots_of(const TurnFeatures& f) {
  return (f.cues & kSlotCues) | f.intent.slots;
}

bool gives_value_for(Cue slot, const Prepared& p, const TurnFeatures& f) {
  switch (slot) {
    case Cue::slot_order:
    case Cue::slot_account:
      return (f.values & (kValueId | kValuePhone)) != 0 || has_code(p, f);
    case Cue::slot_email:
      return (f.values & kValueEmail) != 0;
    case Cue::slot_phone:
      return (f.values & kValuePhone) != 0;
    case Cue::slot_birth_date:
      return (f.values & kValueDate) != 0;
    case Cue::slot_postcode:
      return (f.values & (kValuePostcode | kValueId)) != 0;
    case Cue::slot_address:
      return f.token_count >= 3 && !f.question;
    case Cue::slot_name:
      return f.token_count >= 1 && f.token_count <= 5 && !f.question;
    default:
      return false;
  }
}

// A value whose kind says what it is, even when the customer does not name it: an email
// address is an email, 9+ digits a phone number; a code next to "order", "booking", "account",
// "policy" (en, es, de, fr) is that number. "Please send it to ana@example.com" gives the email.
bool implied_slot(const Prepared& p, const TurnFeatures& f, Cue slot) {
  static const std::uint64_t kOrderWords[] = {
      token_hash("order"),    token_hash("booking"),     token_hash("reservation"),
      token_hash("ref"),      token_hash("reference"),   token_hash("pedido"),
      token_hash("reserva"),  token_hash("bestellung"),  token_hash("buchung"),
      token_hash("commande"), token_hash("localizador"), token_hash("locator"),
      token_hash("dossier"),  token_hash("expediente"),  token_hash("claim")};
  static const std::uint64_t kAccountWords[] = {
      token_hash("account"),  token_hash("policy"),
      token_hash("contract"), token_hash("customer"),
      token_hash("cuenta"),   token_hash("poliza"),
      token_hash("contrato"), token_hash("konto"),
      token_hash("vertrag"),  token_hash("versicherungsnummer"),
      token_hash("compte"),   token_hash("contrat"),
      token_hash("police")};
  static const std::uint64_t kBornWords[] = {
      token_hash("born"),   token_hash("birth"),   token_hash("dob"),
      token_hash("nee"),    token_hash("ne"),      token_hash("nacido"),
      token_hash("nacida"), token_hash("geboren"), token_hash("naissance")};
  auto mentions = [&](std::span<const std::uint64_t> words) {
    for (const Token& t : p.tokens_of(f))
      for (std::uint64_t w : words)
        if (t.hash == w) return true;
    return false;
  };
  switch (slot) {
    case Cue::slot_email:
      return (f.values & kValueEmail) != 0;
    case Cue::slot_phone:
      return (f.values & kValuePhone) != 0 && !(f.values & kValueCard);
    case Cue::slot_order:
      return ((f.values & kValueId) != 0 || has_code(p, f)) && mentions(kOrderWords);
    case Cue::slot_account:
      return (f.values & kValueId) != 0 && mentions(kAccountWords);
    case Cue::slot_date:
      return (f.values & kValueDate) != 0;
    case Cue::slot_birth_date:
      return (f.values & kValueDate) != 0 && mentions(kBornWords);
    default:
      return false;
  }
}

}  // namespace

void detect_bot_reask(const Conversation& c, const Prepared& p, const DetectorOptions&,
                      std::vector<Finding>& out) {
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  std::array<std::uint32_t, std::size(kSlots)> given;  // turn where each detail was given
  given.fill(kNone);
  std::uint32_t reported = 0;  // cue bits of details already reported
  std::uint32_t asked = 0;     // details the previous bot turn asked for
  std::uint32_t unusable = 0;  // details the previous bot turn said were unusable
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const TurnFeatures& f = p.turns[i];
    const Role role = c.turns[i].role;
    if (role == Role::bot) {
      const bool asking = f.question || (f.cues & cue_bit(Cue::ask));
      const bool confirming = (f.cues & cue_bit(Cue::confirmation)) != 0;
      // "I couldn't find that order": the details it names (all, if it names none) may be asked
      // for again in this turn and the next.
      const bool unusable_value =
          (f.cues & cue_bit(Cue::invalid_value)) || (f.intent.acts & kActUnusable);
      const std::uint32_t invalid = unusable_value ? (slots_of(f) ? slots_of(f) : kSlotCues) : 0;
      asked = asking && !confirming ? slots_of(f) : 0;
      for (std::size_t s = 0; s < std::size(kSlots) && !confirming; ++s) {
        const std::uint32_t bit = cue_bit(kSlots[s]);
        if (!(asked & bit) || given[s] == kNone || (reported & bit) || ((invalid | unusable) & bit))
          continue;
        reported |= bit;
        Finding fd;
        fd.rule = "bot-reask";
        fd.severity = Severity::warning;
        fd.turns = {given[s], i};
        fd.message = fmt::format("The bot asked again for the {} the customer already gave: {}",
                                 slot_label(kSlots[s]), quote(c.turns[i].text, 60));
        out.push_back(std::move(fd));
      }
      unusable = invalid;
    } else if (role == Role::user) {
      const std::uint32_t named = slots_of(f);
      for (std::size_t s = 0; s < std::size(kSlots); ++s) {
        const std::uint32_t bit = cue_bit(kSlots[s]);
        const bool answered = (asked & bit) && gives_value_for(kSlots[s], p, f);
        // "my order number is 4471902"; "my name is Ana" (a name needs no value of its own).
        const bool stated =
            (named & bit) && !f.question &&
            (kSlots[s] == Cue::slot_name ||
             (f.values != 0 && kSlots[s] != Cue::slot_address && gives_value_for(kSlots[s], p, f)));
        if (answered || stated || implied_slot(p, f, kSlots[s])) given[s] = i;
      }
      asked = 0;
    } else if (role == Role::agent) {
      break;  // a human took over; what the human asks is not the bot's context loss
    }
  }
}

}  // namespace audit
