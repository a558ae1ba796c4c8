import AsyncHTTPClient
import NIOCore

/// Turns a provider's response lines into events.
package protocol LLMWireDecoder: Sendable {
    /// Decodes one line, appending the events it completes.
    mutating func decode(line: String, into events: inout [LLMChatEvent]) throws(LLMProviderError)
    /// The body ended cleanly: appends what is pending, or throws if the answer is incomplete.
    mutating func finish(into events: inout [LLMChatEvent]) throws(LLMProviderError)
}

/// Decodes an HTTP response body as it arrives.
package struct HTTPEventSource<Decoder: LLMWireDecoder>: LLMEventSource {
    private var body: HTTPClientResponse.Body.AsyncIterator
    private var lines = LineSplitter()
    private var decoder: Decoder
    private var pending: [LLMChatEvent] = []
    private var pendingIndex = 0
    private var ended = false

    /// Reads `body` through `decoder`.
    package init(body: HTTPClientResponse.Body, decoder: Decoder) {
        self.body = body.makeAsyncIterator()
        self.decoder = decoder
        pending.reserveCapacity(4)
    }

    package mutating func next() async throws -> LLMChatEvent? {
        while true {
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if ended { return nil }
            if let line = lines.nextLine() {
                try decoder.decode(line: line, into: &pending)
                continue
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                throw LLMTransport.map(error)
            }
            if let chunk {
                lines.append(chunk)
            } else {
                lines.finish()
                while let line = lines.nextLine() { try decoder.decode(line: line, into: &pending) }
                try decoder.finish(into: &pending)
                ended = true
            }
        }
    }

    package mutating func nextBatch() async throws -> [LLMChatEvent]? {
        guard let first = try await next() else { return nil }
        var batch = [first]
        while pendingIndex < pending.count {
            batch.append(pending[pendingIndex])
            pendingIndex += 1
        }
        // Lines already received decode without waiting for the network.
        while !ended, let line = lines.nextLine() { try decoder.decode(line: line, into: &batch) }
        return batch
    }
}
