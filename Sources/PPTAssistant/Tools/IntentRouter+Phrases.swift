import Foundation

/// The phrases the intent router recognises, folded (no diacritics, lower case), in sk, cs, de and en.
extension IntentRouter {
    /// Questions about rules, documents and what is allowed: answered from documents, never by a tool.
    static let documentQuestions: [IntentPhrase] = [
        "pravidl", "poriad", "domov rad", "domovn rad", "provozn rad", "stanov", "predpis", "zmluv", "smlouv",
        "smie", "smiem", "smim=", "smi=", "dovolen", "povolen", "zakazan", "hausordnung", "regel", "vorschrift",
        "satzung", "vertrag", "darf", "durfen", "erlaubt", "verboten", "rule", "regulation", "policy", "bylaw",
        "statute", "contract", "lease", "allowed", "permitted", "forbidden", "prohibited", "may= i=",
    ]

    /// The member's own faults and their status.
    static let myFaults: [IntentPhrase] = [
        "moj ? poruch", "moj ? zavad", "me= ? zavad", "me= ? poruch", "stav * poruch", "stav * zavad",
        "moj ? hlasen", "stav * hlasen", "nahlasen poruch", "nahlasen zavad", "co je s * poruch",
        "co se deje s * zavad", "mein ? storung", "mein ? meldung", "mein ? schaden", "status * storung",
        "status * meldung", "stand * meldung", "stand * storung", "gemeldet storung", "gemeldet schaden",
        "my= ? fault", "my= ? repair", "my= ? issue", "my= ? ticket", "my= report", "my= ? request",
        "status * fault", "status * repair", "status * ticket", "status * report", "status * request",
        "fault * i= report",
    ]

    /// Verbs that ask to report a fault; the words after them are the fault.
    static let reportVerbs: [String] = [
        "nahlasit", "nahlasim", "nahlas=", "nahlaste", "nahlaset", "ohlasit", "ohlasim", "hlasim=", "melde=",
        "melden=", "report=",
    ]

    /// Words between the verb and the fault that are not part of its title.
    static let reportFillers: Set<String> = [
        "a", "an", "that", "ze", "dass", "prosim", "please", "bitte", "mi", "me", "vam", "ihnen", "you", "mu",
        "novu", "novou", "neue", "new", "eine", "einen", "ein",
    ]

    /// Nouns naming "a fault" after the verb, with the word a title starts with when the noun is followed
    /// directly by what is broken ("nahlásiť poruchu výťahu" → "Porucha výťahu").
    static let faultNouns: [(stem: String, title: String)] = [
        ("poruch", "Porucha"), ("zavad", "Závada"), ("storung", "Störung"), ("schaden", "Schaden"),
        ("fault", "Fault"), ("defect", "Defect"), ("problem", "Problem"), ("issue", "Issue"),
    ]

    /// Words before a German verb-final request ("Ich möchte einen defekten Aufzug melden").
    static let leadingFillers: Set<String> = [
        "ich", "mochte", "will", "wurde", "gerne", "gern", "bitte", "eine", "einen", "ein", "chcem", "chcel",
        "chcela", "by", "som", "chci", "bych", "rad", "rada", "i", "want", "to", "would", "like", "id", "please",
        "prosim",
    ]

    /// Question words: a message starting with one asks about reporting rather than reporting.
    static let questionWords: Set<String> = [
        "ako", "kde", "kedy", "kto", "preco", "co", "ktory", "ktora", "kolko", "jak", "kdy", "kdo", "proc",
        "ktery", "ktera", "kolik", "wie", "wo", "wann", "wer", "warum", "was", "welche", "welcher", "wieviel", "how",
        "where", "when", "who", "why", "what", "which", "is", "are", "does", "do", "je", "jsou", "ist", "sind",
    ]

    /// Greetings dropped from the start of a fault's title.
    static let greetings: [IntentPhrase] = [
        "dobry den=", "dobry vecer=", "dobre rano=", "guten tag=", "guten morgen=", "guten abend=", "ahoj=",
        "hello=", "hi=", "hallo=", "zdravim=", "servus=", "hey=",
    ]

