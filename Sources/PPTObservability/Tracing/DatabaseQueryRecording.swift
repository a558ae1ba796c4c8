import Metrics
import Synchronization

/// Receives the duration of every database query (`TracedSQLDatabase`).
package protocol DatabaseQueryRecorder: Sendable {
    /// One query of `kind` (operation and table as `SQLStatementSummary` found them; the table is
    /// `none` when there is none) that took `seconds` of wall time.
    func recordDatabaseQuery(_ kind: QueryKind, seconds: Double)
}

extension PPTMetrics: DatabaseQueryRecorder {}

/// Where query durations go: the process's `PPTMetrics` once `ppt` main has bootstrapped it (the
/// histogram plus the admin dashboard's slowest-queries window), else straight to the
/// `ppt_db_query_duration_seconds` histogram of the global `MetricsSystem`.
///
/// Databases are opened before the metrics facade exists and hand connections to repositories
/// deep in the stack, so the recorder is a process-wide setting, like `MetricsSystem` itself.
package enum DatabaseQueryRecording {
    private static let recorder = Mutex<(any DatabaseQueryRecorder)?>(nil)

    /// Sends every later query to `recorder` (call once, in `ppt` main).
    package static func bootstrap(_ recorder: any DatabaseQueryRecorder) {
        self.recorder.withLock { $0 = recorder }
    }

    /// The recorder queries report to.
    package static var current: any DatabaseQueryRecorder {
        recorder.withLock { $0 } ?? GlobalMetricsQueryRecorder()
    }
}

/// Records the histogram on the global `MetricsSystem`, with `PPTMetrics`' label folding.
struct GlobalMetricsQueryRecorder: DatabaseQueryRecorder {
    func recordDatabaseQuery(_ kind: QueryKind, seconds: Double) {
        Timer(label: PPTMetricCatalog.dbQueryDuration.name,
              dimensions: [("operation", PPTMetrics.operationLabel(kind.operation)),
                           ("table", PPTMetrics.tableLabel(kind.table))])
            .recordNanoseconds(PPTMetrics.nanoseconds(seconds: seconds))
    }
}

/// Records nothing: `PPT_REQUEST_INSTRUMENTATION=false` (only to measure the instrumentation's cost).
package struct UnrecordedQueries: DatabaseQueryRecorder {
    /// A recorder that drops every query.
    package init() {}

    package func recordDatabaseQuery(_ kind: QueryKind, seconds: Double) {}
}
