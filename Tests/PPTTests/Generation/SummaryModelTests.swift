import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@Suite("Document summaries (model)")
struct SummaryModelTests {
    @Test("The model is asked in the forced language with a JSON schema; the summary is stored and reused",
          arguments: TestDatabase.dialects)
    func forcedLanguageAndReuse(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "SumModel")
            let script = summaryModel { call, _ in call == .final ? SummaryFixtures.finalAnswer(.de) : "" }
            try await FakeLLMServer.run(script: script) { server in
                try await org.useFakeModel(app, server)
                let txt = try await SummaryFixtures.upload(app, org, title: "Revízia", fileName: "revizia.txt",
                                                           type: "text/plain", data: SummaryFixtures.gasNoticeText)
                let path = SummaryFixtures.path(org, txt)
                let response = try await app.request(.post, path, token: org.tenantToken, body: ["language": "de"])
                #expect(response.status == .ok, "\(response.text)")
                let json = try #require(response.json)
                #expect(json["method"] as? String == "model" && json["language"] as? String == "de")
                #expect(json["provider"] as? String == "openai" && json["model"] as? String == "gpt-4o-mini")
                #expect(json["mapCalls"] as? Int == 0 && json["reused"] as? Bool == false)
                #expect((json["summary"] as? String)?.contains("Eigentümer") == true)
                let items = try #require(json["actionItems"] as? [[String: Any]])
                #expect(items.first?["due"] as? String == "2026-03-15")

                let calls = await summaryCalls(server)
                #expect(calls.count == 1)
                let request = try #require(calls.first?.json)
                let messages = try #require(request["messages"] as? [[String: Any]])
                let system = try #require(messages.first?["content"] as? String)
                #expect(system.contains("Write in German (language code de) only"), "\(system)")
                #expect((messages.last?["content"] as? String)?.contains("musí sprístupniť") == true,
                        "the document text is in the prompt")
                let format = try #require(request["response_format"] as? [String: Any])
                #expect(format["type"] as? String == "json_schema")
                #expect((format["json_schema"] as? [String: Any])?["name"] as? String == "document_summary")

                let again = try await app.request(.post, path, token: org.managerToken, body: ["language": "de"])
                #expect(again.json?["reused"] as? Bool == true)
                #expect(again.json?["generationID"] as? String == json["generationID"] as? String)
                #expect(await summaryCalls(server).count == 1, "a reused summary calls no model")
                let slovak = try await app.request(.post, path, token: org.managerToken)
                #expect(slovak.status == .serviceUnavailable,
                        "the fake answers in German, which a Slovak summary refuses: \(slovak.text)")
                #expect(slovak.json?["code"] as? String == "generation.invalid_output")
                let retried = await summaryCalls(server).suffix(2).compactMap(\.json)
                let correction = (retried.last?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
                #expect(correction.contains("must be written in Slovak"), "\(correction)")

                _ = try await DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs).uploadVersion(
                    org.admin, id: txt.id, file: DocumentFile(fileName: "revizia.txt", declaredType: "text/plain",
                                                              data: SummaryFixtures.gasNoticeText + Data(" Koniec.".utf8)))
                let fresh = try await app.request(.post, path, token: org.tenantToken, body: ["language": "de"])
                #expect(fresh.json?["version"] as? Int == 2 && fresh.json?["reused"] as? Bool == false)
                #expect(await summaryCalls(server).count == 4, "a new version is summarized again")
            }
        }
    }

    @Test("An indexed document is read from its chunks once each: the index's overlap between chunks is dropped")
    func indexedChunks() async throws {
        try await TestApp.with(.sqlite) { app in
            let org = try await LLMAPIOrg.make(app, name: "SumChunks")
            let script = summaryModel { call, _ in call == .final ? SummaryFixtures.finalAnswer(.sk) : "" }
            try await FakeLLMServer.run(script: script) { server in
                try await org.useFakeModel(app, server)
                let rules = try await SummaryFixtures.upload(app, org, title: "Domový poriadok", fileName: "rules.pdf",
                                                             type: "application/pdf", data: DocumentFixtures.pdf())
                try await IndexingDriver.drain(app.runtime)
                let status = try await app.request(.get, "\(org.path)/documents/\(rules.id.rawValue)/index",
                                                   token: org.adminToken)
                #expect(status.json?["state"] as? String == "indexed" && (status.json?["chunkCount"] as? Int ?? 0) > 2)
                let chunks = try #require(try await DocumentSummaryRepository(database: app.runtime.database)
                    .source(org.admin, documentID: rules.id).chunks)
                let stored = chunks.map(\.body).joined(separator: "\n")
                #expect((1...40).contains { stored.components(separatedBy: "íslo \($0) zabe").count > 2 },
                        "the index repeats text between chunks")
                let response = try await app.request(.post, SummaryFixtures.path(org, rules), token: org.tenantToken)
                #expect(response.status == .ok, "\(response.text)")
                let messages = try #require(await summaryCalls(server).first?.json?["messages"] as? [[String: Any]])
                let prompt = try #require(messages.last?["content"] as? String)
                for number in 1...40 {
                    // The test PDF's font has no carons: "císlo", "zabezpecuje".
                    let line = "íslo \(number) zabe"
                    #expect(prompt.components(separatedBy: line).count == 2, "\(line) once in: \(prompt)")
                }
                #expect(prompt.contains("2 Domáce zvieratá") && prompt.contains("Pes musí"))
            }
        }
    }

    @Test("Invalid model JSON is retried once, then 503 generation.invalid_output with a failed generation",
          arguments: TestDatabase.dialects)
    func invalidOutput(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "SumInvalid")
            let script = summaryModel { _, _ in "Here is your summary: the owners must open their flats." }
            try await FakeLLMServer.run(script: script) { server in
                try await org.useFakeModel(app, server)
                let txt = try await SummaryFixtures.upload(app, org, title: "Revízia", fileName: "revizia.txt",
                                                           type: "text/plain", data: SummaryFixtures.gasNoticeText)
                let response = try await app.request(.post, SummaryFixtures.path(org, txt), token: org.tenantToken)
                #expect(response.status == .serviceUnavailable, "\(response.text)")
                #expect(response.json?["code"] as? String == "generation.invalid_output")
                #expect(await summaryCalls(server).count == 2, "one retry")
                let failed = try await app.request(.get, "\(org.path)/ai/generations?kind=summary&status=failed",
                                                   token: org.tenantToken)
                #expect(failed.items.count == 1)
                #expect(failed.items.first?["errorCode"] as? String == "generation.invalid_output")
                #expect((failed.items.first?["usage"] as? [String: Any])?["calls"] as? Int == 2)
                let stored = try await app.request(.get, SummaryFixtures.path(org, txt), token: org.tenantToken)
                #expect(stored.status == .notFound, "nothing was stored")
            }
        }
    }
}
