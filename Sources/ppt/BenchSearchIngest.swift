import ArgumentParser
import Foundation
import Logging
import PPTApp
import PPTDocuments
import PPTDomain
import PPTStorage

extension BenchCommand {
    /// `ppt bench ingest`: indexing a long PDF end to end, against pdftotext alone.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the indexing of a generated PDF and print one JSON line of results.",
            discussion: """
                Writes a --pages page PDF of generated Slovak text (PPT's own PDF writer, the one the demo \
                documents use; its page count is checked with pdfinfo when installed), uploads it --runs times \
                into a fresh database (SQLite, or a new database on --database-url) and times DocumentIndexer \
                end to end for each: pdftotext extraction, language detection, chunking, built-in embeddings \
                through the LLM gateway, and storing chunks, access keys and status. The reference is pdftotext \
                alone on the same file, run as the extractor runs it, --runs times in the same process. \
                Medians are reported; one more run times the stages separately.
                """)

        @Option(help: "Pages of the generated PDF.")
        var pages = 100

        @Option(help: "Timed runs (the median is reported).")
        var runs = 3

        @Option(help: "PostgreSQL server URL (a database is created on it for the run); SQLite when absent.")
        var databaseURL: String?

        @Option(help: "Seed of the generated text.")
        var seed: UInt64 = 1

        func validate() throws {
            guard (1...2_000).contains(pages) else { throw ValidationError("--pages must be 1…2000.") }
            guard (1...50).contains(runs) else { throw ValidationError("--runs must be 1…50.") }
        }

        func run() async throws {
            let logger = BenchLog.logger("ppt.bench.ingest")
            let (pages, runs, seed) = (self.pages, self.runs, self.seed)
            let line = try await BenchEnvironment.with(postgresURL: databaseURL, logger: logger) { runtime in
                try await IngestBenchmark(runtime: runtime, logger: logger).run(pages: pages, runs: runs, seed: seed)
            }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}

/// One run of `ppt bench ingest`; returns the JSON line.
struct IngestBenchmark: Sendable {
    let runtime: Runtime
    let logger: Logger

