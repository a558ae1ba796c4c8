import Foundation
import PPTDomain

/// Writes a lease draft as a standalone HTML page: `lang` of the contract language (and of the
/// companion language on translations), every text escaped, articles with their legal basis in
/// small print, and signature lines.
package enum LeaseHTMLWriter {
    /// The UTF-8 HTML of `draft` for the parties of `facts`.
    package static func render(_ draft: LeaseDraft, facts: LeaseFacts) -> Data {
        let e = LeaseMarkup.escape
        let format = LeaseFormat(draft.language)
        let companion = draft.bilingual.map { #" lang="\#($0.rawValue)""# } ?? ""
        var html = """
            <!DOCTYPE html>
            <html lang="\(draft.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(e(draft.title))</title>
            <style>
            body { font-family: Calibri, Arial, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.45; }
            h1 { text-align: center; font-size: 1.6rem; }
            h2 { font-size: 1.1rem; margin-top: 1.5rem; }
            .legal-basis { font-size: 0.75rem; color: #666; }
            .translation { font-style: italic; color: #444; }
            .signatures { display: flex; flex-wrap: wrap; gap: 3rem; margin-top: 3rem; }
            .signature { min-width: 14rem; border-top: 1px solid #000; padding-top: 0.3rem; }
            </style>
            </head>
            <body>
            <h1>\(e(draft.title))</h1>

            """
        if let translated = draft.translatedTitle {
            html += "<p class=\"translation\"\(companion)>\(e(translated))</p>\n"
        }
        for (index, section) in draft.sections.enumerated() {
            html += "<section id=\"\(e(section.key))\">\n"
            html += "<h2>\(e(LeaseMarkup.article(index + 1, draft.language))) \(e(section.title))</h2>\n"
            for line in section.text.split(separator: "\n", omittingEmptySubsequences: true) {
                html += "<p>\(e(String(line)))</p>\n"
            }
            if let basis = section.legalBasis {
                html += "<p class=\"legal-basis\">\(e(format.legalBasisLabel)): \(e(basis))</p>\n"
            }
            if let translation = section.translation {
                html += "<div class=\"translation\"\(companion)>\n<h3>\(e(translation.title))</h3>\n"
                for line in translation.text.split(separator: "\n", omittingEmptySubsequences: true) {
                    html += "<p>\(e(String(line)))</p>\n"
                }
                html += "</div>\n"
            }
            html += "</section>\n"
        }
        html += "<div class=\"signatures\">\n"
        for caption in LeaseMarkup.signatures(draft, facts: facts) {
            html += "<div class=\"signature\">\(e(caption))</div>\n"
        }
        html += "</div>\n</body>\n</html>\n"
        return Data(html.utf8)
    }
}
