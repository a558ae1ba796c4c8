import Foundation
import PPTDomain
import PPTLLM
import PPTStorage

/// Who writes a generation: a configured model, or PPT's own templates and extractive methods when
/// the organization's model for the feature is the built-in offline provider (which cannot write
/// free text, so the feature's deterministic path is the product there, not a fallback).
package struct GenerationPlan: Sendable, Hashable {
    /// The first endpoint configured for the feature.
    package let endpoint: LLMEndpoint
    /// Its context window in tokens (8,192 when the model is unknown).
    package let contextWindow: Int
    /// Whether the model takes a JSON schema as the answer's format (else JSON mode and the schema in the prompt).
    package let supportsJSONSchema: Bool

    /// Whether a model writes (false: the built-in provider, so templates and extraction do).
    package var usesModel: Bool { endpoint.provider != .builtin }
}

/// The shared machinery of document generation: the feature flag, the plan, model calls metered by
/// the gateway (structured output validated and retried once), and the persisted request record.
package struct GenerationEngine: Sendable {
    package let gateway: LLMGateway
    package let flags: FeatureFlagRepository
    package let generations: GenerationRepository
    package let clock: any WallClock

    package init(gateway: LLMGateway, flags: FeatureFlagRepository, generations: GenerationRepository,
                 clock: any WallClock) {
        self.gateway = gateway
        self.flags = flags
        self.generations = generations
        self.clock = clock
    }

    /// Checks the organization's `llm.document_generation` flag and resolves who writes `feature`.
    package func plan(_ scope: OrgScope, feature: LLMFeature = .generation) async throws -> GenerationPlan {
        guard try await flags.isEnabled(organizationID: scope.organizationID, flag: .documentGeneration) else {
            throw DomainError.llmFeatureDisabled(feature)
        }
        let settings = try await gateway.settings(for: scope.organizationID)
        let endpoint = settings.endpoints(for: feature)[0]
        let capabilities = ModelCatalog.info(for: endpoint.model).capabilities
        return GenerationPlan(endpoint: endpoint, contextWindow: capabilities?.contextWindow ?? 8192,
                              supportsJSONSchema: capabilities?.jsonSchema ?? false)
    }

    /// Runs one generation request and persists it: timed, with the usage `body` accumulates, as a
    /// draft with `body`'s result, or as failed with the error's code (the error is then rethrown).
    package func run(_ scope: OrgScope, kind: GenerationKind, subject: String?, inputs: JSONValue,
                     _ body: (inout GenerationUsage) async throws -> JSONValue) async throws -> GenerationRecord {
        let started = ContinuousClock.now
        var usage = GenerationUsage()
        var record = GenerationRecord(organizationID: scope.organizationID, kind: kind, subject: subject,
                                      inputs: inputs, usage: usage, latencyMs: 0, status: .draft, result: nil,
                                      createdBy: scope.userID, createdAt: clock.now())
        do {
            let result = try await body(&usage)
            record.result = result
            record.usage = usage
            record.latencyMs = Self.milliseconds(since: started)
            try await generations.insert(scope, record)
            return record
        } catch {
            record.status = .failed
            record.usage = usage
            record.latencyMs = Self.milliseconds(since: started)
            let domain = error as? DomainError
            record.errorCode = domain?.code ?? "generation.failed"
            record.errorMessage = domain.map { ([$0.message] + $0.fields.map { "\($0.pointer): \($0.detail)" })
                .joined(separator: " ") } ?? "The generation failed."
            try? await generations.insert(scope, record)
            throw error
        }
    }

    /// Free text from the model for `feature`, metered into `usage`.
    package func text(_ scope: OrgScope, feature: LLMFeature = .generation, system: String, prompt: String,
                      maxTokens: Int? = nil, temperature: Double? = nil,
                      usage: inout GenerationUsage) async throws -> String {
        let request = LLMChatRequest(model: "", messages: [.system(system), .user(prompt)],
                                     temperature: temperature, maxTokens: maxTokens)
        return try await call(scope, feature: feature, request: request, usage: &usage)
    }

    /// JSON from the model decoded as `Output` and checked by `validate`. The schema is the answer
    /// format where the model supports it, else JSON mode with the schema in the instructions. Output
    /// that does not decode or validate is sent back once with what is wrong; a second failure is
    /// `generation.invalid_output`: never silently replaced by a template.
    package func structured<Output: Decodable & Sendable>(
        _ scope: OrgScope, plan: GenerationPlan, feature: LLMFeature = .generation, system: String, prompt: String,
        schema: GenerationSchema, as type: Output.Type = Output.self, temperature: Double? = nil,
        usage: inout GenerationUsage, validate: (Output) throws -> Void = { _ in }
    ) async throws -> Output {
        var messages: [LLMMessage] = [.system(system + "\n\n" + schema.instructions(inline: !plan.supportsJSONSchema)),
                                      .user(prompt)]
        let format: LLMResponseFormat = plan.supportsJSONSchema
            ? .jsonSchema(name: schema.name, schema: schema.schema) : .jsonObject
        var lastProblem = ""
        for attempt in 1...2 {
            let request = LLMChatRequest(model: "", messages: messages, temperature: temperature, responseFormat: format)
            let text = try await call(scope, feature: feature, request: request, usage: &usage)
            do {
                let output = try GenerationSchema.decode(Output.self, from: text)
                try validate(output)
                return output
            } catch {
                lastProblem = GenerationSchema.describe(error)
                guard attempt == 1 else { break }
                messages.append(.assistant(text))
                messages.append(.user("""
                    That answer is not valid: \(lastProblem). Answer again with only the corrected JSON object, \
                    following every instruction and the schema.
                    """))
            }
        }
        throw DomainError(code: "generation.invalid_output", kind: .unavailable,
                          message: "The model's answer was not valid twice: \(lastProblem)")
    }

    private func call(_ scope: OrgScope, feature: LLMFeature, request: LLMChatRequest,
                      usage: inout GenerationUsage) async throws -> String {
        let call = LLMCall(organizationID: scope.organizationID, userID: scope.userID, feature: feature,
                           request: request)
        let (response, served) = try await gateway.complete(call)
        let settings = try await gateway.settings(for: scope.organizationID)
        let tokens = response.usage ?? LLMUsage(inputTokens: TokenEstimator.estimate(request),
                                               outputTokens: TokenEstimator.estimate(response.text))
        usage.add(GenerationUsage(provider: served.provider.rawValue, model: served.model, calls: 1,
                                  inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens,
                                  costMicros: ModelCatalog.costMicros(model: served.model, usage: tokens,
                                                                      settings: settings)))
        return response.text
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
