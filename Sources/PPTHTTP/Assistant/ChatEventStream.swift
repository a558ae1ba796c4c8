import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTAssistant
import PPTDomain

/// Writes an answer's events as Server-Sent Events: `id` (the resume position), `event` (start,
/// sources, tool, delta, usage, done, error) and JSON `data`; a comment every 15 s keeps proxies and
/// mobile networks from closing an idle connection. A client that goes away only stops the writing:
/// the answer goes on and is saved.
struct ChatEventStream: Sendable {
    static let heartbeatInterval: Duration = .seconds(15)

    let events: AsyncStream<ChatStreamEvent>
    let instance: String
    let requestID: String?

    private enum Item: Sendable {
        case event(ChatStreamEvent)
        case heartbeat
    }

    func response() -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let (events, instance, requestID) = (self.events, self.instance, self.requestID)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let (items, continuation) = AsyncStream<Item>.makeStream()
            let forward = Task {
                for await event in events { continuation.yield(.event(event)) }
                continuation.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.heartbeatInterval)
                    if Task.isCancelled { break }
                    continuation.yield(.heartbeat)
                }
            }
            defer {
                forward.cancel()
                beat.cancel()
            }
            var buffer = ByteBuffer()
            buffer.writeString("retry: 2000\n\n")
            try await writer.write(buffer)
            for await item in items {
                buffer.clear()
                switch item {
                case .heartbeat:
                    buffer.writeString(": keep-alive\n\n")
                case .event(let event):
                    buffer.writeString("id: \(event.id)\nevent: \(event.payload.name)\ndata: ")
                    buffer.writeBytes(try Self.data(event.payload, instance: instance, requestID: requestID))
                    buffer.writeString("\n\n")
                }
                try await writer.write(buffer)
                if case .event(let event) = item, event.payload.isTerminal { break }
            }
            try await writer.finish(nil)
        })
    }

    /// One event's JSON (single line, as SSE `data` requires).
    static func data(_ payload: ChatStreamPayload, instance: String, requestID: String?) throws -> Data {
        switch payload {
        case .start(let message): return try APIJSON.encoder.encode(message)
        case .sources(let sources): return try APIJSON.encoder.encode(["sources": sources])
        case .tool(let activity): return try APIJSON.encoder.encode(activity)
        case .delta(let text): return try APIJSON.encoder.encode(["text": text])
        case .usage(let input, let output, let cost):
            return try APIJSON.encoder.encode(["inputTokens": Int64(input), "outputTokens": Int64(output), "costMicros": cost])
        case .done(let message): return try APIJSON.encoder.encode(message)
        case .error(let error, _):
            return try APIError(error).problemJSON(instance: instance, requestID: requestID)
        }
    }
}
