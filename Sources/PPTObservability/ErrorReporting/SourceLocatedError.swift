/// Where an error was created (`#fileID`, `#function`, `#line`).
package struct ErrorSourceLocation: Sendable, Hashable {
    /// `Module/File.swift`.
    package let fileID: String
    package let function: String
    package let line: Int

    /// The location of the caller.
    package init(fileID: String = #fileID, function: String = #function, line: Int = #line) {
        self.fileID = fileID
        self.function = function
        self.line = line
    }

    /// The module part of `fileID`.
    package var module: String { fileID.split(separator: "/").first.map(String.init) ?? fileID }
}

/// An error that records where it was created. Swift errors carry no stack trace, so this location is the
/// only frame an error report can honestly give: reports of such errors get a one-frame `stacktrace`,
/// reports of other errors get none (a `Thread.callStackSymbols` taken in the observer would show the
/// observer, not the throw site).
package protocol SourceLocatedError: Error {
    /// Where the error was created.
    var sourceLocation: ErrorSourceLocation { get }
}

/// An error that wraps a cause; reports list the chain as exceptions, innermost first.
package protocol WrappingError: Error {
    /// The error this one was made from.
    var underlyingError: any Error { get }
}

/// Wraps an error with the place it was caught and rethrown, so its report gets a stack frame:
/// `throw LocatedError(error)`. Use it for unexpected errors only: the HTTP error mapping does not look
/// inside it, so a wrapped `DomainError` becomes a 500.
package struct LocatedError: SourceLocatedError, WrappingError, CustomStringConvertible {
    package let underlyingError: any Error
    package let sourceLocation: ErrorSourceLocation

    /// Wraps `error` at the caller's location.
    package init(_ error: any Error, fileID: String = #fileID, function: String = #function, line: Int = #line) {
        self.underlyingError = error
        self.sourceLocation = ErrorSourceLocation(fileID: fileID, function: function, line: line)
    }

    package var description: String { String(describing: underlyingError) }
}
