// abandonment: the customer leaves right after the bot failed them. The conversation ends on a
// failed bot reply and the customer never answers it: they gave up. Containment dashboards count
// these as successes.
//
// How: the last customer turn is followed only by bot turns, at least one of which is a failure,
// and the conversation never reached a human. A failure is
//   - a fallback (event or phrase);
//   - a repetition in a loop (as bot-loop defines it), or the bot's earlier answer given again
//     after a last customer turn that asks or pushes for something (a question, a request, a
//     request for a human, or the pushing back below): the same near-duplicate test as bot-loop,
//     two occurrences suffice. The customer said something new and got the same reply;
//   - a question for a detail the customer already gave (as bot-reask defines it);
//   - an ignored request: the last customer turn asks for a human (as missed-escalation reads
//     it) and the bot answers without handing off;
//   - a closing line ("Is there anything else I can help with?") in reply to a customer whose
//     last turn is negative (sentiment <= sentiment-drop.negative, -0.25), pushes back ("that's
//     not what I asked") or repeats a request ("I already asked").
// A customer whose last words were a goodbye or thanks ("ok thanks, bye") has not abandoned
// anything: their last turn must not be positive (sentiment >= 0.25).
// Evidence: the customer's last turn and the failed bot turn(s) after it. Severity: warning.
//
// Known blind spots: a wrong or irrelevant answer that is none of those failures ("Here is how
// to return an item" to a billing question) is not recognised; exports that cut a conversation
// short look like abandonment.
//
//   user: cancel my plan
//   bot:  Sorry, I didn't get that.
//   user: CANCEL. MY. PLAN.
//   bot:  Sorry, I didn't get that. Could you rephrase?    -> abandonment (2, 3)
#include <fmt/format.h>

#include <algorithm>

#include "detectors/detector.hpp"

namespace audit {

namespace {
constexpr double kContent = 0.25;  // a last customer turn this positive is a goodbye, not giving up
}

void detect_abandonment(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                        std::vector<Finding>& out) {
  const std::uint32_t last_user = last_customer_turn_of_bot_only(c, p);
  if (last_user == kNoTurn || last_user + 1 >= c.turns.size()) return;
  if (p.turns[last_user].sentiment >= kContent) return;

  thread_local std::vector<std::uint32_t> failed;
  failed.clear();
  for (std::uint32_t i = last_user + 1; i < c.turns.size(); ++i) {
    if (c.turns[i].role == Role::bot && p.turns[i].fallback) failed.push_back(i);
  }
  const TurnFeatures& last = p.turns[last_user];
  const bool unhappy =
      last.sentiment <= opt.negative_score || (last.intent.acts & (kActRebuttal | kActRepeat)) != 0;
  // The customer's last turn asked or pushed for something (not "yes please", which a
  // confirmation repeating the booking rightly answers).
  const bool pushed =
      unhappy || last.question || last.human_request || (last.intent.acts & kActRequest) != 0;
  // Loops, and an earlier answer given again after the customer pushed: the loop test with two
  // occurrences, kept only where the repetition reaches past the last customer turn.
  DetectorOptions twice = opt;
  twice.loop_min_occurrences = std::min(opt.loop_min_occurrences, 2.0);
  find_loops(c, p, twice, [&](const std::vector<std::uint32_t>& members) {
    const bool loop = static_cast<double>(members.size()) >= opt.loop_min_occurrences;
    for (std::uint32_t m : members)
      if (m > last_user && (loop || (pushed && members.front() < last_user))) failed.push_back(m);
  });
  for (std::uint32_t i = last_user + 1; i < c.turns.size(); ++i) {
    if (c.turns[i].role != Role::bot) continue;
    if (last.human_request) failed.push_back(i);  // asked for a person, got the bot again
    if (unhappy && (p.turns[i].cues & cue_bit(Cue::closing))) failed.push_back(i);
  }
  thread_local std::vector<Finding> reasks;
  reasks.clear();
  detect_bot_reask(c, p, opt, reasks);
  for (const Finding& r : reasks)
    if (r.turns.back() > last_user) failed.push_back(r.turns.back());
  if (failed.empty()) return;
  std::sort(failed.begin(), failed.end());
  failed.erase(std::unique(failed.begin(), failed.end()), failed.end());

  Finding f;
  f.rule = "abandonment";
  f.severity = Severity::warning;
  f.turns.push_back(last_user);
  f.turns.insert(f.turns.end(), failed.begin(), failed.end());
  f.message = fmt::format("The customer left after the bot failed them: {}",
                          quote(c.turns[failed.back()].text, 60));
  out.push_back(std::move(f));
}

}  // namespace audit
