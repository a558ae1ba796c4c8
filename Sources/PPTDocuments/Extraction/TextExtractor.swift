import Foundation
import PPTDomain

/// Chooses the reader for a stored document's format.
package struct TextExtractor: Sendable {
    private let pdf: PDFTextExtractor
    private let ocr: OCREngine

    /// Uses the tools installed on this machine (pdftotext, pdftoppm, tesseract).
    package init(pdf: PDFTextExtractor = PDFTextExtractor(), ocr: OCREngine = OCREngine()) {
        self.pdf = pdf
        self.ocr = ocr
    }

    /// The text of `data`, stored as `format`.
    package func extract(_ data: Data, format: DocumentFormat) async throws -> ExtractedText {
        let extracted: ExtractedText
        switch format {
        case .pdf:
            extracted = try await pdf.extract(data)
        case .docx:
            extracted = try DOCXTextExtractor.extract(data)
        case .text:
            extracted = MarkupTextExtractor.plainText(try Self.utf8(data))
        case .markdown:
            extracted = MarkupTextExtractor.markdown(try Self.utf8(data))
        case .html:
            extracted = HTMLTextExtractor.extract(try Self.utf8(data))
        case .png, .jpeg, .webp:
            guard ocr.isAvailable else {
                throw ExtractionFailure(.ocrUnavailable, "Reading text from images needs tesseract (Debian package "
                                            + "tesseract-ocr) on the server.")
            }
            let suffix = format == .png ? ".png" : format == .jpeg ? ".jpg" : ".webp"
            let text = try await TemporaryFile.with(data, suffix: suffix) { try await ocr.recognize(imageAt: $0) }
            extracted = ExtractedText(blocks: PageText.blocks(text, page: 1), pageCount: 1, method: .ocr)
        }
        guard extracted.visibleCharacterCount > 0 else {
            throw ExtractionFailure(.noText, "The file contains no readable text.")
        }
        return extracted
    }

    private static func utf8(_ data: Data) throws -> String {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ExtractionFailure(.corrupt, "The file is not valid UTF-8 text.")
        }
        return text
    }
}
