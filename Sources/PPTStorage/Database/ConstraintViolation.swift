import PPTDomain
import PostgresNIO
import SQLiteNIO

/// Turns the engines' constraint errors into domain conflicts, so that a race the repository's own
/// checks could not see (two inserts of the same unique value) is a 409, never a 500.
enum ConstraintViolation {
    /// `error` as a `DomainError` when it is a unique or foreign-key violation; otherwise `error`.
    static func translate(_ error: any Error) -> any Error {
        switch kind(of: error) {
        case .unique:
            return DomainError(code: "conflict.duplicate", kind: .conflict,
                               message: "This conflicts with an existing record; reload and try again.")
        case .foreignKey:
            return DomainError(code: "conflict.referenced", kind: .conflict,
                               message: "Other records still refer to this one, or a referenced record is gone.")
        case nil:
            return error
        }
    }

    enum Kind { case unique, foreignKey }

    static func kind(of error: any Error) -> Kind? {
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            if state == "23505" { return .unique }
            if state == "23503" { return .foreignKey }
        }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return .unique
            case .constraintForeignKeyFailed: return .foreignKey
            case .constraint:
                if error.message.contains("UNIQUE") { return .unique }
                if error.message.contains("FOREIGN KEY") { return .foreignKey }
            default: break
            }
        }
        return nil
    }

    /// Whether PostgreSQL asks for the transaction to be retried (serialization failure, deadlock).
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
