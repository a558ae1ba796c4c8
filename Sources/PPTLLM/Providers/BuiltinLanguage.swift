import Foundation

/// The built-in provider's replies in PPT's four languages.
enum BuiltinLanguage {
    case sk, cs, de, en

    /// A guess from characters and common words; English when nothing points elsewhere.
    static func detect(_ text: String) -> BuiltinLanguage {
        let lowered = text.lowercased()
        if lowered.contains(where: { "řůě".contains($0) }) { return .cs }
        if lowered.contains(where: { "ľĺôŕä".contains($0) }) { return .sk }
        if lowered.contains(where: { "ßü".contains($0) }) { return .de }
        let words = Set(lowered.split(whereSeparator: { !$0.isLetter }).map(String.init))
        let scores: [(BuiltinLanguage, Int)] = [
            (.sk, words.intersection(["je", "som", "ako", "prosím", "aký", "môj", "dobrý", "deň", "ahoj", "zhrň", "čo"]).count),
            (.cs, words.intersection(["jsem", "jak", "prosím", "jaký", "můj", "dobrý", "den", "ahoj", "shrň", "co", "je"]).count),
            (.de, words.intersection(["ich", "ist", "und", "der", "die", "das", "bitte", "wie", "hallo", "guten"]).count),
        ]
        if let best = scores.max(by: { $0.1 < $1.1 }), best.1 > 0 { return best.0 }
        return .en
    }

    static let greetings = ["hello", "hi", "hey", "good morning", "ahoj", "dobrý deň", "dobrý den", "dobrý večer",
                            "hallo", "guten tag", "grüß", "servus", "čau"]
    static let summaryWords = ["summar", "zhrň", "zhrnutie", "zhrnúť", "shrň", "shrnutí", "shrnout", "zusammenfass"]

    var notice: String {
        switch self {
        case .en: "— Answer from PPT's built-in assistant (offline; no language model is connected)."
        case .sk: "— Odpoveď vstavaného asistenta PPT (offline; nie je pripojený jazykový model)."
        case .cs: "— Odpověď vestavěného asistenta PPT (offline; není připojen jazykový model)."
        case .de: "— Antwort des eingebauten PPT-Assistenten (offline; kein Sprachmodell verbunden)."
        }
    }

    var greeting: String {
        switch self {
        case .en: "Hello! I am PPT's built-in assistant. I can summarize text you paste and, once your organization's documents are indexed, answer from them with sources."
        case .sk: "Dobrý deň! Som vstavaný asistent PPT. Viem zhrnúť vložený text a keď sú dokumenty vašej organizácie zaindexované, odpovedám z nich aj so zdrojmi."
        case .cs: "Dobrý den! Jsem vestavěný asistent PPT. Umím shrnout vložený text, a jakmile jsou dokumenty vaší organizace zaindexované, odpovídám z nich i se zdroji."
        case .de: "Guten Tag! Ich bin der eingebaute PPT-Assistent. Ich fasse eingefügten Text zusammen und beantworte Fragen aus den indexierten Dokumenten Ihrer Organisation mit Quellen."
        }
    }

    var cannotCompose: String {
        switch self {
        case .en: "Without a language model I cannot compose free-form answers. Ask me to summarize a text (\"Summarize: …\"), or ask about your organization's documents once they are indexed. An administrator can connect OpenAI, Anthropic or a local model in the organization's AI settings."
        case .sk: "Bez jazykového modelu neviem písať voľné odpovede. Požiadajte ma o zhrnutie textu („Zhrň: …“) alebo sa pýtajte na dokumenty organizácie, keď budú zaindexované. Správca môže pripojiť OpenAI, Anthropic alebo lokálny model v nastaveniach AI organizácie."
        case .cs: "Bez jazykového modelu neumím psát volné odpovědi. Požádejte mě o shrnutí textu („Shrň: …“) nebo se ptejte na dokumenty organizace, až budou zaindexované. Správce může připojit OpenAI, Anthropic nebo lokální model v nastavení AI organizace."
        case .de: "Ohne Sprachmodell kann ich keine freien Antworten formulieren. Bitten Sie mich um eine Zusammenfassung („Zusammenfassung: …“) oder fragen Sie nach den Dokumenten Ihrer Organisation, sobald sie indexiert sind. Ein Administrator kann OpenAI, Anthropic oder ein lokales Modell in den KI-Einstellungen verbinden."
        }
    }

    var summaryIntro: String {
        switch self {
        case .en: "Summary (the most informative sentences of the text):"
        case .sk: "Zhrnutie (najdôležitejšie vety textu):"
        case .cs: "Shrnutí (nejdůležitější věty textu):"
        case .de: "Zusammenfassung (die aussagekräftigsten Sätze des Textes):"
        }
    }

    var nothingToSummarize: String {
        switch self {
        case .en: "There is no text to summarize; paste it after \"Summarize:\"."
        case .sk: "Nie je čo zhrnúť; vložte text za „Zhrň:“."
        case .cs: "Není co shrnout; vložte text za „Shrň:“."
        case .de: "Es gibt keinen Text zum Zusammenfassen; fügen Sie ihn nach „Zusammenfassung:“ ein."
        }
    }
}
