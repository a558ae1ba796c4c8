import Foundation
import Logging
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// One answer being generated: retrieval, tools, the model call(s), progress written to the
/// database, and the final message saved whatever happens (complete, cancelled or failed).
struct ChatGeneration: Sendable {
    let service: ChatService
    let scope: OrgScope
    let session: ChatSession
    let question: ChatMessage
    let answer: ChatMessage
    let live: LiveAnswer

    /// What has been produced so far.
    private final class Progress: @unchecked Sendable {
        // SAFETY: used only by the generation's own task, sequentially.
        var content = ""
        var sources: [ChatSource] = []
        var tools: [ChatToolActivity] = []
        var usage = LLMUsage(inputTokens: 0, outputTokens: 0)
        var costMicros: Int64 = 0
        var provider: String?
        var model: String?
        var lastSaved = ContinuousClock.now
    }

    /// How often a generation that produces no text still marks itself alive.
    static let heartbeatInterval: Duration = .seconds(20)

    func run() async {
        let started = ContinuousClock.now
        let progress = Progress()
        let (chats, answer, org) = (service.chats, self.answer, scope.organizationID)
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeatInterval)
                if Task.isCancelled { break }
                try? await chats.saveProgress(answer, organizationID: org, content: nil, sources: nil, toolCalls: nil)
            }
        }
        defer { heartbeat.cancel() }
        await live.emit(.start(answer))
        do {
            try await generate(progress)
            let stored = try await save(progress, status: .complete, started: started)
            await live.emit(.usage(inputTokens: stored.inputTokens, outputTokens: stored.outputTokens,
                                   costMicros: stored.costMicros))
            await live.emit(.done(stored))
        } catch {
            let cancelled = error is CancellationError || Task.isCancelled
            let problem: DomainError = (error as? DomainError)
                ?? (cancelled ? DomainError(code: "chat.cancelled", kind: .conflict, message: "The answer was stopped.")
                    : DomainError(code: "chat.failed", kind: .unavailable, message: "The answer could not be completed."))
            if !(error is DomainError) && !cancelled {
                service.logger.error("chat generation failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            // A stopped answer is saved from a fresh task: the database refuses work in a cancelled one.
            let status: ChatMessageStatus = cancelled ? .cancelled : .failed
            let stored = try? await Task {
                try await save(progress, status: status, started: started, error: cancelled ? nil : problem)
            }.value
            await live.emit(.error(problem, partial: stored))
        }
        await service.live.retire(answer.id)
    }

    private func generate(_ progress: Progress) async throws {
        let services = service.services
        let persona = try await ChatPersona.load(scope, question: question.content, services: services)
        let context = try await service.toolContext(scope, language: persona.language)

        // 1. Retrieval, filtered by the member's access before ranking.
        progress.sources = try await retrieve()
        if !progress.sources.isEmpty { await live.emit(.sources(progress.sources)) }

        let settings = try await service.gateway.settings(for: scope.organizationID)
        let endpoint = settings.endpoints(for: .chat)[0]
        let capabilities = ModelCatalog.info(for: endpoint.model).capabilities
        let nativeTools = (capabilities?.tools ?? false) && endpoint.provider != .builtin

        // 2. Without native function calling, clear intents go to the tools directly.
        var facts: String?
        if !nativeTools, let route = IntentRouter.route(question.content),
           let tool = service.tools.tool(named: route.tool) {
            let arguments = jsonText(JSONValue.object(route.arguments))
            let output = await runTool(tool, arguments: route.arguments, argumentsText: arguments, context: context,
                                       progress: progress)
            if endpoint.provider == .builtin {
                // The built-in provider has no language model: the tool's own answer is the answer.
                await append(output.summary, progress)
                progress.provider = LLMProviderKind.builtin.rawValue
                return
            }
            facts = "Facts from PPT for this question (tool \(tool.name)):\n\(output.summary)\n"
                + jsonText(output.data)
        }

        // 3. The conversation within the model's context window; older turns fold into the summary.
        let history = try await service.chats.messages(scope, sessionID: session.id)
            .filter { $0.sequence < question.sequence }
        let builder = ChatContextBuilder(contextWindow: capabilities?.contextWindow ?? 8192,
                                         reservedForAnswer: settings.maxTokens ?? 1024)
        let (messages, folded) = builder.build(
            persona: persona, session: session, history: history, sources: sourcesPrompt(progress.sources),
            facts: facts, question: question.content)
        if let last = folded.last {
            try await service.chats.saveSummary(session, summary: ChatContextBuilder.fold(session.summary, folded),
                                                through: last.sequence)
        }

        // 4. The model, with tool rounds when it calls functions.
        var transcript = messages
        for round in 0...ChatService.maxToolRounds {
            let request = LLMChatRequest(model: "", messages: transcript,
                                         tools: nativeTools && round < ChatService.maxToolRounds ? service.tools.definitions : [])
            let stream = try await service.gateway.stream(LLMCall(
                organizationID: scope.organizationID, userID: scope.userID, feature: .chat, request: request,
                conversationID: session.id.rawValue))
            progress.provider = stream.servedBy.provider.rawValue
            progress.model = stream.servedBy.model
            var response = LLMChatResponse()
            for try await event in stream {
                try Task.checkCancellation()
                response.apply(event)
                if case .textDelta(let piece) = event { await append(piece, progress) }
            }
            if let usage = response.usage {
                progress.usage.inputTokens += usage.inputTokens
                progress.usage.outputTokens += usage.outputTokens
                progress.costMicros += ModelCatalog.costMicros(model: stream.servedBy.model, usage: usage, settings: settings)
            }
            guard !response.toolCalls.isEmpty else { return }
            transcript.append(LLMMessage(role: .assistant, content: response.text, toolCalls: response.toolCalls))
            for call in response.toolCalls {
                let arguments = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(call.arguments.utf8))) ?? [:]
                let output: ToolOutput
                if let tool = service.tools.tool(named: call.name) {
                    output = await runTool(tool, arguments: arguments, argumentsText: call.arguments, context: context,
                                           progress: progress)
                } else {
                    output = ToolOutput(summary: "Unknown tool \(call.name).", data: .object(["error": "unknown_tool"]))
                }
                transcript.append(LLMMessage(
                    role: .tool, content: jsonText(JSONValue.object(["summary": .string(output.summary),
                                                                                     "data": output.data])),
                    toolCallID: call.id, toolName: call.name))
            }
        }
    }

    /// The member's best passages, numbered; search problems leave the answer without sources.
    private func retrieve() async throws -> [ChatSource] {
        do {
            let results = try await service.services.search.search(scope, query: question.content,
                                                                   limit: ChatService.sourcesPerQuestion)
            return Self.numbered(results.hits)
        } catch let error as DomainError where error.kind == .invalid {
            return []
        }
    }

    /// Passages as sources numbered from 1, in rank order.
    private static func numbered(_ hits: [SearchHit]) -> [ChatSource] {
        hits.enumerated().map { index, hit in
            ChatSource(number: index + 1, documentID: hit.documentID, documentTitle: hit.documentTitle,
                       version: hit.version, page: hit.page, chunkID: hit.chunkID, heading: hit.heading, text: hit.text)
        }
    }

    private func sourcesPrompt(_ sources: [ChatSource]) -> String {
        LLMSourcesPrompt.render(sources.map { source in
            var label = "„\(source.documentTitle)“"
            if !source.heading.isEmpty { label += ", \(source.heading)" }
            if let page = source.page { label += ", p. \(page)" }
            return LLMSourcesPrompt.Source(number: source.number, label: label, text: source.text)
        })
    }

    /// Runs a tool as the member; a proposal becomes a pending action. Failures become the tool's
    /// answer (the model then explains), never the chat's failure.
    private func runTool(_ tool: any AssistantTool, arguments: [String: JSONValue], argumentsText: String,
                         context: ToolContext, progress: Progress) async -> ToolOutput {
        var activity = ChatToolActivity(name: tool.name, arguments: argumentsText, status: "ok", summary: "")
        var output: ToolOutput
        do {
            output = try await tool.run(arguments, context: context)
            if let proposal = output.proposal {
                let action = try await service.chats.propose(scope, message: answer, tool: proposal.tool,
                                                             arguments: proposal.arguments, description: proposal.description)
                (activity.status, activity.actionID) = ("proposed", action.id)
            }
            activity.summary = output.summary
        } catch let error as DomainError {
            let detail = error.fields.map(\.detail).first.map { "\(error.message) (\($0))" } ?? error.message
            let summary = AssistantText.pick(context.locale, sk: "Toto sa nepodarilo: ", cs: "Tohle se nepodařilo: ",
                                             de: "Das hat nicht geklappt: ", en: "That did not work: ") + detail
            output = ToolOutput(summary: summary, data: .object(["error": .string(error.code), "message": .string(detail)]))
            (activity.status, activity.summary) = ("error", summary)
        } catch {
            service.logger.error("assistant tool failed", metadata: ["tool": "\(tool.name)", "error": "\(error)"])
            let summary = AssistantText.pick(context.locale, sk: "Nástroj zlyhal; skúste to neskôr.",
                                             cs: "Nástroj selhal; zkuste to později.",
                                             de: "Das Werkzeug ist fehlgeschlagen; bitte später erneut versuchen.",
                                             en: "The tool failed; please try again later.")
            output = ToolOutput(summary: summary, data: .object(["error": "tool_failed"]))
            (activity.status, activity.summary) = ("error", summary)
        }
        progress.tools.append(activity)
        if !output.sources.isEmpty, progress.sources.isEmpty {
            progress.sources = Self.numbered(output.sources)
        }
        await live.emit(.tool(activity))
        return output
    }

    private func append(_ piece: String, _ progress: Progress) async {
        progress.content += piece
        await live.emit(.delta(piece))
        if ContinuousClock.now - progress.lastSaved >= ChatService.progressInterval {
            progress.lastSaved = .now
            try? await service.chats.saveProgress(answer, organizationID: scope.organizationID,
                                                  content: progress.content, sources: progress.sources,
                                                  toolCalls: progress.tools)
        }
    }

    private func save(_ progress: Progress, status: ChatMessageStatus, started: ContinuousClock.Instant,
                      error: DomainError? = nil) async throws -> ChatMessage {
        let elapsed = ContinuousClock.now - started
        var finished = answer
        (finished.content, finished.status, finished.sources) = (progress.content, status, progress.sources)
        (finished.toolCalls, finished.provider, finished.model) = (progress.tools, progress.provider, progress.model)
        (finished.inputTokens, finished.outputTokens) = (progress.usage.inputTokens, progress.usage.outputTokens)
        finished.costMicros = progress.costMicros
        finished.latencyMilliseconds = Int(elapsed.components.seconds * 1000
            + elapsed.components.attoseconds / 1_000_000_000_000_000)
        (finished.errorCode, finished.errorMessage) = (error?.code, error?.message)
        return try await service.chats.finish(finished, organizationID: scope.organizationID)
    }
}
