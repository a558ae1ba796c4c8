/// The Prometheus type of a metric family.
package enum PPTMetricKind: String, Sendable {
    case counter, gauge, histogram
}

/// One metric family PPT exposes: its fixed name, labels, help text and (for histograms) buckets.
/// Dashboards and alert rules are written against these names, so they never change.
package struct PPTMetricDefinition: Sendable, Hashable {
    /// The exposed name, e.g. `ppt_http_requests_total`.
    package let name: String
    package let kind: PPTMetricKind
    /// Label names, in the order they are attached.
    package let labels: [String]
    /// The `# HELP` text.
    package let help: String
    /// Upper bounds of histogram buckets (seconds for durations); empty for counters and gauges.
    package let buckets: [Double]

    /// A family definition.
    package init(_ name: String, _ kind: PPTMetricKind, labels: [String] = [], help: String, buckets: [Double] = []) {
        self.name = name
        self.kind = kind
        self.labels = labels
        self.help = help
        self.buckets = buckets
    }

    /// The series names Prometheus shows for this family (`_bucket`, `_sum`, `_count` for histograms).
    package var seriesNames: [String] {
        kind == .histogram ? [name + "_bucket", name + "_sum", name + "_count"] : [name]
    }
}

/// Every metric family with a fixed name (see `obs-brief`); the single source of names, help texts
/// and buckets for `PPTMetrics`, the Prometheus factory and the dashboard cross-check.
package enum PPTMetricCatalog {
    /// Request and database duration buckets, in seconds.
    package static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// OTel GenAI token-usage buckets (`gen_ai.client.token.usage`).
    package static let tokenBuckets: [Double] = [
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864,
    ]
    /// OTel GenAI duration buckets, in seconds (0.01 … 81.92, doubling).
    package static let genAIDurationBuckets: [Double] = [
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ]
    /// Job duration buckets, in seconds (jobs run longer than requests).
    package static let jobBuckets: [Double] = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900]

    package static let httpRequests = PPTMetricDefinition(
        "ppt_http_requests_total", .counter, labels: ["method", "route", "status_class"],
        help: "HTTP requests served, by method, route template and status class.")
    package static let httpRequestDuration = PPTMetricDefinition(
        "ppt_http_request_duration_seconds", .histogram, labels: ["method", "route", "status_class"],
        help: "HTTP request duration in seconds, by method, route template and status class.", buckets: latencyBuckets)
    package static let httpClientErrors = PPTMetricDefinition(
        "ppt_http_client_errors_total", .counter, labels: ["category"],
        help: "HTTP 4xx responses, by error category.")
    package static let errorsReported = PPTMetricDefinition(
        "ppt_errors_reported_total", .counter, labels: ["category"],
        help: "Server errors and failed jobs reported to the error tracker or logged, by category.")
    package static let dbQueryDuration = PPTMetricDefinition(
        "ppt_db_query_duration_seconds", .histogram, labels: ["operation", "table"],
        help: "Database query duration in seconds, by operation and table.", buckets: latencyBuckets)
    package static let jobsQueueDepth = PPTMetricDefinition(
        "ppt_jobs_queue_depth", .gauge, labels: ["status"], help: "Jobs in the queue, by status.")
    package static let jobsLag = PPTMetricDefinition(
        "ppt_jobs_lag_seconds", .gauge, help: "Age in seconds of the oldest due pending job (0 when none).")
    package static let jobsProcessed = PPTMetricDefinition(
        "ppt_jobs_processed_total", .counter, labels: ["kind", "outcome"],
        help: "Job attempts finished, by job kind and outcome.")
    package static let jobsDuration = PPTMetricDefinition(
        "ppt_jobs_duration_seconds", .histogram, labels: ["kind"],
        help: "Job attempt duration in seconds, by job kind.", buckets: jobBuckets)
    package static let outboxPending = PPTMetricDefinition(
        "ppt_outbox_pending", .gauge, help: "Domain events waiting in the outbox for dispatch.")
    package static let outboxLag = PPTMetricDefinition(
        "ppt_outbox_lag_seconds", .gauge, help: "Age in seconds of the oldest undispatched outbox event (0 when none).")
    package static let healthCheckStatus = PPTMetricDefinition(
        "ppt_health_check_status", .gauge, labels: ["check"],
        help: "Latest result of each health check: 1 pass, 0.5 warn, 0 fail.")
    package static let circuitBreakerState = PPTMetricDefinition(
        "ppt_circuit_breaker_state", .gauge, labels: ["service"],
        help: "Circuit breaker state per external service: 0 closed, 1 half-open, 2 open.")
    package static let genAITokenUsage = PPTMetricDefinition(
        "gen_ai_client_token_usage", .histogram,
        labels: ["gen_ai_provider_name", "gen_ai_request_model", "gen_ai_token_type"],
        help: "Billable tokens per LLM operation (OTel gen_ai.client.token.usage), by token type.",
        buckets: tokenBuckets)
    package static let genAIOperationDuration = PPTMetricDefinition(
        "gen_ai_client_operation_duration_seconds", .histogram, labels: ["gen_ai_provider_name", "gen_ai_request_model"],
        help: "LLM operation duration in seconds (OTel gen_ai.client.operation.duration).",
        buckets: genAIDurationBuckets)
    package static let genAITimeToFirstChunk = PPTMetricDefinition(
        "gen_ai_client_operation_time_to_first_chunk_seconds", .histogram,
        labels: ["gen_ai_provider_name", "gen_ai_request_model"],
        help: "Time to the first streamed LLM chunk in seconds (OTel gen_ai.client.operation.time_to_first_chunk).",
        buckets: genAIDurationBuckets)
    package static let llmCost = PPTMetricDefinition(
        "ppt_llm_cost_total", .counter, labels: ["provider", "model", "currency"],
        help: "LLM spend in currency units, by provider, model and currency.")
    package static let llmBudgetSoftAlerts = PPTMetricDefinition(
        "ppt_llm_budget_soft_alerts_total", .counter, help: "LLM budget soft-limit alerts raised.")
    package static let workflowRuns = PPTMetricDefinition(
        "ppt_workflow_runs_total", .counter, labels: ["status"], help: "Workflow runs, by final status.")
    package static let voiceRequests = PPTMetricDefinition(
        "ppt_voice_requests_total", .counter, labels: ["platform", "outcome"],
        help: "Voice assistant requests, by platform and outcome.")
    package static let faultsCreated = PPTMetricDefinition(
        "ppt_faults_created_total", .counter, help: "Faults reported.")
    package static let paymentsOverdue = PPTMetricDefinition(
        "ppt_payments_overdue_total", .counter, help: "Invoices that became overdue.")
    package static let documentsIndexed = PPTMetricDefinition(
        "ppt_documents_indexed_total", .counter, help: "Documents indexed for search and the assistant.")

    /// Every fixed family.
    package static let all: [PPTMetricDefinition] = [
        httpRequests, httpRequestDuration, httpClientErrors, errorsReported, dbQueryDuration,
        jobsQueueDepth, jobsLag, jobsProcessed, jobsDuration, outboxPending, outboxLag,
        healthCheckStatus, circuitBreakerState,
        genAITokenUsage, genAIOperationDuration, genAITimeToFirstChunk, llmCost, llmBudgetSoftAlerts,
        workflowRuns, voiceRequests, faultsCreated, paymentsOverdue, documentsIndexed,
    ]

    /// Definitions by name.
    package static let byName: [String: PPTMetricDefinition] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })
}
