import Foundation

/// Splits listing prose into paragraphs and sentences for `TextLimiter`: a sentence ends at `.`, `!`,
/// `?` or `…` followed by white space and an upper-case letter, a digit or a quote, except after the
/// abbreviations, single letters and one- or two-digit ordinals of the four languages ("č. 5",
/// "z. B. Küche", "im 3. Stock").
enum Sentences {
    /// One sentence and the paragraph (0-based) it belongs to.
    struct Piece: Sendable, Hashable {
        var text: String
        var paragraph: Int
        /// What joins it to the previous sentence of its paragraph (a space, or a line break).
        var lead: String
    }

    static func split(_ text: String) -> [Piece] {
        let paragraphs = text.components(separatedBy: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var pieces: [Piece] = []
        var paragraph = 0
        var sawText = false
        for line in paragraphs {
            if line.isEmpty {
                if sawText { paragraph += 1; sawText = false }
                continue
            }
            for (index, sentence) in sentences(of: line).enumerated() {
                pieces.append(Piece(text: sentence, paragraph: paragraph, lead: index == 0 && sawText ? "\n" : " "))
            }
            sawText = true
        }
        return pieces
    }

    /// Whether `text` ends where a sentence ends.
    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.trimmingCharacters(in: .whitespaces).last else { return false }
        return ".!?…".contains(last) || (["\"", "“", "”", "»", ")"].contains(last) && text.dropLast().last.map {
            ".!?…".contains($0)
        } == true)
    }

    private static func sentences(of line: String) -> [String] {
        var result: [String] = []
        var start = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if ".!?…".contains(character), next < line.endIndex, line[next].isWhitespace,
               let following = line[next...].first(where: { !$0.isWhitespace }),
               following.isUppercase || following.isNumber || "\"“„»(".contains(following),
               !(character == "." && isAbbreviation(before: index, in: line, from: start)) {
                result.append(line[start...index].trimmingCharacters(in: .whitespaces))
                start = next
            }
            index = next
        }
        let rest = line[start...].trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    private static func isAbbreviation(before dot: String.Index, in line: String, from start: String.Index) -> Bool {
        let word = line[start..<dot].split(whereSeparator: { $0.isWhitespace }).last.map { $0.lowercased() } ?? ""
        // Ordinals ("3. poschodie", "im 2. Obergeschoss"); a sentence ending in a short number stays joined to
        // the next one, which only makes the unit kept or dropped larger, never cuts it.
        if word.count <= 1 || (word.count <= 2 && word.allSatisfy(\.isNumber)) { return true }
        return abbreviations.contains(word.trimmingCharacters(in: .punctuationCharacters))
    }

    private static let abbreviations: Set<String> = [
        "č", "ul", "tzv", "napr", "atď", "resp", "tj", "t.j", "cca", "min", "max", "mil", "tis", "str", "kpt",
        "ing", "mgr", "bc", "judr", "mudr", "doc", "prof", "např", "apod", "tzn", "nám", "obr",
        "z.b", "bzw", "ca", "nr", "inkl", "zzgl", "evtl", "ggf", "usw", "etc", "vgl", "u.a",
        "approx", "no", "e.g", "i.e", "mr", "mrs", "dr", "st", "vs", "sq", "incl",
    ]
}
