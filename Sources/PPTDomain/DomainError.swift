/// What kind of failure a `DomainError` is; the HTTP layer maps each to one status.
package enum DomainErrorKind: String, Sendable {
    case notFound, conflict, invalid, forbidden, unauthorized, tooManyRequests, unavailable
}

/// One invalid field of a request, with a JSON pointer to it (RFC 6901).
package struct FieldError: Sendable, Hashable, Codable {
    /// JSON pointer, e.g. `/priority`.
    package let pointer: String
    /// What is wrong, for people.
    package let detail: String

    package init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }
}

/// An expected failure of a domain operation: a stable machine-readable `code`, a `kind` and a
/// message that is safe to show to the caller.
package struct DomainError: Error, Sendable, Hashable {
    /// Stable code such as `fault.invalid_transition`; clients switch on it.
    package let code: String
    /// The class of failure.
    package let kind: DomainErrorKind
    /// Safe, human-readable explanation.
    package let message: String
    /// Field-level problems for validation errors.
    package let fields: [FieldError]
    /// Seconds after which a retry may succeed (rate limits, lockouts).
    package let retryAfterSeconds: Int?

    package init(
        code: String, kind: DomainErrorKind, message: String, fields: [FieldError] = [],
        retryAfterSeconds: Int? = nil
    ) {
        self.code = code
        self.kind = kind
        self.message = message
        self.fields = fields
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The resource does not exist in the acting organization (also used for other tenants' ids).
    package static func notFound(_ resource: String) -> DomainError {
        DomainError(code: "\(resource).not_found", kind: .notFound, message: "No such \(resource).")
    }

    /// The role may not perform the operation.
    package static func forbidden(_ message: String) -> DomainError {
        DomainError(code: "permission.denied", kind: .forbidden, message: message)
    }

    /// One invalid field.
    package static func invalid(_ pointer: String, _ detail: String) -> DomainError {
        DomainError(
            code: "validation.failed", kind: .invalid, message: "The request is not valid.",
            fields: [FieldError(pointer: pointer, detail: detail)])
    }

    /// Several invalid fields.
    package static func invalid(_ fields: [FieldError]) -> DomainError {
        DomainError(code: "validation.failed", kind: .invalid, message: "The request is not valid.", fields: fields)
    }

    /// A closed listing no longer changes (its text, translations or photos).
    package static let listingClosed = DomainError(
        code: "listing.closed", kind: .conflict, message: "A closed listing cannot change.")

    /// A state transition that the lifecycle does not allow.
    package static func invalidTransition(_ resource: String, from: String, to: String) -> DomainError {
        DomainError(
            code: "\(resource).invalid_transition", kind: .conflict,
            message: "A \(resource) cannot go from \(from) to \(to).")
    }
}
