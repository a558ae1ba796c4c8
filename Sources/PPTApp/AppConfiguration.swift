import Configuration
import Foundation
import Logging

/// PPT's configuration, read from flags > environment (`PPT_*`) > config file > defaults.
///
/// | key (env) | type | default | meaning |
/// |---|---|---|---|
/// | `PPT_HOST` | string | `127.0.0.1` | address both servers bind to |
/// | `PPT_PORT` | int | `8080` | management API port |
/// | `PPT_PORTAL_PORT` | int | `8081` | Reality Portal port |
/// | `PPT_DATA_DIR` | path | `./.ppt` | SQLite file, blobs, key ring |
/// | `PPT_DATABASE_URL` | url | — | PostgreSQL (`postgres://…`); SQLite when unset |
/// | `PPT_MASTER_KEY` | secret | — | key ring `id:base64[,…]`; else `<data dir>/keyring` |
/// | `PPT_BCRYPT_COST` | int | `12` | bcrypt cost (≥ 10) |
/// | `PPT_LOG_LEVEL` | string | `info` | trace … critical |
/// | `PPT_LOG_FORMAT` | string | `text` | `text` or `json` |
/// | `PPT_AUTO_MIGRATE` | bool | `true` | apply migrations at start |
/// | `PPT_WORKER_CONCURRENCY` | int | `4` | jobs run at once per worker |
/// | `PPT_LEASE_EXPIRY_DAYS` | int | `60` | days ahead for `lease_expiring` |
/// | `PPT_MAX_UPLOAD_MB` | int | `25` | largest document upload |
/// | `PPT_TRUST_FORWARDED_FOR` | bool | `false` | take the client address from `X-Forwarded-For` |
/// | `PPT_REQUEST_INSTRUMENTATION` | bool | `true` | per-request spans and metrics (off only to measure their cost) |
package struct AppConfiguration: Sendable {
    package var host: String
    package var port: Int
    package var portalPort: Int
    package var dataDirectory: String
    package var databaseURL: String?
    package var masterKey: String?
    package var bcryptCost: Int
    package var logLevel: Logger.Level
    package var jsonLogs: Bool
    package var autoMigrate: Bool
    package var workerConcurrency: Int
    package var leaseExpiryDays: Int
    package var maxUploadMegabytes: Int
    package var trustForwardedFor: Bool
    package var requestInstrumentation: Bool

    /// Reads every key; throws a readable message for values out of range.
    package init(reader: ConfigReader) throws {
        host = reader.string(forKey: "ppt.host", default: "127.0.0.1")
        port = reader.int(forKey: "ppt.port", default: 8080)
        portalPort = reader.int(forKey: "ppt.portal.port", default: 8081)
        dataDirectory = reader.string(forKey: "ppt.data.dir", default: "./.ppt")
        databaseURL = reader.string(forKey: "ppt.database.url", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        masterKey = reader.string(forKey: "ppt.master.key", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        bcryptCost = reader.int(forKey: "ppt.bcrypt.cost", default: 12)
        let level = reader.string(forKey: "ppt.log.level", default: "info")
        guard let parsedLevel = Logger.Level(rawValue: level) else {
            throw ConfigurationError("PPT_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsedLevel
        jsonLogs = reader.string(forKey: "ppt.log.format", default: "text") == "json"
        autoMigrate = reader.bool(forKey: "ppt.auto.migrate", default: true)
        workerConcurrency = reader.int(forKey: "ppt.worker.concurrency", default: 4)
        leaseExpiryDays = reader.int(forKey: "ppt.lease.expiry.days", default: 60)
        maxUploadMegabytes = reader.int(forKey: "ppt.max.upload.mb", default: 25)
        trustForwardedFor = reader.bool(forKey: "ppt.trust.forwarded.for", default: false)
        requestInstrumentation = reader.bool(forKey: "ppt.request.instrumentation", default: true)
        for (name, value, range) in [("PPT_PORT", port, 0...65535), ("PPT_PORTAL_PORT", portalPort, 0...65535),
                                     ("PPT_BCRYPT_COST", bcryptCost, 10...16),
                                     ("PPT_WORKER_CONCURRENCY", workerConcurrency, 1...64),
                                     ("PPT_LEASE_EXPIRY_DAYS", leaseExpiryDays, 1...365),
                                     ("PPT_MAX_UPLOAD_MB", maxUploadMegabytes, 1...1024)]
        where !range.contains(value) {
            throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }

    /// The configuration with defaults and `environment` only (tests, tools).
    package static func make(environment: [String: String] = [:], overrides: [String: String] = [:]) throws
        -> AppConfiguration
    {
        try AppConfiguration(reader: ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: overrides.merging(environment) { first, _ in first })
        ]))
    }

    /// The SQLite file.
    package var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("ppt.sqlite") }
    /// The blob directory.
    package var blobDirectory: String { (dataDirectory as NSString).appendingPathComponent("blobs") }
    /// The key ring file, when `PPT_MASTER_KEY` is not set.
    package var keyRingPath: String { (dataDirectory as NSString).appendingPathComponent("keyring") }
}

/// A configuration value that cannot be used.
package struct ConfigurationError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
