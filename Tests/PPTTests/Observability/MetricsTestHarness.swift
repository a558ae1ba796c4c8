import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing

/// A router assembled the way production wires metrics and health (metrics middleware outermost,
/// then request ids and error mapping, the probes, `/metrics`, authentication, the admin routes and
/// the fault routes), over a real database and its own Prometheus registry — no global bootstrap.
struct ObservabilityHarness: Sendable {
    let runtime: Runtime
    let exporter: MetricsExporter
    let metrics: PPTMetrics
    let health: HealthRegistry
    let tokens: TokenService
    let client: any TestClientProtocol

    var database: any Database { runtime.database }

    /// Health settings for tests: the whole suite shares two cores and the blocking thread pool
    /// (bcrypt, SQLite), so a round trip can take seconds; only timeout tests shorten the timeout.
    static var testHealthConfiguration: HealthConfiguration {
        var configuration = HealthConfiguration()
        configuration.checkTimeout = .seconds(30)
        return configuration
    }

    /// Runs `body` against a fresh database of `dialect`.
    static func with(
        _ dialect: DatabaseDialect, configuration: HealthConfiguration = testHealthConfiguration,
        now: @escaping @Sendable () -> Date = { Date() }, started: Bool = true,
        _ body: @escaping @Sendable (ObservabilityHarness) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            try await run(database, configuration: configuration, now: now, started: started, body)
        }
    }

    /// Runs `body` against `database` (already running and migrated).
    static func run(
        _ database: any Database, configuration: HealthConfiguration = testHealthConfiguration,
        now: @escaping @Sendable () -> Date = { Date() }, started: Bool = true,
        _ body: @escaping @Sendable (ObservabilityHarness) async throws -> Void
    ) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-obs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let appConfiguration = try AppConfiguration.forTests(overrides: [
            "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
        ])
        let runtime = try Runtime.make(appConfiguration, database: database, keyRing: .generate(),
                                   logger: TestDatabase.logger)
        let exporter = MetricsExporter()
        let metrics = PPTMetrics(factory: exporter.factory, performance: PerformanceWindow(now: now),
                                 llmSpend: LLMSpendLedger(now: now))
        let health = HealthRegistry(configuration: configuration, metrics: metrics)
        await health.registerStorageChecks(database: database, blobDirectory: appConfiguration.blobDirectory)
        if started { await health.markStarted() }
        let services = try await runtime.httpServices()

        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestInstrumentationMiddleware(tracer: nil, metrics: metrics))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())
        HealthController(health: health).addRoutes(to: router)
        SystemController.addMetrics(to: router, exporter: exporter)
        router.add(middleware: AuthenticationMiddleware(tokens: services.tokens))
        let api = router.group("api/v1")
        HealthController.addAdminRoutes(to: api, history: HealthHistoryRepository(database: database))
        PerformanceController(metrics: metrics).addRoutes(to: api)
        api.get("test/ok") { _, _ in "ok" }
        api.get("test/boom") { _, _ -> String in throw TestFailure() }
        api.get("test/items/:itemID") { _, _ -> String in throw APIError(DomainError.notFound("item")) }
        let org = api.group("orgs/:orgID").add(middleware: OrganizationScopeMiddleware(accounts: services.accounts))
        FaultController(faults: services.faults).addRoutes(to: org)

        let app = Application(router: router, logger: TestDatabase.logger)
        try await app.test(.router) { client in
            try await body(ObservabilityHarness(runtime: runtime, exporter: exporter, metrics: metrics, health: health,
                                                tokens: services.tokens, client: client))
        }
    }

    /// A user (no password sign-in needed) and its access token.
    func token(_ email: String, superadmin: Bool = false) async throws -> (User, String) {
        let user = try await AccountRepository(database: database).createUser(
            email: email, name: email.components(separatedBy: "@")[0], passwordHash: "x", locale: .en,
            isSuperadmin: superadmin)
        return (user, try await tokens.accessToken(for: user))
    }

    /// Sends a request.
    func request(_ method: HTTPRequest.Method = .get, _ path: String, token: String? = nil) async throws
        -> TestApp.Result
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: method, headers: headers, body: nil) { response in
            TestApp.Result(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// The `/metrics` text.
    func scrape() async throws -> String {
        let response = try await request(.get, "/metrics")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return response.text
    }
}

/// An unexpected error, mapped to an opaque 500.
struct TestFailure: Error {}

/// Runs `promtool check metrics` on `text`; `nil` when promtool is not installed. The process is
/// awaited on a dispatch queue, not on the cooperative pool.
func promtoolCheckMetrics(_ text: String) async throws -> (status: Int32, output: String)? {
    let candidates = ["/usr/bin/promtool", "/usr/local/bin/promtool", "/bin/promtool"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    return try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            do {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = ["check", "metrics"]
                let input = Pipe()
                let output = Pipe()
                process.standardInput = input
                process.standardOutput = output
                process.standardError = output
                try process.run()
                input.fileHandleForWriting.write(Data(text.utf8))
                try input.fileHandleForWriting.close()
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
