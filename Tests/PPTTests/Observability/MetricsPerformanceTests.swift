import Foundation
import HTTPTypes
import PPTDomain
import PPTObservability
import PPTStorage
import Testing

@Suite("Metrics performance window")
struct MetricsPerformanceTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_020)

    @Test("a known sequence gives its counts, error rate, percentiles, per-minute series and slowest endpoints")
    func knownSequence() throws {
        let clock = ManualClock(Self.start)
        let window = PerformanceWindow(now: { clock.now() })
        for _ in 0..<100 { window.recordRequest(method: "GET", route: "/a", status: 200, seconds: 0.010) }
        for _ in 0..<5 { window.recordRequest(method: "GET", route: "/b", status: 500, seconds: 0.500) }
        window.recordRequest(method: "GET", route: "/d", status: 404, seconds: 0.001)
        clock.advance(by: 60)
        for _ in 0..<10 { window.recordRequest(method: "POST", route: "/c", status: 201, seconds: 0.020) }
        for _ in 0..<3 { window.recordQuery(operation: "select", table: "faults", seconds: 0.005) }
        window.recordQuery(operation: "update", table: "jobs", seconds: 0.050)

        let report = window.report()
        #expect(report.requests.count == 116)
        #expect(report.requests.errors == 5)
        #expect(abs(report.requests.errorRate - 5.0 / 116) < 1e-9)
        #expect(report.coveredSeconds == 60)
        #expect(abs(report.requests.requestsPerSecond - 116.0 / 60) < 1e-9)
        let latency = try #require(report.requests.latencyMs)
        #expect((10...11).contains(latency.p50))
        #expect((20...22).contains(latency.p95))
        #expect(latency.p99 == 500)

        #expect(report.perMinute.count == 60)
        #expect(report.perMinute.suffix(2).map(\.requests) == [106, 10])
        #expect(report.perMinute.suffix(2).map(\.errors) == [5, 0])
        #expect(report.perMinute.dropLast(2).allSatisfy { $0.requests == 0 && $0.latencyMs == nil })
        #expect(report.perMinute.last?.minute == Date(timeIntervalSince1970: 1_795_000_080))

        #expect(report.slowEndpoints.map(\.route) == ["/b", "/c", "/a", "/d"])
        let slowest = try #require(report.slowEndpoints.first)
        #expect(slowest.requests == 5 && slowest.errors == 5 && slowest.errorRate == 1)
        #expect(slowest.latencyMs == LatencyPercentiles(p50: 500, p95: 500, p99: 500))
        #expect(report.slowEndpoints.last?.latencyMs?.p95 == 1)

        #expect(report.slowDatabaseOperations.map(\.table) == ["jobs", "faults"])
        #expect(report.slowDatabaseOperations.last?.count == 3)
        #expect(report.slowDatabaseOperations.last?.totalMs == 15)
    }

    @Test("the latency histogram's percentiles are within its 10 % buckets; a merge equals recording everything")
    func latencyHistogram() throws {
        // 1 ms … 1000 ms, one value each, recorded in shuffled order into two halves.
        let values = (1...1000).map { Double($0) / 1000 }
        var whole = LatencyHistogram()
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        for (position, value) in values.shuffled().enumerated() {
            whole.record(value)
            if position.isMultiple(of: 2) { first.record(value) } else { second.record(value) }
        }
        first.merge(second)
        #expect(first.count == whole.count && first.minimum == whole.minimum && first.maximum == whole.maximum)
        #expect(abs(first.sum - whole.sum) < 1e-9, "sums differ only by the order of addition")
        for step in 0...100 {
            let quantile = Double(step) / 100
            #expect(first.quantile(quantile) == whole.quantile(quantile), "same buckets: p\(step)")
        }
        for (quantile, exact) in [(0.5, 0.5), (0.95, 0.95), (0.99, 0.99), (0.001, 0.001)] {
            let estimate = try #require(whole.quantile(quantile))
            #expect(estimate >= exact && estimate <= exact * 1.1, "p\(quantile * 100): \(estimate)")
        }
        #expect(whole.quantile(1) == 1 && whole.count == 1000 && whole.minimum == 0.001)

        var edges = LatencyHistogram()
        #expect(edges.quantile(0.5) == nil)
        for value in [-1, 0, .infinity, .nan, 1e-9, 10_000] { edges.record(value) }
        #expect(edges.count == 6 && edges.minimum == 0 && edges.maximum == 10_000)
        #expect(edges.quantile(0.5) == 1e-5, "zero, negative, non-finite and tiny values share the lowest bucket")
        #expect(edges.quantile(1) == 10_000, "a bucket's bound is clamped to the largest value seen")
    }

    @Test("only the last hour counts, and the top lists keep ten entries")
    func windowAndLimits() {
        let clock = ManualClock(Self.start)
        let window = PerformanceWindow(now: { clock.now() })
        for index in 0..<15 {
            window.recordRequest(method: "GET", route: "/r\(index)", status: 200, seconds: Double(index + 1) / 1000)
            window.recordQuery(operation: "select", table: "t\(index)", seconds: Double(index + 1) / 1000)
        }
        let report = window.report()
        #expect(report.slowEndpoints.count == 10)
        #expect(report.slowEndpoints.first?.route == "/r14")
        #expect(report.slowDatabaseOperations.count == 10)
        clock.advance(by: 59 * 60)
        #expect(window.report().requests.count == 15)
        clock.advance(by: 60)
        #expect(window.report().requests.count == 0)
        #expect(window.report().coveredSeconds == 3600)
        window.recordRequest(method: "GET", route: "/late", status: 200, seconds: 0.001)
        #expect(window.report().requests.count == 1)
    }

    @Test("query kinds are numbered once; kinds whose labels fold together share one series and one window row")
    func queryKindsAndSlots() throws {
        let select = QueryKind.named(operation: "select", table: "kind_test_faults")
        #expect(QueryKind.named(operation: "select", table: "kind_test_faults") == select)
        let begin = QueryKind.named(operation: "begin", table: "kind_test_faults")
        let commit = QueryKind.named(operation: "commit", table: "kind_test_faults")
        #expect(Set([select.number, begin.number, commit.number]).count == 3)

        let clock = ManualClock(Self.start)
        let metrics = PPTMetrics(factory: MetricsExporter().factory, performance: PerformanceWindow(now: { clock.now() }))
        metrics.recordDatabaseQuery(select, seconds: 0.002)
        metrics.recordDatabaseQuery(begin, seconds: 0.001)
        metrics.recordDatabaseQuery(commit, seconds: 0.003)
        metrics.recordDatabaseQuery(operation: "select", table: "kind_test_faults", seconds: 0.004)
        metrics.recordHTTPRequest(method: "GET", route: "/kind-test", status: 200, duration: .milliseconds(5))
        metrics.recordHTTPRequest(method: "GET", route: "/kind-test", status: 503, duration: .milliseconds(7))
        metrics.recordHTTPRequest(method: "POST", route: "/kind-test", status: 201, duration: .milliseconds(9))

        let report = metrics.performance.report()
        let rows = Dictionary(uniqueKeysWithValues: report.slowDatabaseOperations.map { ($0.operation, $0) })
        #expect(rows.count == 2, "begin and commit fold into one `other` row")
        #expect(rows["select"]?.count == 2 && rows["select"]?.totalMs == 6)
        #expect(rows["other"]?.count == 2 && rows["other"]?.totalMs == 4)
        let endpoints = Dictionary(uniqueKeysWithValues: report.slowEndpoints.map { ("\($0.method) \($0.route)", $0) })
        #expect(endpoints["GET /kind-test"]?.requests == 2 && endpoints["GET /kind-test"]?.errors == 1)
        #expect(endpoints["POST /kind-test"]?.requests == 1)
    }

    @Test("LLM spend accumulates per currency and model today and restarts the next UTC day")
    func llmSpendToday() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
        let exporter = MetricsExporter()
        let metrics = PPTMetrics(factory: exporter.factory, performance: PerformanceWindow(now: { clock.now() }),
                                 llmSpend: LLMSpendLedger(now: { clock.now() }))
        metrics.recordLLMCost(provider: "openai", model: "gpt-4o", currency: "EUR", amount: 0.01)
        metrics.recordLLMCost(provider: "openai", model: "gpt-4o", currency: "EUR", amount: 0.0025)
        metrics.recordLLMCost(provider: "anthropic", model: "claude", currency: "EUR", amount: 0.02)
        metrics.recordLLMCost(provider: "ollama", model: "llama", currency: "CZK", amount: 1.5)
        metrics.recordLLMCost(provider: "ollama", model: "llama", currency: "CZK", amount: -4)
        let spend = metrics.performanceReport().llmSpendToday
        #expect(spend.day == "2026-11-18")
        #expect(spend.totals == [.init(currency: "CZK", amount: 1.5), .init(currency: "EUR", amount: 0.0325)])
        #expect(spend.byModel.first == .init(provider: "ollama", model: "llama", currency: "CZK", amount: 1.5))
        #expect(spend.byModel.count == 3)
        #expect(exporter.render().contains(
            #"ppt_llm_cost_total{provider="openai",model="gpt-4o",currency="EUR"} 0.0125"#))
        clock.advance(by: 86_400)
        let tomorrow = metrics.performanceReport().llmSpendToday
        #expect(tomorrow.day == "2026-11-19" && tomorrow.totals.isEmpty && tomorrow.byModel.isEmpty)
    }

    @Test("the admin endpoint reports a known sequence of requests; others get 401 and 403",
          arguments: TestDatabase.dialects)
    func adminEndpoint(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect) { harness in
            let (_, admin) = try await harness.token("root@ppt.test", superadmin: true)
            let (_, user) = try await harness.token("user@ppt.test")
            for _ in 0..<8 { #expect(try await harness.request(.get, "/api/v1/test/ok").status == .ok) }
            for _ in 0..<2 {
                #expect(try await harness.request(.get, "/api/v1/test/boom").status == .internalServerError)
            }
            #expect(try await harness.request(.get, "/health/live").status == .ok, "probes stay out of the window")
            _ = try await harness.scrape()
            harness.metrics.recordDatabaseQuery(operation: "select", table: "faults", seconds: 0.004)
            harness.metrics.recordLLMCost(provider: "openai", model: "gpt-4o", currency: "EUR", amount: 0.25)

            let response = try await harness.request(.get, "/api/v1/admin/performance", token: admin)
            #expect(response.status == .ok)
            let json = try #require(response.json)
            let requests = try #require(json["requests"] as? [String: Any])
            #expect(requests["count"] as? Int == 10)
            #expect(requests["errors"] as? Int == 2)
            #expect(requests["errorRate"] as? Double == 0.2)
            #expect(((requests["requestsPerSecond"] as? Double) ?? 0) > 0)
            #expect((requests["latencyMs"] as? [String: Any])?["p95"] is Double)
            let endpoints = try #require(json["slowEndpoints"] as? [[String: Any]])
            let ok = try #require(endpoints.first { $0["route"] as? String == "/api/v1/test/ok" })
            #expect(ok["requests"] as? Int == 8 && ok["errors"] as? Int == 0 && ok["method"] as? String == "GET")
            let boom = try #require(endpoints.first { $0["route"] as? String == "/api/v1/test/boom" })
            #expect(boom["errors"] as? Int == 2 && boom["errorRate"] as? Double == 1)
            let queries = try #require(json["slowDatabaseOperations"] as? [[String: Any]])
            #expect(queries.contains { $0["table"] as? String == "faults" && $0["operation"] as? String == "select" })
            #expect((json["perMinute"] as? [Any])?.count == 60)
            let spend = try #require(json["llmSpendToday"] as? [String: Any])
            let totals = try #require(spend["totals"] as? [[String: Any]])
            #expect(totals.first?["currency"] as? String == "EUR" && totals.first?["amount"] as? Double == 0.25)

            #expect(try await harness.request(.get, "/api/v1/admin/performance", token: user).status == .forbidden)
            #expect(try await harness.request(.get, "/api/v1/admin/performance").status == .unauthorized)
        }
    }
}
