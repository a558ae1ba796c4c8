import Foundation

/// Turns an `ErrorReport` into a Sentry event (not yet redacted; `ErrorReporter` redacts).
///
/// - `exception.values`: the error and, for `WrappingError`s, its causes, innermost first; `type` is the
///   Swift type name, `module` its module, `value` the error's description, `mechanism` `generic` with
///   `handled`. A `stacktrace` with one frame is added for `SourceLocatedError`s (their creation site);
///   other Swift errors carry no trace, so none is invented.
/// - `tags`: category, route, method, status, code, job kind, request id, organization id.
/// - `request`: method, the route template as `url`, allowlisted headers. `user`: the id only.
/// - `fingerprint`: category, error type, route (or job kind) and problem code, so one bug on one route
///   is one issue whatever its message.
package struct ErrorEventBuilder: Sendable {
    package var release: String
    package var environment: String
    package var serverName: String?

    /// A builder stamping every event with `release`, `environment` and `serverName`.
    package init(release: String, environment: String, serverName: String?) {
        self.release = release
        self.environment = environment
        self.serverName = serverName
    }

    /// The event for `report`.
    package func event(for report: ErrorReport) -> SentryEvent {
        var event = SentryEvent(level: report.level, timestamp: report.timestamp)
        event.logger = report.logger
        event.release = release
        event.environment = environment
        event.serverName = serverName
        event.exceptions = Self.exceptions(report.error, handled: report.handled)
        let typeName = event.exceptions.last?.type ?? "Error"

        var tags = report.tags
        tags["category"] = report.category.rawValue
        tags["route"] = report.route
        tags["method"] = report.method
        tags["status"] = report.status.map(String.init)
        tags["code"] = report.code
        tags["job_kind"] = report.jobKind
        tags["request_id"] = report.requestID
        tags["org_id"] = report.organizationID
        event.tags = tags

        var extra = report.extra
        extra["request_id"] = report.requestID
        extra["org_id"] = report.organizationID
        extra["job_id"] = report.jobID
        extra["job_attempt"] = report.attempt.map(String.init)
        event.extra = extra

        let place: String
        if let method = report.method, let route = report.route {
            place = "\(method) \(route)"
            event.request = SentryEvent.Request(method: method, url: route, headers: report.headers)
        } else if let kind = report.jobKind {
            place = "job \(kind)"
        } else {
            place = report.logger
        }
        event.transaction = place
        event.user = report.userID.map(SentryEvent.User.init(id:))
        event.trace = report.trace.map { SentryEvent.TraceContext(traceID: $0.traceID, spanID: $0.spanID) }
        event.fingerprint = [report.category.rawValue, typeName, place] + (report.code.map { [$0] } ?? [])
        event.breadcrumbs = report.breadcrumbs
        return event
    }

    /// The exception chain, innermost (oldest) first, at most 8 deep.
    static func exceptions(_ error: any Error, handled: Bool) -> [SentryEvent.Exception] {
        var chain: [any Error] = [error]
        while chain.count < 8, let wrapping = chain.last as? any WrappingError {
            chain.append(wrapping.underlyingError)
        }
        return chain.reversed().map { error in
            let (module, type) = typeName(of: error)
            var exception = SentryEvent.Exception(
                type: type, value: String(describing: error), module: module,
                mechanism: SentryEvent.Mechanism(handled: handled), stacktrace: nil)
            if let located = error as? any SourceLocatedError {
                let location = located.sourceLocation
                exception.stacktrace = SentryEvent.Stacktrace(frames: [
                    SentryEvent.Frame(filename: location.fileID, function: location.function, module: location.module,
                                      lineno: location.line, inApp: location.module.lowercased().hasPrefix("ppt"))
                ])
            }
            return exception
        }
    }

    /// `(module, type)` of an error's dynamic type, e.g. `("PPTDomain", "DomainError")`.
    static func typeName(of error: any Error) -> (String?, String) {
        // Private and local types print as `Module.(unknown context at $10f2c).Name`.
        let full = String(reflecting: type(of: error))
            .replacing(/\(unknown context at \$[0-9a-fA-F]+\)\./, with: "")
        let head = full.prefix { $0 != "<" }
        guard let dot = head.firstIndex(of: ".") else { return (nil, full) }
        return (String(full[..<dot]), String(full[full.index(after: dot)...]))
    }
}
