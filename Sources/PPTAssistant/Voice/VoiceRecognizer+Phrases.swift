import Foundation

/// The words the voice recognizer adds to the assistant's phrases, folded (no diacritics, lower case).
extension VoiceRecognizer {
    /// A first word meaning yes.
    static let yes: Set<String> = [
        "ano", "hej", "jasne", "jasne", "urcite", "samozrejme", "potvrdzujem", "potvrzuji", "potvrzuju", "ja",
        "jawohl", "genau", "richtig", "klar", "yes", "yeah", "yep", "sure", "correct", "ok", "okay", "okej",
    ]
    /// Confirmations anywhere in a short reply.
    static let confirmations: [IntentPhrase] = [
        "potvrd", "urob to", "sprav to", "udelej to", "bestatig", "mach das", "mach es", "confirm", "go ahead",
        "do= it=",
    ]
    /// A first word meaning no.
    static let no: Set<String> = ["nie", "ne", "nein", "no", "nope", "nee", "nicht"]
    /// Cancelling anywhere in a short reply.
    static let cancellations: [IntentPhrase] = [
        "zrus", "zrusit", "storno", "nechaj to", "nech to", "necham", "abbrech", "vergiss", "cancel", "never mind",
        "forget it",
    ]
    /// Ending the conversation.
    static let stops: [IntentPhrase] = [
        "stop=", "stopp=", "koniec", "konec", "skonc", "ukonc", "staci", "dost=", "ende=", "beend", "aufhor", "exit=",
        "quit=", "that= is= all=", "thats= all=", "goodbye", "bye=", "dovidenia", "nashledanou", "tschuss",
    ]
    /// Asking what the assistant can do.
    static let helps: [IntentPhrase] = [
        "pomoc=", "pomoz", "pomozte", "co vies", "co umis", "co dokazes", "co mozem", "co muzu", "napoveda",
        "hilfe", "hilf", "was kannst", "was kann ich", "help", "what can you", "what can i",
    ]

    /// Verbs of passing a message on.
    static let messageVerbs: [String] = [
        "povedz", "povedzte", "odkaz", "napis", "kontaktuj", "posli", "poslat", "dajte", "daj=", "oznam=",
        "oznamte", "informuj", "rekni", "reknete", "vzkaz", "dej=", "sag", "sage=", "sagen=", "richte", "schreib",
        "kontaktier", "nachricht", "teil", "informier", "benachrichtig", "tell=", "message=", "contact=",
        "write=", "send=", "notify=", "inform=", "let=", "ask=",
    ]
    /// Nouns naming the manager (beginnings).
    static let managerNouns: [String] = [
        "spravc", "spravkyn", "domovnik", "verwalt", "hausverwalt", "hausmeister", "vermiet", "manager", "management",
        "landlord", "caretaker", "superintendent",
    ]
    /// Words between the manager and the message.
    static let messageFillers: Set<String> = [
        "ze", "aby", "nech", "nas", "nasho", "nasmu", "nasemu", "dass", "that", "to", "know", "wissen", "vedet",
        "vediet", "please", "prosim", "bitte", "mi", "me", "mir",
    ]

    /// Verbs of submitting a value.
    static let submitVerbs: [String] = [
        "zapis", "zapisat", "zapsat", "zadaj", "zadat", "zadej", "posli", "eintrag", "erfass", "ubermittl", "gib=",
        "submit", "enter=", "record=", "send=", "log=",
    ]
    /// Nouns of a meter's value.
    static let readingNouns: [IntentPhrase] = [
        "stav=", "stavu=", "stand=", "zahlerstand", "wert=", "reading", "value=", "hodnot",
    ]

    /// Prepositions before a place.
    static let placePrepositions: Set<String> = [
        "na", "v", "vo", "ve", "pri", "pred", "u", "im", "in", "auf", "am", "vor", "beim", "an", "on", "at", "near",
    ]
    /// Places in a building (beginnings).
    static let placeNouns: [String] = [
        "chodb", "pivnic", "sklep", "schod", "vytah", "garaz", "kuchyn", "kupeln", "koupeln", "byt", "dvor", "povaly",
        "povale", "pude", "strech", "vchod", "izb", "pokoj", "prizem", "poschod", "patr", "flur", "gang", "keller",
        "treppe", "aufzug", "lift", "garage", "kuche", "bad=", "badezimmer", "wohnung", "hof", "dach", "eingang",
        "zimmer", "hallway", "corridor", "hall=", "basement", "cellar", "stair", "elevator", "kitchen", "bathroom",
        "flat=", "apartment", "yard", "roof", "entrance", "room", "lobby", "attic", "floor",
    ]
}
