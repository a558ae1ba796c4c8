import Foundation
import Logging
import PPTDomain
import ServiceLifecycle

/// Recurring work, leader-free (DESIGN §2): each instance enqueues the current slot's job under a
/// unique key (`schedule:<name>:<slot>`), so N instances produce one run per slot.
package struct ScheduledTask: Sendable {
    /// Unique name, part of the key.
    package let name: String
    /// Slot length (a day for daily scanners).
    package let interval: Duration
    /// Job kind to enqueue.
    package let jobKind: String

    package init(name: String, every interval: Duration, jobKind: String) {
        self.name = name
        self.interval = interval
        self.jobKind = jobKind
    }

    /// The request for the slot containing `now`.
    package func request(at now: Date) -> JobRequest {
        let length = max(1, interval.seconds)
        let slot = Int64((now.timeIntervalSince1970 / length).rounded(.down))
        let slotStart = Date(timeIntervalSince1970: Double(slot) * length)
        return JobRequest(
            kind: jobKind, payload: jsonText(["slot_start": slotStart.timeIntervalSince1970]), runAt: slotStart,
            priority: 5, maxAttempts: 5, idempotencyKey: "schedule:\(name):\(slot)")
    }
}

/// Enqueues scheduled tasks' slots as they come due.
package struct Scheduler: Service {
    private let queue: JobQueue
    private let tasks: [ScheduledTask]
    private let clock: any WallClock
    private let tick: Duration
    private let logger: Logger

    package init(queue: JobQueue, tasks: [ScheduledTask], clock: any WallClock = SystemWallClock(),
                 tick: Duration = .seconds(15), logger: Logger) {
        self.queue = queue
        self.tasks = tasks
        self.clock = clock
        self.tick = tick
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await enqueueDue()
            try? await Task.sleep(for: tick)
        }
    }

    /// Enqueues the current slot of every task (a no-op for slots already enqueued).
    package func enqueueDue() async {
        let now = clock.now()
        for task in tasks {
            do { try await queue.enqueue(task.request(at: now)) } catch {
                logger.error("scheduling failed", metadata: ["ppt.schedule": "\(task.name)", "error": "\(error)"])
            }
        }
    }
}
