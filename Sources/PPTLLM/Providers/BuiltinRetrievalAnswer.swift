import Foundation
import PPTDomain

/// The built-in provider's answer from retrieved passages: the sentences that share the most words
/// with the question, each followed by the number of its source — extractive, never invented.
enum BuiltinRetrievalAnswer {
    /// Sentences quoted at most.
    static let maxSentences = 3

    static func answer(question: String, sources: [LLMSourcesPrompt.Source], language: BuiltinLanguage) -> String {
        guard !sources.isEmpty else { return language.nothingFound }
        let terms = Set(stems(question))
        var candidates: [(score: Int, source: Int, position: Int, sentence: String)] = []
        for source in sources {
            for (position, sentence) in sentences(source.text).enumerated() {
                let score = Set(stems(sentence)).intersection(terms).count
                if score > 0 { candidates.append((score, source.number, position, sentence)) }
            }
        }
        let best = candidates.sorted { a, b in
            a.score != b.score ? a.score > b.score : (a.source, a.position) < (b.source, b.position)
        }.prefix(maxSentences).sorted { ($0.source, $0.position) < ($1.source, $1.position) }
        if best.isEmpty {
            // Retrieval ranked these passages first without a shared word (by meaning): show the top one.
            let first = sentences(sources[0].text).prefix(2).joined(separator: " ")
            return language.closestPassage + "\n\n" + first + " [\(sources[0].number)]"
        }
        return language.fromDocuments + "\n\n" + best.map { "\($0.sentence) [\($0.source)]" }.joined(separator: "\n")
    }

    /// Content words of `text`, folded, cut to a five-letter stem (Slavic inflection changes endings).
    static func stems(_ text: String) -> [String] {
        let words = SearchText.fold(text).split(whereSeparator: { (character: Character) in
            !(character.isLetter || character.isNumber)
        })
        return words.filter { $0.count >= 4 || $0.allSatisfy(\.isNumber) }.map { String($0.prefix(5)) }
    }

    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let afterNext = index + 2 < characters.count ? characters[index + 2] : "A"
            if ".!?".contains(character), next == " ", afterNext.isUppercase || afterNext.isNumber, current.count > 20 {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }
}

extension BuiltinLanguage {
    var fromDocuments: String {
        switch self {
        case .en: "From your organization's documents:"
        case .sk: "Podľa dokumentov vašej organizácie:"
        case .cs: "Podle dokumentů vaší organizace:"
        case .de: "Laut den Dokumenten Ihrer Organisation:"
        }
    }

    var closestPassage: String {
        switch self {
        case .en: "I found no passage that answers this word for word; the closest one is:"
        case .sk: "Nenašiel som pasáž, ktorá by na to odpovedala doslova; najbližšia je:"
        case .cs: "Nenašel jsem pasáž, která by na to odpovídala doslova; nejbližší je:"
        case .de: "Ich habe keine wörtlich passende Stelle gefunden; am nächsten kommt:"
        }
    }

    var nothingFound: String {
        switch self {
        case .en: "I found nothing about this in the documents you can read. Try other words, or ask the manager."
        case .sk: "V dokumentoch, ku ktorým máte prístup, som o tom nič nenašiel. Skúste iné slová alebo sa obráťte na správcu."
        case .cs: "V dokumentech, ke kterým máte přístup, jsem o tom nic nenašel. Zkuste jiná slova nebo se obraťte na správce."
        case .de: "In den Dokumenten, auf die Sie Zugriff haben, habe ich dazu nichts gefunden. Versuchen Sie andere Wörter oder fragen Sie die Verwaltung."
        }
    }
}
