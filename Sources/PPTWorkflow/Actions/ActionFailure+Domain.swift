import Foundation
import PPTDomain

extension ActionFailure {
    /// The action-level form of a domain failure: the same stable code, and retryable only when
    /// the domain says another attempt can succeed (`unavailable`, `tooManyRequests`). Not found,
    /// invalid input, forbidden and invalid transitions never heal by retrying.
    package init(_ error: DomainError) {
        var message = error.message
        if !error.fields.isEmpty {
            message += " " + error.fields.map { "\($0.pointer): \($0.detail)" }.joined(separator: "; ")
        }
        let retryable = error.kind == .unavailable || error.kind == .tooManyRequests
        self.init(code: error.code, message: message, retryable: retryable)
    }

    /// Runs `body`, turning any `DomainError` it throws into an `ActionFailure` (see `init(_:)`).
    package static func mappingDomainErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DomainError {
            throw ActionFailure(error)
        }
    }
}

extension ActionFailure {
    /// Runs a synchronous domain check (`validate()`, `scope.require(_:)`), turning its
    /// `DomainError` into an `ActionFailure`.
    package static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            throw ActionFailure(error)
        }
    }
}
