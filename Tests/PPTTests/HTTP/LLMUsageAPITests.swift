import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import SQLKit
import Testing

/// Usage reports, the budget and tenant isolation of `llm/usage*` and `llm/budget*` through HTTP.
@Suite("LLM usage API")
struct LLMUsageAPITests {
    @Test("a spent budget with a hard stop refuses the next call, records both thresholds and tells the admins",
          arguments: TestDatabase.dialects)
    func budgetHardStop(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            try await FakeLLMServer.run(script: LLMAPI.openAIScript(pieces: ["Costly"], usage: (10, 5))) { server in
                let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken,
                                                  body: LLMAPI.openAIConfig(server.baseURL + "/v1", extra: [
                    "currency": "EUR",
                    "budget": ["monthlyLimit": ["amountMinor": 1, "currency": "EUR"], "softAlertPercent": 80,
                               "hardStop": true],
                    "prices": [["model": "gpt-4o-mini", "inputPerMillion": 100_000, "outputPerMillion": 100_000]],
                ]))
                #expect(saved.status == .ok, "\(saved.text)")
                let path = "\(org.path)/llm/chat/completions"
                let first = try await app.request(.post, path, token: org.adminToken, body: LLMAPI.chat())
                #expect(first.status == .ok, "\(first.text)")
                let refused = try await app.request(.post, path, token: org.managerToken, body: LLMAPI.chat())
                #expect(refused.status == .tooManyRequests, "\(refused.text)")
                #expect(refused.problemCode == "llm.budget_exhausted")
                #expect((Int(refused.header("Retry-After") ?? "") ?? 0) > 0)
                #expect(await server.requests().count == 2) // the probe and the first call only
            }
            // 10 input + 5 output tokens at 100,000 per million each: 1.50 EUR.
            let budget = try await app.request(.get, "\(org.path)/llm/budget", token: org.managerToken)
            #expect(budget.status == .ok)
            #expect(budget.json?["spentMicros"] as? Int == 1_500_000)
            #expect(budget.json?["currency"] as? String == "EUR")
            #expect(budget.json?["hardStopReached"] as? Bool == true)
            #expect(budget.json?["softAlertReached"] as? Bool == true)
            #expect(budget.json?["remainingMicros"] as? Int == 0)
            let events = try await app.request(.get, "\(org.path)/llm/budget/events", token: org.adminToken)
            #expect(events.status == .ok)
            #expect(Set(events.items.compactMap { $0["kind"] as? String }) == ["soft_alert", "hard_stop"])
            #expect(events.items.allSatisfy { $0["spentMicros"] as? Int == 1_500_000 })
            let entries = try await app.request(.get, "\(org.path)/llm/usage/entries", token: org.adminToken)
            #expect(entries.items.count == 1)
            #expect(entries.items.first?["costMicros"] as? Int == 1_500_000)

