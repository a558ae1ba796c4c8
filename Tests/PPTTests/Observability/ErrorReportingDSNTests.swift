import PPTObservability
import Testing

@Suite("Sentry DSN and error reporting configuration")
struct ErrorReportingDSNTests {
    @Test("a SaaS DSN gives the envelope endpoint of its project")
    func saasDSN() throws {
        let dsn = try SentryDSN("https://abc123def@o4501.ingest.sentry.io/4505")
        #expect(dsn.scheme == "https")
        #expect(dsn.publicKey == "abc123def")
        #expect(dsn.secretKey == nil)
        #expect(dsn.host == "o4501.ingest.sentry.io")
        #expect(dsn.port == nil)
        #expect(dsn.path == "")
        #expect(dsn.projectID == "4505")
        #expect(dsn.envelopeURL == "https://o4501.ingest.sentry.io/api/4505/envelope/")
        #expect(dsn.description == "https://abc123def@o4501.ingest.sentry.io/4505")
    }

    @Test("a self-hosted DSN keeps its port and path prefix and never shows the secret")
    func selfHostedDSN() throws {
        let dsn = try SentryDSN("  http://pub_key:s3cr3t@sentry.internal:9000/tools/sentry/7\n")
        #expect(dsn.secretKey == "s3cr3t")
        #expect(dsn.port == 9000)
        #expect(dsn.path == "/tools/sentry")
        #expect(dsn.envelopeURL == "http://sentry.internal:9000/tools/sentry/api/7/envelope/")
        #expect(dsn.description == "http://pub_key@sentry.internal:9000/tools/sentry/7")
        #expect(!dsn.description.contains("s3cr3t"))
    }

    @Test("an IPv6 host is accepted")
    func ipv6() throws {
        let dsn = try SentryDSN("http://key@[::1]:9000/1")
        #expect(dsn.host == "[::1]")
        #expect(dsn.envelopeURL == "http://[::1]:9000/api/1/envelope/")
    }

    @Test("a malformed DSN is refused with a reason", arguments: [
        ("", "missing protocol"),
        ("sentry.example.com/1", "missing protocol"),
        ("ftp://key@host/1", "protocol must be http or https"),
        ("https://host/1", "missing public key"),
        ("https://:secret@host/1", "missing public key"),
        ("https://ke y@host/1", "the public key contains invalid characters"),
        ("https://key@/1", "missing host"),
        ("https://key@host", "missing project id"),
        ("https://key@host/", "missing project id"),
        ("https://key@host/project", "the project id must be numeric"),
        ("https://key@host:0/1", "the port must be a number between 1 and 65535"),
        ("https://key@host:99999/1", "the port must be a number between 1 and 65535"),
        ("https://key@host:http/1", "the port must be a number between 1 and 65535"),
        ("https://key@host/1?x=1", "a DSN has no query or fragment"),
    ])
    func malformed(dsn: String, reason: String) {
        #expect(throws: SentryDSNError(reason: reason)) { try SentryDSN(dsn) }
    }

    @Test("configuration defaults: no DSN, production, ppt@version, a queue of 100")
    func defaults() throws {
        let configuration = try ErrorReportingConfiguration(environment: [:], version: "1.2.3", serverName: "web-1")
        #expect(configuration.dsn == nil)
        #expect(configuration.environment == "production")
        #expect(configuration.release == "ppt@1.2.3")
        #expect(configuration.queueSize == 100)
        #expect(configuration.serverName == "web-1")
        #expect(configuration.sdk.userAgent == "ppt/1.2.3")
    }

    @Test("configuration reads SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE and PPT_SENTRY_QUEUE_SIZE")
    func overrides() throws {
        let configuration = try ErrorReportingConfiguration(environment: [
            "SENTRY_DSN": "https://key@sentry.example.com/3", "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_RELEASE": "ppt@abc1234", "PPT_SENTRY_QUEUE_SIZE": "250",
        ], version: "1.2.3")
        #expect(configuration.dsn?.envelopeURL == "https://sentry.example.com/api/3/envelope/")
        #expect(configuration.environment == "staging")
        #expect(configuration.release == "ppt@abc1234")
        #expect(configuration.queueSize == 250)
    }

    @Test("an empty SENTRY_DSN means no DSN")
    func emptyDSN() throws {
        let configuration = try ErrorReportingConfiguration(environment: ["SENTRY_DSN": "  "], version: "1")
        #expect(configuration.dsn == nil)
    }

    @Test("a malformed SENTRY_DSN fails configuration, naming the key but not the secret")
    func malformedDSNConfiguration() {
        let error = #expect(throws: ErrorReportingConfigurationError.self) {
            try ErrorReportingConfiguration(environment: ["SENTRY_DSN": "https://key:hunter2@host/abc"], version: "1")
        }
        #expect(error?.key == "SENTRY_DSN")
        #expect(error?.description.contains("the project id must be numeric") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("a queue size outside 1…10000 fails configuration", arguments: ["0", "-1", "lots", "10001"])
    func badQueueSize(size: String) {
        let error = #expect(throws: ErrorReportingConfigurationError.self) {
            try ErrorReportingConfiguration(environment: ["PPT_SENTRY_QUEUE_SIZE": size], version: "1")
        }
        #expect(error?.key == "PPT_SENTRY_QUEUE_SIZE")
    }
}
