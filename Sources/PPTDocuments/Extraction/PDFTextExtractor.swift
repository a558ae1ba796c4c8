import Foundation

/// Text from PDFs through poppler's `pdftotext`, page by page; pages without a text layer (scans)
/// go through OCR when tesseract is installed.
package struct PDFTextExtractor: Sendable {
    private let pdftotext: ExternalCommand?
    private let ocr: OCREngine

    /// Uses the tools installed on this machine.
    package init(pdftotext: ExternalCommand? = ExternalCommand.locate("pdftotext"), ocr: OCREngine = OCREngine()) {
        self.pdftotext = pdftotext
        self.ocr = ocr
    }

    /// A page with fewer visible characters than this is taken for a scanned image.
    static let scannedPageThreshold = 16

    package func extract(_ data: Data) async throws -> ExtractedText {
        guard let pdftotext else {
            throw ExtractionFailure(.pdftotextMissing,
                                    "PDF text extraction needs pdftotext (Debian package poppler-utils) on the server.")
        }
        return try await TemporaryFile.with(data, suffix: ".pdf") { file in
            let output = try await pdftotext.run(["-enc", "UTF-8", "-eol", "unix", file.path, "-"])
            guard output.status == 0 else {
                throw ExtractionFailure(.corrupt, "The PDF could not be read: \(Self.firstLine(output.standardError)).")
            }
            // pdftotext ends every page with a form feed.
            var pages = String(decoding: output.standardOutput, as: UTF8.self)
                .split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
            if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
            let visible = pages.reduce(0) { $0 + $1.unicodeScalars.count { !$0.properties.isWhitespace } }
            if visible < Self.scannedPageThreshold * max(1, pages.count) {
                return try await ocrPages(file, pageCount: max(1, pages.count))
            }
            let blocks = pages.enumerated().flatMap { index, text in PageText.blocks(text, page: index + 1) }
            return ExtractedText(blocks: blocks, pageCount: pages.count, method: .pdftotext)
        }
    }

    private func ocrPages(_ file: URL, pageCount: Int) async throws -> ExtractedText {
        guard ocr.isAvailable, let renderer = ExternalCommand.locate("pdftoppm") else {
            throw ExtractionFailure(.ocrUnavailable,
                                    "The PDF holds scanned pages without text; OCR needs tesseract (Debian package "
                                        + "tesseract-ocr) and pdftoppm on the server.")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rendered = try await renderer.run(["-r", "300", "-gray", "-png", file.path,
                                               directory.appendingPathComponent("page").path])
        guard rendered.status == 0 else {
            throw ExtractionFailure(.corrupt, "The PDF's pages could not be rendered: \(Self.firstLine(rendered.standardError)).")
        }
        let images = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".png") }.sorted(by: Self.pageOrder)
        var blocks: [TextBlock] = []
        for (index, image) in images.enumerated() {
            let text = try await ocr.recognize(imageAt: directory.appendingPathComponent(image))
            blocks += PageText.blocks(text, page: index + 1)
        }
        guard !blocks.isEmpty else {
            throw ExtractionFailure(.noText, "OCR found no text in the PDF's \(pageCount) page(s).")
        }
        return ExtractedText(blocks: blocks, pageCount: images.count, method: .ocr)
    }

    /// `page-2.png` before `page-10.png`.
    private static func pageOrder(_ a: String, _ b: String) -> Bool {
        func number(_ name: String) -> Int {
            Int(name.split(whereSeparator: { !$0.isNumber }).last.map(String.init) ?? "") ?? 0
        }
        return number(a) < number(b)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
        return String(line.prefix(200))
    }
}

