import Foundation
import PPTObservability
import Testing

private struct StorageFailure: Error, CustomStringConvertible {
    var description: String { "disk on fire\nsecond line" }
}

private struct QuotaError: CategorizedError {
    var errorCategory: ErrorCategory { .budget }
}

@Suite("Sentry envelopes, events and rate limits")
struct ErrorReportingEventTests {
    let builder = ErrorEventBuilder(release: "ppt@1.0.0", environment: "test", serverName: "host-1")

    @Test("an envelope is a header line, an item header with the payload's byte length, and the payload")
    func envelopeFormat() throws {
        var event = SentryEvent(level: .error)
        event.exceptions = [SentryEvent.Exception(type: "Žltý", value: "multi\nline ✓", module: nil,
                                                  mechanism: SentryEvent.Mechanism(handled: true), stacktrace: nil)]
        let dsn = try SentryDSN("https://pub:secret@sentry.example.com/9")
        let sentAt = Date(timeIntervalSince1970: 1_785_578_400)
        let data = try SentryEnvelope.encode(event, dsn: dsn, sdk: .init(version: "1.0.0"), sentAt: sentAt)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)

        let envelope = try ParsedEnvelope(Array(data))
        #expect(envelope.header["event_id"] as? String == event.eventID)
        #expect(envelope.header["sent_at"] as? String == "2026-08-01T10:00:00.000Z")
        #expect(envelope.header["dsn"] as? String == "https://pub@sentry.example.com/9")
        #expect((envelope.header["sdk"] as? [String: String]) == ["name": "ppt", "version": "1.0.0"])
        let item = try #require(envelope.items.first)
        #expect(envelope.items.count == 1)
        #expect(item.header["type"] as? String == "event")
        #expect(item.header["content_type"] as? String == "application/json")
        #expect(item.header["length"] as? Int == item.payload.count)
        #expect(item.payload.count == Array(lines[2].utf8).count)
        #expect(!data.contains("secret".utf8))
    }

    @Test("event ids are 32 lowercase hex digits and timestamps RFC 3339")
    func identifiers() throws {
        let event = SentryEvent(level: .warning, timestamp: Date(timeIntervalSince1970: 0.25))
        #expect(event.eventID.count == 32)
        #expect(event.eventID.allSatisfy { "0123456789abcdef".contains($0) })
        let json = try #require(try JSONSerialization.jsonObject(with: SentryEnvelope.payload(of: event))
            as? [String: Any])
        #expect(json["timestamp"] as? String == "1970-01-01T00:00:00.250Z")
        #expect(json["platform"] as? String == "other")
        #expect(json["level"] as? String == "warning")
    }

    @Test("a request failure becomes an event with route, context, tags and a fingerprint")
    func requestEvent() throws {
        let failure = RequestFailure(
            error: StorageFailure(), status: 500, code: "internal.error", category: .internal, method: "PATCH",
            route: "/api/v1/orgs/{orgID}/faults/{faultID}", requestID: "req-7", organizationID: "org-1",
            userID: "user-1")
        var report = ErrorReport(failure, timestamp: Date(timeIntervalSince1970: 0))
        report.trace = ErrorTraceContext(traceID: String(repeating: "a", count: 32), spanID: "bbbbbbbbbbbbbbbb")
        let event = builder.event(for: report)
        #expect(event.level == .error)
        #expect(event.logger == "ppt.http")
        #expect(event.release == "ppt@1.0.0" && event.environment == "test" && event.serverName == "host-1")
        #expect(event.transaction == "PATCH /api/v1/orgs/{orgID}/faults/{faultID}")
        #expect(event.request?.url == "/api/v1/orgs/{orgID}/faults/{faultID}")
        #expect(event.request?.method == "PATCH")
        #expect(event.user?.id == "user-1")
        #expect(event.trace?.traceID == String(repeating: "a", count: 32))
        #expect(event.tags["category"] == "internal" && event.tags["status"] == "500")
        #expect(event.tags["request_id"] == "req-7" && event.tags["org_id"] == "org-1")
        #expect(event.fingerprint == ["internal", "StorageFailure", "PATCH /api/v1/orgs/{orgID}/faults/{faultID}",
                                      "internal.error"])
        let exception = try #require(event.exceptions.first)
        #expect(exception.type == "StorageFailure")
        #expect(exception.module == "PPTTests")
        #expect(exception.value == "disk on fire\nsecond line")
        #expect(exception.mechanism.type == "generic" && exception.mechanism.handled == false)
        #expect(exception.stacktrace == nil)
    }

    @Test("a located error carries a one-frame stack trace and its cause comes first")
    func locatedError() throws {
        let line = #line + 1
        let error = LocatedError(StorageFailure())
        let report = ErrorReport(error: error, category: .internal, handled: true, logger: "ppt.test")
        let event = builder.event(for: report)
        #expect(event.exceptions.map(\.type) == ["StorageFailure", "LocatedError"])
        let frame = try #require(event.exceptions.last?.stacktrace?.frames.first)
        #expect(frame.filename == "PPTTests/ErrorReportingEventTests.swift")
        #expect(frame.lineno == line)
        #expect(frame.module == "PPTTests")
        #expect(frame.inApp)
        #expect(event.fingerprint == ["internal", "LocatedError", "ppt.test"])
    }

    @Test("a failed job is a warning, a dead one an error; both name the job")
    func jobEvents() {
        let cases = [(JobOutcome.failed, SentryEvent.Level.warning, true), (.dead, .error, false)]
        for (outcome, level, handled) in cases {
            let attempt = JobAttempt(jobID: "job-1", kind: "email.send", attempt: 3, outcome: outcome,
                                     duration: .milliseconds(1500), queueDelay: 2, error: QuotaError())
            let event = builder.event(for: ErrorReport(attempt, error: QuotaError()))
            #expect(event.level == level)
            #expect(event.exceptions.first?.mechanism.handled == handled)
            #expect(event.tags["job_kind"] == "email.send")
            #expect(event.tags["category"] == "budget")
            #expect(event.extra["job_attempt"] == "3" && event.extra["job_id"] == "job-1")
            #expect(event.extra["job.duration_seconds"] == "1.500")
            #expect(event.transaction == "job email.send")
            #expect(event.request == nil)
        }
    }

    @Test("X-Sentry-Rate-Limits pauses the listed categories, empty means all, the longest wins")
    func rateLimitHeader() {
        let now = ContinuousClock.now
        var limits = SentryRateLimits()
        limits.update(status: 200, retryAfter: nil, rateLimits: "60:transaction:key, 2:error;default:organization",
                      now: now)
        #expect(limits.limitedUntil("transaction", now: now) == now + .seconds(60))
        #expect(limits.limitedUntil("error", now: now) == now + .seconds(2))
        #expect(!limits.isLimited("attachment", now: now))
        #expect(!limits.isLimited("error", now: now + .seconds(2)))
        limits.update(status: 200, retryAfter: nil, rateLimits: "1:error:organization", now: now)
        #expect(limits.limitedUntil("error", now: now) == now + .seconds(2))
        limits.update(status: 429, retryAfter: "1", rateLimits: "5::organization:quota_exceeded", now: now)
        #expect(limits.limitedUntil("attachment", now: now) == now + .seconds(5))
        #expect(limits.limitedUntil("transaction", now: now) == now + .seconds(60))
    }

    @Test("a 429 pauses everything for Retry-After, or 60 s without it; other statuses do nothing")
    func retryAfter() {
        let now = ContinuousClock.now
        var limits = SentryRateLimits()
        limits.update(status: 500, retryAfter: "30", rateLimits: nil, now: now)
        #expect(!limits.isLimited("error", now: now))
        limits.update(status: 429, retryAfter: "2", rateLimits: nil, now: now)
        #expect(limits.limitedUntil("error", now: now) == now + .seconds(2))
        var bare = SentryRateLimits()
        bare.update(status: 429, retryAfter: nil, rateLimits: nil, now: now)
        #expect(bare.limitedUntil("error", now: now) == now + .seconds(60))
        var garbage = SentryRateLimits()
        garbage.update(status: 429, retryAfter: "soon", rateLimits: nil, now: now)
        #expect(garbage.limitedUntil("error", now: now) == now + .seconds(60))
    }

    @Test("Retry-After may be an HTTP date")
    func retryAfterDate() {
        let date = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        let delay = SentryRateLimits.parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", now: date)
        #expect(delay == .seconds(10))
        #expect(SentryRateLimits.parseRateLimits("x:error, 3:error") == [.init(retryAfter: .seconds(3),
                                                                                categories: ["error"])])
    }
}
