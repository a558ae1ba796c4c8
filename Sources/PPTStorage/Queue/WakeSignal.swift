import Foundation

/// Wakes sleeping workers early when work arrives (a local enqueue or a PostgreSQL NOTIFY).
package actor WakeSignal {
    private var pending = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    package init() {}

    /// Wakes every waiter, or the next one to wait if none is waiting.
    package func signal() {
        if waiters.isEmpty {
            pending = true
        } else {
            let current = waiters
            waiters = [:]
            for waiter in current.values { waiter.resume() }
        }
    }

    private func wait() async {
        if pending {
            pending = false
            return
        }
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { waiters[id] = continuation }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }

    /// Returns when signalled or after `timeout`, whichever comes first.
    package nonisolated func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
