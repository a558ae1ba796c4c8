import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// An organization for the LLM API tests: an admin, a manager and a tenant, each signed in. It has no
/// LLM configuration of its own (the platform default, the built-in provider, applies) and no usage.
struct LLMAPIOrg: Sendable {
    let id: OrganizationID
    /// `/api/v1/orgs/<id>`.
    let path: String
    let admin: OrgScope
    let managerID: UserID
    let adminToken: String
    let managerToken: String
    let tenantToken: String

    var adminID: UserID { admin.userID }

    static func make(_ app: TestApp, name: String) async throws -> LLMAPIOrg {
        let lower = name.lowercased()
        let admin = try await app.user("llm-admin-\(lower)@llm.test")
        let manager = try await app.user("llm-manager-\(lower)@llm.test")
        _ = try await app.user("llm-tenant-\(lower)@llm.test")
        let accounts = AccountRepository(database: app.runtime.database)
        let organization = try await accounts.createOrganization(
            name: "LLM \(name)", country: "SK", locale: .sk, currency: .EUR, admin: admin.id)
        let scope = try #require(try await accounts.scope(userID: admin.id, organizationID: organization.id))
        _ = try await accounts.setMember(scope, email: manager.email, role: .manager)
        _ = try await accounts.setMember(scope, email: "llm-tenant-\(lower)@llm.test", role: .tenant)
        return LLMAPIOrg(
            id: organization.id, path: "/api/v1/orgs/\(organization.id.rawValue)", admin: scope, managerID: manager.id,
            adminToken: try await app.login(admin.email), managerToken: try await app.login(manager.email),
            tenantToken: try await app.login("llm-tenant-\(lower)@llm.test"))
    }
}

/// Request bodies and response readers shared by the LLM API tests.
enum LLMAPI {
    /// An API key that must never be shown again once stored.
    static let secretKey = "sk-test-SECRET-1234567890abcd"

    /// A `PUT llm/config` body for an OpenAI primary at `baseURL` (the fake's base URL plus `/v1`).
    static func openAIConfig(_ baseURL: String, model: String = "gpt-4o-mini", key: String? = secretKey,
                             extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["primary": ["provider": "openai", "model": model, "baseURL": baseURL]]
        if let key { body["apiKeys"] = ["openai": key] }
        return body.merging(extra) { _, new in new }
    }

    /// A `PUT llm/config` body for the built-in provider.
    static func builtinConfig(_ extra: [String: Any] = [:]) -> [String: Any] {
        (["primary": ["provider": "builtin", "model": "ppt-builtin-1"]] as [String: Any]).merging(extra) { _, new in new }
    }

    /// A chat completion request body with one user message.
    static func chat(_ text: String = "Hello", stream: Bool = false, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["messages": [["role": "user", "content": text]], "stream": stream]
        if stream { body["stream_options"] = ["include_usage": true] }
        return body.merging(extra) { _, new in new }
    }

    /// The JSON payloads of an SSE body's `data:` lines, and whether it ended with `data: [DONE]`.
    static func events(_ text: String) -> (chunks: [[String: Any]], done: Bool) {
        let frames = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let payloads = frames.compactMap { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : nil }
        let chunks = payloads.filter { $0 != "[DONE]" }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        return (chunks, payloads.last == "[DONE]" && payloads.filter { $0 == "[DONE]" }.count == 1)
    }

    /// A fake OpenAI: `GET …/models` lists `models`, every other request streams `pieces` with `usage`.
    static func openAIScript(pieces: [String], usage: (prompt: Int, completion: Int) = (10, 5),
                             models: [String] = ["gpt-4o-mini", "gpt-4o"]) -> FakeLLMServer.Script {
        { request, _ in
            if request.method == "GET", request.path.hasSuffix("/models") { return FakeOpenAI.models(models) }
            return FakeOpenAI.stream(pieces: pieces, usage: usage)
        }
    }

    /// Waits for the next minute when fewer than `margin` seconds are left of this one, so that calls
    /// counted against a per-minute window all land in the same window.
    static func waitForFreshMinute(margin: Double = 20) async throws {
        let second = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        if second > 60 - margin { try await Task.sleep(for: .milliseconds(Int((60 - second) * 1000) + 200)) }
    }

    /// Every non-null text value of every column of `table`, read through SQL.
    static func textValues(_ database: any Database, table: String, columns: [String]) async throws -> [String] {
        try await database.read { sql in
            let rows = try await sql.raw("SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM \(unsafeRaw: table)")
                .all()
            return try rows.flatMap { row in
                try columns.compactMap { try row.decode(column: $0, as: String?.self) }
            }
        }
    }
}

extension TestApp.Result {
    /// The problem's `code`.
    var problemCode: String? { json?["code"] as? String }
    /// The problem's field pointers, in order.
    var pointers: [String] { problemFields.compactMap { $0["pointer"] as? String } }
    /// The problem's fields.
    var problemFields: [[String: Any]] { (json?["errors"] as? [[String: Any]]) ?? [] }
    /// A response header by name.
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}
