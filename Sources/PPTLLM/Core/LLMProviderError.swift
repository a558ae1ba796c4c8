import Foundation

/// Why a provider call failed, with what the retry policy needs to decide.
package struct LLMProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    package enum Kind: String, Sendable, Hashable {
        /// A non-2xx response.
        case http
        /// No bytes within the read timeout (a slow first byte or a stalled stream).
        case timeout
        /// The connection failed or was dropped.
        case connection
        /// The provider sent something PPT cannot parse.
        case malformedResponse = "malformed_response"
        /// An error event inside a 2xx stream.
        case streamError = "stream_error"
        /// The provider has no such capability (e.g. embeddings on Anthropic).
        case unsupported
        /// The provider is misconfigured (missing key or URL).
        case configuration
    }

    /// The class.
    package var kind: Kind
    /// HTTP status for `.http` (also 200 for a stream error).
    package var status: Int?
    /// The provider's error type (`rate_limit_error`, `overloaded_error`, `insufficient_quota`, …).
    package var providerType: String?
    /// The provider's message (safe to log: providers do not echo keys).
    package var message: String
    /// The delay the provider asked for (`retry-after-ms` or `retry-after`).
    package var retryAfter: Duration?
    /// `x-should-retry` when the provider sent it.
    package var shouldRetryHeader: Bool?

    package init(kind: Kind, status: Int? = nil, providerType: String? = nil, message: String,
                 retryAfter: Duration? = nil, shouldRetryHeader: Bool? = nil) {
        self.kind = kind
        self.status = status
        self.providerType = providerType
        self.message = message
        self.retryAfter = retryAfter
        self.shouldRetryHeader = shouldRetryHeader
    }

    /// Whether the official SDKs would retry this (408/409/429/5xx, `x-should-retry`, connection
    /// failures and timeouts; in-stream overload and server errors before any output).
    package var isRetryable: Bool {
        if let shouldRetryHeader { return shouldRetryHeader }
        switch kind {
        case .timeout, .connection: return true
        case .http:
            guard let status else { return false }
            if status == 429, providerType == "enforced_spend_limit_reached" || providerType == "insufficient_quota" {
                return false
            }
            return status == 408 || status == 409 || status == 429 || status >= 500
        case .streamError:
            return ["overloaded_error", "api_error", "rate_limit_error", "server_error"].contains(providerType ?? "")
        case .malformedResponse, .unsupported, .configuration: return false
        }
    }

    /// A stable code for the ledger, logs and problem responses.
    package var code: String {
        switch kind {
        case .http:
            switch status ?? 0 {
            case 401, 403: "llm.provider_unauthorized"
            case 429: "llm.provider_rate_limited"
            case 400, 404, 422: "llm.provider_rejected"
            case 529: "llm.provider_overloaded"
            default: "llm.provider_error"
            }
        case .timeout: "llm.provider_timeout"
        case .connection: "llm.provider_connection"
        case .malformedResponse: "llm.provider_malformed"
        case .streamError: providerType == "overloaded_error" ? "llm.provider_overloaded" : "llm.provider_stream_error"
        case .unsupported: "llm.unsupported"
        case .configuration: "llm.provider_configuration"
        }
    }

    package var description: String {
        var text = "\(code)"
        if let status { text += " (HTTP \(status))" }
        if let providerType { text += " \(providerType)" }
        return text + ": \(message)"
    }
}
