import Foundation
import Metrics

/// PPT's metrics facade over swift-metrics, with the fixed names of `PPTMetricCatalog`.
///
/// One instance per process (made by the composition root after `MetricsSystem.bootstrap`, or in
/// tests with an injected `factory`); it also feeds the in-app `PerformanceWindow` and the daily
/// `LLMSpendLedger`. Creating it registers every unlabeled family (and the labeled ones with a
/// small known label set), so `/metrics` lists them before first use; the other labeled families
/// (`ppt_http_*` by route, `ppt_db_*`, `ppt_jobs_processed_total`, `gen_ai_*`, `ppt_llm_cost_total`,
/// `ppt_workflow_runs_total`, `ppt_voice_requests_total`, `ppt_health_check_status`,
/// `ppt_circuit_breaker_state`) appear with their first series.
///
/// Labels are low-cardinality by construction: routes are templates, methods and operations are
/// folded into fixed sets.
package final class PPTMetrics: Sendable {
    /// The swift-metrics factory every handler comes from.
    package let factory: any MetricsFactory
    /// The last hour of requests and queries, for the admin dashboard.
    package let performance: PerformanceWindow
    /// Today's LLM spend, for the admin dashboard.
    package let llmSpend: LLMSpendLedger

    private let jobsLag: Gauge
    private let outboxPending: Gauge
    private let outboxLag: Gauge
    private let llmBudgetSoftAlerts: Counter
    private let faultsCreated: Counter
    private let paymentsOverdue: Counter
    private let documentsIndexed: Counter

    /// Job statuses reported by `ppt_jobs_queue_depth`.
    package static let queueDepthStatuses = ["pending", "running", "dead"]

    /// A facade over `factory`; registers the families that exist before first use.
    private let counters = MetricHandleCache<String, Counter>()
    private let timers = MetricHandleCache<String, Timer>()
    private let requestHandles = MetricHandleCache<RequestSeries, RequestHandle>()
    private let queryHandles = QueryKindTable<QueryHandle>()

    private func counter(_ name: String, _ dimensions: [(String, String)]) -> Counter {
        counters.handle(name, dimensions) { Counter(label: name, dimensions: dimensions, factory: factory) }
    }

    private func timer(_ name: String, _ dimensions: [(String, String)]) -> Timer {
        timers.handle(name, dimensions) { Timer(label: name, dimensions: dimensions, factory: factory) }
    }

    package init(factory: any MetricsFactory = MetricsSystem.factory, performance: PerformanceWindow = PerformanceWindow(),
                 llmSpend: LLMSpendLedger = LLMSpendLedger()) {
        self.factory = factory
        self.performance = performance
        self.llmSpend = llmSpend
        jobsLag = Gauge(label: PPTMetricCatalog.jobsLag.name, factory: factory)
        outboxPending = Gauge(label: PPTMetricCatalog.outboxPending.name, factory: factory)
        outboxLag = Gauge(label: PPTMetricCatalog.outboxLag.name, factory: factory)
        llmBudgetSoftAlerts = Counter(label: PPTMetricCatalog.llmBudgetSoftAlerts.name, factory: factory)
        faultsCreated = Counter(label: PPTMetricCatalog.faultsCreated.name, factory: factory)
        paymentsOverdue = Counter(label: PPTMetricCatalog.paymentsOverdue.name, factory: factory)
        documentsIndexed = Counter(label: PPTMetricCatalog.documentsIndexed.name, factory: factory)
        for status in Self.queueDepthStatuses {
            Gauge(label: PPTMetricCatalog.jobsQueueDepth.name, dimensions: [("status", status)], factory: factory)
                .record(0)
        }
        for category in ErrorCategory.allCases {
            let dimensions = [("category", category.rawValue)]
            _ = Counter(label: PPTMetricCatalog.httpClientErrors.name, dimensions: dimensions, factory: factory)
            _ = Counter(label: PPTMetricCatalog.errorsReported.name, dimensions: dimensions, factory: factory)
        }
        for gauge in [jobsLag, outboxPending, outboxLag] { gauge.record(0) }
    }

    // MARK: HTTP

    /// Records a finished request: `ppt_http_requests_total`, `ppt_http_request_duration_seconds` and
    /// the performance window. `route` is the route template (`nil` → `unmatched`). Probes and scrapes
    /// (`/health/…`, `/metrics`) are counted in Prometheus but kept out of the dashboard's window, whose
    /// rates and percentiles describe the API that people use.
    package func recordHTTPRequest(method: String, route: String?, status: Int, duration: Duration) {
        // Keyed by the raw values (a standard method, a route template, a status class): labels are
        // folded once per series, not per request.
        let series = RequestSeries(method: Self.isStandardMethod(method) ? method : Self.methodLabel(method), route: route,
                                   statusClass: (1...5).contains(status / 100) ? status / 100 : 5)
        let handle = requestHandles.handle(series) {
            let (method, route) = (Self.methodLabel(series.method), Self.routeLabel(series.route))
            let dimensions = [("method", method), ("route", route), ("status_class", "\(series.statusClass)xx")]
            return RequestHandle(
                requests: Counter(label: PPTMetricCatalog.httpRequests.name, dimensions: dimensions, factory: factory),
                duration: Timer(label: PPTMetricCatalog.httpRequestDuration.name, dimensions: dimensions, factory: factory),
                window: Self.isInfrastructureRoute(route) ? nil : performance.slot(method: method, route: route))
        }
        handle.requests.increment()
        handle.duration.recordNanoseconds(Self.nanoseconds(duration))
        if let slot = handle.window {
            performance.recordRequest(slot, status: status, seconds: Self.seconds(duration))
        }
    }

    /// A request series by its raw values.
    private struct RequestSeries: Hashable, Sendable {
        let method: String
        let route: String?
        let statusClass: Int
    }

    /// A request series' counter and histogram, and its route's place in the performance window
    /// (`nil` for probes and scrapes, which stay out of it).
    private struct RequestHandle: Sendable {
        let requests: Counter
        let duration: Timer
        let window: PerformanceWindow.RouteSlot?
    }

    /// Counts a 4xx response by category (`ppt_http_client_errors_total`).
    package func recordClientError(category: ErrorCategory) {
        counter(PPTMetricCatalog.httpClientErrors.name, [("category", category.rawValue)]).increment()
    }

    /// Counts a 5xx or failed job sent to the error tracker or logged (`ppt_errors_reported_total`).
    package func recordErrorReported(category: ErrorCategory) {
        Counter(label: PPTMetricCatalog.errorsReported.name, dimensions: [("category", category.rawValue)],
                factory: factory).increment()
    }

    // MARK: Database

    /// Records one query: the `ppt_db_query_duration_seconds` histogram and the performance window.
    /// `operation` is folded into select|insert|update|delete|other; `table` is the main table.
    package func recordDatabaseQuery(operation: String, table: String, seconds: Double) {
        recordDatabaseQuery(QueryKind.named(operation: operation, table: table), seconds: seconds)
    }

    /// Records one query of `kind`, as `recordDatabaseQuery(operation:table:seconds:)`.
    package func recordDatabaseQuery(_ kind: QueryKind, seconds: Double) {
        // By the kind's number: label folding and slot lookup run once per kind, not per query.
        let handle = queryHandles.value(for: kind) {
            let (operation, table) = (Self.operationLabel(kind.operation), Self.tableLabel(kind.table))
            return QueryHandle(
                timer: timer(PPTMetricCatalog.dbQueryDuration.name, [("operation", operation), ("table", table)]),
                slot: performance.slot(operation: operation, table: table))
        }
        handle.timer.recordNanoseconds(Self.nanoseconds(seconds: seconds))
        performance.recordQuery(handle.slot, seconds: seconds)
    }

    /// A query kind's histogram and its place in the performance window.
    private struct QueryHandle: Sendable {
        let timer: Timer
        let slot: PerformanceWindow.QuerySlot
    }

    // MARK: Jobs and outbox

    /// Records one job attempt (`ppt_jobs_processed_total`, `ppt_jobs_duration_seconds`).
    package func recordJobAttempt(kind: String, outcome: String, duration: Duration) {
        counter(PPTMetricCatalog.jobsProcessed.name, [("kind", kind), ("outcome", outcome)]).increment()
        timer(PPTMetricCatalog.jobsDuration.name, [("kind", kind)]).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Sets `ppt_jobs_queue_depth{status}`.
    package func setQueueDepth(status: String, count: Int) {
        Gauge(label: PPTMetricCatalog.jobsQueueDepth.name, dimensions: [("status", status)], factory: factory)
            .record(count)
    }

    /// Sets `ppt_jobs_lag_seconds`.
    package func setJobLag(seconds: Double) { jobsLag.record(max(0, seconds)) }

    /// Sets `ppt_outbox_pending`.
    package func setOutboxPending(_ count: Int) { outboxPending.record(count) }

    /// Sets `ppt_outbox_lag_seconds`.
    package func setOutboxLag(seconds: Double) { outboxLag.record(max(0, seconds)) }

    // MARK: Health

    /// Sets `ppt_health_check_status{check}` (1 pass, 0.5 warn, 0 fail).
    package func setHealthCheckStatus(check: String, value: Double) {
        Gauge(label: PPTMetricCatalog.healthCheckStatus.name, dimensions: [("check", check)], factory: factory)
            .record(value)
    }

    /// Sets `ppt_circuit_breaker_state{service}` (0 closed, 1 half-open, 2 open).
    package func setCircuitBreakerState(service: String, value: Double) {
        Gauge(label: PPTMetricCatalog.circuitBreakerState.name, dimensions: [("service", service)], factory: factory)
            .record(value)
    }

    // MARK: Business counters

    /// `ppt_faults_created_total`.
    package func recordFaultsCreated(_ count: Int = 1) { faultsCreated.increment(by: max(0, count)) }
    /// `ppt_payments_overdue_total`.
    package func recordPaymentsOverdue(_ count: Int = 1) { paymentsOverdue.increment(by: max(0, count)) }
    /// `ppt_documents_indexed_total`.
    package func recordDocumentsIndexed(_ count: Int = 1) { documentsIndexed.increment(by: max(0, count)) }

    /// `ppt_workflow_runs_total{status}`.
    package func recordWorkflowRun(status: String) {
        Counter(label: PPTMetricCatalog.workflowRuns.name, dimensions: [("status", status)], factory: factory)
            .increment()
    }

    /// `ppt_voice_requests_total{platform,outcome}`.
    package func recordVoiceRequest(platform: String, outcome: String) {
        Counter(label: PPTMetricCatalog.voiceRequests.name, dimensions: [("platform", platform), ("outcome", outcome)],
                factory: factory).increment()
    }

    // MARK: LLM

    /// `gen_ai_client_token_usage{…,gen_ai_token_type}` (`input` or `output`); counts ≤ 0 are not reported.
    package func recordLLMTokens(provider: String, model: String, tokenType: String, count: Int) {
        guard count > 0 else { return }
        Recorder(label: PPTMetricCatalog.genAITokenUsage.name,
                 dimensions: [("gen_ai_provider_name", provider), ("gen_ai_request_model", model),
                              ("gen_ai_token_type", tokenType)],
                 aggregate: true, factory: factory).record(count)
    }

    /// `gen_ai_client_operation_duration_seconds`.
    package func recordLLMOperationDuration(provider: String, model: String, seconds: Double) {
        Timer(label: PPTMetricCatalog.genAIOperationDuration.name,
              dimensions: [("gen_ai_provider_name", provider), ("gen_ai_request_model", model)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(seconds: seconds))
    }

    /// `gen_ai_client_operation_time_to_first_chunk_seconds`.
    package func recordLLMTimeToFirstChunk(provider: String, model: String, seconds: Double) {
        Timer(label: PPTMetricCatalog.genAITimeToFirstChunk.name,
              dimensions: [("gen_ai_provider_name", provider), ("gen_ai_request_model", model)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(seconds: seconds))
    }

    /// `ppt_llm_cost_total{provider,model,currency}` in currency units (e.g. 0.0123 EUR), and today's ledger.
    package func recordLLMCost(provider: String, model: String, currency: String, amount: Double) {
        guard amount.isFinite, amount > 0 else { return }
        FloatingPointCounter(label: PPTMetricCatalog.llmCost.name,
                             dimensions: [("provider", provider), ("model", model), ("currency", currency)],
                             factory: factory).increment(by: amount)
        llmSpend.record(provider: provider, model: model, currency: currency, amount: amount)
    }

    /// `ppt_llm_budget_soft_alerts_total`.
    package func recordLLMBudgetSoftAlert() { llmBudgetSoftAlerts.increment() }

    // MARK: Dashboard

    /// The admin dashboard's numbers: the performance window and today's LLM spend.
    package func performanceReport() -> PerformanceReport {
        var report = performance.report()
        report.llmSpendToday = llmSpend.summary()
        return report
    }
}