    func run(pages: Int, runs: Int, seed: UInt64) async throws -> String {
        let pdf = try BenchPDF.make(pages: pages, seed: seed)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-bench-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let checked = try await BenchPDF.pdfinfoPages(file)
        if let checked, checked != pages { throw BenchFailure("pdfinfo counts \(checked) pages, not \(pages).") }
        BenchLog.say("ingest benchmark on \(runtime.database.dialect.rawValue): \(pages)-page PDF, "
                     + "\(pdf.count / 1024) KiB (pdfinfo: \(checked.map(String.init) ?? "not installed"))")
        guard let pdftotext = ExternalCommand.locate("pdftotext") else {
            throw BenchFailure("pdftotext (poppler-utils) is not installed.")
        }
        let people = try await BenchPeople.make(runtime, buildings: 1, unitsPerBuilding: 2)
        let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
        let indexer = DocumentIndexer(repository: runtime.search.repository, embedder: runtime.search.embedder)
        let clock = ContinuousClock()
        var indexing: [Double] = [], extraction: [Double] = [], chunkCount = 0
        var last: Document?
        for run in 0..<runs {
            let document = try await documents.upload(
                people.admin, DocumentMetadataInput(title: "Stanovy spoločenstva \(run + 1)", category: "bench"),
                file: DocumentFile(fileName: "stanovy.pdf", declaredType: "application/pdf", data: pdf))
            let start = clock.now
            let outcome = try await indexer.index(organizationID: people.organizationID, documentID: document.id,
                                                  version: nil, logger: logger)
            indexing.append(BenchClock.seconds(clock.now - start))
            guard case .indexed(let chunks, let embedded) = outcome, embedded == chunks else {
                throw BenchFailure("Indexing ended as \(outcome), not indexed with embeddings.")
            }
            chunkCount = chunks
            last = document
            let reference = clock.now
            let output = try await pdftotext.run(["-enc", "UTF-8", "-eol", "unix", file.path, "-"])
            extraction.append(BenchClock.seconds(clock.now - reference))
            guard output.status == 0 else { throw BenchFailure("pdftotext failed: \(output.standardError)") }
            BenchLog.say(String(format: "  run %d: indexed %d chunks in %.3f s; pdftotext alone %.3f s", run + 1,
                                chunks, indexing.last ?? 0, extraction.last ?? 0))
        }
        let stages = try await self.stages(pdf, document: last!)
        let median = Self.median(indexing), reference = Self.median(extraction)
        BenchLog.say(String(format: "  median: indexing %.3f s, pdftotext %.3f s, ratio %.1fx; %d pages, %d chunks",
                            median, reference, reference > 0 ? median / reference : 0, pages, chunkCount))
        BenchLog.say("  stages of one more run (s): "
                     + stages.map { "\($0.0) " + String(format: "%.3f", $0.1) }.joined(separator: ", "))
        var object: [String: Any] = [
            "engine": runtime.database.dialect.rawValue, "pages": pages,
            "pdfinfoPages": checked.map { $0 as Any } ?? NSNull(),
            "bytes": pdf.count, "chunks": chunkCount, "runs": indexing, "medianSeconds": median,
            "pdftotextRuns": extraction, "pdftotextMedianSeconds": reference,
            "ratio": reference > 0 ? median / reference : 0, "peakMB": ProcessMemory.read().peakMB,
        ]
        object["stages"] = Dictionary(stages, uniquingKeysWith: { first, _ in first })
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The indexer's steps, timed one by one on the stored document (its chunks are replaced again).
    private func stages(_ pdf: Data, document: Document) async throws -> [(String, Double)] {
        let clock = ContinuousClock()
        var start = clock.now
        var stages: [(String, Double)] = []
        func lap(_ name: String) {
            stages.append((name, BenchClock.seconds(clock.now - start)))
            start = clock.now
        }
        let extracted = try await TextExtractor().extract(pdf, format: .pdf)
        lap("extract")
        let language = LanguageDetector.detect(extracted.plainText)
        lap("language")
        let chunks = Chunker().chunks(extracted)
        lap("chunk")
        var vectors: [[Float]] = []
        var model = ""
        for first in stride(from: 0, to: chunks.count, by: DocumentIndexer.embeddingBatchSize) {
            let batch = chunks[first..<min(chunks.count, first + DocumentIndexer.embeddingBatchSize)]
            guard let answer = try await runtime.search.embedder.embed(
                batch.map { $0.heading.isEmpty ? $0.text : $0.heading + "\n" + $0.text },
                organizationID: document.organizationID, userID: nil)
            else { throw BenchFailure("No embeddings.") }
            vectors += answer.vectors.map(VectorIndex.normalized)
            model = answer.model
        }
        lap("embed")
        let records = chunks.enumerated().map { index, chunk in
            ChunkRecord(ordinal: chunk.ordinal, page: chunk.page, heading: chunk.heading, body: chunk.text,
                        tokenCount: chunk.tokenCount, embedding: vectors[index])
        }
        try await runtime.search.repository.replaceChunks(
            document, version: document.currentVersion, chunks: records,
            result: IndexResult(method: extracted.method.rawValue, language: language, pageCount: extracted.pageCount,
                                embeddingModel: model, warning: nil))
        lap("store")
        return stages
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// A generated PDF of an exact number of pages.
enum BenchPDF {
    /// Slovak articles under headings, as many as fill exactly `pages` pages.
    static func make(pages: Int, seed: UInt64) throws -> Data {
        let language = BenchLanguage.all(queryExponent: 1)[0]
        var random = BenchRandom(seed: seed)
        var blocks: [TextDocument.Block] = []
        func render(_ count: Int) -> Data {
            while blocks.count < count {
                blocks.append(blocks.count % 7 == 0
                              ? .heading("Článok \(blocks.count / 7 + 1). " + language.heading(&random))
                              : .paragraph(language.passage(words: 80 + Int(random.next() % 60), &random)))
            }
            let document = TextDocument(title: "Stanovy spoločenstva vlastníkov", language: .sk,
                                        blocks: Array(blocks.prefix(count)))
            return PDFWriter.render(document, created: Date(timeIntervalSince1970: 1_767_225_600))
        }
        // The page count grows with the number of blocks: find the fewest blocks that fill `pages`.
        var high = 8
        while pageCount(render(high)) < pages { high *= 2 }
        var low = 1
        while low < high {
            let middle = (low + high) / 2
            if pageCount(render(middle)) < pages { low = middle + 1 } else { high = middle }
        }
        let data = render(low)
        guard pageCount(data) == pages else { throw BenchFailure("Could not lay out exactly \(pages) pages.") }
        return data
    }

    /// The `/Count` of the PDF's page tree (PDFWriter writes one, near the start).
    static func pageCount(_ data: Data) -> Int {
        let head = String(decoding: data.prefix(65_536), as: UTF8.self)
        guard let range = head.range(of: "/Count ") else { return 0 }
        return Int(head[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    /// The page count pdfinfo reports, or `nil` when pdfinfo is not installed.
    static func pdfinfoPages(_ file: URL) async throws -> Int? {
        guard let pdfinfo = ExternalCommand.locate("pdfinfo") else { return nil }
        let output = try await pdfinfo.run([file.path])
        let text = String(decoding: output.standardOutput, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }) else {
            throw BenchFailure("pdfinfo did not report pages: \(output.standardError)")
        }
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
    }
}
