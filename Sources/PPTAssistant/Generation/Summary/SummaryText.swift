import Foundation
import PPTDocuments
import PPTDomain
import PPTStorage

/// A document's text for summarizing, in reading order, and the language it is written in.
struct SummaryText: Sendable {
    var segments: [SummarySegment]
    var language: AppLocale?

    /// All text, one segment per paragraph.
    var plainText: String { segments.map(\.text).joined(separator: "\n\n") }
}

/// Reads the text of a document's current version: the search index's chunks when that version is
/// indexed, otherwise the stored bytes through the same extractors the indexer uses (so a document
/// uploaded a moment ago can be summarized). Extraction failures keep their `extraction.*` codes.
struct SummaryTextReader: Sendable {
    let blobs: BlobStore
    let extractor: TextExtractor

    func text(_ source: SummarySource) async throws -> SummaryText {
        let document = source.document
        if let chunks = source.chunks {
            var segments: [SummarySegment] = []
            var heading = ""
            var previous = ""
            for chunk in chunks {
                if !chunk.heading.isEmpty, chunk.heading != heading {
                    heading = chunk.heading
                    segments.append(SummarySegment(heading.components(separatedBy: " › ").last ?? heading,
                                                   isHeading: true))
                }
                var lines = chunk.body.split(whereSeparator: \.isNewline).map(String.init)
                // The indexer repeats the previous chunk's last sentences at the start of the next one.
                if let first = lines.first, lines.count > 1, Self.normalized(previous).hasSuffix(Self.normalized(first)) {
                    lines.removeFirst()
                }
                segments += lines.map { SummarySegment($0) }
                previous = chunk.body
            }
            return try checked(SummaryText(segments: segments, language: document.language ?? source.indexedLanguage
                                           ?? LanguageDetector.detect(segments.map(\.text).joined(separator: " "))))
        }
        guard let format = DocumentFormat(rawValue: document.contentType) else {
            throw DomainError(code: ExtractionFailure.Code.unsupported.rawValue, kind: .invalid,
                              message: "PPT cannot read text from documents stored as \(document.contentType).")
        }
        guard let data = try blobs.get(document.sha256) else {
            throw MissingBlob(sha256: document.sha256)
        }
        let extracted: ExtractedText
        do {
            extracted = try await extractor.extract(data, format: format)
        } catch let failure as ExtractionFailure {
            if failure.code == .noText { throw Self.noText }
            throw DomainError(code: failure.code.rawValue, kind: Self.kind(of: failure.code), message: failure.message)
        }
        let segments = extracted.blocks.map { SummarySegment($0.text, isHeading: $0.isHeading) }
        return try checked(SummaryText(segments: segments,
                                       language: document.language ?? LanguageDetector.detect(extracted.plainText)))
    }

    private static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func checked(_ text: SummaryText) throws -> SummaryText {
        guard text.segments.contains(where: { $0.text.contains { $0.isLetter } }) else { throw Self.noText }
        return text
    }

    /// The stored bytes of a document are missing from the blob store (a server fault, 500).
    struct MissingBlob: Error, CustomStringConvertible {
        let sha256: String
        var description: String { "no blob \(sha256) for a stored document" }
    }

    /// The document has no text to summarize (`summary.no_text`, 422).
    static let noText = DomainError(code: "summary.no_text", kind: .invalid,
                                    message: "The document contains no readable text to summarize.")

    /// Missing server tools are the server's problem (503); a damaged or unreadable file is the request's (422).
    private static func kind(of code: ExtractionFailure.Code) -> DomainErrorKind {
        switch code {
        case .pdftotextMissing, .ocrUnavailable, .timedOut: .unavailable
        case .corrupt, .noText, .unsupported: .invalid
        }
    }
}
