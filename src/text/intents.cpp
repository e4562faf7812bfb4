// The intent, act and detail-name tables (see intents.hpp). Write entries plainly: they are
// normalised like the text (case and accents folded, "où" is "ou"), filler words ("a", "the",
// "please", ...) are skipped on both sides, and a trailing '*' makes a one-word stem.
#include "text/intents.hpp"

#include <algorithm>
#include <bit>
#include <bitset>
#include <string>
#include <vector>

#include "text/cues.hpp"
#include "text/flat_table.hpp"
#include "text/phrases.hpp"

namespace audit {

namespace {

// A table entry's tag: an intent (0..31), an act (kActBase + bit) or a detail name (kSlotBase +
// Cue).
constexpr std::uint8_t kActBase = 32;
constexpr std::uint8_t kSlotBase = 64;

constexpr std::uint8_t I(Intent i) {
  return static_cast<std::uint8_t>(i);
}
constexpr std::uint8_t A(TurnAct a) {
  return static_cast<std::uint8_t>(kActBase + std::countr_zero(static_cast<unsigned>(a)));
}
constexpr std::uint8_t S(Cue c) {
  return static_cast<std::uint8_t>(kSlotBase + static_cast<unsigned>(c));
}

struct Entry {
  std::uint8_t tag;
  std::string_view phrase;
};

constexpr std::string_view kFillers[] = {"a",  "an", "the", "please", "pls", "just", "actually",
                                         "un", "el", "la",  "le",     "une", "des",  "die"};

constexpr Entry kEntries[] = {
    // status: where is it, it has not arrived, what is happening with it.
    {I(Intent::status), "where is"},
    {I(Intent::status), "where's"},
    {I(Intent::status), "wheres"},
    {I(Intent::status), "where are"},
    {I(Intent::status), "track*"},
    {I(Intent::status), "status"},
    {I(Intent::status), "arriv*"},
    {I(Intent::status), "hasn't come"},
    {I(Intent::status), "not received"},
    {I(Intent::status), "haven't received"},
    {I(Intent::status), "have not received"},
    {I(Intent::status), "didn't receive"},
    {I(Intent::status), "did not receive"},
    {I(Intent::status), "never received"},
    {I(Intent::status), "still waiting"},
    {I(Intent::status), "what is happening"},
    {I(Intent::status), "what's happening"},
    {I(Intent::status), "what is going on"},
    {I(Intent::status), "any update"},
    {I(Intent::status), "get to me"},
    {I(Intent::status), "donde esta"},
    {I(Intent::status), "donde estan"},
    {I(Intent::status), "seguimiento"},
    {I(Intent::status), "estado de"},
    {I(Intent::status), "llega*"},
    {I(Intent::status), "llego"},
    {I(Intent::status), "no me aparece"},
    {I(Intent::status), "no aparece"},
    {I(Intent::status), "no se refleja"},
    {I(Intent::status), "wo ist"},
    {I(Intent::status), "wo sind"},
    {I(Intent::status), "wo bleibt"},
    {I(Intent::status), "sendungsverfolgung"},
    {I(Intent::status), "angekommen"},
    {I(Intent::status), "nicht erhalten"},
    {I(Intent::status), "nicht geliefert"},
    {I(Intent::status), "noch nicht da"},
    {I(Intent::status), "schon da"},
    {I(Intent::status), "ou est"},
    {I(Intent::status), "ou sont"},
    {I(Intent::status), "ou en est"},
    {I(Intent::status), "suivi"},
    {I(Intent::status), "pas recu"},
    {I(Intent::status), "toujours pas"},

    // refund: the customer wants money back.
    {I(Intent::refund), "refund*"},
    {I(Intent::refund), "reimburs*"},
    {I(Intent::refund), "money back"},
    {I(Intent::refund), "my money"},
    {I(Intent::refund), "reembols*"},
    {I(Intent::refund), "dinero"},
    {I(Intent::refund), "erstatt*"},
    {I(Intent::refund), "ruckerstatt*"},
    {I(Intent::refund), "gutschrift*"},
    {I(Intent::refund), "geld zuruck"},
    {I(Intent::refund), "mein geld"},
    {I(Intent::refund), "rembours*"},
    {I(Intent::refund), "argent*"},

    // cancel.
    {I(Intent::cancel), "cancel*"},
    {I(Intent::cancel), "unsubscribe"},
    {I(Intent::cancel), "terminate"},
    {I(Intent::cancel), "close my account"},
    {I(Intent::cancel), "dar de baja"},
    {I(Intent::cancel), "darme de baja"},
    {I(Intent::cancel), "storn*"},
    {I(Intent::cancel), "kundig*"},
    {I(Intent::cancel), "abbestell*"},
    {I(Intent::cancel), "annul*"},
    {I(Intent::cancel), "resili*"},

    // return an item.
    {I(Intent::return_item), "return*"},
    {I(Intent::return_item), "send it back"},
    {I(Intent::return_item), "exchange"},
    {I(Intent::return_item), "devolv*"},
    {I(Intent::return_item), "devolucion"},
    {I(Intent::return_item), "rucksend*"},
    {I(Intent::return_item), "zurucksend*"},
    {I(Intent::return_item), "zuruckschick*"},
    {I(Intent::return_item), "umtausch*"},
    {I(Intent::return_item), "retour*"},
    {I(Intent::return_item), "renvoy*"},

    // change something already set up.
    {I(Intent::change), "chang*"},
    {I(Intent::change), "modif*"},
    {I(Intent::change), "reschedul*"},
    {I(Intent::change), "rebook*"},
    {I(Intent::change), "switch*"},
    {I(Intent::change), "update my"},
    {I(Intent::change), "move my"},
    {I(Intent::change), "cambi*"},
    {I(Intent::change), "andern"},
    {I(Intent::change), "geandert"},
    {I(Intent::change), "anderung"},
    {I(Intent::change), "umbuch*"},
    {I(Intent::change), "umstell*"},
    {I(Intent::change), "verschieb*"},
    {I(Intent::change), "decal*"},
    {I(Intent::change), "deplac*"},

    // an address.
    {I(Intent::address), "address*"},
    {I(Intent::address), "adress*"},
    {I(Intent::address), "lieferadress*"},
    {I(Intent::address), "rechnungsadress*"},
    {I(Intent::address), "anschrift"},
    {I(Intent::address), "direccion*"},
    {I(Intent::address), "domicil*"},

    // access: logging in, passwords, locked accounts.
    {I(Intent::access), "log in"},
    {I(Intent::access), "login"},
    {I(Intent::access), "log into"},
    {I(Intent::access), "logging in"},
    {I(Intent::access), "sign in"},
    {I(Intent::access), "sign into"},
    {I(Intent::access), "password*"},
    {I(Intent::access), "locked"},
    {I(Intent::access), "locked out"},
    {I(Intent::access), "access my"},
    {I(Intent::access), "get in"},
    {I(Intent::access), "contrasena*"},
    {I(Intent::access), "iniciar sesion"},
    {I(Intent::access), "entrar"},
    {I(Intent::access), "acceder"},
    {I(Intent::access), "acceso"},
    {I(Intent::access), "bloquead*"},
    {I(Intent::access), "anmeld*"},
    {I(Intent::access), "einlogg*"},
    {I(Intent::access), "passwort*"},
    {I(Intent::access), "gesperrt"},
    {I(Intent::access), "me connecter"},
    {I(Intent::access), "connexion"},
    {I(Intent::access), "mot de passe"},
    {I(Intent::access), "identifiant*"},

    // a charge, a bill, an invoice.
    {I(Intent::charge), "charg*"},
    {I(Intent::charge), "overcharg*"},
    {I(Intent::charge), "bill"},
    {I(Intent::charge), "bills"},
    {I(Intent::charge), "billed"},
    {I(Intent::charge), "billing"},
    {I(Intent::charge), "invoice*"},
    {I(Intent::charge), "fee"},
    {I(Intent::charge), "fees"},
    {I(Intent::charge), "factur*"},
    {I(Intent::charge), "cobr*"},
    {I(Intent::charge), "cargo"},
    {I(Intent::charge), "rechnung*"},
    {I(Intent::charge), "abbuch*"},
    {I(Intent::charge), "abgebucht"},
    {I(Intent::charge), "mahnung*"},
    {I(Intent::charge), "abschlag*"},
    {I(Intent::charge), "gebuhr*"},
    {I(Intent::charge), "prelev*"},
    {I(Intent::charge), "frais"},

    // paying, a payment, a transfer of money.
    {I(Intent::payment), "pay"},
    {I(Intent::payment), "paid"},
    {I(Intent::payment), "paying"},
    {I(Intent::payment), "payment*"},
    {I(Intent::payment), "instalment*"},
    {I(Intent::payment), "installment*"},
    {I(Intent::payment), "pago*"},
    {I(Intent::payment), "pagar"},
    {I(Intent::payment), "pagado"},
    {I(Intent::payment), "a plazos"},
    {I(Intent::payment), "transferencia*"},
    {I(Intent::payment), "bezahl*"},
    {I(Intent::payment), "zahlung*"},
    {I(Intent::payment), "uberweis*"},
    {I(Intent::payment), "ratenzahlung"},
    {I(Intent::payment), "paiement*"},
    {I(Intent::payment), "payer"},
    {I(Intent::payment), "virement*"},
    {I(Intent::payment), "plusieurs fois"},

    // a person (the cue tables' requests for a human count too; see user_repeat.cpp).
    {I(Intent::human), "agent"},
    {I(Intent::human), "human"},
    {I(Intent::human), "representative"},
    {I(Intent::human), "operator"},
    {I(Intent::human), "manager"},
    {I(Intent::human), "supervisor"},
    {I(Intent::human), "someone"},
    {I(Intent::human), "somebody"},
    {I(Intent::human), "real person"},
    {I(Intent::human), "transfer me"},
    {I(Intent::human), "put me through"},
    {I(Intent::human), "agente"},
    {I(Intent::human), "humano"},
    {I(Intent::human), "persona"},
    {I(Intent::human), "alguien"},
    {I(Intent::human), "ejecutivo"},
    {I(Intent::human), "asesor"},
    {I(Intent::human), "gerente"},
    {I(Intent::human), "mitarbeiter*"},
    {I(Intent::human), "mensch*"},
    {I(Intent::human), "jemand*"},
    {I(Intent::human), "berater*"},
    {I(Intent::human), "conseill*"},
    {I(Intent::human), "humain"},
    {I(Intent::human), "quelqu'un"},
    {I(Intent::human), "responsable"},

    // an appointment.
    {I(Intent::appointment), "appointment*"},
    {I(Intent::appointment), "engineer"},
    {I(Intent::appointment), "technician"},
    {I(Intent::appointment), "cita"},
    {I(Intent::appointment), "citas"},
    {I(Intent::appointment), "termin"},
    {I(Intent::appointment), "termine"},
    {I(Intent::appointment), "rendez vous"},
    {I(Intent::appointment), "rdv"},

    // coverage: is it covered, included.
    {I(Intent::coverage), "cover*"},
    {I(Intent::coverage), "include*"},
    {I(Intent::coverage), "cubr*"},
    {I(Intent::coverage), "cubiert*"},
    {I(Intent::coverage), "cobertura*"},
    {I(Intent::coverage), "incluid*"},
    {I(Intent::coverage), "deckt"},
    {I(Intent::coverage), "abgedeckt"},
    {I(Intent::coverage), "versichert"},
    {I(Intent::coverage), "couvr*"},
    {I(Intent::coverage), "couvert*"},
    {I(Intent::coverage), "prise en charge"},
    {I(Intent::coverage), "inclu*"},

    // baggage.
    {I(Intent::baggage), "bag"},
    {I(Intent::baggage), "bags"},
    {I(Intent::baggage), "baggage"},
    {I(Intent::baggage), "luggage"},
    {I(Intent::baggage), "suitcase*"},
    {I(Intent::baggage), "maleta*"},
    {I(Intent::baggage), "equipaje*"},
    {I(Intent::baggage), "gepack*"},
    {I(Intent::baggage), "koffer*"},
    {I(Intent::baggage), "valise*"},
    {I(Intent::baggage), "bagage*"},

    // The kind of answer wanted: a time, a reason, whether something is available.
    {I(Intent::timing), "when"},
    {I(Intent::timing), "what time"},
    {I(Intent::timing), "how long"},
    {I(Intent::timing), "by when"},
    {I(Intent::timing), "cuando"},
    {I(Intent::timing), "que hora"},
    {I(Intent::timing), "hora estimada"},
    {I(Intent::timing), "cuanto tarda"},
    {I(Intent::timing), "wann"},
    {I(Intent::timing), "wie lange"},
    {I(Intent::timing), "wie viel uhr"},
    {I(Intent::timing), "quand"},
    {I(Intent::timing), "quelle heure"},
    {I(Intent::timing), "combien de temps"},
    {I(Intent::reason), "why"},
    {I(Intent::reason), "how come"},
    {I(Intent::reason), "reason"},
    {I(Intent::reason), "por que"},
    {I(Intent::reason), "motivo"},
    {I(Intent::reason), "razon"},
    {I(Intent::reason), "warum"},
    {I(Intent::reason), "wieso"},
    {I(Intent::reason), "weshalb"},
    {I(Intent::reason), "grund"},
    {I(Intent::reason), "pourquoi"},
    {I(Intent::reason), "raison"},
    {I(Intent::availability), "in stock"},
    {I(Intent::availability), "available"},
    {I(Intent::availability), "availability"},
    {I(Intent::availability), "disponib*"},
    {I(Intent::availability), "verfugbar*"},
    {I(Intent::availability), "lieferbar"},
    {I(Intent::availability), "auf lager"},
    {I(Intent::availability), "en stock"},
    {I(Intent::availability), "hay alguna"},
    {I(Intent::availability), "hay algun"},
    {I(Intent::availability), "gibt es"},

    // a complaint.
    {I(Intent::complaint), "complaint*"},
    {I(Intent::complaint), "complain"},
    {I(Intent::complaint), "queja*"},
    {I(Intent::complaint), "reclamacion*"},
    {I(Intent::complaint), "beschwer*"},
    {I(Intent::complaint), "reclamation*"},
    {I(Intent::complaint), "plainte*"},

    // The customer says they are asking again.
    {A(kActRepeat), "i already asked"},
    {A(kActRepeat), "already asked"},
    {A(kActRepeat), "asked already"},
    {A(kActRepeat), "asked you already"},
    {A(kActRepeat), "i asked you"},
    {A(kActRepeat), "i've asked"},
    {A(kActRepeat), "i have asked"},
    {A(kActRepeat), "i already said"},
    {A(kActRepeat), "already said"},
    {A(kActRepeat), "already told you"},
    {A(kActRepeat), "i told you"},
    {A(kActRepeat), "i've told you"},
    {A(kActRepeat), "as i said"},
    {A(kActRepeat), "like i said"},
    {A(kActRepeat), "as i mentioned"},
    {A(kActRepeat), "i've explained"},
    {A(kActRepeat), "i have explained"},
    {A(kActRepeat), "already explained"},
    {A(kActRepeat), "i keep asking"},
    {A(kActRepeat), "i keep telling"},
    {A(kActRepeat), "for the second time"},
    {A(kActRepeat), "second time"},
    {A(kActRepeat), "third time"},
    {A(kActRepeat), "fourth time"},
    {A(kActRepeat), "i'm telling you"},
    {A(kActRepeat), "te digo que"},
    {A(kActRepeat), "je vous dis"},
    {A(kActRepeat), "je te dis"},
    {A(kActRepeat), "for the third time"},
    {A(kActRepeat), "how many times"},
    {A(kActRepeat), "i repeat"},
    {A(kActRepeat), "once again"},
    {A(kActRepeat), "ya te dije"},
    {A(kActRepeat), "ya le dije"},
    {A(kActRepeat), "ya lo dije"},
    {A(kActRepeat), "ya te lo dije"},
    {A(kActRepeat), "ya pregunte"},
    {A(kActRepeat), "ya te pregunte"},
    {A(kActRepeat), "ya lo pregunte"},
    {A(kActRepeat), "como te dije"},
    {A(kActRepeat), "como ya dije"},
    {A(kActRepeat), "te lo repito"},
    {A(kActRepeat), "repito"},
    {A(kActRepeat), "por tercera vez"},
    {A(kActRepeat), "por segunda vez"},
    {A(kActRepeat), "schon gefragt"},
    {A(kActRepeat), "bereits gefragt"},
    {A(kActRepeat), "schon gesagt"},
    {A(kActRepeat), "bereits gesagt"},
    {A(kActRepeat), "wie gesagt"},
    {A(kActRepeat), "ich wiederhole"},
    {A(kActRepeat), "zum zweiten mal"},
    {A(kActRepeat), "zum dritten mal"},
    {A(kActRepeat), "deja demande"},
    {A(kActRepeat), "je vous ai deja demande"},
    {A(kActRepeat), "deja dit"},
    {A(kActRepeat), "comme je l'ai dit"},
    {A(kActRepeat), "comme je vous l'ai dit"},
    {A(kActRepeat), "je repete"},
    {A(kActRepeat), "encore une fois"},
    {A(kActRepeat), "pour la troisieme fois"},
    {A(kActRepeat), "pour la deuxieme fois"},

    // The customer rejects the bot's answer ("but", "aber", "pero", "mais" opening a sentence
    // are recognised in find_intents).
    {A(kActRebuttal), "i know"},
    {A(kActRebuttal), "i know that"},
    {A(kActRebuttal), "i understand but"},
    {A(kActRebuttal), "that doesn't answer"},
    {A(kActRebuttal), "that does not answer"},
    {A(kActRebuttal), "doesn't answer my question"},
    {A(kActRebuttal), "you didn't answer"},
    {A(kActRebuttal), "you haven't answered"},
    {A(kActRebuttal), "not what i asked"},
    {A(kActRebuttal), "i didn't ask"},
    {A(kActRebuttal), "i asked about"},
    {A(kActRebuttal), "i asked for"},
    {A(kActRebuttal), "i'm asking"},
    {A(kActRebuttal), "i am asking"},
    {A(kActRebuttal), "my question is"},
    {A(kActRebuttal), "my question was"},
    {A(kActRebuttal), "not my question"},
    {A(kActRebuttal), "none of those"},
    {A(kActRebuttal), "none of these"},
    {A(kActRebuttal), "ya lo se"},
    {A(kActRebuttal), "eso ya lo se"},
    {A(kActRebuttal), "no me has respondido"},
    {A(kActRebuttal), "no respondes"},
    {A(kActRebuttal), "no contestas"},
    {A(kActRebuttal), "no es lo que pregunte"},
    {A(kActRebuttal), "no pregunte"},
    {A(kActRebuttal), "te pregunto"},
    {A(kActRebuttal), "mi pregunta"},
    {A(kActRebuttal), "ninguna de esas"},
    {A(kActRebuttal), "das weiss ich"},
    {A(kActRebuttal), "weiss ich"},
    {A(kActRebuttal), "das beantwortet"},
    {A(kActRebuttal), "meine frage"},
    {A(kActRebuttal), "nichts davon"},
    {A(kActRebuttal), "keins davon"},
    {A(kActRebuttal), "ich frage"},
    {A(kActRebuttal), "je sais"},
    {A(kActRebuttal), "je le sais"},
    {A(kActRebuttal), "vous ne repondez pas"},
    {A(kActRebuttal), "ne repond pas"},
    {A(kActRebuttal), "ma question"},
    {A(kActRebuttal), "je demande"},
    {A(kActRebuttal), "aucun de"},

    // The customer corrects what they said.
    {A(kActCorrection), "i meant"},
    {A(kActCorrection), "meant to say"},
    {A(kActCorrection), "correction"},
    {A(kActCorrection), "typo"},
    {A(kActCorrection), "my mistake"},
    {A(kActCorrection), "my bad"},
    {A(kActCorrection), "oops"},
    {A(kActCorrection), "sorry it's"},
    {A(kActCorrection), "me equivoque"},
    {A(kActCorrection), "quise decir"},
    {A(kActCorrection), "queria decir"},
    {A(kActCorrection), "error mio"},
    {A(kActCorrection), "ich meinte"},
    {A(kActCorrection), "vertippt"},
    {A(kActCorrection), "mein fehler"},
    {A(kActCorrection), "je voulais dire"},
    {A(kActCorrection), "je me suis trompe"},
    {A(kActCorrection), "erreur de ma part"},
    {A(kActCorrection), "oups"},

    // The customer asks for something.
    {A(kActRequest), "i want"},
    {A(kActRequest), "i'd like"},
    {A(kActRequest), "i would like"},
    {A(kActRequest), "i need"},
    {A(kActRequest), "can i"},
    {A(kActRequest), "could i"},
    {A(kActRequest), "can you"},
    {A(kActRequest), "could you"},
    {A(kActRequest), "how do i"},
    {A(kActRequest), "how can i"},
    {A(kActRequest), "quiero"},
    {A(kActRequest), "quisiera"},
    {A(kActRequest), "necesito"},
    {A(kActRequest), "puedo"},
    {A(kActRequest), "me puedes"},
    {A(kActRequest), "ich mochte"},
    {A(kActRequest), "ich will"},
    {A(kActRequest), "ich brauche"},
    {A(kActRequest), "kann ich"},
    {A(kActRequest), "konnen sie"},
    {A(kActRequest), "je veux"},
    {A(kActRequest), "je voudrais"},
    {A(kActRequest), "j'aimerais"},
    {A(kActRequest), "je souhaite"},
    {A(kActRequest), "est ce que"},

    // The customer gives up.
    {A(kActGiveUp), "forget it"},
    {A(kActGiveUp), "never mind"},
    {A(kActGiveUp), "nevermind"},
    {A(kActGiveUp), "i give up"},
    {A(kActGiveUp), "olvidalo"},
    {A(kActGiveUp), "dejalo"},
    {A(kActGiveUp), "da igual"},
    {A(kActGiveUp), "vergiss es"},
    {A(kActGiveUp), "vergessen sie es"},
    {A(kActGiveUp), "lassen sie es"},
    {A(kActGiveUp), "schon gut"},
    {A(kActGiveUp), "olvidelo"},
    {A(kActGiveUp), "dejelo"},
    {A(kActGiveUp), "no importa"},
    {A(kActGiveUp), "oubliez"},
    {A(kActGiveUp), "ca ne fait rien"},
    {A(kActGiveUp), "laissez tomber"},
    {A(kActGiveUp), "laisse tomber"},
    {A(kActGiveUp), "tant pis"},

    // bot: a general answer instead of the customer's own case.
    {A(kActGeneric), "usually"},
    {A(kActGeneric), "typically"},
    {A(kActGeneric), "generally"},
    {A(kActGeneric), "normally"},
    {A(kActGeneric), "in most cases"},
    {A(kActGeneric), "in general"},
    {A(kActGeneric), "por lo general"},
    {A(kActGeneric), "generalmente"},
    {A(kActGeneric), "normalmente"},
    {A(kActGeneric), "en general"},
    {A(kActGeneric), "in der regel"},
    {A(kActGeneric), "normalerweise"},
    {A(kActGeneric), "ublicherweise"},
    {A(kActGeneric), "generalement"},
    {A(kActGeneric), "habituellement"},
    {A(kActGeneric), "en principe"},

    // bot: the value given could not be used (beyond the cue tables' invalid values).
    {A(kActUnusable), "couldn't locate"},
    {A(kActUnusable), "no match"},
    {A(kActUnusable), "konnte keine"},
    {A(kActUnusable), "konnten keine"},
    {A(kActUnusable), "kann keine"},
    {A(kActUnusable), "nicht finden"},
    {A(kActUnusable), "no encuentro"},
    {A(kActUnusable), "no pude encontrar"},
    {A(kActUnusable), "no he encontrado"},
    {A(kActUnusable), "no hemos encontrado"},
    {A(kActUnusable), "je ne trouve"},
    {A(kActUnusable), "nous ne trouvons"},
    {A(kActUnusable), "n'ai pas trouve"},
    {A(kActUnusable), "n'avons pas trouve"},

    // Names of details the cue tables lack (bot-reask).
    {S(Cue::slot_order), "dossier"},
    {S(Cue::slot_order), "buchungsnummer"},
    {S(Cue::slot_order), "buchungscode"},
    {S(Cue::slot_order), "auftragsnummer"},
    {S(Cue::slot_order), "vorgangsnummer"},
    {S(Cue::slot_order), "sendungsnummer"},
    {S(Cue::slot_order), "aktenzeichen"},
    {S(Cue::slot_order), "localizador"},
    {S(Cue::slot_order), "codigo de reserva"},
    {S(Cue::slot_order), "numero de reserva"},
    {S(Cue::slot_order), "numero de seguimiento"},
    {S(Cue::slot_order), "numero de reservation"},
    {S(Cue::slot_order), "numero de dossier"},
    {S(Cue::slot_order), "numero de suivi"},
    {S(Cue::slot_order), "claim number"},
    {S(Cue::slot_order), "booking code"},
    {S(Cue::slot_account), "versicherungsnummer"},
    {S(Cue::slot_account), "mitgliedsnummer"},
    {S(Cue::slot_account), "zahlernummer"},
    {S(Cue::slot_account), "numero de poliza"},
    {S(Cue::slot_account), "numero de contrato"},
    {S(Cue::slot_account), "numero de socio"},
    {S(Cue::slot_account), "numero de compte"},
    {S(Cue::slot_account), "numero de police"},
    {S(Cue::slot_account), "member id"},
    {S(Cue::slot_phone), "what number"},
    {S(Cue::slot_phone), "which number"},
    {S(Cue::slot_phone), "que numero"},
    {S(Cue::slot_phone), "welche nummer"},
    {S(Cue::slot_phone), "welcher nummer"},
    {S(Cue::slot_phone), "quel numero"},
    {S(Cue::slot_phone), "numero de linea"},
    {S(Cue::slot_phone), "rufnummer"},
    {S(Cue::slot_phone), "numero de portable"},
    {S(Cue::slot_name), "vollstandiger name"},
    {S(Cue::slot_name), "vollstandigen namen"},
    {S(Cue::slot_name), "ihren namen"},
    {S(Cue::slot_name), "nombre completo"},
    {S(Cue::slot_name), "nom complet"},
    {S(Cue::slot_name), "votre nom"},
    {S(Cue::slot_name), "what name"},
    {S(Cue::slot_name), "which name"},
    {S(Cue::slot_date), "what is the date"},
    {S(Cue::slot_date), "cual es la fecha"},
    {S(Cue::slot_date), "que fecha"},
    {S(Cue::slot_date), "quelle est la date"},
    {S(Cue::slot_date), "quelle date"},
    {S(Cue::slot_date), "welches datum"},
    {S(Cue::slot_date), "an welchem tag"},
    {S(Cue::slot_address), "lieferadresse"},
    {S(Cue::slot_address), "rechnungsadresse"},
    {S(Cue::slot_address), "direccion de envio"},
    {S(Cue::slot_address), "adresse de livraison"},
};

constexpr std::uint16_t kStem = 0x100;  // a '*' entry: matches words that start with it

struct Tables {
  PhraseMatcher phrases;
  FlatTable<std::uint16_t> stems;  // stem hash -> tag + 1 | kStem
  std::size_t min_stem = 64, max_stem = 0;
  // The stems' first min_stem letters, hashed to 16 bits: a word whose start is not among them
  // cannot match any stem, which spares the prefix lookups for almost every word.
  std::bitset<1 << 16> starts;
};

const Tables& tables() {
  static const Tables tables = [] {
    Tables t;
    for (std::string_view f : kFillers)
      t.phrases.add_filler(f);
    std::vector<std::string> stems;
    for (const Entry& e : kEntries) {
      if (e.phrase.ends_with('*')) {
        const std::vector<std::string> w = tokenize_words(e.phrase.substr(0, e.phrase.size() - 1));
        if (w.size() != 1) continue;
        t.stems[token_hash(w[0])] = static_cast<std::uint16_t>((e.tag + 1) | kStem);
        t.min_stem = std::min(t.min_stem, w[0].size());
        t.max_stem = std::max(t.max_stem, w[0].size());
        stems.push_back(w[0]);
      } else {
        t.phrases.add(e.phrase, e.tag);
      }
    }
    for (const std::string& stem : stems)
      t.starts.set(token_hash(std::string_view(stem).substr(0, t.min_stem)) & 0xFFFF);
    return t;
  }();
  return tables;
}

void apply(std::uint8_t tag, IntentFeatures& out) {
  if (tag < kActBase)
    out.intents |= 1u << tag;
  else if (tag < kSlotBase)
    out.acts = static_cast<std::uint8_t>(out.acts | (1u << (tag - kActBase)));
  else
    out.slots |= 1u << (tag - kSlotBase);
}

bool is_contrast(std::uint64_t h) {
  static const std::uint64_t kContrast[] = {token_hash("but"), token_hash("pero"),
                                            token_hash("aber"), token_hash("mais")};
  for (std::uint64_t c : kContrast)
    if (h == c) return true;
  return false;
}

}  // namespace

IntentFeatures find_intents(const Token* tokens, std::size_t n, std::string_view chars) {
  const Tables& t = tables();
  IntentFeatures out;
  t.phrases.scan(tokens, n, [&](const PhraseMatch& m) { apply(m.tag, out); });
  for (std::size_t i = 0; i < n; ++i) {
    // "But why $240?", "Yes but...", "Ya, pero la de abril": a contrast word among the first
    // words of the turn takes issue with what the bot just said.
    if (i < 3 && is_contrast(tokens[i].hash)) out.acts |= kActRebuttal;
    if (!(tokens[i].flags & kTokenAlpha)) continue;
    std::string_view w = chars.substr(tokens[i].begin, tokens[i].length);
    // French elision: "l'argent" is looked up as "argent", "qu'un" as "un".
    if (std::size_t q = w.find('\''); q != std::string_view::npos && q <= 2) w.remove_prefix(q + 1);
    if (w.size() < t.min_stem || !t.starts.test(token_hash(w.substr(0, t.min_stem)) & 0xFFFF))
      continue;
    for (std::size_t len = t.min_stem; len <= w.size() && len <= t.max_stem; ++len) {
      const std::uint16_t* e = t.stems.find(token_hash(w.substr(0, len)));
      if (e && (*e & kStem)) apply(static_cast<std::uint8_t>((*e & 0xFF) - 1), out);
    }
  }
  return out;
}

const char* intent_label(Intent i) {
  static constexpr const char* kLabels[] = {
      "status",  "refund", "cancel",  "return",       "change",      "address",
      "access",  "charge", "payment", "human",        "appointment", "coverage",
      "baggage", "timing", "reason",  "availability", "complaint"};
  static_assert(std::size(kLabels) == static_cast<std::size_t>(Intent::count));
  return kLabels[static_cast<std::size_t>(i)];
}

}  // namespace audit
