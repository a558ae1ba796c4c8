import ArgumentParser
import Foundation
import Logging
import PPTApp
import UnixSignals
import SystemPackage
import PPTObservability
import PPTStorage
import PPTDomain

/// Logging set-up, once per process (STYLE §3).
enum Bootstrap {
    static func logging(_ configuration: AppConfiguration) -> Logger {
        let level = configuration.logLevel
        let json = configuration.jsonLogs
        // Trace and span ids join every line through the metadata provider.
        LoggingSystem.bootstrap({ label, provider in
            var handler: any LogHandler =
                json
                ? JSONLogHandler(label: label, metadataProvider: provider)
                : StreamLogHandler.standardError(label: label, metadataProvider: provider)
            handler.logLevel = level
            return handler
        }, metadataProvider: RecordingTracer.loggingMetadataProvider)
        var logger = Logger(label: "ppt")
        logger.logLevel = level
        return logger
    }
}

/// Prints the demo logins.
enum DemoOutput {
    static func print(_ logins: [DemoLogin], _ configuration: AppConfiguration) {
        var text = "\nDemo cooperative created. Sign in at http://\(configuration.host):\(configuration.port) with:\n"
        for login in logins {
            text += "  \(login.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(login.email)  \(login.password)\n"
        }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// `ppt migrate [apply|status]`.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations, or show their status.")

    @Argument(help: "apply (default) or status.")
    var action: String = "apply"

    @OptionGroup var common: CommonOptions

    func run() async throws {
        guard ["apply", "status"].contains(action) else { throw ValidationError("Use 'apply' or 'status'.") }
        let configuration = try await common.load()
        let logger = Bootstrap.logging(configuration)
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger), logger: logger)
        let action = self.action
        try await runtime.database.withRunning {
            try await runtime.checkConnection()
            let migrator = runtime.migrator
            if action == "status" {
                let status = try await migrator.status()
                print("database: \(runtime.database.dialect.rawValue)")
                print("applied: \(status.applied), latest known: \(status.latest), pending: \(status.pending)")
                if status.applied > status.latest { throw ExitCode(3) }
            } else {
                let applied = try await migrator.migrate()
                print(applied.isEmpty ? "Schema is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
            }
        }
    }
}

/// `ppt seed --demo`.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create demo data in an empty database.")

    @Flag(help: "Create the demo housing cooperative.")
    var demo = false

    @OptionGroup var common: CommonOptions

    func run() async throws {
        guard demo else { throw ValidationError("Nothing to seed: pass --demo.") }
        let configuration = try await common.load()
        let logger = Bootstrap.logging(configuration)
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger), logger: logger)
        try await runtime.database.withRunning {
            try await runtime.checkConnection()
            try await runtime.prepareSchema()
            guard let logins = try await DemoSeed(runtime: runtime).run() else {
                print("The database already has organizations; the demo seed only runs on an empty database.")
                throw ExitCode(1)
            }
            DemoOutput.print(logins, configuration)
        }
    }
}

/// `ppt user create`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; the password is read from PPT_USER_PASSWORD or standard input.")

        @Option(help: "Email address (the login).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Locale: sk, cs, de or en.") var locale: String = "en"
        @Flag(help: "Make the user a platform superadmin.") var superadmin = false
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try await common.load()
            let password = ProcessInfo.processInfo.environment["PPT_USER_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            let logger = Bootstrap.logging(configuration)
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger), logger: logger)
            let (email, name, locale, superadmin) = (self.email, self.name, self.locale, self.superadmin)
            try await runtime.database.withRunning {
                try await runtime.checkConnection()
                try await runtime.prepareSchema()
                let user = try await runtime.createUser(email: email, name: name, password: password, locale: locale,
                                                        superadmin: superadmin)
                print("Created user \(user.email) (\(user.id))\(superadmin ? " as superadmin" : "").")
            }
        }
    }
}

/// `ppt keys rotate`.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the key ring for secrets at rest.", subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new key (file key ring) and re-encrypt every secret under the active key.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try await common.load()
            let logger = Bootstrap.logging(configuration)
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger), logger: logger)
            try await runtime.database.withRunning {
                try await runtime.checkConnection()
                try await runtime.prepareSchema()
                let (keyID, count) = try await runtime.rotateKeys()
                print("Active key: \(keyID). Re-encrypted \(count) secret(s).")
            }
        }
    }
}
