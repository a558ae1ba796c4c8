import AsyncHTTPClient
import NIOCore
import PPTDomain
import PPTObservability
import Synchronization

/// Timeouts of provider calls.
package struct LLMTimeouts: Sendable, Hashable {
    /// Connecting.
    package var connect: Duration
    /// Longest silence while waiting for bytes (a slow first byte or a stalled stream).
    package var read: Duration
    /// Longest wait for a response head.
    package var request: Duration

    package init(connect: Duration = .seconds(5), read: Duration = .seconds(60), request: Duration = .seconds(600)) {
        self.connect = connect
        self.read = read
        self.request = request
    }
}

/// Makes providers for endpoints over one HTTP client (connections pooled per host).
package struct LLMProviderFactory: Sendable {
    private let transport: LLMTransport
    /// The HTTP client providers use (shut it down with the gateway's owner).
    package let client: HTTPClient

    /// A factory with its own client configured with `timeouts`.
    package init(timeouts: LLMTimeouts = LLMTimeouts()) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Int64(timeouts.connect.nanoseconds)), read: .nanoseconds(Int64(timeouts.read.nanoseconds)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1024
        client = TracedHTTPClient.makeHTTPClient(configuration: configuration)
        transport = LLMTransport(http: TracedHTTPClient(client: client),
                                 requestTimeout: .nanoseconds(Int64(timeouts.request.nanoseconds)))
    }

    /// The provider serving `endpoint` with `key`.
    package func provider(for endpoint: LLMEndpoint, key: String?) throws(LLMProviderError) -> any LLMProvider {
        if endpoint.provider.requiresKey, (key ?? "").isEmpty {
            throw LLMProviderError(kind: .configuration, message: "No API key is configured for \(endpoint.provider.rawValue).")
        }
        let baseURL = endpoint.effectiveBaseURL ?? ""
        switch endpoint.provider {
        case .builtin: return BuiltinProvider()
        case .openai, .openaiCompatible:
            return OpenAIProvider(kind: endpoint.provider, baseURL: baseURL, apiKey: key, transport: transport)
        case .anthropic: return AnthropicProvider(baseURL: baseURL, apiKey: key, transport: transport)
        case .ollama: return OllamaProvider(baseURL: baseURL, apiKey: key, transport: transport)
        }
    }

    /// Shuts the HTTP client down.
    package func shutdown() async throws { try await client.shutdown() }
}

extension Duration {
    /// The duration in whole nanoseconds.
    package var nanoseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
    }
}

extension LLMProviderFactory {
    private static let sharedFactories = Mutex<[LLMTimeouts: LLMProviderFactory]>([:])

    /// A process-wide factory for `timeouts` (its HTTP client lives as long as the process, like
    /// `TracedHTTPClient.sharedClient`).
    package static func shared(timeouts: LLMTimeouts = LLMTimeouts()) -> LLMProviderFactory {
        sharedFactories.withLock { factories in
            if let factory = factories[timeouts] { return factory }
            let factory = LLMProviderFactory(timeouts: timeouts)
            factories[timeouts] = factory
            return factory
        }
    }
}
