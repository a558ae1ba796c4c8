import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTDomain
import PPTStorage
import ServiceLifecycle

/// Writes the organization's run changes as Server-Sent Events: `id` (the feed sequence, for
/// `Last-Event-ID`), `event: update` and the `WorkflowRunUpdate` as JSON `data`. It polls the feed
/// every 250 ms and sends a comment every 15 s so proxies keep an idle connection open. It ends when
/// the client goes (the next write fails) and when the server shuts down gracefully (the client
/// reconnects elsewhere with `Last-Event-ID`); when it follows one run, it sends `event: end` after
/// the run's terminal change and closes.
struct WorkflowRunEventStream: Sendable {
    static let pollInterval: Duration = .milliseconds(250)
    static let heartbeatInterval: Duration = .seconds(15)

    let runs: WorkflowRunRepository
    let scope: OrgScope
    let runID: WorkflowRunID?
    let after: Int64

    func response() -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let (runs, scope, runID, start) = (self.runs, self.scope, self.runID, self.after)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var buffer = ByteBuffer()
            buffer.writeString("retry: 2000\n\n")
            try await writer.write(buffer)
            var position = start
            let clock = ContinuousClock()
            var lastWrite = clock.now
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let updates = try await runs.updates(scope, after: position, runID: runID)
                buffer.clear()
                var ended: WorkflowRunUpdate?
                for update in updates {
                    buffer.writeString("id: \(update.sequence)\nevent: update\ndata: ")
                    buffer.writeBytes(try APIJSON.encoder.encode(update))
                    buffer.writeString("\n\n")
                    position = update.sequence
                    if runID != nil, update.status.isTerminal { ended = update }
                }
                // A followed run that had ended before this feed's position ends the feed at once.
                if let runID, ended == nil, updates.isEmpty, let run = try? await runs.run(scope, id: runID),
                    run.status.isTerminal, try await runs.updates(scope, after: position, runID: runID).isEmpty
                {
                    ended = WorkflowRunUpdate(sequence: position, runID: run.id, workflowID: run.workflowID,
                                              status: run.status, stepID: run.currentStep, at: run.finishedAt ?? run.updatedAt)
                }
                if let ended {
                    buffer.writeString("event: end\ndata: ")
                    buffer.writeBytes(try APIJSON.encoder.encode(ended))
                    buffer.writeString("\n\n")
                }
                if buffer.readableBytes == 0, clock.now - lastWrite >= Self.heartbeatInterval {
                    buffer.writeString(": keep-alive\n\n")
                }
                if buffer.readableBytes > 0 {
                    try await writer.write(buffer)
                    lastWrite = clock.now
                }
                if ended != nil { break }
                if updates.count < 200 { try await Task.sleep(for: Self.pollInterval) }
            }
            try await writer.finish(nil)
        })
    }
}
