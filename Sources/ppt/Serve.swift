import ArgumentParser
import Foundation
import Logging
import PPTApp
import UnixSignals
import SystemPackage
import PPTObservability
import PPTStorage
import PPTDomain
import ServiceLifecycle

/// `ppt serve [all|api|portal|worker]`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the management API (8080), the Reality Portal (8081) and the workers.")

    @Argument(help: "What to run: all (default), api, portal or worker.")
    var role: String = "all"

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to bind (PPT_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Management API port (PPT_PORT, default 8080).")
    var port: Int?

    @Option(help: "Reality Portal port (PPT_PORTAL_PORT, default 8081).")
    var portalPort: Int?

    @Flag(help: "Seed the demo cooperative when the database is empty, and print its logins.")
    var demo = false

    func run() async throws {
        guard let role = ServeRole(rawValue: role) else {
            throw ValidationError("Unknown role '\(role)'; use all, api, portal or worker.")
        }
        let configuration = try await common.load(extra: [
            "PPT_HOST": host, "PPT_PORT": port.map(String.init), "PPT_PORTAL_PORT": portalPort.map(String.init),
        ])
        let logger = Bootstrap.logging(configuration)
        let started = ContinuousClock.now
        let telemetry: Telemetry
        do {
            telemetry = try Telemetry.bootstrapProcess(environment: ProcessInfo.processInfo.environment, logger: logger)
        } catch {
            throw ValidationError("Telemetry configuration: \(error)")
        }
        // Off (to measure instrumentation's cost) also means no per-query timings: the reference
        // then pays for none of the instrumentation.
        if !configuration.requestInstrumentation { DatabaseQueryRecording.bootstrap(UnrecordedQueries()) }
        let runtime = try await Runtime.open(configuration, telemetry: telemetry, logger: logger)
        try await runtime.database.withRunning {
            try await runtime.checkConnection()
            try await runtime.prepareSchema()
            if demo, let logins = try await DemoSeed(runtime: runtime).run() { DemoOutput.print(logins, configuration) }
            let group = ServiceGroup(
                configuration: .init(
                    services: try await runtime.services(role: role).map { .init(service: $0) },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            await runtime.markStarted()
            logger.info("ppt ready", metadata: [
                "ppt.role": "\(role.rawValue)", "ppt.database": "\(runtime.database.dialect.rawValue)",
                "ppt.startup_ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
            try await group.run()
        }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
