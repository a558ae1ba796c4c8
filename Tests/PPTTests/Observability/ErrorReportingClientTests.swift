import Foundation
import Logging
import PPTObservability
import Testing

/// The Sentry client against a real loopback receiver.
@Suite("Sentry client over loopback", .serialized, .timeLimit(.minutes(1)))
struct ErrorReportingClientTests {
    static func client(_ receiver: SentryReceiver, queueSize: Int = 100,
                       flush: Duration = .seconds(2)) throws -> SentryClient {
        SentryClient(
            configuration: .init(dsn: try SentryDSN(receiver.dsn), sdk: .init(version: "9.9.9"), queueSize: queueSize,
                                 shutdownFlushTimeout: flush),
            logger: Logger(label: "sentry-client-test"))
    }

    static func event(_ message: String) -> SentryEvent {
        var event = SentryEvent(level: .error)
        event.exceptions = [SentryEvent.Exception(type: "TestError", value: message, module: "PPTTests",
                                                  mechanism: SentryEvent.Mechanism(handled: true), stacktrace: nil)]
        return event
    }

    @Test("envelopes arrive with the Sentry auth, content type and user agent headers")
    func headers() async throws {
        try await SentryReceiver.with { receiver in
            let client = try Self.client(receiver)
            try await running(client) {
                let event = Self.event("hello")
                #expect(client.capture(event) == .enqueued)
                let received = try #require(try await receiver.waitFor(1).first)
                #expect(received.projectID == "42")
                #expect(received.headers["x-sentry-auth"]
                    == "Sentry sentry_version=7, sentry_client=ppt/9.9.9, sentry_key=\(SentryReceiver.publicKey)")
                #expect(received.headers["content-type"] == "application/x-sentry-envelope")
                #expect(received.headers["user-agent"] == "ppt/9.9.9")
                let envelope = try received.parsed()
                #expect(envelope.header["event_id"] as? String == event.eventID)
                let sentAt = try #require(envelope.header["sent_at"] as? String)
                let parsed = try Date(sentAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
                #expect(abs(parsed.timeIntervalSinceNow) < 10)
                #expect(try received.event()["event_id"] as? String == event.eventID)
                #expect(!received.body.contains("never-sent-secret".utf8))
                #expect(!received.headers.values.contains { $0.contains("never-sent-secret") })
                try await waitUntil { client.statistics.sent == 1 }
            }
        }
    }

