// missed-escalation: a customer who needed a human did not get one. Platforms count the
// escalations that happened; nobody counts the ones that should have. We define it:
//
// A trigger is a customer turn that
//   - asks for a human (text/cues.cpp: "talk to a real person", "agent please", "I want a
//     representative", "hablar con una persona", "mit einem Mitarbeiter sprechen", "parler à
//     un conseiller", or a bare "agent" / "human!!" as the whole message), or
//   - is strongly negative: sentiment at or below `missed-escalation.frustration` (-0.6).
// A handoff is a platform handoff event, an `agent` turn, or a bot turn announcing a transfer
// ("connecting you to an agent", "te paso con", "ich verbinde Sie") that is not negated or
// refused ("I can't transfer you", "no agents are available"). A phone number, an email
// address or a "contact us" link is not a handoff: the customer is left to start again.
//
// The rule flags the first trigger that is not followed by a handoff within the next
// `missed-escalation.window` bot turns (K, default 2), or by none before the end. A frustration
// trigger needs at least one bot turn after it (the bot had a chance to hand over); a customer
// whose last words are angry and who leaves is negative-ending's case. Once a
// handoff has happened, later turns are the agent's business and are not judged.
// Traps that are not requests: "my travel agent", "the user agent string", "no need for a
// human", "are you a bot?" (text/cues.cpp, `not_human_request`), and a request phrase after a
// negation ("I don't want to speak to an agent").
// Severity: error when the customer asked for a human, warning for frustration alone.
//
// Known false positives: a customer who asks for a human and then solves the problem with the
// bot anyway still counts (the request was ignored).
//
//   user: I want to speak to a real person
//   bot:  I can help! What is your order number?
//   user: A HUMAN PLEASE
//   bot:  Sorry, I didn't understand.                     -> missed-escalation (0, 1, 2, 3)
#include <fmt/format.h>

#include <algorithm>

#include "detectors/detector.hpp"

namespace audit {

void detect_missed_escalation(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                              std::vector<Finding>& out) {
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  const std::size_t window = static_cast<std::size_t>(opt.escalation_window);
  std::uint32_t trigger = kNone;
  bool explicit_request = false;
  std::uint32_t first_request = kNone;  // quoted in the message when the customer asked
  std::size_t requests = 0;
  std::size_t bot_turns_after = 0;
  Finding f;
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const TurnFeatures& ft = p.turns[i];
    if (ft.handoff) {
      if (trigger == kNone || bot_turns_after < window) return;  // escalated in time
      break;  // escalated, but late: still a finding
    }
    const Role role = c.turns[i].role;
    if (role == Role::user) {
      const bool asks = ft.human_request;
      const bool frustrated = ft.sentiment <= opt.frustration_score;
      if (!asks && !frustrated) continue;
      if (asks) ++requests;
      if (trigger == kNone) {
        trigger = i;
        f.turns.push_back(i);
      } else if (bot_turns_after <= window && f.turns.back() != i) {
        f.turns.push_back(i);
      }
      if (asks && !explicit_request) first_request = i;
      explicit_request = explicit_request || asks;
    } else if (role == Role::bot && trigger != kNone) {
      ++bot_turns_after;
      if (bot_turns_after <= window) f.turns.push_back(i);
    }
  }
  if (trigger == kNone) return;
  // Frustration in the customer's last words, with no bot turn after it, gave the bot no chance
  // to hand over: that is negative-ending's business. An explicit request still counts.
  if (!explicit_request && bot_turns_after == 0) return;
  std::sort(f.turns.begin(), f.turns.end());
  f.rule = "missed-escalation";
  f.severity = explicit_request ? Severity::error : Severity::warning;
  const std::string_view what = explicit_request ? "asked for a human" : "was strongly frustrated";
  const std::uint32_t quoted = explicit_request ? first_request : trigger;
  if (bot_turns_after < window) {
    f.message = fmt::format("The customer {} ({}) and the conversation ended without a handoff",
                            what, quote(c.turns[quoted].text, 60));
  } else {
    f.message = fmt::format("The customer {} ({}) and was not handed over within {} bot turns",
                            what, quote(c.turns[quoted].text, 60), window);
  }
  if (requests > 1) f.message += fmt::format("; {} requests for a human in all", requests);
  out.push_back(std::move(f));
}

}  // namespace audit
