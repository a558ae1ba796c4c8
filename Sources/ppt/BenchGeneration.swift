import ArgumentParser
import Foundation
import Logging
import PPTApp
import PPTAssistant
import PPTDomain
import PPTObservability
import PPTStorage

/// `ppt bench generation`: latency of document generation on the built-in provider (templates and
/// extraction, no model), against reading the same lease in the same run.
struct BenchGeneration: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generation",
        abstract: "Seed the demo into a throw-away SQLite database and time lease drafts, listing descriptions, "
            + "announcement drafts and document summaries on the built-in provider.",
        discussion: """
            Each kind runs --iterations times as the demo manager, through the same services the API calls \
            (every request stored as a generation record). The reference is reading the demo lease through \
            its repository, timed in the same run; the ratio is each kind's p50 over the reference's p50. \
            Summaries are regenerated on every iteration (no reuse).
            """)

    @Option(help: "Requests per kind.")
    var iterations = 50

    func validate() throws {
        guard (5...10_000).contains(iterations) else { throw ValidationError("--iterations must be 5…10000.") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-bench-gen-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try AppConfiguration.make(overrides: ["PPT_DATA_DIR": directory.path, "PPT_BCRYPT_COST": "10"])
        var logger = Logger(label: "ppt.bench")
        logger.logLevel = .warning
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger),
                                             logger: logger)
        try await runtime.database.withRunning {
            try await runtime.prepareSchema()
            guard try await DemoSeed(runtime: runtime).run() != nil else { throw ExitCode(1) }
            try await runtime.runPendingIndexing()
            let scope = try await runtime.demoScope(email: "manager@demo.ppt.sk")
            let leases = LeaseRepository(database: runtime.database, clock: runtime.clock)
            guard let lease = try await leases.leases(scope, page: PageRequest(limit: 1)).items.first,
                  let listing = try await ListingRepository(database: runtime.database, clock: runtime.clock)
                      .listings(scope, page: PageRequest(limit: 1)).items.first,
                  let document = try await DocumentRepository(database: runtime.database, blobs: runtime.blobs,
                                                              clock: runtime.clock)
                      .documents(scope, page: PageRequest(limit: 50)).items
                      .first(where: { $0.contentType == "application/pdf" })
            else { throw ValidationError("The demo has no lease, listing or PDF document.") }
            let generation = runtime.assistant.generation
            let dates = CalendarDate(runtime.clock.now()).adding(days: 7)

            let reference = try await measure { _ = try await leases.lease(scope, id: lease.id) }
            let kinds: [(String, Samples)] = [
                ("lease draft (SK, sk)", try await measure {
                    _ = try await generation.leases.generate(scope, leaseID: lease.id, LeaseDraftRequest())
                }),
                ("lease draft (bilingual sk/en)", try await measure {
                    _ = try await generation.leases.generate(scope, leaseID: lease.id, LeaseDraftRequest(bilingual: .en))
                }),
                ("listing descriptions (4 languages)", try await measure {
                    _ = try await generation.listingDescriptions.generate(scope, listingID: listing.id,
                                                                          ListingDescriptionRequest())
                }),
                ("announcement drafts (3 x sk, en)", try await measure {
                    _ = try await generation.announcementDrafts.generate(scope, AnnouncementDraftRequest(
                        scenario: "water_outage",
                        fields: ["date": .string(dates.description), "fromTime": "08:00", "toTime": "12:30",
                                 "affected": "Blok A", "reason": "repair"],
                        count: 3, languages: ["sk", "en"]))
                }),
                ("summary of a PDF (medium, regenerated)", try await measure {
                    _ = try await generation.summaries.summarize(scope, documentID: document.id,
                                                                 SummaryInput(length: .medium, regenerate: true))
                }),
            ]
            print("built-in provider, \(iterations) requests per kind, SQLite, one process")
            print(String(format: "reference: lease read p50 %.2f ms, p95 %.2f ms", reference.p50, reference.p95))
            for (name, samples) in kinds {
                print(String(format: "%@: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%.0fx the reference p50)",
                             name, samples.p50, samples.p95, samples.max, samples.p50 / max(reference.p50, 0.001)))
            }
        }
    }

    /// Latencies in milliseconds.
    struct Samples {
        var values: [Double]
        func percentile(_ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        var p50: Double { percentile(0.5) }
        var p95: Double { percentile(0.95) }
        var max: Double { values.max() ?? 0 }
    }

    /// Runs `body` twice to warm up, then `iterations` times.
    private func measure(_ body: () async throws -> Void) async throws -> Samples {
        for _ in 0..<2 { try await body() }
        var values: [Double] = []
        for _ in 0..<iterations {
            let started = ContinuousClock.now
            try await body()
            let elapsed = ContinuousClock.now - started
            values.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return Samples(values: values)
    }
}
