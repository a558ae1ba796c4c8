import Foundation
import PPTApp
import PPTStorage
import Testing

@Suite("Runtime wiring")
struct WiringTests {
    @Test("every scheduled task has a registered job handler")
    func scheduledTasksHaveHandlers() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let runtime = try Runtime.make(try AppConfiguration.make(), database: database, keyRing: .generate(),
                                       logger: TestDatabase.logger)
            let handled = Set(runtime.jobHandlers.map(\.kind))
            #expect(!runtime.scheduledTasks.isEmpty)
            for task in runtime.scheduledTasks { #expect(handled.contains(task.jobKind), "\(task.jobKind)") }
        }
    }
}
