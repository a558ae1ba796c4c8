import Foundation
import HTTPTypes
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Synchronization
import Testing

/// The machinery every generation shares: the flag, the plan, structured output that is validated
/// and retried once, and the stored request record.
@Suite("Generation engine")
struct GenerationEngineTests {
    struct Answer: Decodable, Sendable {
        let title: String
        let count: Int
    }

    static let schema = GenerationSchema(name: "answer", schema: GenerationSchema.object([
        "title": GenerationSchema.string("A short title"), "count": .object(["type": "integer"]),
    ]))

    /// A fake provider answering chat requests with `answers` in turn (the last one repeats).
    static func script(_ answers: [String]) -> FakeLLMServer.Script {
        let counter = RequestCounter()
        return LiveChat.openAI { _, _ in
            let index = counter.next()
            return FakeOpenAI.stream(pieces: [answers[min(index, answers.count - 1)]], usage: (40, 10))
        }
    }

    /// The chat-completion requests the server saw, configuration probe left out.
    static func generationRequests(_ server: FakeLLMServer) async -> [RecordedLLMRequest] {
        await server.requests().filter {
            $0.path.hasSuffix("/chat/completions") && !$0.text.contains("Reply with the word OK.")
        }
    }

    static func configure(_ app: TestApp, _ world: World, _ body: [String: Any]) async throws {
        let token = try await app.login(world.adminEmail)
        let saved = try await app.request(.put, "/api/v1/orgs/\(world.ids["orgID"]!)/llm/config", token: token, body: body)
        #expect(saved.status == .ok, "\(saved.text)")
    }

    static func generate(_ engine: GenerationEngine, _ scope: OrgScope, plan: GenerationPlan) async throws
        -> GenerationRecord
    {
        try await engine.run(scope, kind: .summary, subject: "test:1", inputs: ["question": "x"]) { usage in
            let answer = try await engine.structured(
                scope, plan: plan, system: "Write a title.", prompt: "Go", schema: Self.schema, as: Answer.self,
                usage: &usage
            ) { answer in
                if answer.count < 1 { throw DomainError.invalid("/count", "must be at least 1") }
            }
            return .object(["title": .string(answer.title), "count": .number(Double(answer.count))])
        }
    }

    @Test("invalid structured output is sent back once with what is wrong, then accepted and stored with both calls")
    func retriedOnce() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await World.make(app, name: "A")
            try await FakeLLMServer.run(script: Self.script([#"{"title":"Draft","count":0}"#,
                                                             #"```json\n{"title":"Fixed","count":3}\n```"#])) { server in
                try await Self.configure(app, world, LLMAPI.openAIConfig(server.baseURL + "/v1"))
                let engine = app.runtime.assistant.generation.engine
                let plan = try await engine.plan(world.fixture.admin)
                #expect(plan.usesModel && plan.supportsJSONSchema)
                let record = try await Self.generate(engine, world.fixture.admin, plan: plan)
                #expect(record.status == .draft && record.result == .object(["title": "Fixed", "count": 3]))
                #expect(record.usage.calls == 2 && record.usage.inputTokens == 80 && record.usage.outputTokens == 20)
                #expect(record.usage.provider == "openai" && record.usage.model == "gpt-4o-mini")
                #expect(record.usage.costMicros > 0)
                let requests = await Self.generationRequests(server)
                #expect(requests.count == 2)
                let first = try #require(requests.first?.json)
                let format = try #require(first["response_format"] as? [String: Any])
                #expect(format["type"] as? String == "json_schema")
                #expect(requests.last?.text.contains("/count must be at least 1") == true)
                let stored = try await app.runtime.assistant.generation.generations.generation(world.fixture.admin, id: record.id)
                #expect(stored.result == record.result && stored.usage == record.usage && stored.status == .draft)
                #expect(stored.latencyMs == record.latencyMs && stored.subject == "test:1")
            }
        }
    }

