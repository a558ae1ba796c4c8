/// An error that knows its category (errors of modules above PPTObservability may adopt it).
package protocol CategorizedError: Error {
    /// The category reports and metrics use.
    var errorCategory: ErrorCategory { get }
}

extension ErrorCategory {
    /// The category of an error known only by its type: a `CategorizedError` says so itself; errors of the
    /// database drivers are `database`, those of HTTP clients `external_service`; the rest `internal`.
    package init(classifying error: any Error) {
        var current: any Error = error
        for _ in 0..<8 {
            if let categorized = current as? any CategorizedError {
                self = categorized.errorCategory
                return
            }
            if let category = Self.byModule(of: current) {
                self = category
                return
            }
            guard let wrapping = current as? any WrappingError else { break }
            current = wrapping.underlyingError
        }
        self = .internal
    }

    private static let databaseModules: Set<String> = [
        "PostgresNIO", "PostgresKit", "SQLiteNIO", "SQLiteKit", "SQLKit", "AsyncKit",
    ]
    private static let externalModules: Set<String> = ["AsyncHTTPClient", "NIOSSL", "NIOPosix", "NIOHTTP1"]

    private static func byModule(of error: any Error) -> ErrorCategory? {
        let module = String(reflecting: type(of: error)).split(separator: ".").first.map(String.init) ?? ""
        if databaseModules.contains(module) { return .database }
        if externalModules.contains(module) { return .externalService }
        return nil
    }
}
