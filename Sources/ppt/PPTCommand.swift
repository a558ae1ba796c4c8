import ArgumentParser
import Configuration
import Foundation
import Logging
import PPTApp
import UnixSignals
import SystemPackage
import PPTObservability
import PPTStorage
import PPTDomain

/// The `ppt` command line.
@main
struct PPTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppt",
        abstract: "PPT — property management with AI and automation.",
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self, Keys.self, BenchCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options every command shares; flags win over `PPT_*` environment variables, which win over the config file.
struct CommonOptions: ParsableArguments {
    @Option(help: "Directory for the SQLite database, blobs and key ring (PPT_DATA_DIR, default ./.ppt).")
    var dataDir: String?

    @Option(help: "PostgreSQL URL; SQLite is used when unset (PPT_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "A .env-style file of PPT_* settings (PPT_CONFIG_FILE).")
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (PPT_LOG_LEVEL).")
    var logLevel: String?

    /// Reads the configuration chain with `extra` flag values.
    func load(extra: [String: String?] = [:]) async throws -> AppConfiguration {
        var flags: [String: String] = [:]
        let all: [String: String?] = ["PPT_DATA_DIR": dataDir, "PPT_DATABASE_URL": databaseURL,
                                      "PPT_LOG_LEVEL": logLevel].merging(extra) { first, _ in first }
        for case let (key, value?) in all { flags[key] = value }
        let environment = ProcessInfo.processInfo.environment
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: flags),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific([
                "PPT_DATABASE_URL", "PPT_MASTER_KEY",
            ])),
        ]
        if let file = config ?? environment["PPT_CONFIG_FILE"] {
            guard FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("The config file \(file) does not exist.")
            }
            providers.append(try await EnvironmentVariablesProvider(environmentFilePath: .init(file)))
        }
        return try AppConfiguration(reader: ConfigReader(providers: providers))
    }
}
