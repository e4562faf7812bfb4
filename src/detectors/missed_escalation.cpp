// missed-escalation: a customer who needed a human did not get one. Platforms count the
// escalations that happened; nobody counts the ones that should have. We define it:
//
// A trigger is
//   - request: a customer turn that asks for a human (text/cues.cpp: "talk to a real person",
//     "agent please", "I want a representative", "hablar con una persona", "mit einem
//     Mitarbeiter sprechen", "parler à un conseiller", or a bare "agent" / "human!!" as the
//     whole message);
//   - sensitive-topic: a customer turn about fraud, bereavement, a legal threat, a formal
//     complaint or safety ("someone used my card", "my husband passed away", "I'll contact my
//     lawyer", "I smell gas");
//   - frustration: a customer turn at or below `missed-escalation.frustration` (-0.6), a
//     second negative customer turn in a row (both at or below `sentiment.negative`), or a
//     turn where the customer's mood falls as sentiment-drop defines it (from a level above
//     `sentiment.negative` by at least `sentiment-drop.delta`): strong, sustained or rising
//     frustration;
//   - repeated-failure: the bot turn that completes a fallback run of `fallback-loop.min-run`
//     or a loop of `bot-loop.min-occurrences` (the same definitions as those rules).
// A handoff is a platform handoff event, an `agent` turn, or a bot turn announcing a transfer
// ("connecting you to an agent", "te paso con", "ich verbinde Sie") that is not negated or
// refused ("I can't transfer you", "no agents are available"). A phone number, an email
// address or a "contact us" link is not a handoff: the customer is left to start again.
//
// A request or a sensitive topic must be followed by a handoff within the next
// `missed-escalation.window` bot turns (K, default 2). Frustration or repeated failure must be
// followed by a handoff before the end, unless a later customer turn is clearly satisfied
// (sentiment >= 0.1: the customer accepts what the bot did). Frustration in the customer's
// last words counts too when a bot turn came before it: the bot had its turns to hand over and
// the customer leaves angry (a lone angry message with no bot turn around it is not judged).
// Once a handoff has happened, later turns are the agent's business and are not judged.
// Traps that are not requests: "my travel agent", "the user agent string", "an ATM operator",
// "no need for a human", "are you a bot?" (text/cues.cpp, `not_human_request`), and a request
// phrase after a negation ("I don't want to speak to an agent").
// The finding's `kind` names the first trigger; severity: error for a request or a sensitive
// topic, warning for frustration or repeated failure.
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

namespace {

enum class Trigger { none, request, sensitive, frustration, failure };

// A customer turn at least this positive after frustration or failure: satisfied after all.
constexpr double kSatisfied = 0.1;

std::string_view trigger_kind(Trigger t) {
  switch (t) {
    case Trigger::request:
      return "request";
    case Trigger::sensitive:
      return "sensitive-topic";
    case Trigger::frustration:
      return "frustration";
    case Trigger::failure:
      return "repeated-failure";
    case Trigger::none:
      break;
  }
  return "";
}

}  // namespace

