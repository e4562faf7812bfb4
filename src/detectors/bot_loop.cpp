// bot-loop: the bot sends the same or nearly the same message again while the customer keeps
// trying. A loop is a failure, not an exchange: question -> answer -> follow-up is not a loop.
//
// How: each bot turn is compared with the previous `bot-loop.window` bot turns (default 6) by
// the Jaccard similarity of their token sets; at `bot-loop.similarity` (default 0.8) or above it
// joins the group of the most recent similar turn. A group is a loop when it has at least
// `bot-loop.min-occurrences` (default 3) members each separated from the previous one by at
// least one customer turn: the customer kept trying and got the same answer.
//
// Left out: fallback replies (fallback-loop reports those), closing lines ("anything else I can
// help with?") and messages of fewer than 3 distinct words ("Sure!"). Digits are kept as they
// are, so a template that confirms different items ("Order 4471902 is on its way", "Order
// 5512004 is on its way") differs in the number and is not a loop.
//
// Known false positives: a bot that legitimately re-shows the same menu after each completed
// task, with the customer choosing different items each time.
//
//   user: where is my parcel
//   bot:  Could you tell me more about your issue?
//   user: my parcel, order 4471902
//   bot:  Could you tell me more about your issue?
//   user: THE PARCEL
//   bot:  Could you tell me more about your issue?       -> bot-loop (turns 1, 3, 5)
#include <fmt/format.h>

#include "detectors/detector.hpp"

namespace audit {

void detect_bot_loop(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                     std::vector<Finding>& out) {
  thread_local std::vector<std::uint32_t> bot_turns;  // eligible bot turns, in order
  thread_local std::vector<std::uint32_t> group;      // group id per eligible bot turn
  bot_turns.clear();
  group.clear();
  const std::size_t window = static_cast<std::size_t>(opt.loop_window);
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const TurnFeatures& f = p.turns[i];
    if (c.turns[i].role != Role::bot || f.fallback || (f.cues & cue_bit(Cue::closing)) ||
        f.word_count < 3)
      continue;
    std::uint32_t g = static_cast<std::uint32_t>(bot_turns.size());  // a new group
    for (std::size_t k = bot_turns.size(); k > 0 && bot_turns.size() - k < window; --k) {
      if (jaccard(p.words(f), p.words(p.turns[bot_turns[k - 1]])) >= opt.loop_similarity) {
        g = group[k - 1];
        break;
      }
    }
    bot_turns.push_back(i);
    group.push_back(g);
  }
  for (std::size_t start = 0; start < bot_turns.size(); ++start) {
    if (group[start] != start) continue;  // not the first member of its group
    Finding f;
    std::uint32_t last = bot_turns[start];
    f.turns.push_back(last);
    for (std::size_t k = start + 1; k < bot_turns.size(); ++k) {
      if (group[k] != start) continue;
      bool customer_between = false;
      for (std::uint32_t t = last + 1; t < bot_turns[k] && !customer_between; ++t)
        customer_between = c.turns[t].role == Role::user;
      if (customer_between) f.turns.push_back(bot_turns[k]);
      last = bot_turns[k];
    }
    if (f.turns.size() < static_cast<std::size_t>(opt.loop_min_occurrences)) continue;
    f.rule = "bot-loop";
    f.severity = Severity::error;
    f.message = fmt::format(
        "The bot sent the same message {} times while the customer kept "
        "trying: {}",
        f.turns.size(), quote(c.turns[f.turns[0]].text));
    f.score = static_cast<double>(f.turns.size());
    f.has_score = true;
    out.push_back(std::move(f));
  }
}

}  // namespace audit
