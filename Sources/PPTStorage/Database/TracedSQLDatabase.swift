import Logging
import NIOCore
import PPTObservability
import SQLKit
import Synchronization
import Tracing

/// An `SQLDatabase` that wraps each query made inside a trace in a client span
/// `db <operation> <table>`, and records the duration of every query
/// (`ppt_db_query_duration_seconds{operation,table}`).
///
/// Span attributes: `db.system.name` (`sqlite` / `postgresql`), `db.operation.name`,
/// `db.collection.name`. Only the statement's leading keyword and first table are read from the SQL
/// text (`SQLStatementSummary`); bound values are never recorded.
package struct TracedSQLDatabase: SQLDatabase {
    /// The wrapped connection.
    package let base: any SQLDatabase
    private let system: String
    private let tracer: any Tracer
    /// `tracer` when it is PPT's own (always, outside tests): its spans start without generic detours.
    private let recordingTracer: RecordingTracer?
    private let recorder: any DatabaseQueryRecorder

    /// Wraps `base` of engine `dialect`; spans go to `tracer` (default: the task's `ActiveTracer`),
    /// durations to `recorder` (default: `DatabaseQueryRecording.current`).
    package init(_ base: any SQLDatabase, dialect: DatabaseDialect, tracer: (any Tracer)? = nil,
                 recorder: (any DatabaseQueryRecorder)? = nil) {
        self.base = base
        self.system = switch dialect {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
        let tracer = tracer ?? ActiveTracer.current
        self.tracer = tracer
        self.recordingTracer = tracer as? RecordingTracer
        self.recorder = recorder ?? DatabaseQueryRecording.current
    }

    private init(base: any SQLDatabase, system: String, tracer: any Tracer, recordingTracer: RecordingTracer?,
                 recorder: any DatabaseQueryRecorder) {
        self.base = base
        self.system = system
        self.tracer = tracer
        self.recordingTracer = recordingTracer
        self.recorder = recorder
    }

    package var logger: Logger { base.logger }
    package var eventLoop: any EventLoop { base.eventLoop }
    package var version: (any SQLDatabaseReportedVersion)? { base.version }
    package var dialect: any SQLDialect { base.dialect }
    package var queryLogLevel: Logger.Level? { base.queryLogLevel }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ())
        -> EventLoopFuture<Void>
    {
        let (probe, serialized) = start(query)
        let future = base.execute(sql: serialized, onRow)
        future.whenComplete { result in
            if case .failure(let error) = result { probe.finish(error: error) } else { probe.finish(error: nil) }
        }
        return future
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (probe, serialized) = start(query)
        do {
            try await base.execute(sql: serialized, onRow)
            probe.finish(error: nil)
        } catch {
            probe.finish(error: error)
            throw error
        }
    }

    package func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let (system, tracer, recordingTracer, recorder) = (system, tracer, recordingTracer, recorder)
        return try await base.withSession { session in
            try await closure(TracedSQLDatabase(base: session, system: system, tracer: tracer,
                                                recordingTracer: recordingTracer, recorder: recorder))
        }
    }

    /// Serializes the query once (the driver gets the result, not the expression again), and opens
    /// its probe.
    private func start(_ query: any SQLExpression) -> (QueryProbe, Serialized) {
        var serializer = SQLSerializer(database: base)
        query.serialize(to: &serializer)
        let serialized = Serialized(sql: serializer.sql, binds: serializer.binds)
        let statement = SummaryCache.shared.statement(of: serializer.sql, system: system)
        // Queries outside any trace (queue polling, schedulers) are measured but not traced: as root
        // spans they would flood the trace store and the collector with one-span traces.
        var span = QuerySpan.none
        if let context = ServiceContext.current {
            if let leaf = recordingTracer?.startLeafSpan(statement.spanName, context: context, ofKind: .client,
                                                         attributes: statement.spanAttributes) {
                span = .leaf(leaf)
            } else {
                let started = tracer.startSpan(statement.spanName, context: context, ofKind: .client)
                started.attributes = statement.spanAttributes
                span = .other(started)
            }
        }
        let probe = QueryProbe(span: span, recorder: recorder, statement: statement, started: ContinuousClock.now)
        return (probe, serialized)
    }
}

/// An already-serialized query: the text and binds of a dialect's serializer, written out again
/// as they are (the outer serializer is empty, so placeholders keep their numbers).
private struct Serialized: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}

/// What a query's span and metrics say about its statement, worked out once per statement. A class,
/// so that each query in flight holds one reference to it rather than copies of its parts.
private final class TracedStatement: Sendable {
    /// What its duration is recorded under.
    let kind: QueryKind
    /// `db <operation> <table>`.
    let spanName: String
    let spanAttributes: SpanAttributes

    init(sql: String, system: String) {
        let summary = SQLStatementSummary(sql: sql)
        kind = QueryKind.named(operation: summary.operation, table: summary.table ?? "none")
        spanName = summary.table.map { "db \(summary.operation) \($0)" } ?? "db \(summary.operation)"
        var attributes: SpanAttributes = ["db.system.name": .string(system), "db.operation.name": .string(summary.operation)]
        if let collection = summary.table { attributes["db.collection.name"] = collection }
        spanAttributes = attributes
    }
}

/// Statements by engine and SQL text: repositories issue a few hundred distinct statements, so each
/// is scanned once. Bounded, in case generated SQL (IN lists) varies without end.
private final class SummaryCache: Sendable {
    static let shared = SummaryCache()
    private let entries = Mutex<[String: [String: TracedStatement]]>([:])

    func statement(of sql: String, system: String) -> TracedStatement {
        if let cached = entries.withLock({ $0[system]?[sql] }) { return cached }
        let statement = TracedStatement(sql: sql, system: system)
        entries.withLock { entries in
            if entries[system, default: [:]].count >= 2048 { entries[system] = [:] }
            entries[system, default: [:]][sql] = statement
        }
        return statement
    }
}

/// A query's span: a leaf of PPT's embedded tracer, another tracer's span, or none.
private enum QuerySpan: Sendable {
    case none
    case leaf(LeafSpan)
    case other(any Span)
}

/// One query in flight: its span (inside a trace) and start time.
private struct QueryProbe: Sendable {
    let span: QuerySpan
    let recorder: any DatabaseQueryRecorder
    let statement: TracedStatement
    let started: ContinuousClock.Instant

    func finish(error: (any Error)?) {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        recorder.recordDatabaseQuery(statement.kind, seconds: Double(seconds) + Double(attoseconds) / 1e18)
        switch span {
        case .none:
            break
        case .leaf(let span):
            span.end(error: error)
        case .other(let span):
            if let error {
                span.recordError(error)
                span.attributes["error.type"] = String(describing: type(of: error))
                span.setStatus(SpanStatus(code: .error))
            }
            span.end()
        }
    }
}
