// bot-loop: the bot sends the same or nearly the same message again while the customer keeps
// trying. A loop is a failure, not an exchange: question -> answer -> follow-up is not a loop.
//
// How: each bot turn is compared with the previous `bot-loop.window` bot turns (default 6); it
// joins the group of the most recent one it nearly duplicates:
//   - token-set Jaccard >= `bot-loop.similarity` (0.8): the same words; or
//   - one message's words contained in the other's (overlap >= 0.85, both with 4+ words):
//     "Which plan are you on?" inside "I can help you change plans. Which plan are you on?"; or
//   - a paraphrase: the stems of the content words (stopwords left out, text/prepare.cpp) of
//     the shorter message found in the other for at least `bot-loop.content-overlap` (0.55),
//     both with 3+ content words;
// and neither carries a number the other does not ("the 20 GB plan is $45" / "the 50 GB plan is
// $60" gives new values: progress). Fallback replies ("sorry, I didn't get that", or a
// platform fallback event) in a row form one group whatever their wording: the bot saying it
// does not understand, again. A group is a loop when it has at least
// `bot-loop.min-occurrences` (default 3) members each separated from the previous one by a
// customer turn: the customer kept trying and got the same answer.
//
// Left out: closing lines ("anything else I can help with?") and messages of fewer than 3
// distinct words ("Sure!").
//
// Known false positives: a bot that legitimately re-shows the same menu after each completed
// task, with the customer choosing different items each time. Known misses: paraphrases that
// share few words ("restart your router" / "power-cycle the box").
//
//   user: where is my parcel
//   bot:  Could you tell me more about your issue?
//   user: my parcel, order 4471902
//   bot:  Could you tell me more about your issue?
//   user: THE PARCEL
//   bot:  Could you tell me more about your issue?       -> bot-loop (turns 1, 3, 5)
#include <fmt/format.h>

#include <functional>

#include "detectors/detector.hpp"

namespace audit {

namespace {

constexpr std::uint32_t kMinContentForParaphrase = 3;
constexpr std::uint32_t kMinWordsForContainment = 4;
constexpr double kContainment = 0.85;

// Does one message carry a number the other does not? Then it gives a different value ("the
// 20 GB plan is $45", "the 50 GB plan is $60"): progress, not repetition.
bool different_numbers(const Prepared& p, const TurnFeatures& a, const TurnFeatures& b) {
  auto numbers = [&](const TurnFeatures& t, const TurnFeatures& other) {
    for (const Token& tok : p.tokens_of(t)) {
      if (!(tok.flags & kTokenDigit)) continue;
      bool shared = false;
      for (const Token& o : p.tokens_of(other))
        shared = shared || o.hash == tok.hash;
      if (!shared) return true;
    }
    return false;
  };
  return numbers(a, b) || numbers(b, a);
}

// The same message, or a paraphrase of it: most words shared, or most content-word stems of
// the shorter message found in the other, with no different number in either.
bool near_duplicate(const Prepared& p, const TurnFeatures& a, const TurnFeatures& b,
                    const DetectorOptions& opt) {
  if (b.fallback) return false;
  const SetSimilarity words = set_similarity(p.words(a), p.words(b));
  if (words.jaccard >= opt.loop_similarity) return true;
  // One message contained in the other: "Which plan are you on?" inside "I can help you change
  // plans. Which plan are you on?"
  if (a.word_count >= kMinWordsForContainment && b.word_count >= kMinWordsForContainment &&
      words.containment >= kContainment && !different_numbers(p, a, b))
    return true;
  return a.content_count >= kMinContentForParaphrase &&
         b.content_count >= kMinContentForParaphrase &&
         overlap_coefficient(p.content(a), p.content(b)) >= opt.loop_content_overlap &&
         !different_numbers(p, a, b);
}

}  // namespace

void find_loops(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                const std::function<void(const std::vector<std::uint32_t>&)>& on_loop) {
  thread_local std::vector<std::uint32_t> bot_turns;  // eligible bot turns, in order
  thread_local std::vector<std::uint32_t> group;      // group id per eligible bot turn
  thread_local std::vector<std::uint32_t> members;
  bot_turns.clear();
  group.clear();
  const std::size_t window = static_cast<std::size_t>(opt.loop_window);
  constexpr std::uint32_t kNoGroup = static_cast<std::uint32_t>(-1);
  std::uint32_t fallback_group = kNoGroup;  // every "I didn't understand" says the same thing
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const TurnFeatures& f = p.turns[i];
    if (c.turns[i].role != Role::bot) continue;
    std::uint32_t g = static_cast<std::uint32_t>(bot_turns.size());  // a new group
    if (f.fallback) {
      if (fallback_group == kNoGroup) fallback_group = g;
      g = fallback_group;
    } else if ((f.cues & cue_bit(Cue::closing)) || f.word_count < 3) {
      fallback_group = kNoGroup;  // fallbacks make a loop only in a row
      continue;
    } else {
      fallback_group = kNoGroup;
      for (std::size_t k = bot_turns.size(); k > 0 && bot_turns.size() - k < window; --k) {
        if (near_duplicate(p, f, p.turns[bot_turns[k - 1]], opt)) {
          g = group[k - 1];
          break;
        }
      }
    }
    bot_turns.push_back(i);
    group.push_back(g);
  }
  // Each group's members in order, by a "next member" link per eligible turn, and whether a
  // customer spoke between two turns from a running count: linear in the conversation, also
  // for one of a million turns.
  thread_local std::vector<std::uint32_t> next, tail, users_before;
  next.assign(bot_turns.size(), kNoGroup);
  tail.assign(bot_turns.size(), kNoGroup);
  for (std::uint32_t k = 0; k < bot_turns.size(); ++k) {
    if (tail[group[k]] != kNoGroup) next[tail[group[k]]] = k;
    tail[group[k]] = k;
  }
  users_before.assign(c.turns.size() + 1, 0);
  for (std::size_t t = 0; t < c.turns.size(); ++t)
    users_before[t + 1] = users_before[t] + (c.turns[t].role == Role::user ? 1u : 0u);
  for (std::uint32_t start = 0; start < bot_turns.size(); ++start) {
    if (group[start] != start) continue;  // not the first member of its group
    members.clear();
    std::uint32_t last = bot_turns[start];
    members.push_back(last);
    for (std::uint32_t k = next[start]; k != kNoGroup; k = next[k]) {
      if (users_before[bot_turns[k]] > users_before[last + 1]) members.push_back(bot_turns[k]);
      last = bot_turns[k];
    }
    if (members.size() >= static_cast<std::size_t>(opt.loop_min_occurrences)) on_loop(members);
  }
}

void detect_bot_loop(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                     std::vector<Finding>& out) {
  find_loops(c, p, opt, [&](const std::vector<std::uint32_t>& members) {
    Finding f;
    f.rule = "bot-loop";
    f.severity = Severity::error;
    f.turns = members;
    f.message = fmt::format(
        "The bot sent the same message {} times while the customer kept "
        "trying: {}",
        members.size(), quote(c.turns[members[0]].text));
    f.score = static_cast<double>(members.size());
    f.has_score = true;
    out.push_back(std::move(f));
  });
}

}  // namespace audit
