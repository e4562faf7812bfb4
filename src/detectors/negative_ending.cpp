// negative-ending: the conversation ends with the customer negative and nothing resolved it.
//
// How: the last customer turn has sentiment at or below `sentiment.negative` (-0.3), and the
// conversation never reached a human (no handoff event, agent turn or handoff phrase anywhere:
// a conversation an agent took over is the agent's ending, not the bot's). The customer's last
// word is what they leave with, whatever the bot says after it.
// Severity: warning. Score: the last customer turn's sentiment.
//
// Known blind spots: a customer who leaves silently after a failure (abandonment, a later rule)
// has no negative last turn; a curt "ok." after a failure reads as neutral.
//
//   user: it still doesn't work
//   bot:  Is there anything else I can help with?
//   user: forget it, useless bot                          -> negative-ending (2)
#include <fmt/format.h>

#include "detectors/detector.hpp"

namespace audit {

void detect_negative_ending(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                            std::vector<Finding>& out) {
  const std::uint32_t last_user = last_customer_turn_of_bot_only(c, p);
  if (last_user == kNoTurn || p.turns[last_user].sentiment > opt.negative_score) return;
  Finding f;
  f.rule = "negative-ending";
  f.severity = Severity::warning;
  f.turns = {last_user};
  f.score = p.turns[last_user].sentiment;
  f.has_score = true;
  f.message = fmt::format("The conversation ended with the customer negative ({:+.2f}): {}",
                          p.turns[last_user].sentiment, quote(c.turns[last_user].text, 60));
  out.push_back(std::move(f));
}

}  // namespace audit
