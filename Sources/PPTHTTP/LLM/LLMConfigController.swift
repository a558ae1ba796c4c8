import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTDomain
import PPTLLM
import PPTStorage

/// The organization's LLM configuration, probe, model list, usage and budget under
/// `/api/v1/orgs/{orgID}/llm`.
package struct LLMConfigController: Sendable {
    private let llm: LLMHTTPServices

    package init(llm: LLMHTTPServices) { self.llm = llm }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("llm/config", use: read)
        org.put("llm/config", use: update)
        org.delete("llm/config", use: reset)
        org.post("llm/probe", use: probe)
        org.get("llm/models", use: models)
        org.get("llm/usage", use: usage)
        org.get("llm/usage/entries", use: entries)
        org.get("llm/budget", use: budget)
        org.get("llm/budget/events", use: budgetEvents)
    }

    /// The configuration as the admin sees it: keys masked, the platform's keys only named.
    struct ConfigView: Encodable, Sendable {
        let source: LLMResolvedConfiguration.Source
        let settings: LLMSettings
        let keys: [String: String]
        let platformKeys: [String]
        /// The price applied to each configured model: the organization's table, else the list price
        /// converted to the configuration's currency.
        let effectivePrices: [LLMModelPrice]
        let updatedAt: Date?
        let updatedBy: UserID?
    }

    private static func effectivePrices(_ settings: LLMSettings) -> [LLMModelPrice] {
        var models = [settings.primary.model] + settings.fallbacks.map(\.model)
            + LLMFeature.allCases.compactMap { settings.featureOverrides[$0]?.model }
        models.append(LLMGateway.embeddingEndpoint(settings).model)
        var seen = Set<String>()
        return models.filter { seen.insert($0).inserted }.map { ModelCatalog.price(for: $0, in: settings) }
    }

    struct SaveResult: Encodable, Sendable {
        let config: ConfigView
        let probe: [LLMProbeResult]
    }

    struct ProbeResult: Encodable, Sendable {
        let ok: Bool
        let results: [LLMProbeResult]
    }

    struct ModelList: Encodable, Sendable {
        let provider: LLMProviderKind
        let source: String
        let error: String?
        let models: [LLMModelInfo]
    }

    private var platformKeyNames: [String] { llm.platformKeys.keys.map(\.rawValue).sorted() }

    private func view(_ scope: OrgScope) async throws -> ConfigView {
        if let stored = try await llm.repository.storedSettings(scope) {
            return ConfigView(source: .organization, settings: stored.settings, keys: stored.keys,
                              platformKeys: platformKeyNames, effectivePrices: Self.effectivePrices(stored.settings),
                              updatedAt: stored.updatedAt, updatedBy: stored.updatedBy)
        }
        return ConfigView(source: .platform, settings: llm.platformSettings, keys: [:], platformKeys: platformKeyNames,
                          effectivePrices: Self.effectivePrices(llm.platformSettings), updatedAt: nil, updatedBy: nil)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ConfigView> {
        let scope = try context.requireScope()
        try scope.require(.llmManage)
        return JSONResponse(try await view(scope))
    }

    /// Keys for a probe: the platform's, then the organization's stored ones, then those in the request.
    private func probeKeys(_ scope: OrgScope, input: LLMSettingsInput) async throws -> [LLMProviderKind: String] {
        var keys = llm.platformKeys
        if let stored = try await llm.repository.resolvedSettings(organizationID: scope.organizationID) {
            keys.merge(stored.keys) { _, own in own }
        }
        for (name, value) in input.apiKeys {
            guard let kind = LLMProviderKind(rawValue: name) else { continue }
            keys[kind] = value ?? llm.platformKeys[kind]
        }
        return keys
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<SaveResult> {
        let scope = try context.requireScope()
        try scope.require(.llmManage)
        let input = try await request.decode(as: LLMSettingsInput.self, context: context)
        try input.validate()
        let keys = try await probeKeys(scope, input: input)
        let missing = input.settings.providers.filter { $0.requiresKey && (keys[$0] ?? "").isEmpty }
        if !missing.isEmpty {
            throw APIError(DomainError.invalid(missing.sorted { $0.rawValue < $1.rawValue }.map {
                FieldError(pointer: "/apiKeys/\($0.rawValue)", detail: "is required for the \($0.rawValue) provider")
            }))
        }
        let results = await llm.gateway.probe(input.settings, keys: keys)
        let failed = results.enumerated().filter { !$0.element.ok }
        if !failed.isEmpty, !input.force {
            throw APIError(status: .unprocessableContent, code: "llm.probe_failed",
                           detail: "The provider did not answer the probe; nothing was saved. Fix the settings, or send \"force\": true to save anyway.",
                           fields: failed.map { index, result in
                               FieldError(pointer: index == 0 ? "/primary" : "/fallbacks/\(index - 1)",
                                          detail: "\(result.errorCode ?? "llm.error"): \(result.message ?? "no answer") (\(result.latencyMilliseconds) ms)")
                           })
        }
        _ = try await llm.repository.save(scope, input: input)
        llm.configurationChanged(scope.organizationID)
        return JSONResponse(SaveResult(config: try await view(scope), probe: results))
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        let scope = try context.requireScope()
        try await llm.repository.deleteSettings(scope)
        llm.configurationChanged(scope.organizationID)
        return EmptyResponse()
    }

    /// Probes the settings in the body, or the current ones when the body is empty.
    @Sendable func probe(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ProbeResult> {
        let scope = try context.requireScope()
        try scope.require(.llmManage)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 1024 * 1024)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "request.too_large",
                           detail: "The request body is larger than 1048576 bytes.")
        }
        let input: LLMSettingsInput
        if body.readableBytes == 0 {
            let current = try await view(scope)
            input = LLMSettingsInput(settings: current.settings)
        } else {
            input = try ProblemJSONDecoder.decode(LLMSettingsInput.self, from: Data(body.readableBytesView))
            try input.validate()
        }
        let results = await llm.gateway.probe(input.settings, keys: try await probeKeys(scope, input: input))
        return JSONResponse(ProbeResult(ok: results.allSatisfy(\.ok), results: results))
    }

    @Sendable func models(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<ModelList> {
        let scope = try context.requireScope()
        try scope.require(.llmManage)
        let current = try await view(scope).settings
        let kind = try request.query("provider", as: LLMProviderKind.self) ?? current.primary.provider
        let baseURL = try request.query("baseURL") { $0 }
        if let baseURL {
            try LLMSettingsInput(settings: LLMSettings(primary: LLMEndpoint(provider: kind, model: "m", baseURL: baseURL)))
                .validate()
        }
        let configuredURL = ([current.primary] + current.fallbacks).first { $0.provider == kind }?.baseURL
        let keys = try await probeKeys(scope, input: LLMSettingsInput(settings: current))
        let result = await llm.gateway.models(provider: kind, baseURL: baseURL ?? configuredURL, key: keys[kind])
        return JSONResponse(ModelList(provider: kind, source: result.source, error: result.error, models: result.models))
    }

    @Sendable func usage(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<LLMUsageReport> {
        let scope = try context.requireScope()
        let today = CalendarDate(llm.clock.now())
        let from = try request.query("from") { CalendarDate($0) } ?? today.adding(days: -29)
        let to = try request.query("to") { CalendarDate($0) } ?? today
        let groupBy = try request.query("groupBy", as: LLMUsageGrouping.self) ?? .day
        let currency = try await currentSettings(scope).currency
        return JSONResponse(try await llm.repository.usage(scope, from: from, to: to, groupBy: groupBy, currency: currency))
    }

    @Sendable func entries(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<LLMUsageEntry>>
    {
        let scope = try context.requireScope()
        return JSONResponse(try await llm.repository.entries(scope, page: try request.pageRequest()))
    }

    @Sendable func budget(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<LLMBudgetStatus> {
        let scope = try context.requireScope()
        let settings = try await currentSettings(scope)
        return JSONResponse(try await llm.repository.budgetStatus(scope, settings: settings, now: llm.clock.now()))
    }

    @Sendable func budgetEvents(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<LLMBudgetEvent>>
    {
        let scope = try context.requireScope()
        return JSONResponse(try await llm.repository.budgetEvents(scope, page: try request.pageRequest()))
    }

    /// The effective settings for usage and budget readers (who may lack `llmManage`).
    private func currentSettings(_ scope: OrgScope) async throws -> LLMSettings {
        try scope.require(.llmUsageRead)
        return try await llm.repository.resolvedSettings(organizationID: scope.organizationID)?.settings
            ?? llm.platformSettings
    }
}
