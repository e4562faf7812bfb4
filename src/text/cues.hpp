// Cue phrases: the fixed wordings that tell what a turn does (a fallback, a handoff, a request
// for a human, asking for an order number, ...). The tables are in cues.cpp, one place to read
// and extend; rules see only the per-turn bitmasks that text/prepare.cpp computes from them.
#pragma once

#include <cstdint>

#include "text/phrases.hpp"

namespace audit {

enum class Cue : std::uint8_t {
  fallback,           // bot: "sorry, I didn't get that"
  handoff,            // bot: "connecting you to an agent"
  handoff_refused,    // bot: "I can't transfer you", "no agents are available" (not a handoff)
  human_request,      // user: "can I talk to a real person"
  not_human_request,  // user: "my travel agent", "no need for a human", "are you a bot?"
  ask,                // bot: "what is", "could you", "please provide"
  confirmation,       // bot: "just to confirm", "is that correct"
  invalid_value,      // bot: "that doesn't look right", "I couldn't find"
  closing,            // bot: "anything else I can help with?"
  repeat_marker,      // user: "I already told you", "again", "as I said"
  sensitive,          // user: fraud, bereavement, safety, medical emergency
  grievance,          // user: a legal threat or a formal complaint (sensitive, not distress)
  not_sensitive,      // user: "emergency address", "emergency credit" (a trap, not a matter)
  distress,           // user: "I'm desperate", "panicking", "scared", "please help me"
  empathy,            // bot: "I'm sorry to hear", "I understand", "that must be hard"
  secret_request,     // bot: names a secret: full card number, password, PIN, CVV, SSN
  secret_safe,        // bot: "never share your password", "last four digits", "reset your password"
  slot_order,         // slot names, in a bot question or a user statement
  slot_email,
  slot_phone,
  slot_account,
  slot_birth_date,
  slot_postcode,
  slot_address,
  slot_name,
  slot_date,  // a date for a booking or an appointment (not a date of birth)
  count
};

inline constexpr std::uint32_t cue_bit(Cue c) {
  return 1u << static_cast<unsigned>(c);
}
inline constexpr std::uint32_t kSlotCues =
    cue_bit(Cue::slot_order) | cue_bit(Cue::slot_email) | cue_bit(Cue::slot_phone) |
    cue_bit(Cue::slot_account) | cue_bit(Cue::slot_birth_date) | cue_bit(Cue::slot_postcode) |
    cue_bit(Cue::slot_address) | cue_bit(Cue::slot_name) | cue_bit(Cue::slot_date);

// Human-readable name of a slot cue ("order number"), for finding messages.
const char* slot_label(Cue c);

// The matcher over every cue table, built once (thread-safe).
const PhraseMatcher& cue_matcher();

// True if `hash` is one of the bare words that alone make a request for a human when they are
// (nearly) the whole message: "agent", "human!!", "representative please".
bool is_bare_human_word(std::uint64_t hash);

}  // namespace audit
