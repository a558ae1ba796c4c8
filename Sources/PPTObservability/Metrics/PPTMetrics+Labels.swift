/// Label folding: every label value comes from a small fixed set or a route template.
extension PPTMetrics {
    private static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    private static let operations: Set<String> = ["select", "insert", "update", "delete"]

    /// The method, or `OTHER` for anything outside the standard set (custom methods are unbounded).
    package static func methodLabel(_ method: String) -> String {
        let upper = method.uppercased()
        return methods.contains(upper) ? upper : "OTHER"
    }

    /// Whether `method` is one of the standard methods, spelled as they are. Asked on every request,
    /// so a switch over short strings rather than a set lookup, which would hash the name.
    static func isStandardMethod(_ method: String) -> Bool {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS": true
        default: false
        }
    }

    /// The route template; `unmatched` when no route matched (Hummingbird says `NotFound`).
    package static func routeLabel(_ route: String?) -> String {
        guard let route, !route.isEmpty, route != "NotFound" else { return "unmatched" }
        return route
    }

    /// Whether `route` is a probe or the metrics scrape (`/health/…`, `/metrics`).
    package static func isInfrastructureRoute(_ route: String) -> Bool {
        route == "/metrics" || route.hasPrefix("/health/")
    }

    /// `1xx` … `5xx`.
    package static func statusClass(_ status: Int) -> String {
        (100...599).contains(status) ? "\(status / 100)xx" : "5xx"
    }

    /// select|insert|update|delete|other.
    package static func operationLabel(_ operation: String) -> String {
        let lower = operation.lowercased()
        return operations.contains(lower) ? lower : "other"
    }

    /// A table name as a label: identifier characters only, else `other`.
    package static func tableLabel(_ table: String) -> String {
        guard !table.isEmpty, table.count <= 64,
            table.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "_" })
        else { return "other" }
        return table.lowercased()
    }

    /// A duration in nanoseconds.
    package static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Seconds in nanoseconds (negative and non-finite values count as zero).
    package static func nanoseconds(seconds: Double) -> Int64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int64(min(seconds, 9e9) * 1e9)
    }

    /// A duration in seconds.
    package static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
