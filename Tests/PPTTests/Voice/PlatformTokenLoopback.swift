import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTDomain

/// A loopback stand-in for Login with Amazon and the Proactive Events API: a real HTTP server on
/// 127.0.0.1 that speaks the LWA client-credentials JSON and records every request.
actor PlatformTokenLoopback {
    struct Recorded: Sendable {
        var authorization: String?
        var contentType: String?
        var body: String
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] }
    }

    private(set) var tokenRequests: [Recorded] = []
    private(set) var eventRequests: [Recorded] = []
    /// Lifetime the token endpoint grants.
    var expiresIn = 3600
    /// Status the events endpoint answers.
    var eventStatus: HTTPResponse.Status = .accepted

    /// Status the token endpoint answers (errors carry LWA's error JSON).
    var tokenStatus: HTTPResponse.Status = .ok

    func setEventStatus(_ status: HTTPResponse.Status) { eventStatus = status }
    func setTokenStatus(_ status: HTTPResponse.Status) { tokenStatus = status }

    fileprivate func recordToken(_ request: Recorded) -> (Int, Int, HTTPResponse.Status) {
        tokenRequests.append(request)
        return (tokenRequests.count, expiresIn, tokenStatus)
    }

    fileprivate func recordEvent(_ request: Recorded) -> HTTPResponse.Status {
        eventRequests.append(request)
        return eventStatus
    }

    /// Runs `body` with the server listening; passes its base URL (`http://127.0.0.1:<port>`).
    func serve(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("auth/o2/token") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 65536))
            let (count, lifetime, status) = await self.recordToken(Recorded(
                authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: text))
            if status != .ok {
                return Response(status: status, headers: [.contentType: "application/json"], body: .init(
                    byteBuffer: ByteBuffer(string: #"{"error":"invalid_client","error_description":"bad secret"}"#)))
            }
            let json = #"{"access_token":"Atc|token-\#(count)","scope":"alexa::proactive_events","# +
                #""token_type":"bearer","expires_in":\#(lifetime)}"#
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        router.post("v1/proactiveEvents") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 65536))
            let status = await self.recordEvent(Recorded(
                authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: text))
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw LoopbackError.noPort }
            try await body("http://127.0.0.1:\(port)")
        }
    }

    enum LoopbackError: Error { case noPort }
}
