import Foundation
import PPTDomain

/// One structural piece of a document's text, in reading order.
package struct TextBlock: Sendable, Hashable {
    /// What the block is, so the chunker can start chunks at headings and keep table rows together.
    package enum Kind: Sendable, Hashable {
        /// A heading; level 1 is the top.
        case heading(level: Int)
        case paragraph
        case listItem
        /// One table row, its cells joined by " | ".
        case tableRow
    }

    package var kind: Kind
    package var text: String
    /// 1-based page number where the format has pages (PDF); `nil` otherwise.
    package var page: Int?

    package init(_ kind: Kind, _ text: String, page: Int? = nil) {
        self.kind = kind
        self.text = text
        self.page = page
    }

    /// Whether the block is a heading.
    package var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }
}

/// How text was obtained from a file.
package enum ExtractionMethod: String, Codable, Sendable {
    case pdftotext, ocr, docx, text, markdown, html
}

/// A document's text, ready to chunk.
package struct ExtractedText: Sendable, Hashable {
    package var blocks: [TextBlock]
    /// Number of pages for paged formats; `nil` otherwise.
    package var pageCount: Int?
    package var method: ExtractionMethod

    package init(blocks: [TextBlock], pageCount: Int? = nil, method: ExtractionMethod) {
        self.blocks = blocks
        self.pageCount = pageCount
        self.method = method
    }

    /// All text, blocks separated by blank lines.
    package var plainText: String { blocks.map(\.text).joined(separator: "\n\n") }

    /// Number of characters of text, ignoring whitespace.
    package var visibleCharacterCount: Int {
        blocks.reduce(0) { $0 + $1.text.unicodeScalars.count { !$0.properties.isWhitespace } }
    }
}

/// Why a document's text could not be extracted. The `code` is stable and shown per document in the API.
package struct ExtractionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable reason.
    package enum Code: String, Codable, Sendable {
        /// `pdftotext` (poppler-utils) is not installed on the server.
        case pdftotextMissing = "extraction.pdftotext_missing"
        /// The file holds only images and OCR (tesseract) is not installed.
        case ocrUnavailable = "extraction.ocr_unavailable"
        /// The file is damaged or not what its type says.
        case corrupt = "extraction.corrupt"
        /// The file was read but holds no text (also after OCR).
        case noText = "extraction.no_text"
        /// The format carries no text PPT can read.
        case unsupported = "extraction.unsupported"
        /// An external tool ran past its time limit.
        case timedOut = "extraction.timed_out"
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
