import Synchronization

/// Resumes a check's continuation exactly once — with the check's outcome or with the timeout's —
/// and cancels the timer when the check wins.
final class TimeoutGate: Sendable {
    private struct State {
        var continuation: CheckedContinuation<HealthCheckOutcome, Never>?
        var timer: Task<Void, Never>?
    }

    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<HealthCheckOutcome, Never>) {
        state = Mutex(State(continuation: continuation))
    }

    /// Resumes with `outcome` unless already resumed; returns whether this call resumed.
    @discardableResult
    func resume(_ outcome: HealthCheckOutcome) -> Bool {
        let (continuation, timer) = state.withLock { state in
            defer { state.continuation = nil; state.timer = nil }
            return (state.continuation, state.timer)
        }
        guard let continuation else { return false }
        timer?.cancel()
        continuation.resume(returning: outcome)
        return true
    }

    /// Keeps the timer to cancel; cancels it at once when the check already finished.
    func setTimer(_ timer: Task<Void, Never>) {
        let finished = state.withLock { state in
            if state.continuation == nil { return true }
            state.timer = timer
            return false
        }
        if finished { timer.cancel() }
    }
}
