import Foundation
import PPTDocuments
import PPTDomain

/// Writes a lease draft as a minimal WordprocessingML package (DOCX): content types, package and
/// document relationships, core properties, styles (Normal, Title, Heading 1, Heading 2, legal
/// basis in small text, translation, signature) and the document: title, numbered articles, each
/// with its legal basis and (bilingual) translation, and a signature line per party.
package enum LeaseDOCXWriter {
    /// The DOCX bytes of `draft` for the parties of `facts`.
    package static func render(_ draft: LeaseDraft, facts: LeaseFacts, created: Date) throws -> Data {
        do {
            return try WordprocessingPackage(title: draft.title, language: draft.language.rawValue, styles: styles,
                                             paragraphs: paragraphs(draft, facts: facts)).data(created: created)
        } catch {
            throw DomainError(code: "lease.render_failed", kind: .unavailable, message: "The DOCX could not be written.")
        }
    }

    private static func paragraphs(_ draft: LeaseDraft, facts: LeaseFacts) -> [String] {
        let paragraph = WordprocessingPackage.paragraph
        let format = LeaseFormat(draft.language)
        var xml = [paragraph("Title", draft.title, nil)]
        if let translated = draft.translatedTitle, let bilingual = draft.bilingual {
            xml.append(paragraph("Translation", translated, bilingual.rawValue))
        }
        for (index, section) in draft.sections.enumerated() {
            xml.append(paragraph("Heading1", "\(LeaseMarkup.article(index + 1, draft.language)) \(section.title)", nil))
            for line in section.text.split(separator: "\n", omittingEmptySubsequences: true) {
                xml.append(paragraph("Normal", String(line), nil))
            }
            if let basis = section.legalBasis {
                xml.append(paragraph("LegalBasis", "\(format.legalBasisLabel): \(basis)", nil))
            }
            if let translation = section.translation, let bilingual = draft.bilingual {
                xml.append(paragraph("Heading2", translation.title, bilingual.rawValue))
                for line in translation.text.split(separator: "\n", omittingEmptySubsequences: true) {
                    xml.append(paragraph("Translation", String(line), bilingual.rawValue))
                }
            }
        }
        for signature in LeaseMarkup.signatures(draft, facts: facts) {
            xml.append(paragraph("Signature", "______________________________", nil))
            xml.append(paragraph("Signature", signature, nil))
        }
        return xml
    }

    private static let styles: [String] = {
        let style = WordprocessingPackage.style
        return [
            style("Normal", "Normal", #"<w:jc w:val="both"/>"#, ""),
            style("Title", "Title", #"<w:jc w:val="center"/><w:spacing w:after="240"/>"#, #"<w:b/><w:sz w:val="32"/>"#),
            style("Heading1", "heading 1",
                  #"<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/>"#,
                  #"<w:b/><w:sz w:val="24"/>"#),
            style("Heading2", "heading 2",
                  #"<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/>"#,
                  #"<w:b/><w:i/><w:sz w:val="20"/><w:color w:val="444444"/>"#),
            style("LegalBasis", "Legal Basis", #"<w:spacing w:after="60"/>"#,
                  #"<w:sz w:val="16"/><w:color w:val="666666"/>"#),
            style("Translation", "Translation", "", #"<w:i/><w:sz w:val="20"/><w:color w:val="444444"/>"#),
            style("Signature", "Signature", #"<w:keepNext/><w:spacing w:before="480" w:after="0"/>"#, ""),
        ]
    }()
}

/// Shared pieces of the DOCX and HTML renderings.
enum LeaseMarkup {
    /// `text` with the XML/HTML special characters escaped and control characters (invalid in XML)
    /// dropped, tabs and line breaks excepted.
    static func escape(_ text: String) -> String { WordprocessingPackage.escape(text) }

    /// `Čl. 3` / `Article 3` / `Artikel 3`.
    static func article(_ number: Int, _ language: AppLocale) -> String {
        switch language {
        case .sk, .cs: "Čl. \(number)"
        case .en: "Article \(number)"
        case .de: "Artikel \(number)"
        }
    }

    /// The captions under the signature lines: the landlord, then each tenant.
    static func signatures(_ draft: LeaseDraft, facts: LeaseFacts) -> [String] {
        let labels = LeaseFormat(draft.language).signatureLabels
        let companion = draft.bilingual.map { LeaseFormat($0).signatureLabels }
        func caption(_ role: String, _ translated: String?, _ name: String) -> String {
            "\(role)\(translated.map { " / \($0)" } ?? ""): \(name)"
        }
        return [caption(labels.landlord, companion?.landlord, facts.lease.landlord.name.leaseTrimmed)]
            + facts.tenantNames.map { caption(labels.tenant, companion?.tenant, $0) }
    }
}
