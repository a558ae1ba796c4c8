import Foundation
import NIOHTTP1
import PPTDomain
import PPTStorage

/// The `http` action's input, checked: what will be sent, before any network access.
struct HTTPActionInput: Sendable {
    /// Methods a workflow may use.
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    /// Headers PPT sets itself or that would change the framing of the request.
    static let reservedHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "keep-alive",
        "proxy-authorization", "proxy-connection", "expect", "idempotency-key", "x-ppt-signature",
    ]
    /// Default and largest timeout, in seconds.
    static let defaultTimeout = 10.0, maxTimeout = 60.0

    let method: String
    let url: OutboundURL
    let headers: HTTPHeaders
    let body: Data?
    let timeout: Duration
    let sign: Bool

    init(_ call: ActionCall) throws {
        let method = (try call.optionalString("method") ?? "GET").uppercased()
        guard Self.methods.contains(method) else {
            throw ActionFailure.invalidInput("method", "must be one of \(Self.methods.sorted().joined(separator: ", "))")
        }
        self.method = method
        self.url = try OutboundURL(try call.string("url"))
        var headers = HTTPHeaders()
        switch call.input["headers"] {
        case nil, .null?: break
        case .object(let object)?:
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                    throw ActionFailure.invalidInput("headers", "has an invalid header name \"\(name)\"")
                }
                guard !Self.reservedHeaders.contains(name.lowercased()) else {
                    throw ActionFailure.invalidInput("headers", "must not set \(name) (PPT sets it)")
                }
                let text: String
                switch value {
                case .string(let string): text = string
                case .number, .bool: text = Self.plain(value)
                default: throw ActionFailure.invalidInput("headers.\(name)", "must be text")
                }
                guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7f }) else {
                    throw ActionFailure.invalidInput("headers.\(name)", "must not contain line breaks or control characters")
                }
                headers.add(name: name, value: text)
            }
        default:
            throw ActionFailure.invalidInput("headers", "must be an object of header names to text")
        }
        switch call.input["body"] {
        case nil, .null?:
            body = nil
        case .string(let text)?:
            body = Data(text.utf8)
            if !headers.contains(name: "content-type") { headers.add(name: "Content-Type", value: "text/plain; charset=utf-8") }
        case let value?:
            body = Data(jsonText(value).utf8)
            if !headers.contains(name: "content-type") { headers.add(name: "Content-Type", value: "application/json") }
        }
        if body != nil && (method == "GET" || method == "HEAD") {
            throw ActionFailure.invalidInput("body", "is not allowed for \(method) requests")
        }
        if !headers.contains(name: "user-agent") { headers.add(name: "User-Agent", value: "PPT-Workflow/1") }
        self.headers = headers
        switch call.input["timeoutSeconds"] {
        case nil, .null?:
            timeout = .seconds(Self.defaultTimeout)
        case .number(let seconds)? where seconds > 0 && seconds <= Self.maxTimeout:
            timeout = .milliseconds(Int64((seconds * 1000).rounded()))
        default:
            throw ActionFailure.invalidInput("timeoutSeconds", "must be a number of seconds above 0, at most \(Int(Self.maxTimeout))")
        }
        switch call.input["sign"] {
        case nil, .null?: sign = false
        case .bool(let value)?: sign = value
        default: throw ActionFailure.invalidInput("sign", "must be true or false")
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
            || "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }

    private static func plain(_ value: JSONValue) -> String {
        switch value {
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: return ""
        }
    }
}
