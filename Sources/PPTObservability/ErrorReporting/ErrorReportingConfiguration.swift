import Foundation

/// A configuration value that cannot be used; the message names the key and never echoes a secret.
package struct ErrorReportingConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    package let key: String
    package let reason: String

    package var description: String { "\(key): \(reason)" }
}

/// Error reporting settings, read from the environment.
///
/// | Key | Type | Default |
/// |---|---|---|
/// | `SENTRY_DSN` | Sentry DSN, secret | unset: reports are logged at error level (redacted) instead of sent |
/// | `SENTRY_ENVIRONMENT` | string | `production` |
/// | `SENTRY_RELEASE` | string | `ppt@<version>` |
/// | `PPT_SENTRY_QUEUE_SIZE` | integer 1…10000 | `100` (events waiting to be sent; more are dropped) |
package struct ErrorReportingConfiguration: Sendable {
    /// Where to send events; `nil` logs them instead.
    package var dsn: SentryDSN?
    package var environment: String
    package var release: String
    package var queueSize: Int
    /// `server_name` of events: the host name.
    package var serverName: String?
    /// The SDK identity (`ppt/<version>`) in `User-Agent`, `X-Sentry-Auth` and the envelope header.
    package var sdk: SentryEnvelope.SDK

    /// Reads the keys above from `environment`; `version` is the application's version.
    /// Throws `ErrorReportingConfigurationError` for a malformed DSN or queue size.
    package init(environment: [String: String], version: String,
                 serverName: String? = ProcessInfo.processInfo.hostName) throws {
        func value(_ key: String) -> String? {
            guard let raw = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
                return nil
            }
            return raw
        }
        if let dsn = value("SENTRY_DSN") {
            do {
                self.dsn = try SentryDSN(dsn)
            } catch {
                throw ErrorReportingConfigurationError(key: "SENTRY_DSN", reason: error.description)
            }
        } else {
            self.dsn = nil
        }
        self.environment = value("SENTRY_ENVIRONMENT") ?? "production"
        self.release = value("SENTRY_RELEASE") ?? "ppt@\(version)"
        if let text = value("PPT_SENTRY_QUEUE_SIZE") {
            guard let size = Int(text), (1...10_000).contains(size) else {
                throw ErrorReportingConfigurationError(
                    key: "PPT_SENTRY_QUEUE_SIZE", reason: "must be an integer between 1 and 10000")
            }
            self.queueSize = size
        } else {
            self.queueSize = 100
        }
        self.serverName = serverName
        self.sdk = SentryEnvelope.SDK(name: "ppt", version: version)
    }
}
