import Foundation
import PPTDomain

/// Finds sentences that ask someone to do something: an obligation ("musí", "je potrebné", "je nutné",
/// "muss", "must", "required") or a deadline ("do 15. 3. 2026", "bis", "by", "deadline", "najneskôr"),
/// with the first date the sentence names as the due date.
package enum ActionItemFinder {
    /// At most `limit` action items from `sentences`, in reading order, duplicates left out.
    package static func actionItems(in sentences: [String], limit: Int = 10) -> [SummaryActionItem] {
        var items: [SummaryActionItem] = []
        var seen = Set<String>()
        for sentence in sentences where items.count < limit {
            let folded = " " + SearchText.fold(sentence).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .joined(separator: " ") + " "
            let date = SummaryDates.firstDate(in: sentence)
            let obliges = obligations.contains { folded.contains(" \($0) ") }
            let deadline = date != nil && deadlineWords.contains { folded.contains(" \($0) ") }
            guard obliges || deadline, seen.insert(folded).inserted else { continue }
            items.append(SummaryActionItem(text: sentence, due: date?.description))
        }
        return items
    }

    /// Obligation cues, folded (lower case, no diacritics), in sk, cs, de and en.
    private static let obligations: [String] = [
        // sk
        "musi", "musia", "musite", "je potrebne", "je povinny", "je povinna", "su povinni", "je nutne", "treba",
        "najneskor", "ziadame", "povinnost", "termin", "lehota",
        // cs
        "musime", "je nutne", "je treba", "je potreba", "je povinen", "jsou povinni", "nejpozdeji", "zadame",
        "povinnost", "lhuta",
        // de
        "muss", "mussen", "ist verpflichtet", "sind verpflichtet", "spatestens", "frist", "bitten",
        "erforderlich",
        // en
        "must", "shall", "required", "is obliged", "deadline", "no later than", "please", "due",
    ]

    /// Words that make a dated sentence a deadline: "until / by" in the four languages.
    private static let deadlineWords: [String] = ["do", "bis", "by", "until", "before", "pred", "vor"]
}
