import Foundation

/// The result class of a health check and of a whole report.
package enum HealthStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case pass, warn, fail

    private var severity: Int {
        switch self {
        case .pass: 0
        case .warn: 1
        case .fail: 2
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.severity < rhs.severity }

    /// The `ppt_health_check_status` value: 1 pass, 0.5 warn, 0 fail.
    package var gaugeValue: Double {
        switch self {
        case .pass: 1
        case .warn: 0.5
        case .fail: 0
        }
    }
}

/// What a check found: a status and a short message that is safe to show to anyone (no internal
/// error text, no secrets, no hostnames).
package struct HealthCheckOutcome: Sendable, Hashable {
    package let status: HealthStatus
    package let message: String?

    /// An outcome; the message is cut to 200 characters.
    package init(_ status: HealthStatus, _ message: String? = nil) {
        self.status = status
        self.message = message.map { String($0.prefix(200)) }
    }

    /// A passing outcome.
    package static func pass(_ message: String? = nil) -> Self { Self(.pass, message) }
    /// A degraded outcome.
    package static func warn(_ message: String) -> Self { Self(.warn, message) }
    /// A failing outcome.
    package static func fail(_ message: String) -> Self { Self(.fail, message) }
}

/// A named check. A thrown error counts as `fail` with a generic message: the error's text is
/// never shown (it may name hosts or carry secrets).
package typealias HealthCheck = @Sendable () async throws -> HealthCheckOutcome

/// One check's result in a report.
package struct HealthCheckResult: Sendable, Codable, Hashable {
    package let name: String
    package let status: HealthStatus
    /// How long the check took, in milliseconds.
    package let latencyMs: Double
    package let message: String?

    /// A result.
    package init(name: String, status: HealthStatus, latencyMs: Double, message: String?) {
        self.name = name
        self.status = status
        self.latencyMs = (latencyMs * 1000).rounded() / 1000
        self.message = message
    }

    private enum CodingKeys: String, CodingKey { case name, status, latencyMs, message }

    /// Writes `message` as `null` when there is none, so every check has the same four keys.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(message, forKey: .message)
    }
}

/// The body of `/health/live`, `/health/ready` and `/health/startup`.
package struct HealthReport: Sendable, Codable {
    /// The worst status of the checks (`pass` without checks).
    package let status: HealthStatus
    package let checks: [HealthCheckResult]
    package let checkedAt: Date

    /// A report over `checks`.
    package init(checks: [HealthCheckResult], checkedAt: Date) {
        self.status = checks.map(\.status).max() ?? .pass
        self.checks = checks
        self.checkedAt = checkedAt
    }

    /// Whether the report answers 503: only when a check fails (warn is degraded but serving).
    package var isUnavailable: Bool { status == .fail }
}
