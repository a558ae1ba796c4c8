import Foundation
import PPTObservability
import Testing

@Suite("Error report redaction")
struct ErrorReportingRedactorTests {
    let redactor = Redactor()

    /// (input, secrets that must be gone, text that must be there afterwards)
    static let cases: [(String, [String], String)] = [
        ("Authorization: Bearer abc.def-123456", ["abc.def-123456"], "Authorization: [REDACTED]"),
        ("proxy-authorization=Basic dXNlcjpwYXNzd29yZA==", ["dXNlcjpwYXNzd29yZA"], "[REDACTED]"),
        ("sent Bearer 9f8e7d6c5b4a39281706 to upstream", ["9f8e7d6c5b4a39281706"], "Bearer [REDACTED]"),
        ("Cookie: session=s3ss10n; theme=dark", ["s3ss10n", "theme=dark"], "Cookie: [REDACTED]"),
        ("set-cookie: refresh=abcdef; HttpOnly", ["abcdef"], "set-cookie: [REDACTED]"),
        ("openai said no to sk-proj-AbCdEf0123456789xyz", ["AbCdEf0123456789xyz"], "to [REDACTED]"),
        ("anthropic key sk-ant-api03-abcdefghijklmnop", ["abcdefghijklmnop"], "key [REDACTED]"),
        ("stripe sk_live_51Habcdefghijk", ["51Habcdefghijk"], "stripe [REDACTED]"),
        ("aws AKIAIOSFODNN7EXAMPLE done", ["AKIAIOSFODNN7EXAMPLE"], "aws [REDACTED] done"),
        ("github ghp_abcdefghijklmnopqrstuvwxyz012345", ["ghp_abcdefghij"], "github [REDACTED]"),
        ("GET /v1/x?api_key=abc123&page=2", ["abc123"], "api_key=[REDACTED]&page=2"),
        ("key=zzz-top", ["zzz-top"], "key=[REDACTED]"),
        ("x-api-key: 0a1b2c3d4e", ["0a1b2c3d4e"], "x-api-key: [REDACTED]"),
        ("access_token: 'q1w2e3r4'", ["q1w2e3r4"], "access_token: [REDACTED]"),
        ("login failed password=hunter2 for user", ["hunter2"], "password=[REDACTED] for user"),
        ("PASSWORD: \"correct horse\"", ["correct horse"], "PASSWORD: [REDACTED]"),
        (#"body {"email_address":"x","password": "p@ss w0rd\"q", "n": 1}"#, ["p@ss w0rd"],
         #""password": "[REDACTED]""#),
        (#"{"client_secret":"cs_123","token":"tk"}"#, ["cs_123", "\"tk\""], #""client_secret":"[REDACTED]""#),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlX2hlcmU here",
         ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0In0", "c2lnbmF0dXJlX2hlcmU"], "jwt [REDACTED] here"),
        ("connect postgres://ppt:dbpass@db:5432/ppt", ["dbpass"], "postgres://[REDACTED]@db:5432/ppt"),
        ("mail jana.novakova+ppt@example.co.uk now", ["jana.novakova", "example.co.uk"], "mail [email] now"),
        ("call +421 903 123 456 today", ["903 123 456", "+421"], "call [phone] today"),
        ("call +421903123456", ["903123456"], "call [phone]"),
        ("tel +44 (20) 7946 0958", ["7946 0958"], "tel [phone]"),
        ("mobil 0903 123 456 or 0903123456", ["123 456", "0903123456"], "mobil [phone] or [phone]"),
        ("office (02) 1234 5678", ["1234 5678"], "office [phone]"),
        ("us 555-123-4567", ["555-123-4567"], "us [phone]"),
        ("pay SK31 1200 0000 1987 4263 7541 now", ["1200 0000 1987", "4263 7541"], "pay [iban] now"),
        ("pay SK3112000000198742637541", ["SK3112000000198742637541"], "pay [iban]"),
        ("cz CZ65 0800 0000 1920 0014 5399", ["1920 0014 5399"], "cz [iban]"),
        ("de DE89 3704 0044 0532 0130 00.", ["3704 0044 0532"], "de [iban]."),
    ]

    @Test("secrets and personal data are replaced", arguments: cases)
    func redactsText(input: String, secrets: [String], expected: String) {
        let output = redactor.redact(input)
        for secret in secrets {
            #expect(!output.contains(secret), "\(secret) survived in \(output)")
        }
        #expect(output.contains(expected), "\(output) lacks \(expected)")
    }

    @Test("ordinary diagnostics survive", arguments: [
        "relation \"faults\" does not exist",
        "timeout after 2.5 s on 2026-08-01T10:00:00Z (attempt 3 of 5)",
        "org 0b6b1f7e-5c1d-4f4e-9b2a-1c2d3e4f5a6b has 120 units",
        "GET /api/v1/orgs/{orgID}/faults returned 503",
        "amount 1234.56 EUR, invoice 2026-0042",
    ])
    func keepsDiagnostics(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test("map values under secret-named keys are dropped entirely; others are redacted")
    func redactsMaps() {
        let output = redactor.redact([
            "password": "plain", "api_key": "k", "X-Auth-Token": "t", "session_id": "s", "user_email": "a@b.io",
            "note": "mail me at a@b.io", "gen_ai.usage.input_tokens": "12", "author": "Jana", "route": "/x",
        ])
        for key in ["password", "api_key", "X-Auth-Token", "session_id", "user_email"] {
            #expect(output[key] == "[REDACTED]", "\(key)")
        }
        #expect(output["note"] == "mail me at [email]")
        #expect(output["gen_ai.usage.input_tokens"] == "12")
        #expect(output["author"] == "Jana")
        #expect(output["route"] == "/x")
    }

    @Test("only allowlisted headers are kept, redacted")
    func redactsHeaders() {
        let output = redactor.redactHeaders([
            "Authorization": "Bearer abcdefghijkl", "Cookie": "a=b", "X-Api-Key": "k", "X-Custom": "v",
            "User-Agent": "PPT-iOS/2.0 (jana@example.com)", "Content-Type": "application/json",
            "X-Request-ID": "req-1",
        ])
        #expect(Set(output.keys) == ["user-agent", "content-type", "x-request-id"])
        #expect(output["user-agent"] == "PPT-iOS/2.0 ([email])")
    }

    @Test("long text is truncated after redaction, so no half secret is left")
    func truncation() {
        let redactor = Redactor(maximumLength: 40)
        let output = redactor.redact(String(repeating: "x", count: 35) + " jana.novakova@example.com")
        #expect(!output.contains("jana"))
        #expect(output.count <= 41)
    }

    @Test("an event loses secrets in messages, tags, extras, headers and breadcrumbs, keeping its structure")
    func redactsEvent() throws {
        var event = SentryEvent(level: .error)
        event.exceptions = [SentryEvent.Exception(
            type: "Boom", value: "password=hunter2", module: "PPTTests",
            mechanism: SentryEvent.Mechanism(handled: false), stacktrace: nil)]
        event.tags = ["category": "internal", "debug": "token=abc"]
        event.extra = ["body": #"{"password":"x1"}"#, "phone": "+421 903 123 456"]
        event.request = SentryEvent.Request(method: "POST", url: "/api/v1/auth/login",
                                            headers: ["Authorization": "Bearer zzzzzzzzzz", "Accept": "*/*"])
        event.breadcrumbs = [SentryEvent.Breadcrumb(timestamp: Date(), category: "http",
                                                    message: "to jana@example.com", data: ["cookie": "c=1"])]
        let redacted = redactor.redact(event)
        let json = String(decoding: try SentryEnvelope.payload(of: redacted), as: UTF8.self)
        for secret in ["hunter2", "token=abc", "x1", "903 123", "zzzzzzzzzz", "jana@", "c=1"] {
            #expect(!json.contains(secret), "\(secret) in \(json)")
        }
        #expect(redacted.tags["category"] == "internal")
        #expect(redacted.request?.headers == ["accept": "*/*"])
        #expect(redacted.request?.url == "/api/v1/auth/login")
    }
}
