import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import PPTStorage

/// An HTTP client for user-chosen URLs behind the SSRF guard (DESIGN §4).
///
/// Each hop (the first request and every redirect, at most `maxRedirects`) is parsed strictly,
/// checked by `SSRFGuard`, and sent through a client whose `dnsOverride` pins the host to the
/// checked address, so the connection goes there and nowhere else while TLS still sends the name
/// (SNI) and verifies the certificate for it. Response bodies are capped, and the whole exchange
/// (resolution, redirects, body) has one deadline.
package struct GuardedHTTPClient: Sendable {
    /// Redirects followed before giving up.
    package static let maxRedirects = 5
    /// The default response body cap (1 MiB).
    package static let defaultBodyLimit = 1 << 20

    private let ssrfGuard: SSRFGuard
    private let bodyLimit: Int
    private let tlsConfiguration: TLSConfiguration?
    private let eventLoopGroup: any EventLoopGroup

    /// A client checking with `ssrfGuard`, keeping at most `bodyLimit` bytes of a response, with
    /// `tlsConfiguration` for HTTPS (system trust roots by default).
    package init(ssrfGuard: SSRFGuard = SSRFGuard(), bodyLimit: Int = GuardedHTTPClient.defaultBodyLimit,
                 tlsConfiguration: TLSConfiguration? = nil,
                 eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.ssrfGuard = ssrfGuard
        self.bodyLimit = bodyLimit
        self.tlsConfiguration = tlsConfiguration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends `request`, following redirects, within `timeout`. Throws `ActionFailure`:
    /// `http.blocked_address` / `http.unknown_host` / `http.invalid_url` / `http.too_many_redirects` /
    /// `http.response_too_large` (not retryable), `http.timeout` / `http.unreachable` (retryable).
    /// Non-2xx statuses are returned, not thrown.
    package func send(_ request: OutboundHTTPRequest, allowlist: [HTTPAllowlistEntry], timeout: Duration)
        async throws -> OutboundHTTPResponse
    {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        return try await withThrowingTaskGroup(of: OutboundHTTPResponse.self) { group in
            group.addTask { try await self.follow(request, allowlist: allowlist, deadline: deadline) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ActionFailure(code: "http.timeout", message: "No complete answer within \(timeout).", retryable: true)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    private func follow(_ first: OutboundHTTPRequest, allowlist: [HTTPAllowlistEntry], deadline: NIODeadline)
        async throws -> OutboundHTTPResponse
    {
        var request = first
        var redirects = 0
        while true {
            let address = try await ssrfGuard.check(request.url, allowlist: allowlist)
            let (status, headers, body) = try await hop(request, address: address, deadline: deadline)
            if let location = headers.first(name: "location"), [301, 302, 303, 307, 308].contains(status) {
                guard redirects < Self.maxRedirects else {
                    throw ActionFailure(code: "http.too_many_redirects",
                                        message: "More than \(Self.maxRedirects) redirects from \(first.url.host).",
                                        retryable: false)
                }
                let target = try request.url.resolving(location)
                if let next = request.redirected(status: status, to: target) {
                    request = next
                    redirects += 1
                    continue
                }
            }
            return OutboundHTTPResponse(status: status, headers: headers, body: body, url: request.url,
                                        redirects: redirects)
        }
    }

    /// One request to the checked `address`.
    private func hop(_ request: OutboundHTTPRequest, address: IPAddress, deadline: NIODeadline)
        async throws -> (Int, HTTPHeaders, Data)
    {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tlsConfiguration, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)), proxy: nil, ignoreUncleanSSLShutdown: false, decompression: .disabled)
        if case .name(let name) = request.url.host { configuration.dnsOverride = [name: address.description] }
        let client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        do {
            let result = try await exchange(client, request, deadline: deadline)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw Self.failure(error, host: request.url.host)
        }
    }

    private func exchange(_ client: HTTPClient, _ request: OutboundHTTPRequest, deadline: NIODeadline)
        async throws -> (Int, HTTPHeaders, Data)
    {
        var outgoing = HTTPClientRequest(url: request.url.description)
        outgoing.method = HTTPMethod(rawValue: request.method)
        outgoing.headers = request.headers
        let body = request.body ?? Data()
        if let secret = request.signingSecret {
            outgoing.headers.replaceOrAdd(
                name: RequestSignature.headerName, value: RequestSignature.header(secret: secret, body: body, at: Date()))
        }
        if request.body != nil { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(outgoing, deadline: deadline)
        var received = Data()
        for try await chunk in response.body {
            guard received.count + chunk.readableBytes <= bodyLimit else {
                throw ActionFailure(code: "http.response_too_large",
                                    message: "The response body is larger than \(bodyLimit / 1024) KiB.", retryable: false)
            }
            received.append(contentsOf: chunk.readableBytesView)
        }
        return (Int(response.status.code), response.headers, received)
    }

    private static func failure(_ error: any Error, host: OutboundURL.Host) -> any Error {
        if error is ActionFailure || error is CancellationError { return error }
        if let client = error as? HTTPClientError,
           [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(client) {
            return ActionFailure(code: "http.timeout", message: "\(host) did not answer in time.", retryable: true)
        }
        return ActionFailure(code: "http.unreachable", message: "Could not reach \(host): \(Self.describe(error)).",
                             retryable: true)
    }

    private static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError { return client.description }
        if let io = error as? IOError { return io.description }
        return String(describing: type(of: error))
    }
}
