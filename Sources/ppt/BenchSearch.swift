import ArgumentParser
import Foundation
import Logging
import PPTApp
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

extension BenchCommand {
    /// `ppt bench search`: permission-filtered hybrid retrieval against the bare full-text query.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure document search on a generated corpus and print one JSON line of results.",
            discussion: """
                Builds a fresh database (SQLite in a temporary directory, or a new database on the PostgreSQL \
                server of --database-url, dropped afterwards) with one organization of 20 buildings × 8 flats, \
                and fills the search index with --chunks chunks of generated Slovak and English \
                property-management text in documents of 8–32 chunks under six kinds of access scope, with \
                built-in (hashed bag-of-words, 384-dimension) embeddings. Then, for --queries generated queries \
                of 2–4 words, after --warmup unmeasured ones (and once the in-memory full-text index is \
                built), every query runs, in five passes, as: permission-filtered hybrid search as the API runs it \
                (DocumentSearch: embedding through the LLM gateway, in-memory full-text ranking and vector \
                scan filtered by the user's access keys, rank fusion, chunk fetch, snippets); the in-memory \
                full-text ranking with and without the filter; and the database's full-text query with the \
                filter and without it, the reference. Then 10 more documents are stored, each followed by a \
                timed search (which first updates the in-memory indexes). Latencies are in milliseconds \
                (nearest-rank percentiles). A second pass times each stage of the hybrid search on its own. \
                Memory is the process's VmHWM / VmRSS. Progress and a readable report go to standard error.
                """)

        @Option(help: "Chunks in the generated corpus.")
        var chunks = 10_000

        @Option(help: "Measured queries.")
        var queries = 300

        @Option(help: "Unmeasured queries run first.")
        var warmup = 30

        @Option(help: "PostgreSQL server URL (a database is created on it for the run); SQLite when absent.")
        var databaseURL: String?

        @Option(help: "Whose search is measured: tenant (filtered), owner (filtered) or manager (staff, unfiltered).")
        var user = "tenant"

        @Option(help: "Zipf exponent of query words (running text uses 1; lower favours rarer words).")
        var queryZipf = 0.7

        @Option(help: "Seed of the corpus and queries.")
        var seed: UInt64 = 1

        @Flag(help: "Keep the SQLite data directory or the PostgreSQL database afterwards.")
        var keep = false

        func validate() throws {
            guard (100...2_000_000).contains(chunks) else { throw ValidationError("--chunks must be 100…2000000.") }
            guard (1...100_000).contains(queries) else { throw ValidationError("--queries must be 1…100000.") }
            guard warmup >= 0 else { throw ValidationError("--warmup cannot be negative.") }
            guard ["tenant", "owner", "manager"].contains(user) else {
                throw ValidationError("--user must be tenant, owner or manager.")
            }
            guard (0...3).contains(queryZipf) else { throw ValidationError("--query-zipf must be 0…3.") }
        }

        func run() async throws {
            let logger = BenchLog.logger("ppt.bench.search")
            let options = self
            let report = try await BenchEnvironment.with(postgresURL: databaseURL, keep: keep, logger: logger) {
                try await SearchBenchmark(options: options, runtime: $0).run()
            }
            FileHandle.standardOutput.write(Data((report.json + "\n").utf8))
        }
    }
}

/// One run of `ppt bench search` over an open runtime.
struct SearchBenchmark: Sendable {
    let options: BenchCommand.Search
    let runtime: Runtime

    func run() async throws -> SearchReport {
        let engine = runtime.database.dialect.rawValue
        BenchLog.say("search benchmark: \(options.chunks) chunks on \(engine), user \(options.user)")
        let people = try await BenchPeople.make(runtime)
        guard let scope = people.scope(named: options.user) else { throw ValidationError("Unknown --user.") }
        // The model name the gateway reports for the built-in embeddings, and a check that the corpus's
        // direct provider calls produce the vectors the gateway would.
        guard let probe = try await runtime.search.embedder.embed(["probe"], organizationID: people.organizationID,
                                                                 userID: nil) else {
            throw ValidationError("The organization has no embeddings; hybrid search cannot be measured.")
        }
        let direct = try await BuiltinProvider().embed(LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel,
                                                                           inputs: ["probe"]))
        guard probe.vectors == direct.vectors else { throw ValidationError("Gateway and provider embeddings differ.") }
        let languages = BenchLanguage.all(queryExponent: options.queryZipf)
        let corpus = SearchCorpus(runtime: runtime, people: people, languages: languages, seed: options.seed,
                                  model: probe.model)
        let before = ProcessMemory.read()
        let stats = try await corpus.populate(chunks: options.chunks, reader: scope, progress: BenchLog.say)
        if runtime.database.dialect == .postgres {
            // Autovacuum would analyze the fresh tables within a minute or so; a long-running server has statistics.
            try await runtime.database.read { sql in try await sql.control("ANALYZE") }
        }
        let loaded = ProcessMemory.read()
        BenchLog.say("corpus: \(stats.documents) documents, \(stats.chunks) chunks (\(stats.visibleChunks) readable by "
                     + "the \(options.user)), stored in " + String(format: "%.1f s", stats.seconds))

