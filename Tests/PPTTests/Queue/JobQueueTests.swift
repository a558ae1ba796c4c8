import Foundation
import Logging
import PPTDomain
import PPTStorage
import Synchronization
import Testing

@Suite("Job queue")
struct JobQueueTests {
    @Test("two workers share 1,000 jobs: each runs exactly once and never twice at the same time",
          arguments: TestDatabase.dialects)
    func twoWorkersRunEachJobOnce(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = JobQueue(database: database)
            let jobCount = 1_000
            // Read committed: a 1,000-insert serializable transaction held open for a minute on a busy
            // machine would keep PostgreSQL's serializable bookkeeping for the whole cluster, and other
            // tests' transactions would fail against it.
            try await database.write(isolation: .readCommitted) { sql in
                for index in 0..<jobCount {
                    try await JobQueue.enqueue(JobRequest(kind: "count", payload: "{\"n\":\(index)}"), now: Date(), on: sql)
                }
            }
            let ledger = RunLedger()
            let handler = ClosureJobHandler(kind: "count") { job, _ in
                try ledger.start(job.id)
                try await Task.sleep(for: .microseconds(200))
                ledger.finish(job.id)
            }
            var configuration = JobWorker.Configuration()
            configuration.concurrency = 4
            configuration.pollInterval = .milliseconds(20)
            let wake = WakeSignal()
            let workers = (0..<2).map { index in
                JobWorker(queue: queue, handlers: [handler], wake: wake, configuration: configuration,
                          logger: TestDatabase.logger, workerID: "w\(index)")
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in workers { group.addTask { try await worker.run() } }
                let deadline = ContinuousClock.now + .seconds(120)
                while ledger.finishedCount < jobCount && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                group.cancelAll()
            }
            #expect(ledger.finishedCount == jobCount)
            #expect(ledger.duplicates.isEmpty)
            #expect(ledger.overlaps == 0)
            let counts = try await queue.counts()
            #expect(counts[.succeeded] == jobCount)
            #expect(Set(try await queue.jobs(status: .succeeded, limit: jobCount).compactMap(\.lockedBy)) == ["w0", "w1"])
        }
    }

    @Test("a job whose worker died is claimed again once its lease expires", arguments: TestDatabase.dialects)
    func expiredLeaseIsReclaimed(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            try await queue.enqueue(JobRequest(kind: "work"))
            let first = try await queue.claim(workerID: "dead", limit: 10, lease: .seconds(30))
            #expect(first.count == 1)
            #expect(try await queue.claim(workerID: "alive", limit: 10, lease: .seconds(30)).isEmpty)
            clock.advance(by: 31)
            let again = try await queue.claim(workerID: "alive", limit: 10, lease: .seconds(30))
            #expect(again.map(\.id) == first.map(\.id))
            #expect(again.first?.attempts == 2)
            // The dead worker's late completion is ignored; the live one's counts.
            try await queue.complete(first[0], workerID: "dead")
            #expect(try await queue.job(id: first[0].id)?.status == .running)
            try await queue.complete(again[0], workerID: "alive")
            #expect(try await queue.job(id: first[0].id)?.status == .succeeded)
        }
    }

    @Test("a failing job backs off exponentially and ends dead-lettered with its last error",
          arguments: TestDatabase.dialects)
    func backoffAndDeadLetter(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock, backoffBase: .seconds(10), backoffCap: .seconds(3600))
            try await queue.enqueue(JobRequest(kind: "flaky", maxAttempts: 3))
            var delays: [TimeInterval] = []
            for attempt in 1...3 {
                let jobs = try await queue.claim(workerID: "w", limit: 1, lease: .seconds(60))
                let job = try #require(jobs.first, "attempt \(attempt) found no job")
                #expect(job.attempts == attempt)
                try await queue.fail(job, workerID: "w", error: "boom \(attempt)")
                let stored = try #require(try await queue.job(id: job.id))
                if attempt < 3 {
                    #expect(stored.status == .pending)
                    let delay = stored.runAt.timeIntervalSince(clock.now())
                    delays.append(delay)
                    #expect(try await queue.claim(workerID: "w", limit: 1, lease: .seconds(60)).isEmpty)
                    clock.advance(by: delay + 0.001)
                } else {
                    #expect(stored.status == .dead)
                    #expect(stored.lastError == "boom 3")
                }
            }
            // Full jitter within [ceiling/2, ceiling]: 5–10 s, then 10–20 s.
            #expect((5...10).contains(delays[0]))
            #expect((10...20).contains(delays[1]))
            clock.advance(by: 86_400)
            #expect(try await queue.claim(workerID: "w", limit: 1, lease: .seconds(60)).isEmpty)
        }
    }

    @Test("idempotency keys make N schedulers produce one run per slot", arguments: TestDatabase.dialects)
    func schedulerSlotsAreUnique(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
            let queue = JobQueue(database: database, clock: clock)
            let task = ScheduledTask(name: "scan", every: .seconds(86_400), jobKind: "scan.daily")
            let schedulers = (0..<3).map { _ in
                Scheduler(queue: queue, tasks: [task], clock: clock, logger: TestDatabase.logger)
            }
            for scheduler in schedulers { await scheduler.enqueueDue() }
            clock.advance(by: 3600)
            for scheduler in schedulers { await scheduler.enqueueDue() }
            let sameDay = try await queue.jobs(kind: "scan.daily")
            #expect(sameDay.count == 1)
            clock.advance(by: 86_400)
            for scheduler in schedulers { await scheduler.enqueueDue() }
            let nextDay = try await queue.jobs(kind: "scan.daily")
            #expect(nextDay.count == 2)
        }
    }

    @Test("a worker finishes its running job on graceful shutdown and releases nothing half-done")
    func gracefulShutdownFinishesJobs() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let queue = JobQueue(database: database)
            try await queue.enqueue(JobRequest(kind: "slow"))
            let started = Mutex(false)
            let handler = ClosureJobHandler(kind: "slow") { _, _ in
                started.withLock { $0 = true }
                // Longer than any scheduling delay of a loaded machine: only the cancellation ends it
                // (300 ms once ran out before the test task got to cancel, and the job completed).
                try await Task.sleep(for: .seconds(60))
            }
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .milliseconds(10)
            let worker = JobWorker(queue: queue, handlers: [handler], wake: WakeSignal(), configuration: configuration,
                                   logger: TestDatabase.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
                group.cancelAll()
            }
            let job = try #require(try await queue.jobs(kind: "slow").first)
            // Cancelled mid-job: handed back untouched, due again at once, attempt not counted.
            #expect(job.status == .pending)
            #expect(job.attempts == 0)
        }
    }
}

/// Records job executions across workers to detect duplicates and overlaps.
final class RunLedger: Sendable {
    private struct State {
        var running: Set<String> = []
        var finished: Set<String> = []
        var duplicates: [String] = []
        var overlaps = 0
    }
    private let state = Mutex(State())

    func start(_ id: String) throws {
        state.withLock { state in
            if state.running.contains(id) { state.overlaps += 1 }
            if state.finished.contains(id) { state.duplicates.append(id) }
            state.running.insert(id)
        }
    }

    func finish(_ id: String) {
        state.withLock { state in
            state.running.remove(id)
            state.finished.insert(id)
        }
    }

    var finishedCount: Int { state.withLock { $0.finished.count } }
    var duplicates: [String] { state.withLock { $0.duplicates } }
    var overlaps: Int { state.withLock { $0.overlaps } }
}
