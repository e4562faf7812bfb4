// user-repeat: the customer has to ask for the same thing again, because the answer did not
// satisfy. Each repeat is a turn the customer should not have had to write.
//
// How: each customer turn is compared with the previous `user-repeat.window` customer turns
// (default 4) that have a bot turn between them and it (two messages sent back to back are one
// message split, not a repeat). It repeats an earlier request `e` when
//   - wording: the similarity of their content stems (the larger of Jaccard and, with 3+ words
//     each, the overlap coefficient) reaches `user-repeat.similarity` (default 0.6), or 0.3
//     when the customer marks the repeat with a weak marker ("again", "otra vez", "encore");
//   - intent: both ask for the same thing (text/intents.hpp: where is it, refund, cancel,
//     change, log in, a charge, a person, ...), the later turn asks (a question, "I want", "can
//     I") and the bot's reply did not settle the request: a fallback, a general answer
//     ("usually ..."), a reply it had sent before, or the reply it sends again to the new turn.
//     Intents that only name the kind of answer wanted (when, why, is it available) link a turn
//     only to the request the bot was answering. Asking again for a person is always a repeat;
//   - fallback: the bot's reply to `e` was a fallback ("sorry, I didn't get that") and the
//     customer answered it with something other than a value, a complaint that asks for
//     nothing, giving up or a new request for a person: they rephrased `e`;
//   - repeat marker: the customer says they ask again ("I already asked", "as I said", "for the
//     third time", "ya te dije", "wie gesagt", "je vous ai déjà demandé") in a request, or in a
//     turn that shares an intent or wording with `e`;
//   - rebuttal: the customer rejects the bot's answer to `e` ("yes, but", "I know", "that's not
//     what I asked", "das weiß ich", "ya, pero", "vous ne répondez pas") and asks again.
// The evidence is the earlier turn (the most similar one for wording); one finding per
// repeating turn. After a handoff only wording counts (a human is now answering).
//
// Not a repeat: a correction ("sorry, I meant 5512", "me equivoqué", "ich meinte"); a value
// given for a detail the bot asked for (the bot's re-ask is bot-reask's), even when the customer
// says "as I said"; by wording, a short reply (5 tokens or fewer) to a bot question that is not a
// fallback ("June 24"); by wording or intent, a follow-up that opens with "and", "et", "y",
// "und", "also", "ok, and", "what about", "how about" ("and the red one?").
//
// Known blind spots: a re-ask whose intent is not in the tables and shares no words ("¿Y para
// hoy no hay nada?"); a customer who restates a problem in more detail after a fallback reads as
// a repeat, which is how the labelling convention counts it.
//
//   user: where's my refund? I returned the rug on May 10.
//   bot:  We've received your return! Refunds are processed once the item passes inspection.
//   user: I already asked: when do I get my money back?     -> user-repeat (turns 0, 2)
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "detectors/detector.hpp"

