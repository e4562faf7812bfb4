// The cue tables. English first, then Spanish, German and French for what matters most
// (fallbacks, handoffs, requests for a human). Entries are matched after normalisation
// (text/tokenize.hpp) with filler words skipped (text/phrases.hpp), so write them plainly:
// "talk to a human" also matches "talk to an actual human please".
#include "text/cues.hpp"

#include <string_view>

#include "text/flat_table.hpp"

namespace audit {

namespace {

struct CueEntry {
  Cue cue;
  std::string_view phrase;
};

constexpr std::string_view kFillers[] = {"a", "an", "the", "some", "please", "pls", "plz",
                                         "just", "actual", "actually", "really", "kindly",
                                         "un", "una", "el", "la", "einen", "einem", "eine",
                                         "le", "une", "des"};

constexpr CueEntry kCues[] = {
    // Fallbacks: the bot did not understand.
    {Cue::fallback, "didn't get that"}, {Cue::fallback, "didnt get that"},
    {Cue::fallback, "did not get that"}, {Cue::fallback, "didn't understand"},
    {Cue::fallback, "did not understand"}, {Cue::fallback, "don't understand"},
    {Cue::fallback, "do not understand"}, {Cue::fallback, "didn't catch that"},
    {Cue::fallback, "did not catch that"}, {Cue::fallback, "not sure i understand"},
    {Cue::fallback, "not sure i understood"}, {Cue::fallback, "not sure what you mean"},
    {Cue::fallback, "not sure i follow"}, {Cue::fallback, "i don't follow"},
    {Cue::fallback, "could you rephrase"}, {Cue::fallback, "can you rephrase"},
    {Cue::fallback, "rephrase that"}, {Cue::fallback, "rephrase your question"},
    {Cue::fallback, "rephrase"}, {Cue::fallback, "say that again"},
    {Cue::fallback, "say that another way"}, {Cue::fallback, "try asking another way"},
    {Cue::fallback, "try asking in a different way"}, {Cue::fallback, "didn't recognise that"},
    {Cue::fallback, "didn't recognize that"}, {Cue::fallback, "i'm still learning"},
    {Cue::fallback, "i don't know how to help with that"},
    {Cue::fallback, "i can't help with that yet"}, {Cue::fallback, "that's not something i can"},
    {Cue::fallback, "no entendí"}, {Cue::fallback, "no te entendí"}, {Cue::fallback, "no he entendido"},
    {Cue::fallback, "no lo he entendido"}, {Cue::fallback, "puedes reformular"},
    {Cue::fallback, "podrías reformular"}, {Cue::fallback, "nicht verstanden"},
    {Cue::fallback, "habe ich nicht verstanden"}, {Cue::fallback, "anders formulieren"},
    {Cue::fallback, "pas compris"}, {Cue::fallback, "je n'ai pas compris"},
    {Cue::fallback, "reformuler"},

    // Handoffs the bot announces.
    {Cue::handoff, "transferring you"}, {Cue::handoff, "transfer you to"},
    {Cue::handoff, "i'll transfer you"}, {Cue::handoff, "i will transfer you"},
    {Cue::handoff, "let me transfer you"}, {Cue::handoff, "connecting you"},
    {Cue::handoff, "connect you to"}, {Cue::handoff, "connect you with"},
    {Cue::handoff, "i'll connect you"}, {Cue::handoff, "let me connect you"},
    {Cue::handoff, "putting you through"}, {Cue::handoff, "put you through"},
    {Cue::handoff, "passing you to"}, {Cue::handoff, "passing you over"},
    {Cue::handoff, "handing you over"}, {Cue::handoff, "hand you over"},
    {Cue::handoff, "routing you to"}, {Cue::handoff, "an agent will join"},
    {Cue::handoff, "an agent will be with you"}, {Cue::handoff, "a human agent will"},
    {Cue::handoff, "an advisor will join"}, {Cue::handoff, "a colleague will join"},
    {Cue::handoff, "a specialist will join"}, {Cue::handoff, "someone from our team will join"},
    {Cue::handoff, "escalating this to"}, {Cue::handoff, "escalating you to"},
    {Cue::handoff, "te transfiero"}, {Cue::handoff, "te paso con"},
    {Cue::handoff, "le transfiero"}, {Cue::handoff, "le paso con"},
    {Cue::handoff, "te comunico con"}, {Cue::handoff, "le comunico con"},
    {Cue::handoff, "ich verbinde sie"}, {Cue::handoff, "ich verbinde dich"},
    {Cue::handoff, "ich leite sie weiter"}, {Cue::handoff, "ich leite dich weiter"},
    {Cue::handoff, "je vous transfère"}, {Cue::handoff, "je vous mets en relation"},
    {Cue::handoff, "je te transfère"}, {Cue::handoff, "je vous passe"},

    // Not a handoff, though it names one.
    {Cue::handoff_refused, "can't transfer you"}, {Cue::handoff_refused, "cannot transfer you"},
    {Cue::handoff_refused, "unable to transfer"}, {Cue::handoff_refused, "not able to transfer"},
    {Cue::handoff_refused, "can't connect you"}, {Cue::handoff_refused, "cannot connect you"},
    {Cue::handoff_refused, "unable to connect you"}, {Cue::handoff_refused, "not able to connect you"},
    {Cue::handoff_refused, "can't put you through"}, {Cue::handoff_refused, "no agents are available"},
    {Cue::handoff_refused, "no agents available"}, {Cue::handoff_refused, "agents are not available"},
    {Cue::handoff_refused, "agents are currently unavailable"},
    {Cue::handoff_refused, "no agent is available"},

    // Requests for a human.
    {Cue::human_request, "talk to a human"}, {Cue::human_request, "speak to a human"},
    {Cue::human_request, "speak with a human"}, {Cue::human_request, "talk with a human"},
    {Cue::human_request, "chat with a human"}, {Cue::human_request, "talk to a person"},
    {Cue::human_request, "speak to a person"}, {Cue::human_request, "speak with a person"},
    {Cue::human_request, "talk to someone"}, {Cue::human_request, "speak to someone"},
    {Cue::human_request, "speak with someone"}, {Cue::human_request, "talk with someone"},
    {Cue::human_request, "talk to somebody"}, {Cue::human_request, "speak to somebody"},
    {Cue::human_request, "real person"}, {Cue::human_request, "real human"},
    {Cue::human_request, "someone real"}, {Cue::human_request, "live person"},
    {Cue::human_request, "live agent"}, {Cue::human_request, "human agent"},
    {Cue::human_request, "human being"}, {Cue::human_request, "talk to an agent"},
    {Cue::human_request, "speak to an agent"}, {Cue::human_request, "speak with an agent"},
    {Cue::human_request, "connect me to an agent"}, {Cue::human_request, "connect me with an agent"},
    {Cue::human_request, "connect me to a human"}, {Cue::human_request, "transfer me"},
    {Cue::human_request, "get me a human"}, {Cue::human_request, "get me an agent"},
    {Cue::human_request, "get me someone"}, {Cue::human_request, "want a human"},
    {Cue::human_request, "need a human"}, {Cue::human_request, "want an agent"},
    {Cue::human_request, "need an agent"}, {Cue::human_request, "want a person"},
    {Cue::human_request, "need a person"}, {Cue::human_request, "representative"},
    {Cue::human_request, "customer service agent"}, {Cue::human_request, "support agent"},
    {Cue::human_request, "speak to a manager"}, {Cue::human_request, "talk to a manager"},
    {Cue::human_request, "speak to your manager"}, {Cue::human_request, "speak to a supervisor"},
    {Cue::human_request, "talk to a supervisor"}, {Cue::human_request, "operator"},
    {Cue::human_request, "hablar con una persona"}, {Cue::human_request, "hablar con un agente"},
    {Cue::human_request, "hablar con alguien"}, {Cue::human_request, "hablar con un humano"},
    {Cue::human_request, "persona real"}, {Cue::human_request, "agente humano"},
    {Cue::human_request, "hablar con un operador"}, {Cue::human_request, "hablar con un asesor"},
    {Cue::human_request, "mit einem mitarbeiter"}, {Cue::human_request, "mit einem menschen"},
    {Cue::human_request, "mit jemandem sprechen"}, {Cue::human_request, "echten menschen"},
    {Cue::human_request, "mit einem berater"}, {Cue::human_request, "kundenberater"},
    {Cue::human_request, "einen mitarbeiter"}, {Cue::human_request, "parler à un conseiller"},
    {Cue::human_request, "parler à quelqu'un"}, {Cue::human_request, "parler à une personne"},
    {Cue::human_request, "parler à un humain"}, {Cue::human_request, "un conseiller"},
    {Cue::human_request, "vraie personne"}, {Cue::human_request, "parler à un agent"},

    // Traps: they name an agent or a human but ask for none.
    {Cue::not_human_request, "travel agent"}, {Cue::not_human_request, "user agent"},
    {Cue::not_human_request, "estate agent"}, {Cue::not_human_request, "real estate agent"},
    {Cue::not_human_request, "insurance agent"}, {Cue::not_human_request, "booking agent"},
    {Cue::not_human_request, "shipping agent"}, {Cue::not_human_request, "secret agent"},
    {Cue::not_human_request, "free agent"}, {Cue::not_human_request, "agent id"},
    {Cue::not_human_request, "agent number"}, {Cue::not_human_request, "cleaning agent"},
    {Cue::not_human_request, "no need for a human"}, {Cue::not_human_request, "no need for an agent"},
    {Cue::not_human_request, "don't need a human"}, {Cue::not_human_request, "dont need a human"},
    {Cue::not_human_request, "don't need an agent"}, {Cue::not_human_request, "don't need a person"},
    {Cue::not_human_request, "don't want a human"}, {Cue::not_human_request, "don't want an agent"},
    {Cue::not_human_request, "don't want to talk to a human"},
    {Cue::not_human_request, "no need to talk to a human"},
    {Cue::not_human_request, "are you a human"}, {Cue::not_human_request, "are you human"},
    {Cue::not_human_request, "are you a bot"}, {Cue::not_human_request, "are you a real person"},
    {Cue::not_human_request, "are you real"}, {Cue::not_human_request, "are you a person"},
    {Cue::not_human_request, "am i talking to a human"}, {Cue::not_human_request, "am i talking to a bot"},
    {Cue::not_human_request, "am i talking to a real person"},
    {Cue::not_human_request, "is this a human"}, {Cue::not_human_request, "is this a bot"},
    {Cue::not_human_request, "is this a real person"},

    // The bot asking for something.
    {Cue::ask, "what is"}, {Cue::ask, "what's"}, {Cue::ask, "what was"},
    {Cue::ask, "could you"}, {Cue::ask, "can you"}, {Cue::ask, "would you"},
    {Cue::ask, "provide"}, {Cue::ask, "enter"}, {Cue::ask, "share"},
    {Cue::ask, "give me"}, {Cue::ask, "type"}, {Cue::ask, "send me"},
    {Cue::ask, "may i have"}, {Cue::ask, "can i have"}, {Cue::ask, "could i have"},
    {Cue::ask, "i need your"}, {Cue::ask, "i'll need your"}, {Cue::ask, "i will need your"},
    {Cue::ask, "tell me your"}, {Cue::ask, "let me know your"}, {Cue::ask, "which"},
    {Cue::ask, "cuál es"}, {Cue::ask, "indícame"}, {Cue::ask, "necesito tu"},
    {Cue::ask, "necesito su"}, {Cue::ask, "wie lautet"}, {Cue::ask, "bitte geben sie"},
    {Cue::ask, "quel est"}, {Cue::ask, "quelle est"}, {Cue::ask, "pouvez vous"},

    // Confirming a value is not asking for it again.
    {Cue::confirmation, "just to confirm"}, {Cue::confirmation, "to confirm"},
    {Cue::confirmation, "is that correct"}, {Cue::confirmation, "is this correct"},
    {Cue::confirmation, "is that right"}, {Cue::confirmation, "is this right"},
    {Cue::confirmation, "did you mean"}, {Cue::confirmation, "you said"},
    {Cue::confirmation, "you mentioned"}, {Cue::confirmation, "you gave"},
    {Cue::confirmation, "i have your"}, {Cue::confirmation, "i see your"},
    {Cue::confirmation, "let me confirm"}, {Cue::confirmation, "can you confirm that"},
    {Cue::confirmation, "para confirmar"}, {Cue::confirmation, "zur bestätigung"},
    {Cue::confirmation, "pour confirmer"},

    // The value given was not usable: asking again is right.
    {Cue::invalid_value, "invalid"}, {Cue::invalid_value, "not valid"},
    {Cue::invalid_value, "doesn't look right"}, {Cue::invalid_value, "does not look right"},
    {Cue::invalid_value, "doesn't seem right"}, {Cue::invalid_value, "doesn't seem to be valid"},
    {Cue::invalid_value, "couldn't find"}, {Cue::invalid_value, "could not find"},
    {Cue::invalid_value, "can't find"}, {Cue::invalid_value, "cannot find"},
    {Cue::invalid_value, "not found"}, {Cue::invalid_value, "no record"},
    {Cue::invalid_value, "doesn't match"}, {Cue::invalid_value, "does not match"},
    {Cue::invalid_value, "incorrect"}, {Cue::invalid_value, "wrong format"},
    {Cue::invalid_value, "should have"}, {Cue::invalid_value, "should be"},
    {Cue::invalid_value, "didn't recognise"}, {Cue::invalid_value, "didn't recognize"},
    {Cue::invalid_value, "unable to locate"}, {Cue::invalid_value, "unable to verify"},
    {Cue::invalid_value, "check it"}, {Cue::invalid_value, "double check"},
    {Cue::invalid_value, "no es válido"}, {Cue::invalid_value, "no encontré"},
    {Cue::invalid_value, "ungültig"}, {Cue::invalid_value, "nicht gefunden"},
    {Cue::invalid_value, "invalide"}, {Cue::invalid_value, "introuvable"},

    // Closing lines.
    {Cue::closing, "anything else"}, {Cue::closing, "something else i can help"},
    {Cue::closing, "anything more"}, {Cue::closing, "help with anything else"},
    {Cue::closing, "algo más"}, {Cue::closing, "otra cosa"}, {Cue::closing, "noch etwas"},
    {Cue::closing, "sonst noch"}, {Cue::closing, "autre chose"},

    // The customer saying they repeat themselves.
    {Cue::repeat_marker, "i already said"}, {Cue::repeat_marker, "i already told you"},
    {Cue::repeat_marker, "already told you"}, {Cue::repeat_marker, "i told you"},
    {Cue::repeat_marker, "as i said"}, {Cue::repeat_marker, "like i said"},
    {Cue::repeat_marker, "i already asked"}, {Cue::repeat_marker, "i asked already"},
    {Cue::repeat_marker, "already asked"}, {Cue::repeat_marker, "asked you already"},
    {Cue::repeat_marker, "again"}, {Cue::repeat_marker, "once more"},
    {Cue::repeat_marker, "second time"}, {Cue::repeat_marker, "third time"},
    {Cue::repeat_marker, "ya te dije"}, {Cue::repeat_marker, "ya lo dije"},
    {Cue::repeat_marker, "otra vez"}, {Cue::repeat_marker, "de nuevo"},
    {Cue::repeat_marker, "schon gesagt"}, {Cue::repeat_marker, "nochmal"},
    {Cue::repeat_marker, "noch einmal"}, {Cue::repeat_marker, "déjà dit"},
    {Cue::repeat_marker, "encore"},

    // What can be asked for and given.
    {Cue::slot_order, "order number"}, {Cue::slot_order, "order id"}, {Cue::slot_order, "order no"},
    {Cue::slot_order, "order reference"}, {Cue::slot_order, "order ref"},
    {Cue::slot_order, "reference number"}, {Cue::slot_order, "booking reference"},
    {Cue::slot_order, "booking number"}, {Cue::slot_order, "confirmation number"},
    {Cue::slot_order, "confirmation code"}, {Cue::slot_order, "tracking number"},
    {Cue::slot_order, "ticket number"}, {Cue::slot_order, "case number"},
    {Cue::slot_order, "número de pedido"}, {Cue::slot_order, "bestellnummer"},
    {Cue::slot_order, "numéro de commande"}, {Cue::slot_order, "numero de commande"},
    {Cue::slot_email, "email"}, {Cue::slot_email, "email address"}, {Cue::slot_email, "e mail"},
    {Cue::slot_email, "e mail address"}, {Cue::slot_email, "correo"},
    {Cue::slot_email, "correo electrónico"}, {Cue::slot_email, "e mail adresse"},
    {Cue::slot_email, "adresse e mail"}, {Cue::slot_email, "courriel"},
    {Cue::slot_phone, "phone number"}, {Cue::slot_phone, "phone"}, {Cue::slot_phone, "mobile number"},
    {Cue::slot_phone, "telephone number"}, {Cue::slot_phone, "cell number"},
    {Cue::slot_phone, "contact number"}, {Cue::slot_phone, "número de teléfono"},
    {Cue::slot_phone, "telefonnummer"}, {Cue::slot_phone, "handynummer"},
    {Cue::slot_phone, "numéro de téléphone"},
    {Cue::slot_account, "account number"}, {Cue::slot_account, "account id"},
    {Cue::slot_account, "customer number"}, {Cue::slot_account, "customer id"},
    {Cue::slot_account, "member number"}, {Cue::slot_account, "membership number"},
    {Cue::slot_account, "policy number"}, {Cue::slot_account, "contract number"},
    {Cue::slot_account, "meter number"}, {Cue::slot_account, "número de cuenta"},
    {Cue::slot_account, "número de cliente"}, {Cue::slot_account, "kundennummer"},
    {Cue::slot_account, "vertragsnummer"}, {Cue::slot_account, "numéro de client"},
    {Cue::slot_account, "numéro de contrat"},
    {Cue::slot_birth_date, "date of birth"}, {Cue::slot_birth_date, "birth date"},
    {Cue::slot_birth_date, "birthdate"}, {Cue::slot_birth_date, "birthday"},
    {Cue::slot_birth_date, "dob"}, {Cue::slot_birth_date, "fecha de nacimiento"},
    {Cue::slot_birth_date, "geburtsdatum"}, {Cue::slot_birth_date, "date de naissance"},
    {Cue::slot_postcode, "postcode"}, {Cue::slot_postcode, "post code"},
    {Cue::slot_postcode, "postal code"}, {Cue::slot_postcode, "zip code"},
    {Cue::slot_postcode, "zip"}, {Cue::slot_postcode, "código postal"},
    {Cue::slot_postcode, "postleitzahl"}, {Cue::slot_postcode, "code postal"},
    {Cue::slot_address, "address"}, {Cue::slot_address, "street address"},
    {Cue::slot_address, "delivery address"}, {Cue::slot_address, "billing address"},
    {Cue::slot_address, "dirección"}, {Cue::slot_address, "adresse"},
    {Cue::slot_address, "anschrift"},
    {Cue::slot_name, "your name"}, {Cue::slot_name, "full name"}, {Cue::slot_name, "first name"},
    {Cue::slot_name, "last name"}, {Cue::slot_name, "surname"},
    {Cue::slot_name, "tu nombre"}, {Cue::slot_name, "su nombre"}, {Cue::slot_name, "ihr name"},
    {Cue::slot_name, "votre nom"},
};

constexpr std::string_view kBareHumanWords[] = {
    "agent", "human", "person", "representative", "operator", "someone", "humano", "persona",
    "agente", "mensch", "mitarbeiter", "humain", "conseiller", "rep", "supervisor", "manager"};

}  // namespace

const char* slot_label(Cue c) {
  switch (c) {
    case Cue::slot_order: return "order number";
    case Cue::slot_email: return "email address";
    case Cue::slot_phone: return "phone number";
    case Cue::slot_account: return "account number";
    case Cue::slot_birth_date: return "date of birth";
    case Cue::slot_postcode: return "postcode";
    case Cue::slot_address: return "address";
    case Cue::slot_name: return "name";
    default: return "detail";
  }
}

const PhraseMatcher& cue_matcher() {
  static const PhraseMatcher matcher = [] {
    PhraseMatcher m;
    for (std::string_view f : kFillers) m.add_filler(f);
    for (const CueEntry& e : kCues) m.add(e.phrase, static_cast<std::uint8_t>(e.cue));
    return m;
  }();
  return matcher;
}

bool is_bare_human_word(std::uint64_t hash) {
  static const FlatTable<bool> words = [] {
    FlatTable<bool> t;
    for (std::string_view w : kBareHumanWords) t[token_hash(w)] = true;
    return t;
  }();
  return words.find(hash) != nullptr;
}

}  // namespace audit
