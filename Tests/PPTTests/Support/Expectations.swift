import PPTDomain
import Testing

/// Expects `body` to fail with a `DomainError` of `code` (and, when given, exactly these field pointers).
func expectError<T>(_ code: String, fields: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () async throws -> T) async {
    let error = await #expect(throws: DomainError.self, sourceLocation: sourceLocation) { try await body() }
    #expect(error?.code == code, sourceLocation: sourceLocation)
    if let fields { #expect(error?.fields.map(\.pointer) == fields, sourceLocation: sourceLocation) }
}
