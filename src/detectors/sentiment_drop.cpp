// sentiment-drop: the customer's mood falls sharply during the conversation.
//
// The formula (docs/rules.md), over the customer's turns u_1..u_n in order, with s(u) the
// turn's sentiment (text/sentiment.hpp):
//   a drop at u_j is s(u_j) <= N and max_{i<j} s(u_i) - s(u_j) >= D, where the earlier high
//   max_{i<j} s(u_i) is above N (the customer was not already negative);
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
  std::uint32_t high = kNone, best_high = kNone, best_low = kNone;
  double best_fall = 0;
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    if (c.turns[i].role != Role::user) continue;
    const double s = p.turns[i].sentiment;
    if (high != kNone) {
      const double top = p.turns[high].sentiment;
      const double fall = top - s;
      if (top > opt.negative_score && s <= opt.negative_score && fall >= opt.drop_delta &&
          fall > best_fall) {
        best_fall = fall;
        best_high = high;
        best_low = i;
      }
    }
    if (high == kNone || s > p.turns[high].sentiment) high = i;
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
