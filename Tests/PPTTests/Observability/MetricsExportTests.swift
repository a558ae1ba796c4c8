import Foundation
import HTTPTypes
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing

@Suite("Metrics export")
struct MetricsExportTests {
    @Test("a fresh facade registers the unlabeled families and the small fixed label sets before any use")
    func familiesExistBeforeUse() throws {
        let exporter = MetricsExporter()
        _ = PPTMetrics(factory: exporter.factory)
        let text = exporter.render()
        let expected = [
            PPTMetricCatalog.jobsLag, PPTMetricCatalog.outboxPending, PPTMetricCatalog.outboxLag,
            PPTMetricCatalog.llmBudgetSoftAlerts, PPTMetricCatalog.faultsCreated, PPTMetricCatalog.paymentsOverdue,
            PPTMetricCatalog.documentsIndexed, PPTMetricCatalog.jobsQueueDepth, PPTMetricCatalog.httpClientErrors,
            PPTMetricCatalog.errorsReported,
        ]
        for definition in expected {
            #expect(text.contains("# TYPE \(definition.name) \(definition.kind.rawValue)\n"), "\(definition.name) missing")
            #expect(text.contains("# HELP \(definition.name) "), "\(definition.name) has no help")
        }
        #expect(text.contains(#"ppt_jobs_queue_depth{status="dead"} 0"#))
        #expect(text.contains(#"ppt_http_client_errors_total{category="not_found"} 0"#))
    }

