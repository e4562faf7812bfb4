// sentiment-drop: the customer's mood falls sharply during the conversation.
//
// The formula (docs/rules.md), over the customer's turns u_1..u_n in order, with s(u) the
// turn's sentiment (text/sentiment.hpp):
//   the level L(u_k) is s(u_k) if the turn expresses a mood (s != 0), else the level of the
//   previous customer turn ("Yes", "4471902" carry no mood and change nothing); L(u_1) = s(u_1);
//   a drop at u_j is s(u_j) <= N and H_j - s(u_j) >= D with H_j = max_{i<j} L(u_i) > N:
//   the customer had not been negative all along, and fell by at least D to a negative turn;
//   N = `sentiment.negative` (-0.3), D = `sentiment-drop.delta` (0.6).
// The largest such fall is reported (the earliest on a tie). Evidence: the earlier high, the
// bot turn just before u_j (the likely cause) and u_j. Score: the size of the fall.
//
// Known false positives: a customer who turns negative about the situation, not the bot ("my
// father died last week") after a neutral start; no-empathy (a later rule) is about that.
//
//   user: hi! quick question about my bill              (+0.0)
//   bot:  Please visit our website.
//   user: seriously? that is useless, I'm so annoyed    (-0.8)  -> sentiment-drop (0, 1, 2)
#include <fmt/format.h>

#include "detectors/detector.hpp"

namespace audit {

void detect_sentiment_drop(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                           std::vector<Finding>& out) {
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  double level = 0;  // the customer's mood so far: the last turn that expressed one
  double high = 0;   // the highest level before the current turn
  std::uint32_t high_turn = kNone;
  std::uint32_t best_high = kNone, best_low = kNone;
  double best_fall = 0;
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    if (c.turns[i].role != Role::user) continue;
    const double s = p.turns[i].sentiment;
    const bool expressive = s != 0;  // "Yes", "4471902": no mood expressed, the level stays
    if (expressive && high_turn != kNone && high > opt.negative_score && s <= opt.negative_score &&
        high - s >= opt.drop_delta && high - s > best_fall) {
      best_fall = high - s;
      best_high = high_turn;
      best_low = i;
    }
    if (expressive || high_turn == kNone) level = s;
    if (high_turn == kNone || level > high) {
      high = level;
      high_turn = i;
    }
  }
  if (best_low == kNone) return;
  Finding f;
  f.rule = "sentiment-drop";
  f.severity = Severity::warning;
  f.turns.push_back(best_high);
  for (std::uint32_t k = best_low; k > best_high + 1; --k) {
    if (c.turns[k - 1].role == Role::bot) {
      f.turns.push_back(k - 1);
      break;
    }
  }
  f.turns.push_back(best_low);
  f.score = best_fall;
  f.has_score = true;
  f.message = fmt::format("The customer's sentiment fell from {:+.2f} to {:+.2f}: {}",
                          p.turns[best_high].sentiment, p.turns[best_low].sentiment,
                          quote(c.turns[best_low].text, 60));
  out.push_back(std::move(f));
}

}  // namespace audit
