import Foundation

/// A Sentry error event (protocols.md §E, Sentry's event payload). Built by `ErrorEventBuilder`, already
/// redacted; `SentryEnvelope` serialises it.
package struct SentryEvent: Sendable, Encodable {
    /// Event severity.
    package enum Level: String, Sendable, Encodable {
        case fatal, error, warning, info, debug
    }

    /// One exception of the chain (oldest first).
    package struct Exception: Sendable, Encodable {
        /// The Swift type name, e.g. `DomainError`.
        package var type: String
        /// The (redacted) message.
        package var value: String
        /// The Swift module of the type, e.g. `PPTDomain`.
        package var module: String?
        package var mechanism: Mechanism
        package var stacktrace: Stacktrace?

        /// An exception entry.
        package init(type: String, value: String, module: String?, mechanism: Mechanism, stacktrace: Stacktrace?) {
            self.type = type
            self.value = value
            self.module = module
            self.mechanism = mechanism
            self.stacktrace = stacktrace
        }
    }

    /// How the exception was caught.
    package struct Mechanism: Sendable, Encodable {
        package var type = "generic"
        /// `false` when nothing in the application handled it (a 500, a dead job).
        package var handled: Bool

        /// A `generic` mechanism.
        package init(handled: Bool) { self.handled = handled }
    }

    /// Frames ordered caller → callee (the last frame raised).
    package struct Stacktrace: Sendable, Encodable {
        package var frames: [Frame]

        /// A trace of `frames`, caller first.
        package init(frames: [Frame]) { self.frames = frames }
    }

    /// One stack frame.
    package struct Frame: Sendable, Encodable {
        package var filename: String
        package var function: String?
        package var module: String?
        package var lineno: Int?
        package var inApp: Bool

        /// A frame.
        package init(filename: String, function: String?, module: String?, lineno: Int?, inApp: Bool) {
            self.filename = filename
            self.function = function
            self.module = module
            self.lineno = lineno
            self.inApp = inApp
        }

        enum CodingKeys: String, CodingKey {
            case filename, function, module, lineno
            case inApp = "in_app"
        }
    }

    /// The HTTP request that failed; `url` is the route template, never the concrete path.
    package struct Request: Sendable, Encodable {
        package var method: String
        package var url: String
        package var headers: [String: String]

        /// A request context.
        package init(method: String, url: String, headers: [String: String]) {
            self.method = method
            self.url = url
            self.headers = headers
        }
    }

    /// The acting user: an id only, never an email.
    package struct User: Sendable, Encodable {
        package var id: String

        /// A user known by id.
        package init(id: String) { self.id = id }
    }

    /// `contexts.trace`.
    package struct TraceContext: Sendable, Encodable {
        package var traceID: String
        package var spanID: String?

        /// A trace context.
        package init(traceID: String, spanID: String?) {
            self.traceID = traceID
            self.spanID = spanID
        }

        enum CodingKeys: String, CodingKey {
            case traceID = "trace_id"
            case spanID = "span_id"
        }
    }

    /// A trail entry recorded before the error.
    package struct Breadcrumb: Sendable, Encodable {
        package var timestamp: Date
        package var category: String?
        package var message: String?
        package var level: Level?
        package var data: [String: String]

        /// Creates a breadcrumb.
        package init(timestamp: Date, category: String? = nil, message: String? = nil, level: Level? = nil,
                     data: [String: String] = [:]) {
            self.timestamp = timestamp
            self.category = category
            self.message = message
            self.level = level
            self.data = data
        }
    }

    /// 32 lowercase hex digits.
    package var eventID: String
    package var timestamp: Date
    package var platform = "other"
    package var level: Level
    package var logger: String?
    package var transaction: String?
    package var serverName: String?
    package var release: String?
    package var environment: String?
    package var tags: [String: String] = [:]
    package var exceptions: [Exception] = []
    package var request: Request?
    package var user: User?
    package var trace: TraceContext?
    package var fingerprint: [String] = []
    package var extra: [String: String] = [:]
    package var breadcrumbs: [Breadcrumb] = []

    /// An empty event with a fresh id.
    package init(level: Level, timestamp: Date = Date(), eventID: String = SentryEvent.makeEventID()) {
        self.level = level
        self.timestamp = timestamp
        self.eventID = eventID
    }

    /// A new random event id: a UUID as 32 lowercase hex digits.
    package static func makeEventID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    private struct Values<Element: Encodable>: Encodable { let values: [Element] }
    private struct Contexts: Encodable { let trace: TraceContext }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case timestamp, platform, level, logger, transaction
        case serverName = "server_name"
        case release, environment, tags, exception, request, user, contexts, fingerprint, extra, breadcrumbs
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(platform, forKey: .platform)
        try container.encode(level, forKey: .level)
        try container.encodeIfPresent(logger, forKey: .logger)
        try container.encodeIfPresent(transaction, forKey: .transaction)
        try container.encodeIfPresent(serverName, forKey: .serverName)
        try container.encodeIfPresent(release, forKey: .release)
        try container.encodeIfPresent(environment, forKey: .environment)
        if !tags.isEmpty { try container.encode(tags, forKey: .tags) }
        if !exceptions.isEmpty { try container.encode(Values(values: exceptions), forKey: .exception) }
        try container.encodeIfPresent(request, forKey: .request)
        try container.encodeIfPresent(user, forKey: .user)
        if let trace { try container.encode(Contexts(trace: trace), forKey: .contexts) }
        if !fingerprint.isEmpty { try container.encode(fingerprint, forKey: .fingerprint) }
        if !extra.isEmpty { try container.encode(extra, forKey: .extra) }
        if !breadcrumbs.isEmpty { try container.encode(Values(values: breadcrumbs), forKey: .breadcrumbs) }
    }
}
