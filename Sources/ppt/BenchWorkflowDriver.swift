import Foundation
import PPTApp
import PPTDomain
import PPTStorage
import PPTWorkflow
import SQLKit

#if canImport(Glibc)
import Glibc
#endif

/// The benchmark's phases (see `BenchWorkflow`): it writes the work, starts worker processes, and
/// watches the database until the work is done.
struct BenchWorkflowDriver {
    let runtime: Runtime
    let workers: Int
    let concurrency: Int
    let common: CommonOptions

    func run(events: Int, latencyEvents: Int, rate: Int) async throws {
        let database = runtime.database
        let accounts = runtime.accounts
        let tag = UUID().uuidString.prefix(8).lowercased()
        let user = try await accounts.createUser(email: "bench-\(tag)@example.com", name: "Bench", passwordHash: "x", locale: .en)
        let org = try await accounts.createOrganization(name: "Bench \(tag)", country: "SK", locale: .sk, currency: .EUR, admin: user.id)
        guard let scope = try await accounts.scope(userID: user.id, organizationID: org.id) else { return }
        let definition: JSONValue = [
            "trigger": ["type": "event", "event": "fault_created"],
            "steps": [[
                "id": "urgent", "type": "if", "condition": "trigger.priority == 'urgent'",
                "then": [["id": "tell", "type": "notify",
                          "input": ["users": [.string(user.id.rawValue)], "title": "Urgent: {{ trigger.title }}",
                                    "body": "Fault {{ trigger.faultID }} needs attention."]]],
            ]],
        ]
        let workflow = try await runtime.workflows.service.create(scope, name: "bench", description: "", enabled: true,
                                                                  definition: definition)
        print("database: \(database.dialect.rawValue), worker processes: \(workers) × \(concurrency) slots")

        // 1. Reference: the bare job queue (a previous run's jobs on the same database are cleared first).
        try await database.write(isolation: .readCommitted) { sql in
            try await sql.raw("DELETE FROM jobs WHERE kind = 'bench.noop'").run()
        }
        try await insert(events) { sql, index, now in
            try await JobQueue.enqueue(JobRequest(kind: "bench.noop", payload: "{\"i\":\(index)}"), now: now, on: sql)
        }
        let reference = try await drain(expected: events, sampleMemory: false) {
            try await $0.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'bench.noop' AND status = 'succeeded'").first()?.int("n") ?? 0
        }
        let jobsPerSecond = Double(events) / reference.seconds
        print(String(format: "reference  job queue (enqueue → no-op handler): %d jobs in %.2f s = %.0f jobs/s", events, reference.seconds, jobsPerSecond))

        // 2. Throughput: events already in the outbox become runs.
        try await insert(events) { sql, index, now in
            _ = try await Outbox.append(Self.event(org.id, index), at: now, on: sql)
        }
        let throughput = try await drain(expected: events, sampleMemory: true) {
            try await $0.raw("""
                SELECT COUNT(*) AS n FROM workflow_runs WHERE workflow_id = \(bind: workflow.id.rawValue) AND status = 'succeeded'
                """).first()?.int("n") ?? 0
        }
        let runsPerSecond = Double(events) / throughput.seconds
        print(String(format: "workflow   runs (outbox event → if → notify, each run persisted): %d runs in %.2f s = %.0f runs/s (%.2f × the job queue)",
                     events, throughput.seconds, runsPerSecond, runsPerSecond / jobsPerSecond))
        if !throughput.memory.isEmpty {
            let first = throughput.memory.first!, last = throughput.memory.last!
            let low = throughput.memory.min()!, high = throughput.memory.max()!
            print(String(format: "memory     worker RSS through the run: first %.1f MiB, min %.1f, max %.1f, last %.1f (last/first %.2f)",
                         first, low, high, last, last / first))
        }

        // 3. Latency: events written one by one while the workers run.
        let firstLatencyEvent = try await database.read { sql in
            try await sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM outbox").first()?.int64("n") ?? 0
        }
        let processes = try spawnWorkers()
        try await Task.sleep(for: .seconds(2))
        var written = 0
        let interval = 1.0 / Double(max(1, rate))
        let start = Date()
        while written < latencyEvents {
            let due = start.addingTimeInterval(Double(written) * interval)
            if due > Date() { try await Task.sleep(for: .milliseconds(Int64(due.timeIntervalSinceNow * 1000))) }
            let index = events + written
            try await database.write(isolation: .readCommitted) { sql in
                _ = try await Outbox.append(Self.event(org.id, index), at: Date(), on: sql)
            }
            written += 1
        }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let done = try await database.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM workflow_runs WHERE workflow_id = \(bind: workflow.id.rawValue) AND status = 'succeeded'
                    """).first()?.int("n") ?? 0
            }
            if done >= events + latencyEvents { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop(processes)
        let latencies = try await database.read { sql in
            try await sql.raw("""
                SELECT n.created_at AS acted, o.occurred_at AS occurred FROM workflow_runs r
                JOIN outbox o ON r.trigger_key = 'event:' || CAST(o.id AS TEXT)
                JOIN notifications n ON n.dedupe_key LIKE 'wf:' || r.id || ':tell%'
                WHERE r.workflow_id = \(bind: workflow.id.rawValue) AND o.id > \(bind: firstLatencyEvent)
                ORDER BY o.id DESC LIMIT \(bind: latencyEvents)
                """).all().map { (try $0.date("acted").timeIntervalSince(try $0.date("occurred"))) * 1000 }.sorted()
        }
        if latencies.isEmpty {
            print("latency    no runs matched their events (see the notifications' dedupe keys)")
        } else {
            func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            print(String(format: "latency    event → notification at %d events/s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)",
                         rate, percentile(0.5), percentile(0.95), latencies.last!, latencies.count))
        }
    }

    /// A fault_created event as the fault repository writes it.
    static func event(_ org: OrganizationID, _ index: Int) -> DomainEvent {
        let id = UUID().uuidString.lowercased()
        return DomainEvent(type: .faultCreated, organizationID: org, aggregateType: "fault", aggregateID: id, payload: [
            "faultID": .string(id), "buildingID": "b", "unitID": .null, "title": .string("Fault \(index)"),
            "category": "plumbing", "priority": index % 10 == 9 ? "low" : "urgent", "status": "new", "reportedBy": "u",
            "assigneeID": .null,
        ])
    }

    /// Writes `count` items in transactions of 1,000.
    private func insert(_ count: Int, _ item: @escaping @Sendable (any SQLDatabase, Int, Date) async throws -> Void) async throws {
        for chunk in stride(from: 0, to: count, by: 1000) {
            try await runtime.database.write(isolation: .readCommitted) { sql in
                let now = Date()
                for index in chunk..<min(count, chunk + 1000) { try await item(sql, index, now) }
            }
        }
    }

    /// Starts the workers, waits until `count` reaches `expected`, stops them; the elapsed time and
    /// the workers' summed RSS samples (MiB).
    private func drain(expected: Int, sampleMemory: Bool, count: @escaping @Sendable (any SQLDatabase) async throws -> Int)
        async throws -> (seconds: Double, memory: [Double])
    {
        let started = ContinuousClock.now
        let processes = try spawnWorkers()
        defer { stop(processes) }
        var memory: [Double] = []
        var lastSample = ContinuousClock.now
        while true {
            let done = try await runtime.database.read { try await count($0) }
            if done >= expected { break }
            if sampleMemory, ContinuousClock.now - lastSample > .milliseconds(500), done > expected / 10 {
                memory.append(processes.map(Self.residentMiB).reduce(0, +))
                lastSample = ContinuousClock.now
            }
            if ContinuousClock.now - started > .seconds(3600) { throw BenchFailure("the workers did not finish in an hour") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = ContinuousClock.now - started
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, memory)
    }

    private func spawnWorkers() throws -> [pid_t] {
        let executable = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        var arguments = [executable, "bench", "workflow", "--serve-worker", "--concurrency", String(concurrency)]
        if let dataDir = common.dataDir { arguments += ["--data-dir", dataDir] }
        if let url = common.databaseURL { arguments += ["--database-url", url] }
        if let config = common.config { arguments += ["--config", config] }
        return try (0..<workers).map { _ in try Self.spawn(arguments) }
    }

    static func spawn(_ arguments: [String]) throws -> pid_t {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, arguments[0], nil, nil, argv, environ)
        guard result == 0 else { throw BenchFailure("cannot start a worker process (\(result))") }
        return pid
    }

    private func stop(_ processes: [pid_t]) {
        for pid in processes { kill(pid, SIGTERM) }
        for pid in processes {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// A process's resident set size in MiB (Linux), 0 when unknown.
    static func residentMiB(_ pid: pid_t) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