namespace audit {

namespace {

constexpr double kMarkedRepeatSimilarity = 0.3;
constexpr std::uint32_t kShortAnswerTokens = 5;     // "June 24. The 21:40." answers a question
constexpr std::uint32_t kMinContentForOverlap = 3;  // containment needs a real sentence
constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
constexpr double kSameReply = 0.5;  // content-stem Jaccard of two bot turns saying the same
constexpr std::uint32_t kReplyLookBack = 6;  // earlier bot turns searched for the same reply

// Why a turn repeats an earlier one, strongest first; the finding's score.
enum class Why { none, wording, intent, fallback, marker, rebuttal };

double why_score(Why w, double similarity) {
  switch (w) {
    case Why::wording:
      return similarity;
    case Why::intent:
      return std::max(similarity, 0.7);
    default:
      return std::max(similarity, 0.8);
  }
}

const char* why_label(Why w) {
  switch (w) {
    case Why::intent:
      return "the same request";
    case Why::fallback:
      return "a rephrase after a fallback";
    case Why::marker:
      return "marked as a repeat";
    case Why::rebuttal:
      return "the answer rejected";
    default:
      return "similar wording";
  }
}

// The bot turn the customer turn `u` replies to, or kNone when another customer turn comes
// first (messages sent back to back).
std::uint32_t bot_before(const Conversation& c, std::uint32_t u) {
  for (std::uint32_t k = u; k > 0; --k) {
    const Role r = c.turns[k - 1].role;
    if (r == Role::bot) return k - 1;
    if (r == Role::user) return kNone;
  }
  return kNone;
}

// The intents of a customer turn, with the cue tables' request for a human; a person named in
// a trap ("my travel agent", "are you a bot?") is not one.
std::uint32_t intents_of(const TurnFeatures& f) {
  std::uint32_t i = f.intent.intents;
  if (f.cues & cue_bit(Cue::not_human_request)) i &= ~intent_bit(Intent::human);
  if (f.human_request) i |= intent_bit(Intent::human);
  return i;
}

// The turn asks for something: a question, "I want", "can I", or a request for a person.
bool asks(const TurnFeatures& f) {
  return f.question || (f.intent.acts & kActRequest) || f.human_request;
}

// The turn could be a request that a later turn repeats: it asks, or names what it is about.
bool is_request(const TurnFeatures& f) {
  return asks(f) || (intents_of(f) & ~kQuestionKindIntents) || f.content_count >= 2;
}

// The latest customer request before the bot turn `b` (skipping the values and short answers
// given on the way), or kNone: what the bot was answering.
std::uint32_t request_before(const Conversation& c, const Prepared& p, std::uint32_t b) {
  for (std::uint32_t k = b; k > 0; --k) {
    const Role r = c.turns[k - 1].role;
    if (r == Role::user && is_request(p.turns[k - 1])) return k - 1;
    if (r == Role::agent) return kNone;
  }
  return kNone;
}

// The bot turn `b` asks for a detail and the customer turn gives a value: an answer, never a
// repeat of a request (a second answer is bot-reask's).
bool gives_asked_value(const Prepared& p, std::uint32_t b, const TurnFeatures& f) {
  if (b == kNone) return false;
  const TurnFeatures& fb = p.turns[b];
  return ((fb.cues & kSlotCues) || fb.intent.slots) && f.values != 0;
}

// A short reply to the bot's question ("June 24", "Business."), not to a fallback.
bool is_short_answer(const Prepared& p, std::uint32_t b, const TurnFeatures& f) {
  if (b == kNone) return false;
  const TurnFeatures& fb = p.turns[b];
  return !fb.fallback && (fb.question || (fb.cues & cue_bit(Cue::ask))) &&
         f.token_count <= kShortAnswerTokens;
}

// "And the red one?", "Et le 50 Go ?", "ok, and the other line?", "what about tomorrow?": a
// follow-up, not a repeat.
bool is_follow_up(const Prepared& p, const TurnFeatures& t) {
  static const std::uint64_t kOpeners[] = {token_hash("and"), token_hash("et"), token_hash("y"),
                                           token_hash("und"), token_hash("also")};
  static const std::uint64_t kAcks[] = {
      token_hash("ok"),   token_hash("okay"),  token_hash("right"),  token_hash("yes"),
      token_hash("sure"), token_hash("great"), token_hash("thanks"), token_hash("vale"),
      token_hash("si"),   token_hash("oui"),   token_hash("ja"),     token_hash("gut")};
  static const std::uint64_t kAbout[] = {token_hash("what"), token_hash("how")};
  auto in = [](std::uint64_t h, std::span<const std::uint64_t> set) {
    return std::find(set.begin(), set.end(), h) != set.end();
  };
  if (t.token_count == 0) return false;
  const auto tokens = p.tokens_of(t);
  if (in(tokens[0].hash, kOpeners)) return true;
  if (t.token_count >= 2 && in(tokens[0].hash, kAcks) && in(tokens[1].hash, kOpeners)) return true;
  return t.token_count >= 2 && tokens[1].hash == token_hash("about") && in(tokens[0].hash, kAbout);
}

// Two bot turns say the same thing (a template sent again, a paraphrase of it).
bool same_reply(const Prepared& p, std::uint32_t a, std::uint32_t b) {
  return jaccard(p.content(p.turns[a]), p.content(p.turns[b])) >= kSameReply;
}

// The bot's reply `b` did not settle the request: a fallback, a general answer ("usually ..."),
// a reply it had sent before, or the same reply again to the customer's next message.
bool unresolved(const Conversation& c, const Prepared& p, std::uint32_t b, std::uint32_t u) {
  const TurnFeatures& fb = p.turns[b];
  if (fb.fallback || (fb.intent.acts & kActGeneric)) return true;
  std::uint32_t looked = 0;
  for (std::uint32_t k = b; k > 0 && looked < kReplyLookBack; --k) {
    if (c.turns[k - 1].role != Role::bot) continue;
    ++looked;
    if (same_reply(p, k - 1, b)) return true;
  }
  for (std::uint32_t k = u + 1; k < c.turns.size(); ++k) {
    if (c.turns[k].role == Role::bot) return same_reply(p, k, b);
    if (c.turns[k].role != Role::user) break;
  }
  return false;
}

double similarity(const Prepared& p, const TurnFeatures& a, const TurnFeatures& b) {
  if (a.content_count < 2 || b.content_count < 2) return 0;
  const SetSimilarity s = set_similarity(p.content(a), p.content(b));
  if (a.content_count >= kMinContentForOverlap && b.content_count >= kMinContentForOverlap)
    return std::max(s.jaccard, s.containment);
  return s.jaccard;
}

}  // namespace

void detect_user_repeat(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                        std::vector<Finding>& out) {
  thread_local std::vector<std::uint32_t> users;  // customer turns so far
  users.clear();
  bool handed_off = false;
  for (std::uint32_t u = 0; u < c.turns.size(); ++u) {
    const TurnFeatures& fu = p.turns[u];
    if (c.turns[u].role != Role::user) {
      handed_off = handed_off || fu.handoff;
      continue;
    }
    const std::uint32_t b = bot_before(c, u);
    const std::uint8_t acts = fu.intent.acts;
    const bool weak_marker = (fu.cues & cue_bit(Cue::repeat_marker)) != 0;
    const bool value_answer = gives_asked_value(p, b, fu);
    const bool short_answer = is_short_answer(p, b, fu);
    const bool follow_up = is_follow_up(p, fu);
    const bool request = asks(fu);
    const std::uint32_t iu = intents_of(fu);
    const std::uint32_t answered = b == kNone ? kNone : request_before(c, p, b);
    const bool failed = b != kNone && !handed_off && unresolved(c, p, b, u);
    Why best_why = Why::none;
    double best_sim = 0;
    std::uint32_t best_turn = 0;
    std::size_t looked = 0;
    bool bot_between = false;
    std::uint32_t next = u;  // walks back over the earlier customer turns
    for (std::size_t k = users.size();
         !(acts & kActCorrection) && k > 0 && looked < static_cast<std::size_t>(opt.repeat_window);
         --k) {
      const std::uint32_t e = users[k - 1];
      for (std::uint32_t t = e + 1; t < next && !bot_between; ++t)
        bot_between = c.turns[t].role == Role::bot;
      next = e;
      if (!bot_between) continue;
      ++looked;
      const TurnFeatures& fe = p.turns[e];
      const double s = similarity(p, fu, fe);
      const std::uint32_t shared = iu & intents_of(fe);
      const bool human = (shared & intent_bit(Intent::human)) != 0;
      Why why = Why::none;
      if (!value_answer) {
        if (s >= opt.repeat_similarity && s > 0 && !short_answer && !follow_up) why = Why::wording;
        if (weak_marker && request &&
            s >= std::min(kMarkedRepeatSimilarity, opt.repeat_similarity) && s > 0)
          why = Why::marker;
      }
      if (!handed_off) {
        const bool e_request = is_request(fe);
        if (human || (!value_answer && request && !follow_up && failed &&
                      (shared & ~kQuestionKindIntents || (shared && e == answered))))
          why = Why::intent;
        // A complaint after a fallback ("this is hopeless") is not a rephrase unless it asks.
        const bool rephrase = request || (iu & ~kQuestionKindIntents) ||
                              (fu.sentiment > opt.negative_score && !(acts & kActGiveUp));
        if (!value_answer && e == answered && p.turns[b].fallback && fu.content_count >= 1 &&
            rephrase &&
            ((intents_of(fe) & intent_bit(Intent::human)) || !(iu & intent_bit(Intent::human))))
          why = Why::fallback;
        if (!value_answer && (acts & kActRepeat) && e_request &&
            (request || shared || s >= kMarkedRepeatSimilarity))
          why = Why::marker;
        if (!value_answer && (acts & kActRebuttal) && e == answered &&
            (request || (shared & ~kQuestionKindIntents)))
          why = Why::rebuttal;
      }
      if (why == Why::none) continue;
      if (best_why == Why::none || s > best_sim) {
        best_why = why;
        best_sim = s;
        best_turn = e;
      }
    }
    if (best_why != Why::none) {
      Finding f;
      f.rule = "user-repeat";
      f.severity = Severity::warning;
      f.turns = {best_turn, u};
      f.message =
          fmt::format("The customer had to ask again ({}): {} repeats {}", why_label(best_why),
                      quote(c.turns[u].text, 60), quote(c.turns[best_turn].text, 60));
      f.score = why_score(best_why, best_sim);
      f.has_score = true;
      out.push_back(std::move(f));
    }
    users.push_back(u);
  }
}

}  // namespace audit
