/// Counts every job attempt in `ppt_jobs_processed_total{kind,outcome}` and records its duration in
/// `ppt_jobs_duration_seconds{kind}`. Pass it to `JobWorker(observers:)`.
package struct JobMetrics: JobObserver {
    private let metrics: PPTMetrics

    /// An observer recording into `metrics`.
    package init(metrics: PPTMetrics) { self.metrics = metrics }

    package func jobFinished(_ attempt: JobAttempt) async {
        metrics.recordJobAttempt(kind: attempt.kind, outcome: attempt.outcome.rawValue, duration: attempt.duration)
    }
}
