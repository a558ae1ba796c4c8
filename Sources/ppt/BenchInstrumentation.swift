import ArgumentParser
import Foundation
import Logging
import PPTObservability
import Tracing

/// `ppt bench instrumentation`: the instrumentation's own work for one request, in process, without
/// a server's scheduling noise (bench/instrumentation.sh prints it beside the HTTP throughput cost).
///
/// Each iteration makes the calls `RequestInstrumentationMiddleware` and `TracedSQLDatabase` make for
/// a request with `--queries` queries: a server span bound as the task's context, a leaf span and a
/// duration per query, the request metrics, and the span's end into the trace store (with the default
/// retention, so most spans are passed over undescribed, as under load).
/// The reference is the same loop with the instrumentation left out, in the same run.
struct BenchInstrumentation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instrumentation",
        abstract: "Time one request's tracing and metrics calls in process, against the same loop without them.")

    @Option(help: "Requests per round.")
    var iterations = 200_000

    @Option(help: "Database queries per request.")
    var queries = 3

    @Option(help: "Rounds (each prints a line).")
    var rounds = 3

    func validate() throws {
        guard (1...10_000_000).contains(iterations) else { throw ValidationError("--iterations must be 1…10000000.") }
        guard (0...100).contains(queries) else { throw ValidationError("--queries must be 0…100.") }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be 1…100.") }
    }

    func run() async throws {
        let telemetry = try Telemetry.isolated(logger: Logger(label: "ppt.bench"))
        let tracer = telemetry.tracing.tracer
        let metrics = telemetry.metrics
        let kind = QueryKind.named(operation: "select", table: "buildings")
        let queryAttributes: SpanAttributes = [
            "db.system.name": "sqlite", "db.operation.name": "select", "db.collection.name": "buildings",
        ]
        let route = "/api/v1/orgs/{orgID}/buildings/{buildingID}"
        for round in 1...rounds {
            let reference = try await Self.time(iterations) { try await Self.request(queries: queries) }
            let instrumented = try await Self.time(iterations) {
                let started = ContinuousClock.now
                let span = tracer.startSpan("GET", context: .topLevel, ofKind: .server, attributes: SpanAttributes())
                try await ServiceContext.$current.withValue(span.context) {
                    for _ in 0..<queries {
                        let leaf = tracer.startLeafSpan("db select buildings", context: ServiceContext.current ?? .topLevel,
                                                        ofKind: .client, attributes: queryAttributes)
                        let queryStarted = ContinuousClock.now
                        try await Self.query()
                        metrics.recordDatabaseQuery(kind, seconds: PPTMetrics.seconds(ContinuousClock.now - queryStarted))
                        leaf?.end()
                    }
                }
                metrics.recordHTTPRequest(method: "GET", route: route, status: 200, duration: ContinuousClock.now - started)
                // As the middleware does: the span is described only if the store keeps its trace.
                span.endNow(failed: false) {
                    var attributes = [String: SpanAttribute](minimumCapacity: 5)
                    attributes["http.request.method"] = .string("GET")
                    attributes["http.route"] = .string(route)
                    attributes["http.response.status_code"] = .int64(200)
                    attributes["ppt.request_id"] = .string("5c0ffee0-0000-4000-8000-000000000000")
                    return SpanDescription(name: "GET \(route)", attributes: SpanAttributes(attributes), status: nil)
                }
            }
            let cost = instrumented - reference
            print(String(format: "round %d: instrumented %.0f ns, reference %.0f ns, instrumentation %.0f ns per request",
                         round, instrumented, reference, cost))
        }
    }

    /// Nanoseconds per call of `body`, over `count` calls.
    private static func time(_ count: Int, _ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<count { try await body() }
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(count)
    }

    /// The reference request: only its queries.
    @inline(never)
    private static func request(queries: Int) async throws {
        for _ in 0..<queries { try await query() }
    }

    /// Never empty; read from the command line so the optimiser cannot know it.
    private static let neverFails = CommandLine.arguments[0]

    /// A query that does nothing, behind a call the optimiser cannot remove.
    @inline(never)
    private static func query() async throws {
        if Self.neverFails.isEmpty { throw CancellationError() }
    }
}
