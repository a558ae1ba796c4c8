import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// A World organization with the Slovak house rules indexed, and signed-in admin and tenant.
struct ChatWorld: Sendable {
    let app: TestApp
    let world: World
    let path: String
    let adminToken: String
    let tenantToken: String

    static func make(_ app: TestApp) async throws -> ChatWorld {
        let world = try await World.make(app, name: "Chat")
        _ = try await DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs).upload(
            world.fixture.admin, DocumentMetadataInput(title: "Domový poriadok", category: "rules"),
            file: DocumentFile(fileName: "poriadok.pdf", declaredType: "application/pdf", data: DocumentFixtures.pdf()))
        try await app.runtime.runPendingIndexing()
        return ChatWorld(app: app, world: world, path: "/api/v1/orgs/\(world.ids["orgID"]!)/ai/chat",
                         adminToken: try await app.login(world.adminEmail),
                         tenantToken: try await app.login(world.tenantEmail))
    }

    func session(_ token: String) async throws -> String {
        let created = try await app.request(.post, "\(path)/sessions", token: token, body: [String: Any]())
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json?["id"] as? String)
    }

    /// Asks and returns the JSON exchange's answer.
    func ask(_ session: String, _ question: String, token: String) async throws -> [String: Any] {
        let asked = try await app.request(.post, "\(path)/sessions/\(session)/messages", token: token,
                                          body: ["content": question])
        #expect(asked.status == .created, "\(question): \(asked.text)")
        return try #require(asked.json?["answer"] as? [String: Any])
    }
}

@Suite("Assistant chat API")
struct ChatAPITests {
    @Test("Answers from the member's documents, citing numbered sources that contain what is quoted",
          arguments: TestDatabase.dialects)
    func citations(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let chat = try await ChatWorld.make(app)
            let session = try await chat.session(chat.tenantToken)
            let answer = try await chat.ask(session, "Kedy je nočný pokoj?", token: chat.tenantToken)
            #expect(answer["status"] as? String == "complete" && answer["provider"] as? String == "builtin")
            let content = try #require(answer["content"] as? String)
            let sources = try #require(answer["sources"] as? [[String: Any]])
            #expect(!sources.isEmpty)
            var cited = 0
            for line in content.split(separator: "\n") {
                guard let open = line.lastIndex(of: "["), line.hasSuffix("]"),
                      let number = Int(line[line.index(after: open)..<line.index(before: line.endIndex)]) else { continue }
                cited += 1
                let quoted = line[..<open].trimmingCharacters(in: .whitespaces)
                let source = try #require(sources.first { $0["number"] as? Int == number }, "[\(number)] has no source")
                let text = try #require(source["text"] as? String)
                func normalized(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                #expect(normalized(text).contains(normalized(quoted)), "[\(number)] does not contain: \(quoted)")
            }
            #expect(cited >= 1, "no citation in: \(content)")
            #expect(SearchText.fold(content).contains("22:00"))

            let sessionJSON = try await app.request(.get, "\(chat.path)/sessions/\(session)", token: chat.tenantToken).json
            #expect(sessionJSON?["title"] as? String == "Kedy je nočný pokoj?")
            let messages = try await app.request(.get, "\(chat.path)/sessions/\(session)/messages", token: chat.tenantToken)
            #expect(messages.array?.count == 2)
        }
    }

    @Test("Sessions belong to their member; the chat flag off refuses before storing anything",
          arguments: TestDatabase.dialects)
    func ownershipAndFlag(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let chat = try await ChatWorld.make(app)
            let session = try await chat.session(chat.tenantToken)
            #expect(try await app.request(.get, "\(chat.path)/sessions/\(session)", token: chat.adminToken).status == .notFound)
            let listed = try await app.request(.get, "\(chat.path)/sessions", token: chat.adminToken)
            #expect(!listed.items.contains { $0["id"] as? String == session })

            let org = "/api/v1/orgs/\(chat.world.ids["orgID"]!)"
            let off = try await app.request(.put, "\(org)/feature-flags/llm.chat_enabled", token: chat.adminToken,
                                            body: ["enabled": false])
            #expect(off.status == .ok, "\(off.text)")
            let refused = try await app.request(.post, "\(chat.path)/sessions/\(session)/messages", token: chat.tenantToken,
                                                body: ["content": "Kedy je nočný pokoj?"])
            #expect(refused.status == .forbidden && refused.json?["code"] as? String == "llm.feature_disabled")
            let messages = try await app.request(.get, "\(chat.path)/sessions/\(session)/messages", token: chat.tenantToken)
            #expect(messages.array?.isEmpty == true)

            let empty = try await app.request(.post, "\(chat.path)/sessions/\(session)/messages", token: chat.tenantToken,
                                              body: ["content": "  "])
            #expect(empty.status == .unprocessableContent || empty.status == .forbidden)
        }
    }

    @Test("Feedback on answers, aggregated for admins")
    func feedback() async throws {
        try await TestApp.with(.sqlite) { app in
            let chat = try await ChatWorld.make(app)
            let session = try await chat.session(chat.tenantToken)
            let answer = try await chat.ask(session, "nočný pokoj", token: chat.tenantToken)
            let answerID = try #require(answer["id"] as? String)
            let base = "\(chat.path)/sessions/\(session)/messages"
            let rated = try await app.request(.put, "\(base)/\(answerID)/feedback", token: chat.tenantToken,
                                              body: ["rating": "down", "comment": "Chýba sobota."])
            #expect(rated.status == .noContent, "\(rated.text)")
            let messages = try await app.request(.get, base, token: chat.tenantToken).array as? [[String: Any]] ?? []
            let questionID = try #require(messages.first?["id"] as? String)
            let onQuestion = try await app.request(.put, "\(base)/\(questionID)/feedback", token: chat.tenantToken,
                                                   body: ["rating": "up"])
            #expect(onQuestion.status == .conflict)
            let bad = try await app.request(.put, "\(base)/\(answerID)/feedback", token: chat.tenantToken,
                                            body: ["rating": "meh"])
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest)

            #expect(try await app.request(.get, "\(chat.path)/feedback", token: chat.tenantToken).status == .forbidden)
            let summary = try await app.request(.get, "\(chat.path)/feedback", token: chat.adminToken).json
            // Two answers in the period: the World admin's greeting and the tenant's.
            #expect(summary?["down"] as? Int == 1 && summary?["up"] as? Int == 0 && summary?["answers"] as? Int == 2)
            let recent = summary?["recent"] as? [[String: Any]]
            #expect(recent?.first?["comment"] as? String == "Chýba sobota.")
        }
    }
}
