import Foundation
import NIOHTTP1
import PPTDomain
import PPTStorage

/// Action `http`: one HTTP request to a URL the workflow names, behind the SSRF guard (DESIGN §4).
///
/// Input: `method` (GET by default), `url`, `headers` (object of templates), `body` (text, or any
/// other JSON value sent as `application/json`), `timeoutSeconds` (default 10, at most 60), `sign`
/// (adds `X-PPT-Signature` made with the organization's signing secret). Every request carries
/// `Idempotency-Key` (the step's key, the same on every attempt) so the receiver can drop repeats.
/// Output: `status`, `headers` (lower-case names), `body` (parsed when the response is JSON, else
/// text, `null` when empty), `durationMs`, `url` (after redirects).
/// 5xx, 408, 429 and network failures are retryable (`http.status_<n>`, `http.unreachable`,
/// `http.timeout`); other 4xx and guard refusals (`http.blocked_address`) are not.
package struct HTTPAction: WorkflowAction {
    /// The step type `http`.
    package let name = "http"
    /// Outside PPT: at least once, with an idempotency key.
    package let effect = ActionEffect.external
    /// The input fields.
    package let fields: [ActionField] = [
        ActionField("method", .string, "GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS (default GET)."),
        ActionField("url", .string, required: true, "http(s) URL; private addresses need the organization's allow-list."),
        ActionField("headers", .object, "Request headers: names to text templates."),
        ActionField("body", .any, "Text, or a JSON value sent as application/json."),
        ActionField("timeoutSeconds", .number, "Whole-request timeout in seconds (default 10, at most 60)."),
        ActionField("sign", .boolean, "Sign with the organization's secret (X-PPT-Signature: t=…,v1=HMAC-SHA256)."),
    ]
    /// The output fields.
    package let output: [String: WorkflowValueType] = [
        "status": .integer, "headers": .object, "body": .any, "durationMs": .integer, "url": .string,
    ]

    private let allowlist: HTTPAllowlistRepository
    private let client: GuardedHTTPClient

    /// An action reading the allow-list and signing secret from `allowlist` and sending with `client`.
    package init(allowlist: HTTPAllowlistRepository, client: GuardedHTTPClient = GuardedHTTPClient()) {
        self.allowlist = allowlist
        self.client = client
    }

    /// Sends the request through the SSRF guard and returns the response, or throws its failure.
    package func perform(_ call: ActionCall) async throws -> JSONValue {
        let input = try HTTPActionInput(call)
        let entries = try await allowlist.entries(forRunOf: call.scope)
        let secret = input.sign ? try await allowlist.signingSecret(forRunOf: call.scope) : nil
        var headers = input.headers
        headers.replaceOrAdd(name: "Idempotency-Key", value: call.idempotencyKey)
        let request = OutboundHTTPRequest(method: input.method, url: input.url, headers: headers, body: input.body,
                                          signingSecret: secret)
        let started = ContinuousClock.now
        let response = try await client.send(request, allowlist: entries, timeout: input.timeout)
        let elapsed = ContinuousClock.now - started
        let durationMs = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        if let failure = Self.failure(for: response, method: input.method) { throw failure }
        return .object([
            "status": .number(Double(response.status)),
            "headers": .object(Self.headers(response.headers)),
            "body": Self.body(response),
            "durationMs": .number(Double(durationMs)),
            "url": .string(response.url.description),
        ])
    }

    /// Checks the input and shows the request that would be sent; no network access, no secret.
    package func simulate(_ call: ActionCall) async throws -> JSONValue {
        let input = try HTTPActionInput(call)
        if case .address(let address) = input.url.host, address.addressClass != .publicAddress {
            let listed = try await allowlist.entries(forRunOf: call.scope).contains { SSRFGuard.matches($0, input.url) }
            if !(listed && address.addressClass.allowListable) {
                throw ActionFailure(code: "http.blocked_address",
                                    message: "Refused: \(input.url.host) is a \(address.addressClass.rawValue) address.",
                                    retryable: false)
            }
        }
        var headers = Self.headers(input.headers)
        headers["idempotency-key"] = .string(call.idempotencyKey)
        if input.sign { headers["x-ppt-signature"] = "t=…,v1=…" }
        return .object([
            "status": 200, "headers": .object([:]), "body": .null, "durationMs": 0,
            "url": .string(input.url.description), "simulated": true,
            "request": .object([
                "method": .string(input.method), "url": .string(input.url.description), "headers": .object(headers),
                "body": input.body.map { .string(String(decoding: $0, as: UTF8.self)) } ?? .null,
            ]),
        ])
    }

    /// The failure a status means, or nil for success (below 400).
    static func failure(for response: OutboundHTTPResponse, method: String) -> ActionFailure? {
        let status = response.status
        guard status >= 400 else { return nil }
        let retryable = status >= 500 || status == 408 || status == 429
        let path = response.url.target.split(separator: "?", maxSplits: 1)[0]
        var message = "\(method) \(response.url.scheme.rawValue)://\(response.url.host)\(path) answered \(status)"
        let excerpt = String(decoding: response.body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        if !excerpt.isEmpty { message += ": \(excerpt)" }
        return ActionFailure(code: "http.status_\(status)", message: message, retryable: retryable)
    }

    private static func headers(_ headers: HTTPHeaders) -> [String: JSONValue] {
        var result: [String: String] = [:]
        for header in headers {
            let name = header.name.lowercased()
            result[name] = result[name].map { "\($0), \(header.value)" } ?? header.value
        }
        return result.mapValues(JSONValue.string)
    }

    private static func body(_ response: OutboundHTTPResponse) -> JSONValue {
        guard !response.body.isEmpty else { return .null }
        let type = response.headers.first(name: "content-type")?.lowercased() ?? ""
        let mediaType = type.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        if mediaType == "application/json" || mediaType.hasSuffix("+json"),
           let value = try? JSONDecoder().decode(JSONValue.self, from: response.body) {
            return value
        }
        return .string(String(decoding: response.body, as: UTF8.self))
    }
}
