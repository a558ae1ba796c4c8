import Foundation
import PPTDomain

/// Tells Slovak, Czech, German and English apart from their most frequent words and the letters
/// only one of them uses. Enough for routing (stop words, answer language), not a general identifier.
package enum LanguageDetector {
    /// The most likely language of `text`, or `nil` when there is too little evidence.
    package static func detect(_ text: String) -> AppLocale? {
        var scores: [AppLocale: Double] = [:]
        var evidence = 0.0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(5000) {
            for (language, words) in markerWords where words.contains(String(word)) {
                scores[language, default: 0] += 1
                evidence += 1
            }
        }
        var previous: Unicode.Scalar = " "
        for scalar in text.lowercased().unicodeScalars.prefix(50_000) {
            if let (language, weight) = distinctiveLetters[scalar] {
                scores[language, default: 0] += weight
                evidence += weight
            }
            // Slovak's diphthongs ia, ie, iu (dodržiavať, miesto, cudziu) are rare in Czech.
            if previous == "i", scalar == "a" || scalar == "e" || scalar == "u" {
                scores[.sk, default: 0] += 0.25
            }
            previous = scalar
        }
        guard evidence >= 2, let best = scores.max(by: { $0.value < $1.value }) else { return nil }
        return best.key
    }

    /// Frequent function words, written as in running text.
    private static let markerWords: [AppLocale: Set<String>] = [
        .sk: ["je", "sa", "a", "aj", "alebo", "pre", "na", "že", "nie", "sú", "ktorý", "ktorá", "ktoré", "ako",
              "tak", "do", "zo", "pri", "byť", "bude", "môže", "musí", "ich", "jeho", "si", "sme", "ste", "až",
              "keď", "podľa", "ďalšie", "však", "už", "bytu", "domu"],
        .cs: ["je", "se", "a", "i", "nebo", "pro", "na", "že", "ne", "jsou", "který", "která", "které", "jako",
              "tak", "do", "ze", "při", "být", "bude", "může", "musí", "jejich", "jeho", "si", "jsme", "jste", "až",
              "když", "podle", "další", "však", "už", "bytu", "domu", "také", "což"],
        .de: ["der", "die", "das", "und", "ist", "nicht", "mit", "für", "ein", "eine", "auf", "den", "dem", "des",
              "zu", "im", "sich", "von", "werden", "wird", "sind", "bei", "oder", "auch", "nach", "wenn", "über"],
        .en: ["the", "and", "is", "of", "to", "in", "for", "with", "are", "be", "on", "that", "this", "it", "by",
              "or", "not", "at", "from", "as", "an", "will", "must", "may", "what", "when", "my", "your", "which"],
    ]

    /// Letters that point to one language, with how strongly.
    private static let distinctiveLetters: [Unicode.Scalar: (AppLocale, Double)] = [
        "ľ": (.sk, 3), "ĺ": (.sk, 3), "ŕ": (.sk, 3), "ô": (.sk, 3), "ä": (.sk, 0.5), "ť": (.sk, 1),
        "ř": (.cs, 3), "ů": (.cs, 3), "ě": (.cs, 3),
        "ß": (.de, 3), "ü": (.de, 2), "ö": (.de, 2),
    ]
}

/// Words too common to help a full-text query, folded (lower case, no diacritics), in all four languages.
package enum StopWords {
    /// Whether `folded` (output of `SearchText.fold`) is a stop word in any of PPT's languages.
    package static func contains(_ folded: String) -> Bool { all.contains(folded) }

    private static let all: Set<String> = [
        // sk / cs
        "a", "aj", "i", "ale", "alebo", "nebo", "ako", "jako", "by", "do", "je", "su", "jsou", "k", "ku", "na", "nie",
        "ne", "o", "od", "po", "pre", "pro", "pri", "s", "so", "se", "sa", "si", "sme", "ste", "ta", "tak", "ten",
        "to", "tu", "v", "vo", "ve", "z", "zo", "ze", "za", "co", "ci", "ktory", "ktora", "ktore", "ktery", "ktera",
        "ktere", "mi", "ma", "mam", "mne", "moj", "moja", "moje", "muj", "nas", "vas", "ho", "mu", "jej",
        "jeho", "ich", "jejich", "bol", "bola", "bolo", "byl", "byla", "bylo", "bude", "budu", "kedy", "kdy",
        "kde", "aky", "aka", "ake", "jaky", "jaka", "jake", "preco", "proc", "jak", "mozem", "muzu", "treba",
        "potrebujem", "potrebuji", "prosim", "dakujem", "dekuji", "hovori", "pise", "rika", "uz", "este",
        "jeste", "aby", "ked", "kdyz", "podla", "podle", "vsak", "vsetko", "vse",
        // de
        "der", "die", "das", "und", "ist", "nicht", "mit", "fur", "ein", "eine", "einen", "auf", "den", "dem", "des",
        "zu", "im", "in", "sich", "von", "werden", "wird", "sind", "bei", "oder", "auch", "nach", "wenn", "uber",
        "was", "wann", "wo", "wie", "mein", "meine", "wir", "sie", "es", "gibt",
        // en
        "the", "and", "is", "of", "for", "with", "are", "be", "on", "that", "this", "it", "or", "not",
        "at", "from", "as", "an", "will", "must", "may", "what", "when", "where", "who", "how", "why", "my", "your",
        "which", "does", "did", "can", "we", "you", "our", "there", "say", "says", "about", "have",
        "has", "if", "me", "should", "would", "could", "any", "am",
    ]
}
