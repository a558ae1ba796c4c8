import Configuration
import Foundation
import Logging
import PPTDomain
import PPTHTTP
import PPTWorkflow

/// PPT's configuration, read from flags > environment (`PPT_*`) > config file > defaults.
///
/// | key (env) | type | default | meaning |
/// |---|---|---|---|
/// | `PPT_HOST` | string | `127.0.0.1` | address both servers bind to |
/// | `PPT_PORT` | int | `8080` | management API port |
/// | `PPT_PORTAL_PORT` | int | `8081` | Reality Portal port |
/// | `PPT_PUBLIC_URL` | url | — | public base URL (OAuth issuer; `https` marks the consent cookie Secure); else `http://<Host header>` |
/// | `PPT_PORTAL_PUBLIC_URL` | url | `http://<Host header>` | the Reality Portal's public base URL (canonical and `hreflang` links, sitemap) |
/// | `PPT_PORTAL_MANAGEMENT_URL` | url | `http://<host>:<port>` | management API the portal calls (listing descriptions for realtors) |
/// | `PPT_DATA_DIR` | path | `./.ppt` | SQLite file, blobs, key ring |
/// | `PPT_DATABASE_URL` | url | — | PostgreSQL (`postgres://…`); SQLite when unset |
/// | `PPT_MASTER_KEY` | secret | — | key ring `id:base64[,…]`; else `<data dir>/keyring` |
/// | `PPT_BCRYPT_COST` | int | `12` | bcrypt cost (≥ 10) |
/// | `PPT_LOG_LEVEL` | string | `info` | trace … critical |
/// | `PPT_LOG_FORMAT` | string | `text` | `text` or `json` |
/// | `PPT_AUTO_MIGRATE` | bool | `true` | apply migrations at start |
/// | `PPT_WORKER_CONCURRENCY` | int | `4` | jobs run at once per worker |
/// | `PPT_LEASE_EXPIRY_DAYS` | int | `60` | days ahead for `lease_expiring` |
/// | `PPT_MAX_UPLOAD_MB` | int | `25` | largest document upload |
/// | `PPT_WEB_ROOT` | path | — | serve the web app from this folder instead of the bundled files (development: edits show on reload) |
/// | `PPT_TRUST_FORWARDED_FOR` | bool | `false` | take the client address from `X-Forwarded-For` |
/// | `PPT_REQUEST_INSTRUMENTATION` | bool | `true` | per-request spans and metrics and database query timings (off only to measure their cost) |
/// | `PPT_LLM_PROVIDER` | string | `builtin` | platform default provider: `builtin`, `openai`, `anthropic`, `openai_compatible`, `ollama` |
/// | `PPT_LLM_MODEL` | string | per provider | platform default model |
/// | `PPT_LLM_BASE_URL` | url | per provider | platform default base URL |
/// | `OPENAI_API_KEY` | secret | — | platform OpenAI key |
/// | `ANTHROPIC_API_KEY` | secret | — | platform Anthropic key |
/// | `PPT_LLM_API_KEY` | secret | — | platform key for an OpenAI-compatible or Ollama server |
/// | `PPT_LLM_READ_TIMEOUT_SECONDS` | int | `60` | longest provider silence (first byte or mid-stream) |
/// | `PPT_LLM_MAX_RETRIES` | int | `2` | retries of a failed provider call before falling back |
/// | `PPT_ALEXA_SKILL_IDS` | string | — | comma-separated Alexa skill ids the webhook accepts; empty: the webhook answers 404 |
/// | `PPT_ALEXA_CLIENT_ID` | string | — | the Alexa skill's Login with Amazon client id (proactive notifications) |
/// | `PPT_ALEXA_CLIENT_SECRET` | secret | — | its client secret; notifications are off unless both are set |
/// | `PPT_ALEXA_TOKEN_URL` | url | `https://api.amazon.com/auth/o2/token` | Login with Amazon token endpoint |
/// | `PPT_ALEXA_EVENTS_URL` | url | `https://api.eu.amazonalexa.com/v1/proactiveEvents/` | Proactive Events API endpoint |
package struct AppConfiguration: Sendable {
    package var host: String
    package var port: Int
    package var portalPort: Int
    /// The public base URL of the management API (the OAuth issuer), when configured.
    package var publicURL: String?
    /// The management API as the Reality Portal reaches it over HTTP (DESIGN §2).
    package var portalManagementURL: String
    package var dataDirectory: String
    package var databaseURL: String?
    package var masterKey: String?
    package var bcryptCost: Int
    package var logLevel: Logger.Level
    package var jsonLogs: Bool
    package var autoMigrate: Bool
    package var workerConcurrency: Int
    package var leaseExpiryDays: Int
    package var maxUploadMegabytes: Int
    package var trustForwardedFor: Bool
    /// A folder the web app is served from instead of the bundled files (development).
    package var webRoot: String?
    /// The Reality Portal's public base URL, when configured.
    package var portalPublicURL: String?
    package var requestInstrumentation: Bool
    /// The platform's default LLM settings (organizations without their own use these).
    package var llmPlatformSettings: LLMSettings
    /// The platform's provider keys (never logged or returned).
    package var llmPlatformKeys: [LLMProviderKind: String]
    /// Longest provider silence.
    package var llmReadTimeoutSeconds: Int
    /// Retries of a failed provider call.
    package var llmMaxRetries: Int
    /// The Alexa skill ids whose requests the webhook accepts (none: the webhook is off).
    package var alexaSkillIDs: Set<String>
    /// PPT's own credentials and endpoints for calling Alexa (proactive notifications).
    package var platformTokens: PlatformTokenConfiguration
    /// Workflow e-mail: SMTP when `PPT_SMTP_URL` is set, otherwise captured in the mailbox.
    package var mail: MailConfiguration
    /// The time zone of dates without one in workflows (`today()`, delays until a day).
    package var timeZone: TimeZone
    /// How long workflow run history is kept.
    package var workflowRetention: WorkflowRetention
    /// How long a worker holds a claimed job without a heartbeat (a dead worker's jobs run again after it).
    package var jobLeaseSeconds: Int

    /// Reads every key; throws a readable message for values out of range.
    package init(reader: ConfigReader) throws {
        host = reader.string(forKey: "ppt.host", default: "127.0.0.1")
        port = reader.int(forKey: "ppt.port", default: 8080)
        portalPort = reader.int(forKey: "ppt.portal.port", default: 8081)
        publicURL = reader.string(forKey: "ppt.public.url").flatMap { $0.isEmpty ? nil : $0 }
            .map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme), url.host != nil else {
                throw ConfigurationError("PPT_PUBLIC_URL must be an http(s) URL, got \(publicURL)")
            }
        }
        // A wildcard bind address is not one to connect to: the same process answers on loopback.
        let reachableHost = ["0.0.0.0", "::", "[::]"].contains(host) ? "127.0.0.1" : host
        let defaultManagementURL = "http://\(reachableHost.contains(":") ? "[\(reachableHost)]" : reachableHost):\(port)"
        portalManagementURL = reader.string(forKey: "ppt.portal.management.url").flatMap { $0.isEmpty ? nil : $0 }
            ?? defaultManagementURL
        guard let managementURL = URL(string: portalManagementURL), ["http", "https"].contains(managementURL.scheme),
              managementURL.host != nil else {
            throw ConfigurationError("PPT_PORTAL_MANAGEMENT_URL must be an http(s) URL, got \(portalManagementURL)")
        }
        dataDirectory = reader.string(forKey: "ppt.data.dir", default: "./.ppt")
        databaseURL = reader.string(forKey: "ppt.database.url", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        masterKey = reader.string(forKey: "ppt.master.key", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        bcryptCost = reader.int(forKey: "ppt.bcrypt.cost", default: 12)
        let level = reader.string(forKey: "ppt.log.level", default: "info")
        guard let parsedLevel = Logger.Level(rawValue: level) else {
            throw ConfigurationError("PPT_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsedLevel
        jsonLogs = reader.string(forKey: "ppt.log.format", default: "text") == "json"
        autoMigrate = reader.bool(forKey: "ppt.auto.migrate", default: true)
        workerConcurrency = reader.int(forKey: "ppt.worker.concurrency", default: 4)
        leaseExpiryDays = reader.int(forKey: "ppt.lease.expiry.days", default: 60)
        maxUploadMegabytes = reader.int(forKey: "ppt.max.upload.mb", default: 25)
        trustForwardedFor = reader.bool(forKey: "ppt.trust.forwarded.for", default: false)
        webRoot = reader.string(forKey: "ppt.web.root").flatMap { $0.isEmpty ? nil : $0 }
        portalPublicURL = reader.string(forKey: "ppt.portal.public.url").flatMap { $0.isEmpty ? nil : $0 }
        requestInstrumentation = reader.bool(forKey: "ppt.request.instrumentation", default: true)
        let providerName = reader.string(forKey: "ppt.llm.provider", default: "builtin")
        guard let provider = LLMProviderKind(rawValue: providerName) else {
            throw ConfigurationError("PPT_LLM_PROVIDER must be one of "
                + LLMProviderKind.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(providerName)")
        }
        let model = reader.string(forKey: "ppt.llm.model").flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultModel(provider)
        let baseURL = reader.string(forKey: "ppt.llm.base.url").flatMap { $0.isEmpty ? nil : $0 }
        llmPlatformSettings = LLMSettings(primary: LLMEndpoint(provider: provider, model: model, baseURL: baseURL))
        do {
            try LLMSettingsInput(settings: llmPlatformSettings).validate()
        } catch {
            throw ConfigurationError("PPT_LLM_MODEL / PPT_LLM_BASE_URL: "
                + error.fields.map { "\($0.pointer) \($0.detail)" }.joined(separator: "; "))
        }
        var keys: [LLMProviderKind: String] = [:]
        for (key, kinds) in [("openai.api.key", [LLMProviderKind.openai]), ("anthropic.api.key", [.anthropic]),
                             ("ppt.llm.api.key", [.openaiCompatible, .ollama])] {
            if let value = reader.string(forKey: ConfigKey(key), isSecret: true), !value.isEmpty {
                for kind in kinds { keys[kind] = value }
            }
        }
        llmPlatformKeys = keys
        if provider.requiresKey, keys[provider] == nil {
            throw ConfigurationError("PPT_LLM_PROVIDER=\(provider.rawValue) needs "
                + (provider == .openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"))
        }
        llmReadTimeoutSeconds = reader.int(forKey: "ppt.llm.read.timeout.seconds", default: 60)
        llmMaxRetries = reader.int(forKey: "ppt.llm.max.retries", default: 2)
        alexaSkillIDs = Set((reader.string(forKey: "ppt.alexa.skill.ids") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        platformTokens = PlatformTokenConfiguration(
            alexaClientID: reader.string(forKey: "ppt.alexa.client.id").flatMap { $0.isEmpty ? nil : $0 },
            alexaClientSecret: reader.string(forKey: "ppt.alexa.client.secret", isSecret: true)
                .flatMap { $0.isEmpty ? nil : $0 },
            alexaTokenURL: reader.string(forKey: "ppt.alexa.token.url", default: PlatformTokenConfiguration.defaultTokenURL),
            alexaEventsURL: reader.string(forKey: "ppt.alexa.events.url",
                                          default: PlatformTokenConfiguration.defaultEventsURL))
        for (name, value) in [("PPT_ALEXA_TOKEN_URL", platformTokens.alexaTokenURL),
                              ("PPT_ALEXA_EVENTS_URL", platformTokens.alexaEventsURL)] {
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme), url.host != nil else {
                throw ConfigurationError("\(name) must be an http(s) URL, got \(value)")
            }
        }
        do {
            mail = try MailConfiguration.parse(smtpURL: reader.string(forKey: "ppt.smtp.url", isSecret: true),
                                               from: reader.string(forKey: "ppt.mail.from"))
        } catch {
            throw ConfigurationError("PPT_SMTP_URL / PPT_MAIL_FROM: "
                + ([error.message] + error.fields.map { "\($0.pointer) \($0.detail)" }).joined(separator: "; "))
        }
        let zone = reader.string(forKey: "ppt.time.zone", default: "Europe/Bratislava")
        guard let parsedZone = TimeZone(identifier: zone) else {
            throw ConfigurationError("PPT_TIME_ZONE must be an IANA time zone such as Europe/Bratislava, got \(zone)")
        }
        timeZone = parsedZone
        let retentionDays = reader.int(forKey: "ppt.workflow.run.retention.days", default: 30)
        let runsKept = reader.int(forKey: "ppt.workflow.runs.kept", default: 1000)
        workflowRetention = WorkflowRetention(maxAge: TimeInterval(retentionDays) * 86_400, keepPerWorkflow: runsKept)
        jobLeaseSeconds = reader.int(forKey: "ppt.job.lease.seconds", default: 60)
        for (name, value, range) in [("PPT_PORT", port, 0...65535),
                                     ("PPT_WORKFLOW_RUN_RETENTION_DAYS", retentionDays, 1...3650),
                                     ("PPT_WORKFLOW_RUNS_KEPT", runsKept, 10...1_000_000),
                                     ("PPT_JOB_LEASE_SECONDS", jobLeaseSeconds, 3...3600), ("PPT_PORTAL_PORT", portalPort, 0...65535),
                                     ("PPT_BCRYPT_COST", bcryptCost, 10...16),
                                     ("PPT_WORKER_CONCURRENCY", workerConcurrency, 1...64),
                                     ("PPT_LEASE_EXPIRY_DAYS", leaseExpiryDays, 1...365),
                                     ("PPT_MAX_UPLOAD_MB", maxUploadMegabytes, 1...1024),
                                     ("PPT_LLM_READ_TIMEOUT_SECONDS", llmReadTimeoutSeconds, 1...600),
                                     ("PPT_LLM_MAX_RETRIES", llmMaxRetries, 0...10)]
        where !range.contains(value) {
            throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }

    /// The configuration with defaults and `environment` only (tests, tools).
    package static func make(environment: [String: String] = [:], overrides: [String: String] = [:]) throws
        -> AppConfiguration
    {
        try AppConfiguration(reader: ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: overrides.merging(environment) { first, _ in first })
        ]))
    }

    /// The model used when `PPT_LLM_MODEL` is not set.
    static func defaultModel(_ provider: LLMProviderKind) -> String {
        switch provider {
        case .builtin: LLMSettings.builtinDefault.primary.model
        case .openai: "gpt-4o-mini"
        case .anthropic: "claude-haiku-4-5"
        case .openaiCompatible, .ollama: "llama3.2"
        }
    }

    /// The SQLite file.
    package var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("ppt.sqlite") }
    /// The blob directory.
    package var blobDirectory: String { (dataDirectory as NSString).appendingPathComponent("blobs") }
    /// The key ring file, when `PPT_MASTER_KEY` is not set.
    package var keyRingPath: String { (dataDirectory as NSString).appendingPathComponent("keyring") }
}

/// A configuration value that cannot be used.
package struct ConfigurationError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
