import Foundation

/// A failed HTTP request as seen by the error middleware.
package struct RequestFailure: Sendable {
    /// The error as thrown (before mapping to a response).
    package let error: any Error
    /// The response status it was mapped to.
    package let status: Int
    /// The stable problem code.
    package let code: String
    package let category: ErrorCategory
    package let method: String
    /// The route template (`/api/v1/orgs/{orgID}/faults`), never the concrete path.
    package let route: String
    package let requestID: String
    package let organizationID: String?
    package let userID: String?

    package init(error: any Error, status: Int, code: String, category: ErrorCategory, method: String, route: String,
                 requestID: String, organizationID: String?, userID: String?) {
        self.error = error
        self.status = status
        self.code = code
        self.category = category
        self.method = method
        self.route = route
        self.requestID = requestID
        self.organizationID = organizationID
        self.userID = userID
    }
}

/// Told about every failed request (4xx and 5xx); error reporting and metrics implement it.
package protocol RequestFailureObserver: Sendable {
    func requestFailed(_ failure: RequestFailure) async
}

/// How a job attempt ended.
package enum JobOutcome: String, Sendable {
    case succeeded
    /// Failed; will be retried.
    case failed
    /// Failed for the last time.
    case dead
    /// Handed back on shutdown.
    case released
}

/// One finished job attempt.
package struct JobAttempt: Sendable {
    package let jobID: String
    package let kind: String
    package let attempt: Int
    package let outcome: JobOutcome
    package let duration: Duration
    /// Time between when the job was due and when this attempt started.
    package let queueDelay: TimeInterval
    package let error: (any Error)?

    package init(jobID: String, kind: String, attempt: Int, outcome: JobOutcome, duration: Duration,
                 queueDelay: TimeInterval, error: (any Error)?) {
        self.jobID = jobID
        self.kind = kind
        self.attempt = attempt
        self.outcome = outcome
        self.duration = duration
        self.queueDelay = queueDelay
        self.error = error
    }
}

/// Told about every job attempt; error reporting and metrics implement it.
package protocol JobObserver: Sendable {
    func jobFinished(_ attempt: JobAttempt) async
}