void detect_missed_escalation(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                              std::vector<Finding>& out) {
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  const std::size_t window = static_cast<std::size_t>(opt.escalation_window);

  // Repeated failure: the bot turn at which a fallback run or a loop becomes one.
  std::uint32_t failure_at = kNone;
  std::size_t fallback_run = 0;
  for (std::uint32_t i = 0; i < c.turns.size() && failure_at == kNone; ++i) {
    if (c.turns[i].role != Role::bot) continue;
    fallback_run = p.turns[i].fallback ? fallback_run + 1 : 0;
    if (fallback_run >= static_cast<std::size_t>(opt.fallback_min_run)) failure_at = i;
  }
  find_loops(c, p, opt, [&](const std::vector<std::uint32_t>& members) {
    const std::uint32_t at = members[static_cast<std::size_t>(opt.loop_min_occurrences) - 1];
    failure_at = std::min(failure_at, at);
  });

  // A request or a sensitive topic needs a handoff within the window; frustration or repeated
  // failure needs one before the end, unless the customer is satisfied after all.
  std::uint32_t hard = kNone, soft = kNone;
  Trigger hard_kind = Trigger::none, soft_kind = Trigger::none;
  std::size_t hard_bots = 0, soft_bots = 0, requests = 0;
  bool hard_missed = false;
  bool previous_negative = false;  // the last customer turn that expressed a mood was negative
  // The customer's mood and its highest level so far, as sentiment-drop defines them: a fall
  // from a neutral or positive level to a negative turn is rising frustration.
  bool seen_customer = false;
  double level = 0, high = 0;
  bool bot_seen = false, soft_after_bot = false;  // a bot turn came before the soft trigger
  bool handed_over = false;
  std::vector<std::uint32_t> hard_turns, soft_turns;
  for (std::uint32_t i = 0; i < c.turns.size() && !handed_over; ++i) {
    const TurnFeatures& ft = p.turns[i];
    if (ft.handoff) {
      handed_over = true;  // what follows is the agent's business
      break;
    }
    const Role role = c.turns[i].role;
    Trigger t = Trigger::none;
    if (role == Role::user) {
      const bool negative = ft.sentiment <= opt.negative_score;
      if (ft.human_request) {
        t = Trigger::request;
        ++requests;
      } else if (ft.cues & (cue_bit(Cue::sensitive) | cue_bit(Cue::grievance))) {
        t = Trigger::sensitive;
      } else if (ft.sentiment <= opt.frustration_score || (negative && previous_negative) ||
                 (negative && seen_customer && high > opt.negative_score &&
                  high - ft.sentiment >= opt.drop_delta)) {
        t = Trigger::frustration;
      }
      if (ft.sentiment != 0) previous_negative = negative;
      if (ft.sentiment != 0 || !seen_customer) level = ft.sentiment;
      if (!seen_customer || level > high) high = level;
      seen_customer = true;
      if (soft != kNone && t == Trigger::none && ft.sentiment >= kSatisfied) soft = kNone;
    } else if (role == Role::bot) {
      if (hard != kNone && !hard_missed) {
        hard_turns.push_back(i);
        if (++hard_bots >= window) hard_missed = true;
      }
      if (soft != kNone) {
        ++soft_bots;
        if (soft_turns.size() < window + 1) soft_turns.push_back(i);
      }
      if (i == failure_at) t = Trigger::failure;
      bot_seen = true;
    }
    if (t == Trigger::request || t == Trigger::sensitive) {
      if (hard == kNone) {
        hard = i;
        hard_kind = t;
        hard_turns.push_back(i);
      } else if (!hard_missed) {
        hard_turns.push_back(i);
      }
    } else if (t != Trigger::none && soft == kNone) {
      soft = i;
      soft_kind = t;
      soft_bots = 0;
      soft_after_bot = bot_seen;
      soft_turns.assign(1, i);
    }
  }
  const bool hard_finding = hard != kNone && (hard_missed || !handed_over);
  // Frustration in the customer's last words counts when it answers the bot (the bot had its
  // turns to hand over and the customer leaves angry); a lone angry message with no bot turn
  // around it gave the bot no chance.
  const bool soft_finding =
      soft != kNone && !handed_over &&
      !(soft_kind == Trigger::frustration && soft_bots == 0 && !soft_after_bot);
  if (!hard_finding && !soft_finding) return;

  Finding f;
  const Trigger kind = hard_finding ? hard_kind : soft_kind;
  const std::uint32_t quoted = hard_finding ? hard : soft;
  f.turns = hard_finding ? hard_turns : soft_turns;
  std::sort(f.turns.begin(), f.turns.end());
  f.turns.erase(std::unique(f.turns.begin(), f.turns.end()), f.turns.end());
  f.rule = "missed-escalation";
  f.kind = trigger_kind(kind);
  f.severity = hard_finding ? Severity::error : Severity::warning;
  std::string_view what;
  switch (kind) {
    case Trigger::request:
      what = "The customer asked for a human";
      break;
    case Trigger::sensitive:
      what = "The customer raised a sensitive matter";
      break;
    case Trigger::frustration:
      what = "The customer was frustrated";
      break;
    case Trigger::failure:
      what = "The bot failed repeatedly";
      break;
    case Trigger::none:
      break;
  }
  if (hard_finding && hard_missed) {
    f.message = fmt::format("{} ({}) and was not handed over within {} bot turns", what,
                            quote(c.turns[quoted].text, 60), window);
  } else {
    f.message = fmt::format("{} ({}) and the conversation ended without a handoff", what,
                            quote(c.turns[quoted].text, 60));
  }
  if (requests > 1) f.message += fmt::format("; {} requests for a human in all", requests);
  out.push_back(std::move(f));
}

}  // namespace audit
