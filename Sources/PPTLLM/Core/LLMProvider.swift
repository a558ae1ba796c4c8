import Foundation
import PPTDomain

/// What a provider and model can do.
package struct LLMCapabilities: Codable, Sendable, Hashable {
    /// Context window in tokens.
    package var contextWindow: Int
    /// Function calling.
    package var tools: Bool
    /// JSON-schema structured output.
    package var jsonSchema: Bool
    /// Whether the model makes embeddings (rather than chat answers).
    package var embeddings: Bool
    /// Streamed answers.
    package var streaming: Bool

    package init(contextWindow: Int, tools: Bool, jsonSchema: Bool, embeddings: Bool, streaming: Bool = true) {
        self.contextWindow = contextWindow
        self.tools = tools
        self.jsonSchema = jsonSchema
        self.embeddings = embeddings
        self.streaming = streaming
    }
}

/// A model a provider offers.
package struct LLMModelInfo: Codable, Sendable, Hashable {
    /// The model name to configure.
    package var id: String
    /// What it can do (known models; `nil` when PPT has no facts about a model the provider listed).
    package var capabilities: LLMCapabilities?
    /// List price per million tokens in USD (known models).
    package var listPriceUSD: LLMModelPrice?

    package init(id: String, capabilities: LLMCapabilities?, listPriceUSD: LLMModelPrice?) {
        self.id = id
        self.capabilities = capabilities
        self.listPriceUSD = listPriceUSD
    }
}

/// Where a provider is, for telemetry (`server.address`, `server.port`).
package struct LLMProviderDescriptor: Sendable, Hashable {
    /// The provider kind.
    package var kind: LLMProviderKind
    /// Host name (`nil` for the built-in provider).
    package var serverAddress: String?
    /// Port.
    package var serverPort: Int?

    package init(kind: LLMProviderKind, baseURL: String?) {
        self.kind = kind
        if let baseURL, let components = URLComponents(string: baseURL) {
            serverAddress = components.host
            serverPort = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        }
    }
}

/// A model provider: one wire format behind one interface.
///
/// `streamChat` returns once the provider has accepted the request (a 2xx response head); errors
/// before that are thrown as `LLMProviderError` with what the retry policy needs. The returned
/// stream yields the answer's events and throws `LLMProviderError` when the stream breaks. Dropping
/// the stream, or cancelling the task that iterates it, cancels the upstream request.
package protocol LLMProvider: Sendable {
    /// Kind and location.
    var descriptor: LLMProviderDescriptor { get }
    /// Starts a streamed chat answer.
    func streamChat(_ request: LLMChatRequest) async throws -> LLMEventStream
    /// Embeds texts.
    func embed(_ request: LLMEmbeddingRequest) async throws -> LLMEmbeddingResponse
    /// Models the provider offers.
    func listModels() async throws -> [LLMModelInfo]
}

extension LLMProvider {
    /// The whole answer at once.
    package func chat(_ request: LLMChatRequest) async throws -> LLMChatResponse {
        var response = LLMChatResponse()
        for try await event in try await streamChat(request) { response.apply(event) }
        return response
    }
}

/// Something that yields stream events one at a time (an HTTP body being decoded, or a
/// precomputed answer).
package protocol LLMEventSource {
    /// The next event, or `nil` at the end.
    mutating func next() async throws -> LLMChatEvent?
    /// At least one event and every further one available without waiting, or `nil` at the end
    /// (lets a relay write what arrived together in one write).
    mutating func nextBatch() async throws -> [LLMChatEvent]?
}

extension LLMEventSource {
    package mutating func nextBatch() async throws -> [LLMChatEvent]? {
        guard let event = try await next() else { return nil }
        return [event]
    }
}

/// A provider's streamed answer: pulled by the caller, nothing runs ahead of it.
package struct LLMEventStream: AsyncSequence, Sendable {
    package typealias Element = LLMChatEvent
    private let make: @Sendable () -> any LLMEventSource

    /// A stream whose iterator draws from the source `make` returns (called once per iteration).
    package init(_ make: @escaping @Sendable () -> any LLMEventSource) {
        self.make = make
    }

    /// A stream of fixed events.
    package init(events: [LLMChatEvent]) {
        self.make = { FixedEventSource(events: events) }
    }

    package func makeAsyncIterator() -> Iterator { Iterator(source: make()) }

    /// Iterates the source.
    package struct Iterator: AsyncIteratorProtocol {
        var source: any LLMEventSource

        package mutating func next() async throws -> LLMChatEvent? { try await source.next() }

        /// At least one event and every further one available without waiting; `nil` at the end.
        package mutating func nextBatch() async throws -> [LLMChatEvent]? { try await source.nextBatch() }
    }
}

/// Yields a list of events.
package struct FixedEventSource: LLMEventSource {
    private var events: [LLMChatEvent]
    private var index = 0

    /// A source of `events`.
    package init(events: [LLMChatEvent]) { self.events = events }

    package mutating func next() async throws -> LLMChatEvent? {
        try Task.checkCancellation()
        guard index < events.count else { return nil }
        defer { index += 1 }
        return events[index]
    }

    package mutating func nextBatch() async throws -> [LLMChatEvent]? {
        try Task.checkCancellation()
        guard index < events.count else { return nil }
        defer { index = events.count }
        return Array(events[index...])
    }
}
