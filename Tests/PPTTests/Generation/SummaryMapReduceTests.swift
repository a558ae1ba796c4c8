import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTAssistant
import PPTDomain
import PPTLLM
import PPTStorage
import Testing

@Suite("Document summaries: map-reduce")
struct SummaryMapReduceTests {
    /// Not in the model catalog, so the plan uses the 8,192-token default context window.
    static let model = "ppt-test-8k"

    @Test("A document longer than the context is summarized part by part, concurrently, then reduced",
          arguments: TestDatabase.dialects)
    func mapReduce(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let org = try await LLMAPIOrg.make(app, name: "MapReduce")
            let flight = MapFlight()
            let script = summaryModel(model: Self.model) { call, _ in
                switch call {
                case .map(let part, let count):
                    await flight.hold(expecting: count)
                    return "PARTIAL-\(part): the owners of the flats in part \(part) must keep the staircase clean."
                case .final: return SummaryFixtures.finalAnswer(.en, due: nil)
                case .collapse, .other: return "unexpected"
                }
            }
            try await FakeLLMServer.run(script: script) { server in
                try await org.useFakeModel(app, server, model: Self.model)
                let long = try await SummaryFixtures.upload(app, org, title: "House rules", fileName: "rules.txt",
                                                            type: "text/plain", data: SummaryFixtures.longText(sections: 160))
                let response = try await app.request(.post, SummaryFixtures.path(org, long), token: org.tenantToken,
                                                     body: ["language": "en"])
                #expect(response.status == .ok, "\(response.text)")
                let calls = await summaryCalls(server).map(SummaryCall.init)
                let maps = calls.compactMap { call -> (Int, Int)? in
                    if case .map(let part, let count) = call { return (part, count) }
                    return nil
                }
                let count = try #require(maps.first?.1)
                #expect(count >= 3, "about 16,000 tokens in parts of at most 6,144")
                #expect(maps.count == count && Set(maps.map(\.0)) == Set(1...count) && maps.allSatisfy { $0.1 == count })
                #expect(response.json?["mapCalls"] as? Int == count)
                #expect(calls.filter { $0 == .collapse }.isEmpty && calls.last == .final && calls.count == count + 1)
                #expect(flight.maxInFlight >= 2, "map calls overlap in time")

                let reduce = try #require(await summaryCalls(server).last?.text)
                for part in 1...count { #expect(reduce.contains("PARTIAL-\(part):"), "partial \(part) in the reduce call") }
                #expect(!reduce.contains("Section 1."), "the reduce call carries the partial summaries, not the text")
                let record = try await app.request(
                    .get, "\(org.path)/ai/generations/\(try #require(response.json?["generationID"] as? String))",
                    token: org.tenantToken)
                #expect((record.json?["usage"] as? [String: Any])?["calls"] as? Int == count + 1)
            }
        }
    }

    @Test("Partial summaries that together exceed the budget are collapsed in groups before the final reduce")
    func recursiveCollapse() async throws {
        try await TestApp.with(.sqlite) { app in
            let org = try await LLMAPIOrg.make(app, name: "Collapse")
            // Each partial is about 2,000 tokens, as from a model that ignores the answer limit.
            let filler = Array(repeating: "detail", count: 1530).joined(separator: " ")
            let script = summaryModel(model: Self.model) { call, request in
                switch call {
                case .map(let part, _): return "PARTIAL-\(part) \(filler)"
                case .collapse:
                    let parts = request.text.matches(of: /PARTIAL-(\d+)/).map { String($0.1) }
                    return "COLLAPSED-\(parts.joined(separator: "-")): the owners must keep the building clean."
                case .final: return SummaryFixtures.finalAnswer(.en, due: nil)
                case .other: return "unexpected"
                }
            }
            try await FakeLLMServer.run(script: script) { server in
                try await org.useFakeModel(app, server, model: Self.model)
                let long = try await SummaryFixtures.upload(app, org, title: "House rules", fileName: "rules.txt",
                                                            type: "text/plain", data: SummaryFixtures.longText(sections: 260))
                let response = try await app.request(.post, SummaryFixtures.path(org, long), token: org.tenantToken,
                                                     body: ["language": "en"])
                #expect(response.status == .ok, "\(response.text)")
                let requests = await summaryCalls(server)
                let maps = requests.filter { if case .map = SummaryCall($0) { true } else { false } }
                let collapses = requests.filter { SummaryCall($0) == .collapse }
                #expect(maps.count >= 4)
                #expect(collapses.count >= 2 && collapses.count < maps.count, "groups of partials, not one call each")
                let final = try #require(requests.last)
                #expect(SummaryCall(final) == .final)
                #expect(final.text.contains("COLLAPSED-1-") && !final.text.contains("PARTIAL-"))
                let budget = SummaryBudget(contextWindow: 8192)
                for request in collapses + [final] {
                    #expect(TokenEstimator.estimate(request.text) < budget.contextWindow, "each call fits the model")
                }
            }
        }
    }

    @Test("Text is split between paragraphs into parts that fit the budget; groups fit too")
    func splitting() {
        let segments = (1...50).map { SummarySegment("Paragraph \($0) " + String(repeating: "word ", count: 60)) }
        let parts = SummaryMapReduce.parts(segments, tokens: 500)
        #expect(parts.count > 1 && parts.allSatisfy { TokenEstimator.estimate($0) <= 500 })
        #expect(parts.joined(separator: "\n").components(separatedBy: "Paragraph").count == 51, "nothing lost")
        #expect(parts.allSatisfy { $0.hasPrefix("Paragraph") }, "cut between paragraphs")
        let huge = SummaryMapReduce.parts([SummarySegment(String(repeating: "Long sentence here. ", count: 400))],
                                          tokens: 300)
        #expect(huge.count > 1 && huge.allSatisfy { TokenEstimator.estimate($0) <= 300 })
        let groups = SummaryMapReduce.groups(parts, tokens: 1200)
        #expect(groups.count < parts.count && groups.flatMap { $0 } == parts)
        #expect(SummaryBudget(contextWindow: 8192).textTokens == 6144)
        #expect(SummaryBudget(contextWindow: 128_000).textTokens == 128_000 - 8192)
    }
}
