import ArgumentParser
import Foundation
import Logging
import PPTApp
import PPTDomain
import PPTObservability
import PPTStorage
import PPTWorkflow
import ServiceLifecycle
import SQLKit
import UnixSignals

/// `ppt bench workflow`: workflow runs per second and event→first-action latency against the bare
/// job queue measured in the same run, with worker processes (`--serve-worker` children).
struct BenchWorkflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Workflow engine throughput and latency against the bare job queue (bench/workflow.sh).",
        discussion: """
            Phases, each with fresh worker processes of this binary: (1) reference: N trivial jobs enqueued, then \
            drained; (2) throughput: N fault_created events written to the outbox, then drained as runs of a \
            two-step workflow (a condition and an in-app notification); (3) latency: events written at --rate \
            per second while the workers run, event→notification p50/p95. Worker memory (RSS) is sampled \
            through phase 2.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Events (and reference jobs) per throughput phase.")
    var events = 10_000

    @Option(help: "Worker processes.")
    var workers = 1

    @Option(help: "Job slots per worker process.")
    var concurrency = 4

    @Option(help: "Events of the latency phase.")
    var latencyEvents = 1000

    @Option(help: "Events per second in the latency phase.")
    var rate = 100

    @Flag(help: .hidden)
    var serveWorker = false

    func run() async throws {
        let configuration = try await common.load(extra: ["PPT_WORKER_CONCURRENCY": String(concurrency), "PPT_LOG_LEVEL": "error"])
        var logger = Logger(label: "ppt.bench")
        logger.logLevel = .error
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger), logger: logger)
        if serveWorker {
            try await BenchWorkflowWorker(runtime: runtime, concurrency: concurrency, logger: logger).run()
            return
        }
        try await runtime.database.withRunning {
            try await runtime.prepareSchema()
            let bench = BenchWorkflowDriver(runtime: runtime, workers: workers, concurrency: concurrency, common: common)
            try await bench.run(events: events, latencyEvents: latencyEvents, rate: rate)
        }
    }
}

/// A worker process of the benchmark: the outbox dispatcher and a job worker with the runtime's
/// handlers plus `bench.noop` (the reference), until SIGTERM.
struct BenchWorkflowWorker {
    let runtime: Runtime
    let concurrency: Int
    let logger: Logger

    func run() async throws {
        try await runtime.database.withRunning {
            var settings = JobWorker.Configuration()
            settings.concurrency = concurrency
            var services: [any Service] = []
            if let postgres = runtime.database as? PostgresDatabase {
                services.append(PostgresWakeListener(client: postgres.client, channel: "ppt_jobs", wake: runtime.wake, logger: logger))
                services.append(PostgresWakeListener(client: postgres.client, channel: "ppt_outbox", wake: runtime.wake, logger: logger))
            }
            services.append(OutboxDispatcher(database: runtime.database, subscribers: [WorkflowTriggers.subscriber],
                                             wake: runtime.wake, clock: runtime.clock,
                                             pollInterval: runtime.database.dialect == .sqlite ? .milliseconds(25) : .seconds(1),
                                             logger: logger))
            let noop = ClosureJobHandler(kind: "bench.noop") { _, _ in }
            services.append(JobWorker(queue: runtime.queue, handlers: runtime.jobHandlers + [noop], wake: runtime.wake,
                                      configuration: settings, logger: logger))
            let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                          gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