    // Retry-After 5 s leaves room for a loaded machine between the 429 and the test noticing it.
    @Test("a 429 with Retry-After: 5 pauses sending; events meanwhile are dropped; sending resumes after")
    func retryAfter() async throws {
        try await SentryReceiver.with { receiver in
            await receiver.plan(SentryReply(status: 429, headers: ["Retry-After": "5"]))
            let client = try Self.client(receiver)
            try await running(client) {
                #expect(client.capture(Self.event("first")) == .enqueued)
                try await waitUntil { client.statistics.rateLimitResponses == 1 }
                let limitedAt = ContinuousClock.now
                #expect(client.capture(Self.event("during the pause")) == .droppedRateLimited)
                try await Task.sleep(until: limitedAt + .milliseconds(1000))
                #expect(client.capture(Self.event("still paused")) == .droppedRateLimited)
                try await Task.sleep(until: limitedAt + .milliseconds(5300))
                #expect(client.capture(Self.event("after the pause")) == .enqueued)
                let received = try await receiver.waitFor(2)
                #expect(try received.map { try $0.event()["exception"] as? [String: [[String: Any]]] }
                    .map { $0?["values"]?.first?["value"] as? String } == ["first", "after the pause"])
                try await waitUntil { client.statistics.sent == 1 }
                #expect(client.statistics.droppedRateLimited == 2)
                #expect(client.statistics.rejected == 1)
            }
        }
    }

    @Test("X-Sentry-Rate-Limits on a 200 pauses the error category, not others")
    func rateLimitHeaderOnSuccess() async throws {
        try await SentryReceiver.with { receiver in
            await receiver.plan(
                SentryReply(status: 200, headers: ["X-Sentry-Rate-Limits": "60:transaction:key"]),
                SentryReply(status: 200, headers: ["X-Sentry-Rate-Limits": "2:error;default:organization"]))
            let client = try Self.client(receiver)
            try await running(client) {
                #expect(client.capture(Self.event("one")) == .enqueued)
                try await waitUntil { client.statistics.sent == 1 }
                // Only transactions are limited: errors still go.
                #expect(client.capture(Self.event("two")) == .enqueued)
                try await waitUntil { client.statistics.sent == 2 }
                let limitedAt = ContinuousClock.now
                #expect(client.capture(Self.event("three")) == .droppedRateLimited)
                try await Task.sleep(until: limitedAt + .milliseconds(2300))
                #expect(client.capture(Self.event("four")) == .enqueued)
                try await receiver.waitFor(3)
                try await waitUntil { client.statistics.sent == 3 }
                #expect(client.statistics.droppedRateLimited == 1)
            }
        }
    }

    @Test("a full queue drops the newest events at once instead of blocking")
    func fullQueue() async throws {
        try await SentryReceiver.with { receiver in
            let client = try Self.client(receiver, queueSize: 3)
            let events = (0..<10).map { Self.event("event \($0)") }
            let started = ContinuousClock.now
            let results = events.map(client.capture)
            #expect(ContinuousClock.now - started < .milliseconds(500))
            #expect(results == Array(repeating: .enqueued, count: 3) + Array(repeating: .droppedQueueFull, count: 7))
            #expect(client.statistics.droppedQueueFull == 7)
            try await running(client) {
                let received = try await receiver.waitFor(3)
                #expect(try received.map { try $0.event()["event_id"] as? String } == events.prefix(3).map(\.eventID))
            }
            #expect(await receiver.envelopes.count == 3)
            #expect(client.statistics.sent == 3)
        }
    }

    @Test("graceful shutdown flushes what is queued")
    func shutdownFlushes() async throws {
        try await SentryReceiver.with { receiver in
            await receiver.plan(SentryReply(stall: true))
            // A flush window far above the few milliseconds five sends take, so a loaded machine cannot miss it.
            let client = try Self.client(receiver, flush: .seconds(20))
            for index in 0..<5 { client.capture(Self.event("queued \(index)")) }
            // Shutdown starts while the first POST is still unanswered; the server answers 300 ms later.
            try await running(client) {
                try await receiver.waitFor(1)
            } afterShutdownStarted: {
                try await Task.sleep(for: .milliseconds(300))
                await receiver.releaseStalled()
            }
            #expect(await receiver.envelopes.count == 5)
            #expect(client.statistics.sent == 5)
            #expect(client.statistics.droppedShutdown == 0)
            #expect(client.capture(Self.event("too late")) == .droppedShutdown)
        }
    }

    @Test("a hanging server cannot hold shutdown beyond the flush timeout")
    func shutdownIsBounded() async throws {
        try await SentryReceiver.with { receiver in
            await receiver.plan(SentryReply(stall: true))
            let client = try Self.client(receiver, flush: .milliseconds(500))
            for index in 0..<4 { client.capture(Self.event("queued \(index)")) }
            let started = ContinuousClock.now
            try await running(client) { try await receiver.waitFor(1) }
            // The server never answers: without the bound, shutdown would not return at all. The
            // margin over the 0.5 s flush timeout absorbs a loaded 2-core machine (3.8 s was seen).
            #expect(ContinuousClock.now - started < .seconds(10))
            let statistics = client.statistics
            #expect(statistics.sent == 0)
            #expect(statistics.failed == 1)
            #expect(statistics.droppedShutdown == 3)
        }
    }
}
