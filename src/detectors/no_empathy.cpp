// no-empathy: clear distress answered with no acknowledgement. A customer who writes that their
// mother died, that their savings were stolen or that they are desperate, and gets "Great
// question! 😊" or a bare procedure, is hurt twice.
//
// How: a customer turn is distressed when it raises a sensitive matter (fraud, bereavement,
// safety, legal threat, formal complaint; text/cues.cpp) or says so ("I'm desperate", "I'm
// scared", "freaking out", "no sé qué hacer", "verzweifelt", "je ne sais pas quoi faire"), or
// is strongly negative (sentiment at or below `missed-escalation.frustration`) together with
// one of those. The next bot turn must acknowledge it: an empathy phrase ("I'm so sorry to
// hear", "I understand", "that must be hard", "lo siento", "es tut mir leid", "je suis
// désolé"). A next bot turn without one — cheerful or purely procedural — is a finding; so is
// one that is cheerful (sentiment >= 0.3) even with a stock "sorry". A bot turn that hands off
// is a fine answer to a sensitive matter, but distress put in words must be acknowledged even
// then ("I was scammed, I feel sick" -> "Transferring you." acknowledges nothing); after a
// handoff, or once a human agent speaks, the bot's part is over. One finding per conversation
// (the first). Severity: warning.
//
// Known blind spots: empathy worded in ways the table does not know reads as none; distress
// without any of the cue words is missed.
//
//   user: My husband passed away last week and I need to close his account.
//   bot:  Great! To close an account, go to Settings > Account > Close.  -> no-empathy (0, 1)
#include <fmt/format.h>

#include "detectors/detector.hpp"

namespace audit {

namespace {
constexpr double kCheerful = 0.3;
}

void detect_no_empathy(const Conversation& c, const Prepared& p, const DetectorOptions&,
                       std::vector<Finding>& out) {
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  std::uint32_t distressed = kNone;
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    const TurnFeatures& f = p.turns[i];
    const Role role = c.turns[i].role;
    // A person took over (an agent speaks, or a handoff event outside the bot's own turns):
    // only the bot is judged.
    if (role == Role::agent || (role != Role::bot && f.handoff)) return;
    if (role == Role::user) {
      if (distressed == kNone && (f.cues & (cue_bit(Cue::sensitive) | cue_bit(Cue::distress))))
        distressed = i;
      continue;
    }
    if (role != Role::bot) continue;
    if (distressed == kNone) {
      if (f.handoff) return;  // handed over before any distress: the bot's part is over
      continue;
    }
    // A prompt handoff is a fine answer to a sensitive matter told calmly ("I need to dispute a
    // fraudulent charge" -> "I'll connect you with a specialist"), not to distress put in words
    // ("I was scammed. I feel sick." -> "Transferring you." acknowledges nothing).
    const bool expressed = (p.turns[distressed].cues & cue_bit(Cue::distress)) != 0;
    if (f.handoff && !expressed) return;
    const bool acknowledges = (f.cues & cue_bit(Cue::empathy)) && f.sentiment < kCheerful;
    if (acknowledges) {
      if (f.handoff) return;  // answered with care and handed over
      distressed = kNone;     // answered with care; a later distress is judged on its own
      continue;
    }
    Finding fd;
    fd.rule = "no-empathy";
    fd.severity = Severity::warning;
    fd.turns = {distressed, i};
    fd.message =
        fmt::format("The customer's distress ({}) was answered without acknowledgement: {}",
                    quote(c.turns[distressed].text, 50), quote(c.turns[i].text, 50));
    out.push_back(std::move(fd));
    return;
  }
}

}  // namespace audit
