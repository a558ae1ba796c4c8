import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTDomain
import PPTLLM

/// `POST /api/v1/orgs/{orgID}/llm/chat/completions`: the gateway behind an OpenAI-compatible
/// endpoint, for integrations and the admin's playground. Requests are checked, limited, billed
/// and traced like every other LLM call; answers stream as OpenAI chunks (`data: …`, `[DONE]`).
/// Which provider served is in `X-PPT-LLM-Provider` and `system_fingerprint` (`ppt-builtin` for
/// the built-in provider).
package struct LLMCompletionsController: Sendable {
    private let gateway: LLMGateway

    package init(gateway: LLMGateway) { self.gateway = gateway }

    /// Registers the route on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.post("llm/chat/completions", use: complete)
    }

    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try context.requireScope()
        try scope.require(.llmUse)
        let body = try await request.decode(as: CompatRequest.self, context: context)
        let call = LLMCall(organizationID: scope.organizationID, userID: scope.userID, feature: body.feature ?? .chat,
                           request: try body.chatRequest())
        let stream = try await gateway.stream(call)
        let served = stream.servedBy
        let id = "chatcmpl-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let created = Int(Date().timeIntervalSince1970)
        let fingerprint = served.isBuiltin ? "ppt-builtin" : "ppt-gateway"
        var headers: HTTPFields = [:]
        headers[HTTPField.Name("X-PPT-LLM-Provider")!] = served.provider.rawValue
        headers[HTTPField.Name("X-PPT-LLM-Model")!] = served.model
        headers[HTTPField.Name("X-PPT-LLM-Attempts")!] = String(served.attempts)

        guard body.stream == true else {
            var answer = LLMChatResponse()
            for try await event in stream { answer.apply(event) }
            let message = CompatOutput.Message(
                content: answer.text.isEmpty && !answer.toolCalls.isEmpty ? nil : answer.text,
                tool_calls: answer.toolCalls.isEmpty ? nil : answer.toolCalls.map {
                    .init(id: $0.id, function: .init(name: $0.name, arguments: $0.arguments))
                })
            let completion = CompatOutput.Completion(
                id: id, created: created, model: served.model, system_fingerprint: fingerprint,
                choices: [.init(message: message, finish_reason: (answer.finishReason ?? .stop).rawValue)],
                usage: answer.usage.map(CompatOutput.Usage.init))
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: try APIJSON.encoder.encode(completion))))
        }

        let includeUsage = body.stream_options?.include_usage ?? false
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let chunks = CompatChunkWriter(id: id, created: created, model: served.model, fingerprint: fingerprint)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var iterator = stream.makeAsyncIterator()
            // The ledger row is written after `[DONE]` has gone out, not before it.
            iterator.defersRecording = true
            var buffer = ByteBuffer()
            chunks.role(into: &buffer)
            var usage: LLMUsage?
            var finish: LLMFinishReason?
            do {
                while let batch = try await iterator.nextBatch() {
                    for event in batch {
                        switch event {
                        case .usage(let value): usage = value
                        case .finish(let reason): finish = reason
                        default: chunks.event(event, into: &buffer)
                        }
                    }
                    if buffer.readableBytes > 0 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
            } catch let error as DomainError {
                // Output has begun, so the status is sent: the error travels in the stream, as OpenAI's does.
                let detail = CompatOutput.ErrorBody(error: .init(message: error.message, type: "server_error", code: error.code))
                buffer.writeString("data: ")
                buffer.writeBytes(try APIJSON.encoder.encode(detail))
                buffer.writeString("\n\n")
                try await writer.write(buffer)
                try await writer.finish(nil)
                return
            }
            chunks.end(finish: finish ?? .stop, usage: includeUsage ? usage : nil, into: &buffer)
            try await writer.write(buffer)
            await iterator.recordEnd()
            try await writer.finish(nil)
        })
    }
}
