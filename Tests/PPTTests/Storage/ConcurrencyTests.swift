import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// Races that SQLite's single writer hides and PostgreSQL exposes: each is run on both engines.
@Suite("Concurrent changes")
struct ConcurrencyTests {
    @Test("two concurrent rotations of one refresh token leave at most one valid successor",
          arguments: TestDatabase.dialects)
    func refreshRotationRace(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let sessions = SessionRepository(database: database)
            let token = try await sessions.issue(userID: a.tenantUser.id)
            let results = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<2 { group.addTask { try? await sessions.rotate(token).token } }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let successors = results.compactMap { $0 }
            #expect(successors.count <= 1)
            // Whatever won, the old token is now spent, and reusing it revokes the family.
            await #expect(throws: DomainError.self) { try await sessions.rotate(token) }
            for successor in successors {
                await #expect(throws: DomainError.self) { try await sessions.rotate(successor) }
            }
        }
    }

    @Test("concurrent payments never overpay an invoice", arguments: TestDatabase.dialects)
    func paymentRace(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let finance = FinanceRepository(database: database)
            let today = CalendarDate(Date())
            let invoice = try await finance.createInvoice(a.admin, InvoiceInput(
                unitID: a.unit.id, number: "R-1", description: "Repair fund", amountMinor: 10_000, currency: .EUR,
                issueDate: today, dueDate: today.adding(days: 14)))
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        (try? await finance.recordPayment(a.admin, PaymentInput(
                            invoiceID: invoice.id, amountMinor: 6_000, currency: .EUR, receivedOn: today))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let stored = try await finance.invoice(a.admin, id: invoice.id)
            #expect(stored.paidMinor == 6_000)
        }
    }

    @Test("parallel password guesses cannot exceed the five allowed attempts", arguments: TestDatabase.dialects)
    func parallelGuesses(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let sessions = SessionRepository(database: database)
            let admitted = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 {
                    group.addTask { (try? await sessions.reserveAttempt(["email:x@example.com"])) != nil }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(admitted == 5)
        }
    }

    @Test("a job whose worker died during its last attempt is dead-lettered, not re-run",
          arguments: TestDatabase.dialects)
    func poisonJob(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            try await queue.enqueue(JobRequest(kind: "crashy", maxAttempts: 1))
            let claimed = try await queue.claim(workerID: "w1", limit: 1, lease: .seconds(10))
            #expect(claimed.count == 1)
            clock.advance(by: 11)
            #expect(try await queue.claim(workerID: "w2", limit: 1, lease: .seconds(10)).isEmpty)
            #expect(try await queue.job(id: claimed[0].id)?.status == .dead)
        }
    }

    @Test("a write cancelled inside its transaction rolls back and leaves the connection usable",
          arguments: TestDatabase.dialects)
    func cancelledWrite(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let started = AsyncStream<Void>.makeStream()
            let task = Task {
                try await database.write { sql in
                    try await sql.raw("UPDATE buildings SET name = 'half-done' WHERE id = \(bind: a.building.id.rawValue)")
                        .run()
                    started.continuation.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            var iterator = started.stream.makeAsyncIterator()
            _ = await iterator.next()
            task.cancel()
            _ = await task.result
            // The next transaction starts cleanly, and the cancelled change is gone.
            try await database.write { sql in try await sql.raw("SELECT 1 AS one").run() }
            let building = try await PropertyRepository(database: database).building(a.admin, id: a.building.id)
            #expect(building.name == a.building.name)
        }
    }

    @Test("a forged portal cursor with an out-of-range key is a 422, not a crash", arguments: [DatabaseDialect.sqlite])
    func forgedCursor(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let token = Data("price_asc|1e19|\(UUID().uuidString.lowercased())".utf8).base64EncodedString()
            var search = ListingSearch()
            search.sort = .priceAsc
            search.cursor = token
            await expectError("validation.failed", fields: ["/cursor"]) {
                try await PortalRepository(database: database).search(search)
            }
        }
    }
}
