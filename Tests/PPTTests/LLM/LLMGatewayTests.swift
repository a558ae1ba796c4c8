import Foundation
import Logging
import PPTDomain
import PPTLLM
import PPTObservability
import Testing
import Tracing

/// The gateway over real HTTP providers: usage ledger, cost, span, admission and tenant isolation.
@Suite struct LLMGatewayTests {
    @Test func aNormalStreamRecordsTheProvidersUsageAndItsCostInEUR() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["Hel", "lo"], usage: (24, 58))]) { server in
                h.configure(server.openAI())
                let (response, served) = try await h.gateway.complete(h.call())
                #expect(response.text == "Hello")
                #expect(response.usage == LLMUsage(inputTokens: 24, outputTokens: 58))
                #expect(served == LLMServedBy(provider: .openai, model: "gpt-4o-mini", attempts: 1, fellBack: false))
                let entries = h.store.entries
                #expect(entries.count == 1)
                let entry = try #require(entries.first)
                #expect(entry.organizationID == h.organizationID && entry.userID == h.userID)
                #expect(entry.feature == .chat && entry.provider == .openai && entry.model == "gpt-4o-mini")
                #expect(entry.inputTokens == 24 && entry.outputTokens == 58 && !entry.usageEstimated)
                // gpt-4o-mini lists at 0.15/0.60 USD per million tokens; EUR at the 0.86 reference rate.
                let expectedMicros: Double = 24 * (0.15 * 0.86) + 58 * (0.60 * 0.86)
                #expect(entry.costMicros == Int64(expectedMicros.rounded()))
                #expect(entry.costMicros == 33)
                #expect(entry.currency == .EUR)
                #expect(entry.outcome == .ok && entry.errorCode == nil && entry.attempts == 1)
                #expect(entry.timeToFirstTokenMilliseconds != nil)
                let (request, json) = try await LLMWire.onlyRequest(server)
                #expect(json["model"] as? String == "gpt-4o-mini", "an empty model means the configured one")
                #expect(request.header("authorization") == "Bearer \(LLMGatewayHarness.openAIKey)")
            }
        }
    }

    @Test func theChatSpanCarriesTheGenAIAttributes() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["Hel", "lo"], usage: (24, 58))]) { server in
                h.configure(server.openAI())
                _ = try await h.gateway.complete(h.call())
                let spans = h.spans(named: "chat gpt-4o-mini")
                #expect(spans.count == 1)
                let span = try #require(spans.first)
                #expect(span.kind == .client)
                #expect(!span.isError)
                let attributes = span.attributes
                #expect(attributes.get("gen_ai.operation.name") == .string("chat"))
                #expect(attributes.get("gen_ai.provider.name") == .string("openai"))
                #expect(attributes.get("gen_ai.request.model") == .string("gpt-4o-mini"))
                #expect(attributes.get("gen_ai.request.stream") == .bool(true))
                #expect(attributes.get("gen_ai.conversation.id") == .string("conv-1"))
                #expect(attributes.get("gen_ai.usage.input_tokens") == .int64(24))
                #expect(attributes.get("gen_ai.usage.output_tokens") == .int64(58))
                #expect(attributes.get("gen_ai.response.id") == .string("chatcmpl-fake"))
                #expect(attributes.get("gen_ai.response.model") == .string("gpt-4o-mini"))
                #expect(attributes.get("gen_ai.response.finish_reasons") == .stringArray(["stop"]))
                #expect(attributes.get("server.address") == .string("127.0.0.1"))
                #expect(attributes.get("server.port") == .int64(Int64(server.port)))
                #expect(attributes.get("ppt.llm.attempts") == .int64(1))
                #expect(attributes.get("error.type") == nil)
            }
        }
    }

    @Test func aStreamWithoutUsageIsRecordedWithEstimatedTokens() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["Hello", " world"])]) { server in
                h.configure(server.openAI())
                let call = h.call("Please greet the whole building")
                let (response, _) = try await h.gateway.complete(call)
                #expect(response.text == "Hello world" && response.usage == nil)
                let entry = try #require(h.store.entries.first)
                #expect(entry.usageEstimated)
                #expect(entry.inputTokens > 0 && entry.outputTokens > 0)
                #expect(entry.inputTokens == TokenEstimator.estimate(call.request))
                #expect(entry.outputTokens == TokenEstimator.estimate("Hello world"))
                #expect(entry.costMicros > 0)
                #expect(entry.outcome == .ok)
                let span = try #require(h.spans(named: "chat gpt-4o-mini").first)
                #expect(span.attributes.get("ppt.llm.usage_estimated") == .bool(true))
            }
        }
    }

    @Test func aFeatureThatIsSwitchedOffSendsNoRequest() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["x"], usage: (1, 1))]) { server in
                h.configure(server.openAI())
                h.store.disable(.chat, for: h.organizationID)
                let error = try #require(await h.domainError(h.call()))
                #expect(error.code == "llm.feature_disabled")
                #expect(error.kind == .forbidden)
                #expect(await server.requests().isEmpty)
                #expect(h.store.entries.isEmpty)
                let workflow = try await h.gateway.complete(h.call(feature: .generation))
                #expect(workflow.response.text == "x", "only the chat flag is off")
            }
        }
    }

    @Test func anExhaustedBudgetStopsTheCallBeforeAnyRequest() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["x"], usage: (1, 1))]) { server in
                h.configure(server.openAI(), budget: LLMBudget(monthlyLimit: Money(amountMinor: 500, currency: .EUR)))
                h.store.failBudget(of: h.organizationID, with: .llmBudgetExhausted(retryAfterSeconds: 3600))
                let error = try #require(await h.domainError(h.call()))
                #expect(error.code == "llm.budget_exhausted")
                #expect(error.retryAfterSeconds == 3600)
                #expect(h.store.budgetChecks == 1)
                #expect(await server.requests().isEmpty)
                #expect(h.store.entries.isEmpty)
            }
        }
    }

    @Test func aRateLimitedOrganizationSendsNoRequest() async throws {
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["x"], usage: (1, 1))]) { server in
                h.configure(server.openAI(), rateLimits: LLMRateLimits(requestsPerMinute: 1))
                _ = try await h.gateway.complete(h.call())
                #expect(h.store.admissions == 1)
                h.store.failAdmission(of: h.organizationID, with: .llmRateLimited(scope: "organization",
                                                                                  retryAfterSeconds: 42))
                let error = try #require(await h.domainError(h.call()))
                #expect(error.code == "llm.rate_limited" && error.retryAfterSeconds == 42)
                #expect(await server.requests().count == 1)
            }
        }
    }

    @Test func eachOrganizationUsesItsOwnProviderKeyFlagsAndBudget() async throws {
        let other = OrganizationID()
        let otherKey = "sk-ant-test-other-org-5d21"
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [FakeOpenAI.stream(pieces: ["mine"], usage: (4, 1))]) { mine in
                try await FakeLLMServer.run(responses: [FakeAnthropic.stream(pieces: ["theirs"])]) { theirs in
                    h.configure(mine.openAI())
                    h.configure(theirs.anthropic(), keys: [.anthropic: otherKey], organizationID: other)
                    let mineText = try await h.gateway.complete(h.call()).response.text
                    #expect(mineText == "mine")
                    let theirText = try await h.gateway.complete(h.call(organizationID: other)).response.text
                    #expect(theirText == "theirs")
                    let myRequests = await mine.requests()
                    let theirRequests = await theirs.requests()
                    #expect(myRequests.count == 1 && theirRequests.count == 1)
                    #expect(myRequests.allSatisfy { $0.header("authorization") == "Bearer \(LLMGatewayHarness.openAIKey)" })
                    #expect(theirRequests.allSatisfy { $0.header("x-api-key") == otherKey })
                    #expect(!(myRequests + theirRequests).contains { $0.text.contains("sk-") })
                    let entries = h.store.entries
                    #expect(entries.map(\.organizationID) == [h.organizationID, other])
                    #expect(entries.map(\.provider) == [.openai, .anthropic])

                    h.store.disable(.chat, for: other)
                    h.store.failBudget(of: other, with: .llmBudgetExhausted(retryAfterSeconds: 60))
                    #expect(await h.domainError(h.call(organizationID: other))?.code == "llm.feature_disabled")
                    let stillMine = try await h.gateway.complete(h.call()).response.text
                    #expect(stillMine == "mine", "the other org's state stays its own")
                    #expect(await theirs.requests().count == 1)
                }
            }
        }
    }

    @Test func apiKeysNeverAppearInLogsErrorsOrTheLedger() async throws {
        // OpenAI echoes a masked key in its 401 message.
        let echo = "Incorrect API key provided: sk-test-************7f3a."
        try await LLMGatewayHarness.run { h in
            try await FakeLLMServer.run(responses: [
                FakeOpenAI.error(status: 500, type: "server_error", message: "The server had an error."),
                FakeOpenAI.error(status: 401, type: "invalid_request_error", message: echo, code: "invalid_api_key"),
            ]) { server in
                h.configure(server.openAI())
                let error = try #require(await h.domainError(h.call()))
                #expect(error.code == "llm.provider_unavailable")
                #expect(!error.message.contains(LLMGatewayHarness.openAIKey))
                let lines = h.logs.entries.map { "\($0.message) \($0.metadata)" }
                #expect(lines.count == 2, "one warning per failed attempt")
                #expect(lines.allSatisfy { $0.contains("llm provider call failed") })
                #expect(!lines.contains { $0.contains(LLMGatewayHarness.openAIKey) })
                let entry = try #require(h.store.entries.first)
                #expect(entry.errorCode == "llm.provider_unauthorized")
                let span = try #require(h.spans(named: "chat gpt-4o-mini").first)
                #expect(span.isError)
                #expect(span.attributes.get("error.type") == .string("llm.provider_unauthorized"))
                #expect(!"\(span.attributes) \(span.events)".contains(LLMGatewayHarness.openAIKey))
            }
        }
    }
}