    @Test("output invalid twice is generation.invalid_output, stored as a failed request; no template replaces it")
    func invalidTwice() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await World.make(app, name: "A")
            try await FakeLLMServer.run(script: Self.script([#"{"title":"Draft"}"#, "not json at all"])) { server in
                try await Self.configure(app, world, LLMAPI.openAIConfig(server.baseURL + "/v1"))
                let engine = app.runtime.assistant.generation.engine
                let plan = try await engine.plan(world.fixture.admin)
                await #expect(throws: DomainError.self) { try await Self.generate(engine, world.fixture.admin, plan: plan) }
                do {
                    _ = try await Self.generate(engine, world.fixture.admin, plan: plan)
                } catch let error as DomainError {
                    #expect(error.code == "generation.invalid_output" && error.kind == .unavailable)
                }
                let requests = await Self.generationRequests(server)
                #expect(requests.count == 4)
                #expect(requests[1].text.contains("missing field /count"))
                let failed = try await app.runtime.assistant.generation.generations.generations(
                    world.fixture.admin, filter: GenerationFilter(kind: .summary, status: .failed), page: PageRequest(limit: 10))
                #expect(failed.items.count == 2)
                #expect(failed.items.allSatisfy { $0.errorCode == "generation.invalid_output" && $0.result == nil })
                #expect(failed.items.allSatisfy { $0.usage.calls == 2 })
            }
        }
    }

    @Test("a model without JSON-schema support gets JSON mode and the schema in its instructions")
    func jsonModeFallback() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await World.make(app, name: "A")
            try await FakeLLMServer.run(script: Self.script([#"{"title":"Local","count":2}"#])) { server in
                try await Self.configure(app, world, ["primary": ["provider": "openai_compatible", "model": "house-model-7b",
                                                                  "baseURL": server.baseURL + "/v1"]])
                let engine = app.runtime.assistant.generation.engine
                let plan = try await engine.plan(world.fixture.admin)
                #expect(plan.usesModel && !plan.supportsJSONSchema && plan.contextWindow == 8192)
                let record = try await Self.generate(engine, world.fixture.admin, plan: plan)
                #expect(record.usage.calls == 1 && record.usage.provider == "openai_compatible")
                let request = try #require(await Self.generationRequests(server).first?.json)
                #expect((request["response_format"] as? [String: Any])?["type"] as? String == "json_object")
                let messages = try #require(request["messages"] as? [[String: Any]])
                #expect((messages.first?["content"] as? String)?.contains(#""additionalProperties":false"#) == true)
            }
        }
    }

    @Test("the built-in provider is planned as no model; a switched-off flag refuses before any call")
    func planAndFlag() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await World.make(app, name: "A")
            let engine = app.runtime.assistant.generation.engine
            let plan = try await engine.plan(world.fixture.admin)
            #expect(!plan.usesModel && plan.endpoint.provider == .builtin)
            _ = try await FeatureFlagRepository(database: app.runtime.database)
                .set(world.fixture.admin, flag: .documentGeneration, enabled: false)
            do {
                _ = try await engine.plan(world.fixture.admin)
                Issue.record("the plan was expected to be refused")
            } catch let error as DomainError {
                #expect(error.code == "llm.feature_disabled")
            }
        }
    }

    @Test("members list and read their own requests; generationsRead lists the organization's",
          arguments: TestDatabase.dialects)
    func visibility(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await World.make(app, name: "A")
            let tenant = world.fixture.tenant
            let own = GenerationRecord(
                organizationID: tenant.organizationID, kind: .summary, subject: "document:x@1", inputs: [:],
                usage: GenerationUsage(), latencyMs: 1, status: .draft, result: .object(["summary": "s"]),
                createdBy: tenant.userID, createdAt: Date().addingTimeInterval(1))
            try await app.runtime.assistant.generation.generations.insert(tenant, own)
            let org = "/api/v1/orgs/\(world.ids["orgID"]!)/ai/generations"
            let tenantToken = try await app.login(world.tenantEmail)
            let adminToken = try await app.login(world.adminEmail)

            let mine = try await app.request(.get, org, token: tenantToken)
            #expect(mine.status == .ok)
            let mineIDs = (mine.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(mineIDs == [own.id.rawValue])
            #expect(try await app.request(.get, "\(org)/\(world.ids["generationID"]!)", token: tenantToken).status == .notFound)
            #expect(try await app.request(.get, "\(org)/\(own.id.rawValue)", token: tenantToken).status == .ok)

            let all = try await app.request(.get, "\(org)?kind=summary&status=draft", token: adminToken)
            let allIDs = (all.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(allIDs == [own.id.rawValue, world.ids["generationID"]!])
            let filtered = try await app.request(.get, "\(org)?subject=document:x@1", token: adminToken)
            #expect((filtered.json?["items"] as? [[String: Any]])?.count == 1)
            #expect(try await app.request(.get, "\(org)?kind=poem", token: adminToken).status == .unprocessableContent)
        }
    }
}

/// Counts requests across a fake server's concurrent connections.
final class RequestCounter: Sendable {
    private let count = Mutex(0)

    /// The number of earlier calls.
    func next() -> Int { count.withLock { value in defer { value += 1 }; return value } }
}
