import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain

extension AppRequestContext {
    /// A typed id from a path parameter; 404 when it is not a UUID (it cannot name anything).
    package func id<T>(_ name: String, resource: String) throws -> Identifier<T> {
        guard let text = parameters.get(name), let id = Identifier<T>(text) else {
            throw APIError(DomainError.notFound(resource))
        }
        return id
    }
}

extension Request {
    /// A query parameter parsed by `parse`; 422 with a pointer when it does not parse.
    package func query<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = parse(text) else {
            throw APIError(DomainError(
                code: "validation.failed", kind: .invalid, message: "The query is not valid.",
                fields: [FieldError(pointer: "/query/\(name)", detail: "has an invalid value")]))
        }
        return value
    }

    /// A raw-value enum query parameter.
    package func query<E: RawRepresentable>(_ name: String, as type: E.Type) throws -> E? where E.RawValue == String {
        try query(name) { E(rawValue: $0) }
    }

    /// A free-text query parameter decoded as an HTML form does (`+` is a space, `%2B` a plus), the
    /// way browsers' `URLSearchParams` encode it; `nil` when absent or not valid percent-encoding.
    package func formQuery(_ name: String) -> String? {
        guard let raw = uri.query else { return nil }
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            if decode(parts[0]) == name { return parts.count > 1 ? decode(parts[1]) : "" }
        }
        return nil
    }

    /// `limit` and `cursor` query parameters.
    package func pageRequest() throws -> PageRequest {
        let limit = try query("limit") { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } } ?? 50
        let cursor = try query("cursor") { Cursor(token: $0) }
        return PageRequest(limit: limit, cursor: cursor)
    }
}
