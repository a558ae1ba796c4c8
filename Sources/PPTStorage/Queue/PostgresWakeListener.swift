import Logging
import PostgresNIO
import ServiceLifecycle

/// Turns PostgreSQL `NOTIFY` on a channel into local wake-ups, so workers of every instance start
/// on new work at once instead of at their next poll. Reconnects after errors.
package struct PostgresWakeListener: Service {
    private let client: PostgresClient
    private let channel: String
    private let wake: WakeSignal
    private let logger: Logger

    package init(client: PostgresClient, channel: String, wake: WakeSignal, logger: Logger) {
        self.client = client
        self.channel = channel
        self.wake = wake
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    try await client.withConnection { connection in
                        try await connection.listen(on: channel) { notifications in
                            for try await _ in notifications { await wake.signal() }
                        }
                    }
                }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning("LISTEN connection lost; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