/// Optical character recognition through tesseract, in the languages PPT serves that are installed.
package struct OCREngine: Sendable {
    private let tesseract: ExternalCommand?

    package init(tesseract: ExternalCommand? = ExternalCommand.locate("tesseract")) {
        self.tesseract = tesseract
    }

    /// Whether tesseract is installed.
    package var isAvailable: Bool { tesseract != nil }

    /// The text tesseract reads in the image file.
    package func recognize(imageAt url: URL) async throws -> String {
        guard let tesseract else {
            throw ExtractionFailure(.ocrUnavailable, "Reading text from images needs tesseract (Debian package "
                                        + "tesseract-ocr) on the server.")
        }
        let languages = try await installedLanguages(tesseract)
        var arguments = [url.path, "-"]
        if !languages.isEmpty { arguments += ["-l", languages.joined(separator: "+")] }
        let output = try await tesseract.run(arguments)
        guard output.status == 0 else {
            throw ExtractionFailure(.corrupt, "OCR could not read the image: \(PDFTextExtractor.firstLine(output.standardError)).")
        }
        return String(decoding: output.standardOutput, as: UTF8.self)
    }

    /// Tesseract models for Slovak, Czech, German and English that are installed, in that order.
    private func installedLanguages(_ tesseract: ExternalCommand) async throws -> [String] {
        let output = try await tesseract.run(["--list-langs"], timeout: .seconds(10))
        let listed = Set(String(decoding: output.standardOutput, as: UTF8.self)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        return ["slk", "ces", "deu", "eng"].filter(listed.contains)
    }
}

/// Turns one page of plain text (from pdftotext or OCR) into blocks: lines joined into paragraphs at
/// blank lines, words split across lines rejoined, short unpunctuated single lines taken for headings.
enum PageText {
    static func blocks(_ text: String, page: Int?) -> [TextBlock] {
        var blocks: [TextBlock] = []
        var lines: [String] = []
        func flush() {
            guard !lines.isEmpty else { return }
            let joined = join(lines)
            lines = []
            guard !joined.isEmpty else { return }
            blocks.append(TextBlock(looksLikeHeading(joined) ? .heading(level: 2) : .paragraph,
                                    joined, page: page))
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
                continue
            }
            if line.count >= 3, line.allSatisfy({ $0 == "=" || $0 == "-" }) {
                // An underline (plain-text and setext headings) makes the single line above a heading.
                if lines.count == 1 {
                    blocks.append(TextBlock(.heading(level: line.first == "=" ? 1 : 2), lines[0], page: page))
                    lines = []
                } else {
                    flush()
                }
                continue
            }
            if startsNewItem(line) { flush() }
            lines.append(line)
            // A clause heading ("Čl. 3 Domáce zvieratá") stands alone even when text follows directly.
            if lines.count == 1, isHeadingMarker(line), looksLikeHeading(line) { flush() }
        }
        flush()
        return blocks
    }

    /// Joins wrapped lines; a hyphen at a line end followed by a lower-case letter was a split word.
    static func join(_ lines: [String]) -> String {
        var result = ""
        for line in lines {
            if result.hasSuffix("-"), let first = line.first, first.isLowercase,
               let before = result.dropLast().last, before.isLetter {
                result.removeLast()
                result += line
            } else {
                result += result.isEmpty ? line : " " + line
            }
        }
        return result
    }

    /// Numbered clauses and bullets begin a new block even without a blank line before them.
    private static func startsNewItem(_ line: String) -> Bool {
        if line.hasPrefix("• ") || line.hasPrefix("- ") || line.hasPrefix("– ") { return true }
        let digits = line.prefix(while: \.isNumber)
        if (1...3).contains(digits.count), line.dropFirst(digits.count).hasPrefix(". ")
            || line.dropFirst(digits.count).hasPrefix(") ") { return true }
        return isHeadingMarker(line)
    }

    /// "Čl. 3", "Article 3", "§ 5", "Článok", "Section".
    private static func isHeadingMarker(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ["čl. ", "článok ", "article ", "§ ", "section ", "část ", "kapitola ", "abschnitt "]
            .contains { lower.hasPrefix($0) }
    }

    private static func looksLikeHeading(_ text: String) -> Bool {
        guard text.count <= 80, let last = text.last else { return false }
        return !".,;:!?".contains(last) && text.split(separator: " ").count <= 12 && text.first?.isLowercase == false
    }
}

/// A file in the temporary directory for the duration of `body`.
enum TemporaryFile {
    static func with<T: Sendable>(_ data: Data, suffix: String, _ body: (URL) async throws -> T) async throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-\(UUID().uuidString)\(suffix)")
        try data.write(to: url, options: .atomic)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }
}
