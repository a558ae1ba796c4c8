import Foundation
import PPTDomain
import PPTObservability
import PPTStorage
import SQLKit
import Synchronization
import Testing
import Tracing

@Suite("Tracing: database spans")
struct TracingSQLTests {
    @Test("the statement summary finds the operation and the first table", arguments: [
        ("SELECT id, name FROM buildings WHERE organization_id = $1", "select", "buildings"),
        ("  select count(*) as n from \"faults\" f join units u on u.id = f.unit_id", "select", "faults"),
        ("INSERT INTO outbox (id, payload) VALUES (?1, ?2)", "insert", "outbox"),
        ("INSERT OR IGNORE INTO idempotency_keys (key) VALUES (?)", "insert", "idempotency_keys"),
        ("UPDATE jobs SET status = 'running', note = 'FROM nowhere' WHERE id = $1", "update", "jobs"),
        ("DELETE FROM sessions WHERE expires_at < $1", "delete", "sessions"),
        ("-- a comment FROM x\nSELECT 1 FROM public.leases", "select", "leases"),
        ("/* FROM y */ SELECT * FROM (SELECT id FROM invoices) AS sub", "select", "invoices"),
        ("WITH due AS (SELECT id FROM jobs WHERE run_at <= $1) UPDATE jobs SET status = 'x' FROM due", "update", "jobs"),
    ])
    func summary(sql: String, operation: String, table: String) {
        let summary = SQLStatementSummary(sql: sql)
        #expect(summary.operation == operation)
        #expect(summary.table == table)
    }

    @Test("statements without a table are summarised by their keyword")
    func noTable() {
        #expect(SQLStatementSummary(sql: "BEGIN IMMEDIATE") == SQLStatementSummary(sql: "begin"))
        #expect(SQLStatementSummary(sql: "BEGIN IMMEDIATE").operation == "begin")
        #expect(SQLStatementSummary(sql: "SELECT 1 AS ok").table == nil)
        #expect(SQLStatementSummary(sql: "").operation == "other")
        #expect(SQLStatementSummary(sql: "'unterminated").operation == "other")
    }

    @Test("every query of a database read or write is a client span under the request span, without values",
          arguments: TestDatabase.dialects)
    func queriesAreSpans(dialect: DatabaseDialect) async throws {
        let store = TraceStore()
        let tracer = RecordingTracer(store: store)
        let recorder = QueryLog()
        let secret = "needle-\(UUID().uuidString)"
        try await TestDatabase.with(dialect) { database in
            let fixture = try await Fixture.make(database)
            let request = tracer.startSpan("GET /test", context: .topLevel, ofKind: .server)
            try await ActiveTracer.$bound.withValue(tracer) {
                try await ServiceContext.$current.withValue(request.context) {
                    _ = try await database.read { sql in
                        try await sql.raw("SELECT id FROM buildings WHERE name = \(bind: secret)").all()
                    }
                    try await database.write { sql in
                        let traced = TracedSQLDatabase(sql, dialect: dialect, tracer: tracer, recorder: recorder)
                        try await traced.raw("""
                            UPDATE buildings SET name = \(bind: secret) WHERE id = \(bind: fixture.building.id.rawValue)
                            """).run()
                    }
                    await #expect(throws: (any Error).self) {
                        try await database.read { sql in
                            let traced = TracedSQLDatabase(sql, dialect: dialect, tracer: tracer, recorder: recorder)
                            try await traced.raw("SELECT nope FROM no_such_table").run()
                        }
                    }
                }
            }
            request.end()
            try await ActiveTracer.$bound.withValue(tracer) {
                _ = try await database.read { sql in
                    try await TracedSQLDatabase(sql, dialect: dialect, tracer: tracer, recorder: recorder)
                        .raw("SELECT id FROM units").all()
                }
            }
        }
        #expect(store.counts.traces == 1, "queries outside a trace are measured, not traced")
        let identity = try #require(Self.span(named: "GET /test", in: store))
        let spans = try #require(store.spans(of: identity.traceID))
        let select = try #require(spans.first { $0.name == "db select buildings" })
        #expect(select.kind == .client && select.parentSpanID == identity.spanID)
        #expect(select.attributes.get("db.system.name") == .string(dialect == .sqlite ? "sqlite" : "postgresql"))
        #expect(select.attributes.get("db.operation.name") == .string("select"))
        #expect(select.attributes.get("db.collection.name") == .string("buildings"))
        #expect(spans.contains { $0.name == "db update buildings" })
        let failed = try #require(spans.first { $0.name == "db select no_such_table" })
        #expect(failed.isError)
        for span in spans {
            span.attributes.forEach { _, value in #expect(!"\(value)".contains(secret), "bound values never recorded") }
        }
        let logged = recorder.entries
        #expect(logged.map(\.operation) == ["update", "select", "select"])
        #expect(logged.map(\.table) == ["buildings", "no_such_table", "units"])
        #expect(logged.allSatisfy { $0.seconds >= 0 })
    }

    /// The identity of the first kept span called `name`.
    static func span(named name: String, in store: TraceStore) -> SpanIdentity? {
        store.recentTraces(limit: 50).compactMap { TraceID(hex: $0.traceID) }
            .compactMap { store.spans(of: $0) }.joined()
            .first { $0.name == name }
            .map { SpanIdentity(traceID: $0.traceID, spanID: $0.spanID) }
    }
}

/// Query durations as `TracedSQLDatabase` reports them.
final class QueryLog: DatabaseQueryRecorder {
    struct Entry: Sendable {
        let operation: String
        let table: String
        let seconds: Double
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    func recordDatabaseQuery(_ kind: QueryKind, seconds: Double) {
        storage.withLock { $0.append(Entry(operation: kind.operation, table: kind.table, seconds: seconds)) }
    }
}