    @Test("every fixed family shows after use, route labels are templates without ids, and promtool accepts it",
          arguments: TestDatabase.dialects)
    func everyFamilyAfterUse(dialect: DatabaseDialect) async throws {
        try await ObservabilityHarness.with(dialect) { harness in
            let fixture = try await Fixture.make(harness.database)
            let adminUser = try #require(try await AccountRepository(database: harness.database)
                .user(id: fixture.admin.userID))
            let token = try await harness.tokens.accessToken(for: adminUser)
            let stranger = UUID().uuidString.lowercased()
            let itemID = UUID().uuidString.lowercased()
            let orgID = fixture.organization.id.rawValue
            #expect(try await harness.request(.get, "/api/v1/orgs/\(orgID)/faults", token: token).status == .ok)
            #expect(try await harness.request(.get, "/api/v1/orgs/\(stranger)/faults", token: token).status == .notFound)
            #expect(try await harness.request(.get, "/api/v1/test/items/\(itemID)").status == .notFound)
            #expect(try await harness.request(.get, "/no/such/\(itemID)").status == .notFound)
            #expect(try await harness.request(.get, "/api/v1/test/boom").status == .internalServerError)
            #expect(try await harness.request(.get, "/api/v1/test/ok").status == .ok)

            try await Self.useEveryOtherFamily(harness)
            let text = try await harness.scrape()

            for definition in PPTMetricCatalog.all {
                #expect(text.contains("# TYPE \(definition.name) \(definition.kind.rawValue)\n"),
                        "\(definition.name) is not exposed")
                #expect(text.contains("# HELP \(definition.name) \(definition.help)\n"))
            }
            #expect(text.contains(
                #"ppt_http_requests_total{method="GET",route="/api/v1/orgs/{orgID}/faults",status_class="2xx"} 1"#))
            #expect(text.contains(
                #"ppt_http_requests_total{method="GET",route="/api/v1/orgs/{orgID}/faults",status_class="4xx"} 1"#))
            #expect(text.contains(
                #"ppt_http_requests_total{method="GET",route="/api/v1/test/items/{itemID}",status_class="4xx"} 1"#))
            #expect(text.contains(#"ppt_http_requests_total{method="GET",route="unmatched",status_class="4xx"} 1"#))
            #expect(text.contains(
                #"ppt_http_requests_total{method="GET",route="/api/v1/test/boom",status_class="5xx"} 1"#))
            for id in [orgID, stranger, itemID] { #expect(!text.contains(id), "an id leaked into a label: \(id)") }
            #expect(text.contains(#"ppt_jobs_queue_depth{status="pending"} 1"#))
            #expect(text.contains(#"ppt_health_check_status{check="database"} 1.0"#))
            #expect(text.contains(#"ppt_circuit_breaker_state{service="smtp"} 0.0"#))
            #expect(text.contains(#"ppt_jobs_processed_total{kind="scan.votes",outcome="succeeded"} 1"#))
            #expect(text.contains(#"ppt_faults_created_total 2"#))

            guard let (status, output) = try await promtoolCheckMetrics(text) else {
                print("promtool is not installed (Debian package `prometheus`): skipping `promtool check metrics`")
                return
            }
            #expect(status == 0, "promtool check metrics: \(output)")
        }
    }

    @Test("histograms use the catalog's buckets in seconds")
    func histogramBuckets() throws {
        let exporter = MetricsExporter()
        let metrics = PPTMetrics(factory: exporter.factory)
        metrics.recordHTTPRequest(method: "get", route: "/api/v1/x", status: 200, duration: .milliseconds(7))
        metrics.recordLLMTokens(provider: "openai", model: "gpt-4o", tokenType: "input", count: 1200)
        metrics.recordLLMOperationDuration(provider: "openai", model: "gpt-4o", seconds: 1.5)
        let text = exporter.render()
        let labels = #"method="GET",route="/api/v1/x",status_class="2xx""#
        #expect(text.contains(#"ppt_http_request_duration_seconds_bucket{\#(labels),le="0.005"} 0"#))
        #expect(text.contains(#"ppt_http_request_duration_seconds_bucket{\#(labels),le="0.01"} 1"#))
        #expect(text.contains(#"ppt_http_request_duration_seconds_bucket{\#(labels),le="10.0"} 1"#))
        #expect(text.contains(#"ppt_http_request_duration_seconds_count{\#(labels)} 1"#))
        let tokens = #"gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o",gen_ai_token_type="input""#
        #expect(text.contains(#"gen_ai_client_token_usage_bucket{\#(tokens),le="1024.0"} 0"#))
        #expect(text.contains(#"gen_ai_client_token_usage_bucket{\#(tokens),le="4096.0"} 1"#))
        #expect(text.contains(#"gen_ai_client_token_usage_bucket{\#(tokens),le="67108864.0"} 1"#))
        #expect(text.contains(#"le="81.92"} 1"#))
    }

    @Test("label values are folded into fixed sets")
    func labelFolding() {
        #expect(PPTMetrics.methodLabel("get") == "GET")
        #expect(PPTMetrics.methodLabel("PROPFIND") == "OTHER")
        #expect(PPTMetrics.routeLabel(nil) == "unmatched")
        #expect(PPTMetrics.routeLabel("NotFound") == "unmatched")
        #expect(PPTMetrics.statusClass(204) == "2xx")
        #expect(PPTMetrics.statusClass(503) == "5xx")
        #expect(PPTMetrics.operationLabel("SELECT") == "select")
        #expect(PPTMetrics.operationLabel("CREATE") == "other")
        #expect(PPTMetrics.tableLabel("jobs") == "jobs")
        #expect(PPTMetrics.tableLabel("jobs; DROP") == "other")
    }

    /// Drives every family that the HTTP requests above do not.
    static func useEveryOtherFamily(_ harness: ObservabilityHarness) async throws {
        let metrics = harness.metrics
        metrics.recordClientError(category: .validation)
        metrics.recordErrorReported(category: .internal)
        metrics.recordDatabaseQuery(operation: "SELECT", table: "faults", seconds: 0.002)
        await JobMetrics(metrics: metrics).jobFinished(JobAttempt(
            jobID: "j1", kind: "scan.votes", attempt: 1, outcome: .succeeded, duration: .milliseconds(12),
            queueDelay: 0.5, error: nil))
        try await JobQueue(database: harness.database).enqueue(JobRequest(kind: "test.pending"))
        await QueueMetricsUpdater(stats: QueueStats(database: harness.database), metrics: metrics,
                                  logger: TestDatabase.logger).update()
        await harness.health.breakers.register(service: "smtp")
        _ = await harness.health.readiness()
        metrics.recordLLMTokens(provider: "openai", model: "gpt-4o", tokenType: "output", count: 300)
        metrics.recordLLMOperationDuration(provider: "openai", model: "gpt-4o", seconds: 1.2)
        metrics.recordLLMTimeToFirstChunk(provider: "openai", model: "gpt-4o", seconds: 0.3)
        metrics.recordLLMCost(provider: "openai", model: "gpt-4o", currency: "EUR", amount: 0.0123)
        metrics.recordLLMBudgetSoftAlert()
        metrics.recordWorkflowRun(status: "succeeded")
        metrics.recordVoiceRequest(platform: "alexa", outcome: "answered")
        metrics.recordFaultsCreated(2)
        metrics.recordPaymentsOverdue()
        metrics.recordDocumentsIndexed()
    }
}
