// fallback-loop: the bot says it did not understand, again and again.
//
// How: a bot turn is a fallback when the platform marks it (a `fallback` event: Dialogflow
// noMatch, Rasa action_default_fallback, ...) or when it contains a fallback phrase
// (text/cues.cpp: "sorry, I didn't get that", "could you rephrase", "no te entendí", ...).
// A run of at least `fallback-loop.min-run` (default 2) consecutive fallback bot turns is a
// loop; customer turns in between do not break it, a bot turn that is not a fallback does.
// Severity: warning for a run of 2, error for 3 or more: by the third "I didn't get that"
// most customers have given up.
//
// Known false positives: a fallback phrase quoted inside a helpful answer ("if I say I didn't
// understand, try the menu") counts as a fallback.
//
//   user: cancel the thing
//   bot:  Sorry, I didn't get that.
//   user: CANCEL MY PLAN
//   bot:  I'm not sure I understand. Could you rephrase?  -> fallback-loop (turns 1, 3)
#include <fmt/format.h>

#include "detectors/detector.hpp"

namespace audit {

namespace {

void report(const Conversation& c, std::vector<std::uint32_t>& run, const DetectorOptions& opt,
            std::vector<Finding>& out) {
  if (run.size() >= static_cast<std::size_t>(opt.fallback_min_run)) {
    Finding f;
    f.rule = "fallback-loop";
    f.severity = run.size() >= 3 ? Severity::error : Severity::warning;
    f.turns = run;
    f.message = fmt::format("The bot failed to understand {} times in a row: {}", run.size(),
                            quote(c.turns[run.back()].text));
    f.score = static_cast<double>(run.size());
    f.has_score = true;
    out.push_back(std::move(f));
  }
  run.clear();
}

}  // namespace

void detect_fallback_loop(const Conversation& c, const Prepared& p, const DetectorOptions& opt,
                          std::vector<Finding>& out) {
  thread_local std::vector<std::uint32_t> run;
  run.clear();
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const Role role = c.turns[i].role;
    if (role == Role::agent) {
      report(c, run, opt, out);
    } else if (role == Role::bot) {
      if (p.turns[i].fallback) {
        run.push_back(i);
      } else {
        report(c, run, opt, out);
      }
    }
  }
  report(c, run, opt, out);
}

}  // namespace audit