        var random = BenchRandom(seed: options.seed &+ 0xA5A5)
        let texts = (0..<(options.warmup + options.queries)).map { _ in
            (random.unit() < 0.75 ? languages[0] : languages[1]).query(&random)
        }
        let probeRun = SearchProbe(runtime: runtime, scope: scope, model: probe.model)
        let coldStart = ContinuousClock.now
        _ = try await probeRun.hybrid(texts[0])
        let coldMs = BenchClock.milliseconds(ContinuousClock.now - coldStart)
        let textIndex = try await probeRun.loadedTextIndex()
        let buildSeconds = BenchClock.seconds(ContinuousClock.now - coldStart) - coldMs / 1000
        let generation = try await runtime.search.repository.generation(organizationID: people.organizationID)
        let index = try await runtime.search.vectors.index(organizationID: people.organizationID, model: probe.model,
                                                           generation: generation)
        let indexed = ProcessMemory.read()
        var samples = SearchSamples()
        for kind in SearchProbe.Kind.allCases {
            for text in texts.prefix(options.warmup) { _ = try await probeRun.run(kind, text, textIndex: textIndex) }
            for text in texts.dropFirst(options.warmup) {
                samples.add(kind, try await probeRun.run(kind, text, textIndex: textIndex))
            }
        }
        let stages = try await probeRun.stages(Array(texts.dropFirst(options.warmup)))
        // A document stored meanwhile: the next searches first bring both in-memory indexes up to date.
        var afterChange: [Double] = []
        for (number, text) in texts.dropFirst(options.warmup).prefix(10).enumerated() {
            _ = try await corpus.add(index: stats.documents + number)
            let start = ContinuousClock.now
            _ = try await probeRun.hybrid(text)
            afterChange.append(BenchClock.milliseconds(ContinuousClock.now - start))
        }
        let after = ProcessMemory.read()
        // How broad the queries are: the share of all chunks the bare query matches, on a sample.
        var shares: [Double] = []
        for text in texts.dropFirst(options.warmup).prefix(50) {
            let all = try await runtime.search.repository.unfilteredFullText(
                organizationID: people.organizationID, terms: QueryTerms.terms(text), limit: 10_000_000)
            shares.append(100 * Double(all.count) / Double(max(stats.chunks, 1)))
        }

        let report = SearchReport(
            engine: engine, chunks: stats.chunks, documents: stats.documents, user: options.user,
            readableChunks: stats.visibleChunks, queries: options.queries, generationSeconds: stats.seconds,
            firstQueryMs: coldMs, textIndexBuildSeconds: max(buildSeconds, 0),
            afterChange: Percentiles(afterChange), hybrid: Percentiles(samples.hybrid),
            filteredFullText: Percentiles(samples.filtered), memoryBareFullText: Percentiles(samples.memoryBare),
            databaseFilteredFullText: Percentiles(samples.databaseFiltered),
            bareFullText: Percentiles(samples.bare), meanHits: samples.meanHits, meanBareMatches: samples.meanBare,
            matchedPercent: Percentiles(shares),
            indexVectors: index.count, indexDimensions: index.dimensions,
            indexMB: Double(index.count * index.dimensions * 4 + textIndex.estimatedBytes) / 1_048_576,
            textIndexMB: Double(textIndex.estimatedBytes) / 1_048_576,
            memory: MemoryReport(start: before, loaded: loaded, indexed: indexed, end: after), stages: stages)
        report.log()
        return report
    }
}

/// Latencies of the measured queries, query by query, per kind.
struct SearchSamples {
    var hybrid: [Double] = []
    var filtered: [Double] = []
    var memoryBare: [Double] = []
    var databaseFiltered: [Double] = []
    var bare: [Double] = []
    var hits = 0
    var bareMatches = 0

    mutating func add(_ kind: SearchProbe.Kind, _ sample: (milliseconds: Double, results: Int)) {
        switch kind {
        case .hybrid:
            hybrid.append(sample.milliseconds)
            hits += sample.results
        case .memoryFiltered: filtered.append(sample.milliseconds)
        case .memoryBare: memoryBare.append(sample.milliseconds)
        case .databaseFiltered: databaseFiltered.append(sample.milliseconds)
        case .databaseBare:
            bare.append(sample.milliseconds)
            bareMatches += sample.results
        }
    }

    var meanHits: Double { hybrid.isEmpty ? 0 : Double(hits) / Double(hybrid.count) }
    var meanBare: Double { bare.isEmpty ? 0 : Double(bareMatches) / Double(bare.count) }
}

/// Nearest-rank percentiles in milliseconds.
struct Percentiles: Codable, Sendable {
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count, Swift.max(1, Int((fraction * Double(sorted.count)).rounded(.up)))) - 1]
        }
        (p50, p95, p99, max) = (rank(0.5), rank(0.95), rank(0.99), sorted.last ?? 0)
    }

    var text: String { String(format: "p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f", p50, p95, p99, max) }
}

/// Durations as numbers, and progress lines on standard error.
enum BenchClock {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1e3 }
}

enum BenchLog {
    @Sendable static func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// A logger for warnings and errors only, so log lines do not interleave with the report.
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}

/// The process's resident memory from /proc/self/status, in MB (zero where /proc is absent).
struct ProcessMemory: Codable, Sendable {
    /// Current resident set (VmRSS).
    var rssMB: Double
    /// Peak resident set so far (VmHWM).
    var peakMB: Double
    /// The anonymous part of the current resident set (RssAnon): the heap, without the pages of
    /// memory-mapped files such as the SQLite database, which the kernel may drop at any time.
    var anonymousMB: Double = 0

    static func read() -> ProcessMemory {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return ProcessMemory(rssMB: 0, peakMB: 0)
        }
        func field(_ name: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0) / 1024
        }
        return ProcessMemory(rssMB: field("VmRSS"), peakMB: field("VmHWM"), anonymousMB: field("RssAnon"))
    }
}
