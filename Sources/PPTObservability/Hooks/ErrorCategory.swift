/// What kind of failure an error is, for error reports, metrics labels and alerting (low cardinality).
package enum ErrorCategory: String, Sendable, CaseIterable, Codable {
    case validation, auth, permission
    case notFound = "not_found"
    case conflict
    case rateLimit = "rate_limit"
    case budget
    case externalService = "external_service"
    case database, `internal`

    /// The category of an HTTP status (for errors that carry only a status).
    package init(status: Int, code: String? = nil) {
        if let code, code.hasPrefix("budget.") { self = .budget; return }
        switch status {
        case 400, 413, 415, 422: self = .validation
        case 401: self = .auth
        case 403: self = .permission
        case 404, 405: self = .notFound
        case 409: self = .conflict
        case 429: self = .rateLimit
        case 502, 503, 504: self = .externalService
        default: self = .internal
        }
    }
}
