import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@Suite("Search API")
struct SearchAPITests {
    @Test("GET search: hits with snippets and highlights; form-encoded queries; problem+json for bad input",
          arguments: TestDatabase.dialects)
    func search(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "Search")
            let documents = DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs)
            let rules = try await documents.upload(org.admin, DocumentMetadataInput(title: "Domový poriadok", category: "rules"),
                                                   file: DocumentFile(fileName: "rules.pdf", declaredType: "application/pdf",
                                                                      data: DocumentFixtures.pdf()))
            _ = try await documents.upload(org.admin, DocumentMetadataInput(
                title: "Interné", category: "staff", access: DocumentAccess(level: .staff)),
                file: DocumentFile(fileName: "interne.txt", declaredType: "text/plain",
                                   data: Data("Nočný pokoj: interná poznámka správcu.".utf8)))
            try await IndexingDriver.drain(app.runtime)

            // `+` is a space, as browsers' URLSearchParams encode it.
            let found = try await app.request(.get, "\(org.path)/search?q=no%C4%8Dn%C3%BD+pokoj&limit=5",
                                              token: org.tenantToken)
            #expect(found.status == .ok, "\(found.text)")
            let json = try #require(found.json)
            #expect(json["query"] as? String == "nočný pokoj" && json["mode"] as? String == "hybrid")
            let hits = try #require(json["hits"] as? [[String: Any]])
            #expect(!hits.isEmpty && hits.count <= 5)
            #expect(hits.allSatisfy { $0["documentID"] as? String == rules.id.rawValue }, "the staff note stays hidden")
            let first = try #require(hits.first)
            #expect(first["page"] as? Int == 1 && (first["chunkID"] as? String)?.hasPrefix(rules.id.rawValue) == true)
            #expect((first["highlights"] as? [[String: Any]])?.isEmpty == false)

            let staff = try await app.request(.get, "\(org.path)/search?q=interna%20poznamka", token: org.managerToken)
            #expect((staff.json?["hits"] as? [[String: Any]])?.first?["documentTitle"] as? String == "Interné")

            for (query, pointer) in [("", "/query/q"), ("q=", "/query/q"), ("q=x&limit=0", "/query/limit"),
                                     ("q=x&limit=abc", "/query/limit")] {
                let bad = try await app.request(.get, "\(org.path)/search?\(query)", token: org.tenantToken)
                #expect(bad.status == .unprocessableContent, "\(query): \(bad.text)")
                let fields = bad.json?["errors"] as? [[String: Any]] ?? []
                #expect(fields.first?["pointer"] as? String == pointer, "\(query): \(bad.text)")
            }
        }
    }

    @Test("Index status, re-index and overview, by role", arguments: TestDatabase.dialects)
    func status(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "Index")
            let document = try await DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs).upload(
                org.admin, DocumentMetadataInput(title: "Oznam", category: "notice"),
                file: DocumentFile(fileName: "oznam.md", declaredType: "text/markdown",
                                   data: Data("# Oznam\nVýťah bude v utorok mimo prevádzky.".utf8)))
            let path = "\(org.path)/documents/\(document.id.rawValue)/index"
            let pending = try await app.request(.get, path, token: org.tenantToken)
            #expect(pending.status == .ok && pending.json?["state"] as? String == "pending")
            try await IndexingDriver.drain(app.runtime)
            let indexed = try await app.request(.get, path, token: org.tenantToken)
            #expect(indexed.json?["state"] as? String == "indexed" && indexed.json?["method"] as? String == "markdown")
            #expect(indexed.json?["chunkCount"] as? Int == 1 && indexed.json?["language"] as? String == "sk")

            #expect(try await app.request(.post, path, token: org.tenantToken).status == .forbidden)
            let queued = try await app.request(.post, path, token: org.managerToken)
            #expect(queued.status == .accepted && queued.json?["state"] as? String == "pending")

            #expect(try await app.request(.get, "\(org.path)/search/index", token: org.tenantToken).status == .forbidden)
            let overview = try await app.request(.get, "\(org.path)/search/index", token: org.adminToken)
            #expect(overview.status == .ok)
            #expect((overview.json?["states"] as? [String: Int])?["pending"] == 1)
            #expect(overview.json?["chunkCount"] as? Int == 1)

            let missing = try await app.request(.get, "\(org.path)/documents/\(UUID().uuidString.lowercased())/index",
                                                token: org.adminToken)
            #expect(missing.status == .notFound)
        }
    }
}
