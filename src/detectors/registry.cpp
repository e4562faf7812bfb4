// The rule table and the parameter table: the only file to touch besides a new detector.
#include <string>

#include "detectors/detector.hpp"
#include "text/utf8.hpp"

namespace audit {

std::span<const Detector> all_detectors() {
  static constexpr Detector kDetectors[] = {
      {"bot-loop", "the bot sends the same or nearly the same message again and again",
       "Flags a group of bot messages that nearly duplicate each other (the same words: "
       "Jaccard >= bot-loop.similarity; one contained in the other; or a paraphrase: content-word "
       "stems shared >= bot-loop.content-overlap), with no number in one that the other lacks, "
       "compared with the previous bot-loop.window bot turns, sent at least "
       "bot-loop.min-occurrences times with the customer writing in between. Fallback replies in "
       "a row count as the same message. Closing lines (\"anything else?\") are left out. "
       "Severity: error.\n\n  user: where is my parcel\n  bot:  Could you tell me more "
       "about your issue?\n  user: my parcel, order 4471902\n  bot:  Could you tell me more "
       "about your issue?\n  user: THE PARCEL\n  bot:  Could you tell me more about your "
       "issue?   -> bot-loop",
       detect_bot_loop},
      {"fallback-loop", "the bot says it did not understand, again and again",
       "Flags a run of at least fallback-loop.min-run consecutive bot turns that are fallbacks: "
       "a platform fallback event, or a fallback phrase (\"sorry, I didn't get that\", \"could "
       "you rephrase\", ...). A bot turn that is not a fallback ends the run. Severity: warning "
       "for a run of 2, error for 3 or more.\n\n  user: cancel the thing\n  bot:  Sorry, I "
       "didn't get that.\n  user: CANCEL MY PLAN\n  bot:  I'm not sure I understand. Could you "
       "rephrase?   -> fallback-loop",
       detect_fallback_loop},
      {"user-repeat", "the customer has to ask the same thing again",
       "Flags a customer turn that asks again for what an earlier customer turn (within "
       "user-repeat.window, with a bot turn between) asked: by wording (content-stem similarity "
       ">= user-repeat.similarity); by intent (the same support request family - where is it, "
       "refund, cancel, return, log in, charge, a person, ... in en/es/de/fr - after a bot reply "
       "that did not settle it: a fallback, a general answer, a reply sent before); a rephrase "
       "after a fallback; a repeat marker (\"I already asked\", \"ya te dije\", \"wie "
       "gesagt\"); or a rebuttal that asks again (\"yes, but...\"). Not a repeat: a correction, "
       "a value re-given for the bot's question, a follow-up starting with \"and\" / \"what "
       "about\". Severity: warning.\n\n  user: where's my refund?\n  bot:  Refunds are processed "
       "once the item passes inspection.\n  user: I already asked: when do I get my money "
       "back?   -> user-repeat",
       detect_user_repeat},
      {"bot-reask", "the bot asks for something the customer already gave",
       "Flags a bot question for a detail (order number or booking reference, email, phone, "
       "account number, date of birth, postcode, address, name, booking date; en/es/de/fr names) "
       "after the customer gave it: answering an earlier question for it with a value of the "
       "right kind, stating it (\"my order number is 4471902\", \"my name is Ana\"), or a value "
       "that says what it is (an email, a phone number, a code next to \"order\"). Not a re-ask: "
       "a confirmation (\"just to confirm, ...\"), or asking again for a detail the bot said was "
       "invalid or not found. One finding per detail. Severity: warning.\n\n  bot:  What is your "
       "order number?\n  user: 4471902\n  bot:  Thanks. And what is your order number?   -> "
       "bot-reask",
       detect_bot_reask},
      {"missed-escalation", "a customer who needed a human did not get one",
       "Triggers: a request for a human (en/es/de/fr: \"talk to a real person\", \"agent "
       "please\", \"hablar con una persona\", \"mit einem Mitarbeiter\", \"un conseiller\"; or a "
       "platform userEscalated signal), a sensitive topic (fraud, bereavement, legal threat, "
       "formal complaint, safety), strong, sustained or rising frustration "
       "(missed-escalation.frustration, two negative turns in a row, or a sentiment drop; angry "
       "last words after a bot turn count), "
       "repeated failure (a fallback run or a loop). A request or sensitive topic needs a handoff "
       "within missed-escalation.window bot turns; frustration or failure one before the end, "
       "unless the customer is satisfied later. A handoff is a platform event, an agent turn or a "
       "bot handoff phrase; a phone number or a \"contact us\" link is not. Traps: \"my travel "
       "agent\", \"user agent\", \"no need for a human\", \"are you a bot?\". The finding's kind "
       "names the trigger. Severity: error for a request or sensitive topic, warning "
       "otherwise.\n\n  user: I want to speak to a real person\n  bot:  I can help! What is "
       "your order number?\n  user: A HUMAN PLEASE\n  bot:  Sorry, I didn't understand.   -> "
       "missed-escalation",
       detect_missed_escalation},
      {"sentiment-drop", "the customer's mood falls sharply during the conversation",
       "Over the customer's turns in order, flags the turn j whose sentiment is at or below "
       "sentiment.negative and at least sentiment-drop.delta below the highest earlier "
       "customer score, that earlier score being above sentiment.negative. The largest such "
       "fall is reported; the evidence is the earlier high, the bot turn just before the fall "
       "(the likely cause) and the fall. Severity: warning.\n\n  user: hi! quick question "
       "about my bill\n  bot:  Please visit our website.\n  user: seriously? that is useless, "
       "I'm so annoyed   -> sentiment-drop",
       detect_sentiment_drop},
      {"negative-ending", "the conversation ends with the customer negative and unresolved",
       "Flags a conversation that never reached a human (no handoff anywhere) whose last "
       "customer turn has sentiment at or below sentiment.negative. Severity: warning.\n\n"
       "  user: it still doesn't work\n  bot:  Is there anything else I can help with?\n"
       "  user: forget it, useless bot   -> negative-ending",
       detect_negative_ending},
      {"abandonment", "the customer leaves right after the bot failed them",
       "Flags a conversation that never reached a human whose last customer turn (not a "
       "goodbye: sentiment below 0.25) is followed only by bot turns, at least one of them a "
       "failure: a fallback; a loop repetition (bot-loop), or an earlier bot answer given again "
       "after the customer asked or pushed for something; a question for a detail already given "
       "(bot-reask); no handoff after the customer asked for a human; or a closing line "
       "(\"anything else?\") to a customer who is negative, pushes back or repeats a request. "
       "Severity: warning.\n\n  user: cancel my plan\n  bot:  Sorry, I "
       "didn't get that.\n  user: CANCEL. MY. PLAN.\n  bot:  Sorry, I didn't get that. Could "
       "you rephrase?   -> abandonment",
       detect_abandonment},
      {"no-empathy", "clear distress answered with no acknowledgement",
       "Flags the first customer turn in distress (a matter of harm: fraud, bereavement, "
       "safety, a medical emergency; or words of distress: \"I'm desperate\", \"scared\", "
       "\"no sé qué hacer\") whose next bot turn has no empathy phrase (\"I'm so sorry to "
       "hear\", \"I understand\", \"lo siento\", \"es tut mir leid\") or is cheerful "
       "(sentiment >= 0.3). A prompt handoff answers a matter told calmly, not distress put in "
       "words. Legal threats and complaints are not distress. Severity: warning.\n\n  user: My "
       "husband passed away and I need to close his account.\n  bot:  Great! Go to Settings > "
       "Account > Close.   -> no-empathy",
       detect_no_empathy},
      {"pii-exposure", "the bot asks for or writes out a card number, password or national id",
       "Flags the first bot turn that contains a card number (13-19 digits passing the Luhn "
       "check, or grouped 4-4-4-4 next to the word card/Karte/tarjeta/carte) or a national id "
       "(123-45-6789, QQ 12 34 56 C) in clear text, or asks for a secret it names (full card "
       "number, password, PIN, CVV, social security number, passport number, DNI, "
       "Personalausweisnummer, contraseña, Passwort, mot de passe) without marking it safe "
       "(\"the last four digits\", "
       "\"we will never ask for your password\", \"reset your password\"). Severity: error."
       "\n\n  bot:  To verify you, please type your full card number and the CVV.   -> "
       "pii-exposure",
       detect_pii_exposure},
  };
  return kDetectors;
}

const Detector* find_detector(std::string_view name) {
  for (const Detector& d : all_detectors())
    if (d.name == name) return &d;
  return nullptr;
}

std::size_t detector_index(std::string_view name) {
  const Detector* d = find_detector(name);
  return d ? static_cast<std::size_t>(d - all_detectors().data()) : 0;
}

std::span<const DetectorParam> all_params() {
  static constexpr DetectorParam kParams[] = {
      {"bot-loop.min-occurrences", "bot-loop", &DetectorOptions::loop_min_occurrences, 2, 50, true,
       "near-identical bot messages (with the customer writing in between) that make a loop"},
      {"bot-loop.similarity", "bot-loop", &DetectorOptions::loop_similarity, 0.3, 1, false,
       "token-set Jaccard similarity at which two bot messages count as the same"},
      {"bot-loop.window", "bot-loop", &DetectorOptions::loop_window, 1, 100, true,
       "how many earlier bot turns a bot message is compared with"},
      {"bot-loop.content-overlap", "bot-loop", &DetectorOptions::loop_content_overlap, 0.3, 1,
       false,
       "share of the shorter message's content-word stems found in the other that counts as a "
       "paraphrase (both need 3)"},
      {"fallback-loop.min-run", "fallback-loop", &DetectorOptions::fallback_min_run, 2, 50, true,
       "consecutive fallback bot turns that make a loop"},
      {"user-repeat.similarity", "user-repeat", &DetectorOptions::repeat_similarity, 0.2, 1, false,
       "content-word Jaccard similarity at which a customer turn repeats an earlier one"},
      {"user-repeat.window", "user-repeat", &DetectorOptions::repeat_window, 1, 100, true,
       "how many earlier customer turns a customer turn is compared with"},
      {"missed-escalation.window", "missed-escalation", &DetectorOptions::escalation_window, 1, 20,
       true, "bot turns after a trigger within which a handoff must happen (K)"},
      {"missed-escalation.frustration", "missed-escalation", &DetectorOptions::frustration_score,
       -1, 0, false, "a customer turn with sentiment at or below this is a frustration trigger"},
      {"sentiment-drop.delta", "sentiment-drop", &DetectorOptions::drop_delta, 0.1, 2, false,
       "fall in sentiment from an earlier customer high that counts as a drop"},
      {"sentiment.negative", "sentiment-drop", &DetectorOptions::negative_score, -1, 0, false,
       "sentiment at or below which a customer turn is negative (sentiment-drop, negative-ending)"},
  };
  return kParams;
}

const DetectorParam* find_param(std::string_view key) {
  for (const DetectorParam& p : all_params())
    if (p.key == key) return &p;
  return nullptr;
}

std::uint32_t last_customer_turn_of_bot_only(const Conversation& c, const Prepared& p) {
  std::uint32_t last_user = kNoTurn;
  for (std::uint32_t i = 0; i < c.turns.size(); ++i) {
    if (p.turns[i].handoff) return kNoTurn;
    if (c.turns[i].role == Role::user) last_user = i;
  }
  return last_user;
}

std::string quote(std::string_view text, std::size_t max_bytes) {
  std::string out = "\"";
  std::string_view cut = utf8_prefix(text, max_bytes);
  append_printable(cut, out);
  if (cut.size() < text.size()) out += "…";
  out += "\"";
  return out;
}

}  // namespace audit