    /// What the member owes.
    static let balance: [IntentPhrase] = [
        "co dlz", "kolko dlz", "kolko * zaplat", "kolko * platit", "moj ? dlh", "dlzim", "dlzne", "nedoplat",
        "zostatok", "stav ? uctu", "moj ? faktur", "neuhraden ? faktur", "nezaplaten ? faktur", "otvoren ? faktur",
        "po splatnost", "preplat", "moj ? platb", "co dluz", "kolik dluz", "kolik * zaplat", "kolik * platit",
        "muj ? dluh", "dluzim", "nedoplat", "zustat", "me= ? faktur", "neuhrazen ? faktur", "nezaplacen ? faktur",
        "me= ? platb", "was schulde", "wie viel schulde", "wieviel schulde", "wie viel * zahlen",
        "wieviel * zahlen", "kontostand", "saldo", "offen ? rechnung", "mein ? rechnung", "unbezahlt ? rechnung",
        "ruckstand", "uberfallig", "mein ? guthaben", "what * owe", "how much * owe", "do= i= owe", "my= ? balance",
        "account balance", "how much * pay", "what * have to pay", "my= ? invoice", "unpaid ? invoice",
        "open invoice", "overdue", "outstanding", "my= ? bill", "my= ? debt", "my= ? payment", "arrears",
    ]

    /// Words after "how much do I pay" that make it a price question ("... for parking").
    static let priceQuestion: Set<String> = ["za", "for", "fur", "pro"]

    /// Beginnings of "to pay" in balance phrases.
    static let payVerbs: [String] = ["zaplat", "platit", "pay", "zahl"]

    /// Meter reading periods.
    static let meters: [IntentPhrase] = [
        "odpocet", "odpoct", "odcitan", "stav ? merac", "merac", "meradl", "vodomer", "odecet", "odect", "meridl",
        "elektromer", "plynomer", "ablesung", "ablesen", "zahlerstand", "zahler", "stromzahler", "wasserzahler",
        "wasseruhr",
        "meter read", "read * meter", "meter= * read", "my= ? meter", "reading window", "reading period",
        "submit ? reading",
    ]

    /// Owners' votes.
    static let votes: [IntentPhrase] = ["hlasova", "hlasuj", "abstimm", "vote", "voting", "ballot", "poll=", "polls="]

    /// Announcements.
    static let announcements: [IntentPhrase] = [
        "oznam=", "oznamy=", "oznamov=", "oznamoch=", "oznamen", "novink", "nastenk", "ankundigung", "mitteilung",
        "aushang", "neuigkeit", "announcement", "notices=", "news=", "bulletin",
    ]

    /// Clearly about the building's details.
    static let buildingInfo: [IntentPhrase] = [
        "info ? dom", "informaci ? dom", "informacie ? dom", "informace ? dom", "adres ? dom", "adres ? budov",
        "v akom dome=", "v jakem dome=", "kolko ? bytov", "kolik ? bytu", "o ? dome=", "o ? budove=",
        "hausinfo", "gebaudeinfo", "adresse ? haus", "adresse ? gebaude", "wie viele wohnungen",
        "wieviele wohnungen", "in welchem haus", "uber ? haus", "uber ? gebaude", "building info",
        "building address", "address ? building", "about * building", "how many ? flats", "how many ? apartments",
        "how many ? units", "which building", "what building",
    ]

    /// "My building" on its own (only in short messages: in longer ones it is part of another question).
    static let myBuilding: [IntentPhrase] = [
        "moj ? dom=", "moj ? dome=", "nas ? dom=", "moj ? budov", "nas ? budov", "muj ? dum=", "nas ? dum=",
        "mein ? haus=", "unser ? haus=", "mein ? gebaude", "unser ? gebaude", "my= ? building", "our= ? building",
    ]

    /// Statements that something is broken ("pokazený výťah", "the elevator is broken").
    static let broken: [IntentPhrase] = [
        "pokazen", "nefunguj", "nesviet", "netec", "tecie", "kvapka", "rozbit", "zaseknut", "upchat", "nejde=",
        "prasknut", "nekur", "nesviti", "tece=", "kape=", "ucpan", "porouchan", "nejede", "netopi", "kaputt",
        "defekt", "funktioniert nicht", "geht nicht", "tropft", "verstopft", "ausgefallen", "undicht", "leckt",
        "broken", "not working", "doesnt work", "isnt working", "stopped working", "leaking", "leaks=", "clogged",
        "out of order", "no= hot water", "no= heating", "flickering", "stuck",
    ]
}
