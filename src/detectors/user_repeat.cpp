// user-repeat: the customer has to ask for the same thing again, because the answer did not
// satisfy. Each repeat is a turn the customer should not have had to write.
//
// How: each customer turn with at least two content words (stopwords left out, text/prepare.cpp)
// is compared with the previous `user-repeat.window` customer turns (default 4) that have a bot
// turn between them and it (two messages sent back to back are one message split, not a
// repeat). It repeats one of them when the Jaccard similarity of their content words reaches
// `user-repeat.similarity` (default 0.6), or 0.3 when the customer marks the repeat
// themselves ("again", "I already asked", "as I said", "otra vez", "schon gesagt", "encore").
// The most similar earlier turn is the evidence. One finding per repeating turn.
//
// Not a repeat: an answer that gives a value right after the bot asked for a detail (that is
// the bot's re-ask, reported by bot-reask); a new question with few shared words ("and the red
// one?"): it has too few content words in common.
//
// Known blind spot: paraphrases with no words in common ("where's my refund?" ... "when do I
// get my money back?") are missed unless the customer marks the repeat.
//
//   user: when will my refund arrive?
//   bot:  Refunds are processed in 5-7 days.
//   user: I asked when MY refund will arrive            -> user-repeat (turns 0, 2)
#include <fmt/format.h>

#include <algorithm>

#include "detectors/detector.hpp"

namespace audit {

namespace {

constexpr double kMarkedRepeatSimilarity = 0.3;
constexpr std::uint32_t kShortAnswerTokens = 5;     // "June 24. The 21:40." answers a question
constexpr std::uint32_t kMinContentForOverlap = 3;  // containment needs a real sentence

// The customer turn answers the bot's question: a value for a detail, or a short reply. Giving
// the same answer again is the bot's re-ask (bot-reask), not the customer repeating a request.
bool is_answer(const Conversation& c, const Prepared& p, std::size_t u) {
  for (std::size_t k = u; k > 0; --k) {
    if (c.turns[k - 1].role == Role::bot) {
      const TurnFeatures& b = p.turns[k - 1];
      if ((b.cues & kSlotCues) && p.turns[u].values != 0) return true;
      return (b.question || (b.cues & cue_bit(Cue::ask))) &&
             p.turns[u].token_count <= kShortAnswerTokens;
    }
    if (c.turns[k - 1].role != Role::user) return false;
  }
  return false;
}

// "And the red one?", "Et le 50 Go ?", "what about tomorrow?": a follow-up, not a repeat.
bool is_follow_up(const Prepared& p, const TurnFeatures& t) {
  static const std::uint64_t kOpeners[] = {
      token_hash("and"),  token_hash("et"),         token_hash("y"),        token_hash("und"),
      token_hash("also"), token_hash("what about"), token_hash("how about")};
  if (t.token_count == 0) return false;
  const std::uint64_t first = p.tokens_of(t)[0].hash;
  for (std::uint64_t o : kOpeners)
    if (first == o) return true;
  return false;
}

}  // namespace

void detect_user_repeat(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                        std::vector<Finding>& out) {
  thread_local std::vector<std::uint32_t> users;  // customer turns so far
  users.clear();
  for (std::uint32_t u = 0; u < c.turns.size(); ++u) {
    if (c.turns[u].role != Role::user) continue;
    const TurnFeatures& fu = p.turns[u];
    const bool marked = (fu.cues & cue_bit(Cue::repeat_marker)) != 0;
    if (fu.content_count >= 2 && (marked || (!is_answer(c, p, u) && !is_follow_up(p, fu)))) {
      const double needed =
          marked ? std::min(kMarkedRepeatSimilarity, opt.repeat_similarity) : opt.repeat_similarity;
      double best = 0;
      std::uint32_t best_turn = 0;
      std::size_t looked = 0;
      bool bot_between = false;
      std::uint32_t next = u;  // walks back over the earlier customer turns
      for (std::size_t k = users.size();
           k > 0 && looked < static_cast<std::size_t>(opt.repeat_window); --k) {
        const std::uint32_t e = users[k - 1];
        for (std::uint32_t t = e + 1; t < next && !bot_between; ++t)
          bot_between = c.turns[t].role == Role::bot;
        next = e;
        if (!bot_between) continue;
        ++looked;
        const TurnFeatures& fe = p.turns[e];
        if (fe.content_count < 2) continue;
        double s = jaccard(p.content(fu), p.content(fe));
        if (fu.content_count >= kMinContentForOverlap && fe.content_count >= kMinContentForOverlap)
          s = std::max(s, overlap_coefficient(p.content(fu), p.content(fe)));
        if (s > best) {
          best = s;
          best_turn = e;
        }
      }
      if (best >= needed && best > 0) {
        Finding f;
        f.rule = "user-repeat";
        f.severity = Severity::warning;
        f.turns = {best_turn, u};
        f.message = fmt::format("The customer had to ask again: {} repeats {}",
                                quote(c.turns[u].text, 60), quote(c.turns[best_turn].text, 60));
        f.score = best;
        f.has_score = true;
        out.push_back(std::move(f));
      }
    }
    users.push_back(u);
  }
}

}  // namespace audit
