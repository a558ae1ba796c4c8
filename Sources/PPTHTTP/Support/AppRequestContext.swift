import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTDomain

/// Who made the request, from a verified access token.
package struct Identity: Sendable, Hashable {
    package let userID: UserID
    package let isSuperadmin: Bool
}

/// The request context of every PPT route: the authenticated identity, the acting organization
/// scope, the request id, and the remote address (for login throttling).
package struct AppRequestContext: RequestContext {
    package typealias Decoder = ProblemJSONDecoder
    package typealias Encoder = JSONEncoder

    package var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for a valid bearer token.
    package var identity: Identity?
    /// Set by `OrganizationScopeMiddleware` on `/orgs/{orgID}/...` routes.
    package var scope: OrgScope?
    /// This request's id, echoed in `X-Request-ID` and logged with every line.
    package var requestID: String = ""
    /// The peer address, `unknown` when there is none (tests).
    package let remoteAddress: String
    /// Largest body that `decode` accepts; upload routes raise it.
    package var maxUploadSize: Int = 1024 * 1024

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    package var requestDecoder: ProblemJSONDecoder { ProblemJSONDecoder() }
    package var responseEncoder: JSONEncoder { APIJSON.encoder }

    /// The client's address for throttling: the peer, or — behind a trusted reverse proxy — the
    /// left-most `X-Forwarded-For` entry.
    package func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        guard trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        else { return remoteAddress }
        return first
    }

    /// The identity, or 401.
    package func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthenticated }
        return identity
    }

    /// The acting scope, set on organization routes.
    package func requireScope() throws -> OrgScope {
        guard let scope else { throw APIError.unauthenticated }
        return scope
    }
}

/// PPT's JSON conventions: ISO 8601 timestamps, sorted keys.
package enum APIJSON {
    /// Encoder for every response body.
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decoder for request bodies.
    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)
                .timeZone(separator: .omitted)) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 timestamp")
        }
        return decoder
    }
}