            let notifications = try await app.request(.get, "/api/v1/me/notifications", token: org.adminToken)
            #expect(notifications.status == .ok)
            let kinds = notifications.items.compactMap { $0["kind"] as? String }
            #expect(kinds.contains("llm.budget_hard_stop"))
            #expect(kinds.contains("llm.budget_soft_alert"))
            let hardStop = notifications.items.first { $0["kind"] as? String == "llm.budget_hard_stop" }
            #expect(hardStop?["organizationID"] as? String == org.id.rawValue)
            #expect((hardStop?["body"] as? String)?.contains("1.50 EUR") == true)
            let managerKinds = try await app.request(.get, "/api/v1/me/notifications", token: org.managerToken)
                .items.compactMap { $0["kind"] as? String }
            #expect(!managerKinds.contains { $0.hasPrefix("llm.budget") })
        }
    }

    @Test("the usage report grouped by model, feature, user and day sums to the ledger", arguments: TestDatabase.dialects)
    func usageReport(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "A")
            let saved = try await app.request(.put, "\(org.path)/llm/config", token: org.adminToken, body: LLMAPI.builtinConfig([
                "prices": [["model": "ppt-builtin-1", "inputPerMillion": 1_000, "outputPerMillion": 2_000]]]))
            #expect(saved.status == .ok, "\(saved.text)")
            let path = "\(org.path)/llm/chat/completions"
            let calls: [(String, [String: Any])] = [
                (org.adminToken, LLMAPI.chat("Hello")),
                (org.adminToken, LLMAPI.chat("What can you do?", stream: true)),
                (org.managerToken, LLMAPI.chat("Ahoj")),
                (org.adminToken, LLMAPI.chat("Summarize: the roof leaks. The lift is broken. The garden is nice.",
                                             extra: ["feature": "summarization"])),
            ]
            for (token, body) in calls {
                #expect(try await app.request(.post, path, token: token, body: body).status == .ok)
            }
            let entries = try await app.request(.get, "\(org.path)/llm/usage/entries?limit=100", token: org.adminToken).items
            #expect(entries.count == 4)
            let input = entries.reduce(0) { $0 + ($1["inputTokens"] as? Int ?? 0) }
            let output = entries.reduce(0) { $0 + ($1["outputTokens"] as? Int ?? 0) }
            let cost = entries.reduce(0) { $0 + ($1["costMicros"] as? Int ?? 0) }
            #expect(input > 0 && output > 0 && cost > 0)
            #expect(cost == input * 1_000 + output * 2_000)

            let today = CalendarDate(Date()).description
            let expected: [String: [String: Int]] = [
                "model": ["builtin/ppt-builtin-1": 4],
                "feature": ["chat": 3, "summarization": 1],
                "user": [org.adminID.rawValue: 3, org.managerID.rawValue: 1],
                "day": [today: 4],
            ]
            for (grouping, requests) in expected {
                let report = try await app.request(.get, "\(org.path)/llm/usage?groupBy=\(grouping)", token: org.managerToken)
                #expect(report.status == .ok, "\(grouping): \(report.text)")
                #expect(report.json?["groupBy"] as? String == grouping)
                #expect(report.json?["currency"] as? String == "EUR")
                let groups = (report.json?["groups"] as? [[String: Any]]) ?? []
                var byKey: [String: Int] = [:]
                for group in groups { byKey[group["key"] as? String ?? "?"] = group["requests"] as? Int }
                #expect(byKey == requests, "\(grouping)")
                #expect(groups.reduce(0) { $0 + ($1["inputTokens"] as? Int ?? 0) } == input)
                #expect(groups.reduce(0) { $0 + ($1["outputTokens"] as? Int ?? 0) } == output)
                #expect(groups.reduce(0) { $0 + ($1["costMicros"] as? Int ?? 0) } == cost)
                let total = report.json?["total"] as? [String: Any]
                #expect(total?["requests"] as? Int == 4)
                #expect(total?["failures"] as? Int == 0)
                #expect(total?["costMicros"] as? Int == cost)
            }
            let yesterday = CalendarDate(Date()).adding(days: -1).description
            let empty = try await app.request(.get, "\(org.path)/llm/usage?from=\(yesterday)&to=\(yesterday)",
                                              token: org.adminToken)
            #expect((empty.json?["groups"] as? [Any])?.isEmpty == true)
            let badGrouping = try await app.request(.get, "\(org.path)/llm/usage?groupBy=planet", token: org.adminToken)
            #expect(badGrouping.status == .unprocessableContent)
            #expect(badGrouping.pointers == ["/query/groupBy"])
            let backwards = try await app.request(.get, "\(org.path)/llm/usage?from=\(today)&to=\(yesterday)",
                                                  token: org.adminToken)
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.pointers == ["/from"])
        }
    }

    @Test("another organization's admin gets 404 for this one's LLM routes and never sees its usage",
          arguments: TestDatabase.dialects)
    func crossTenant(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let a = try await LLMAPIOrg.make(app, name: "A")
            let b = try await LLMAPIOrg.make(app, name: "B")
            for _ in 0..<2 {
                #expect(try await app.request(.post, "\(a.path)/llm/chat/completions", token: a.adminToken,
                                              body: LLMAPI.chat("Secret plans of A")).status == .ok)
            }
            #expect(try await app.request(.post, "\(b.path)/llm/chat/completions", token: b.adminToken,
                                          body: LLMAPI.chat("Hello from B")).status == .ok)
            let aEntries = try await app.request(.get, "\(a.path)/llm/usage/entries", token: a.adminToken).items
                .compactMap { $0["id"] as? String }
            #expect(aEntries.count == 2)

            for suffix in ["llm/config", "llm/models", "llm/usage", "llm/usage/entries", "llm/budget", "llm/budget/events"] {
                let response = try await app.request(.get, "\(a.path)/\(suffix)", token: b.adminToken)
                #expect(response.status == .notFound, "GET \(suffix): \(response.status)")
            }
            #expect(try await app.request(.put, "\(a.path)/llm/config", token: b.adminToken,
                                          body: LLMAPI.builtinConfig()).status == .notFound)
            #expect(try await app.request(.delete, "\(a.path)/llm/config", token: b.adminToken).status == .notFound)
            #expect(try await app.request(.post, "\(a.path)/llm/probe", token: b.adminToken,
                                          body: LLMAPI.builtinConfig()).status == .notFound)
            #expect(try await app.request(.post, "\(a.path)/llm/chat/completions", token: b.adminToken,
                                          body: LLMAPI.chat()).status == .notFound)

            for grouping in ["user", "model", "feature", "day"] {
                let report = try await app.request(.get, "\(b.path)/llm/usage?groupBy=\(grouping)", token: b.adminToken)
                #expect((report.json?["total"] as? [String: Any])?["requests"] as? Int == 1)
                #expect(!report.text.contains(a.adminID.rawValue))
            }
            let bUsers = try await app.request(.get, "\(b.path)/llm/usage?groupBy=user", token: b.adminToken)
            #expect(((bUsers.json?["groups"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
                    == [b.adminID.rawValue])
            let bEntries = try await app.request(.get, "\(b.path)/llm/usage/entries", token: b.adminToken)
            #expect(bEntries.items.count == 1)
            #expect(aEntries.allSatisfy { !bEntries.text.contains($0) })
            #expect(!bEntries.text.contains(a.id.rawValue))
            // A's ledger is untouched by B's attempts.
            #expect(try await app.request(.get, "\(a.path)/llm/usage/entries", token: a.adminToken).items.count == 2)
        }
    }
}
