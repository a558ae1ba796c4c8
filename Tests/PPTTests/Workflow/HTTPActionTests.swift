import Foundation
import PPTDomain
import PPTStorage
import Testing
@testable import PPTWorkflow

/// The `http` action against real HTTP servers on loopback (allow-listed, as an on-premises system
/// would be): signing, idempotency keys, output capture, redirects re-checked by the SSRF guard,
/// status mapping, timeouts and the body cap.
@Suite struct HTTPActionTests {
    /// Echoes the request as JSON, saying whether its signature verifies with `secret`.
    static func echo(secret: String?) -> FakeLLMServer.Script {
        { request, _ in
            let signature = request.header("X-PPT-Signature")
            let valid = secret.flatMap { secret in
                signature.map { RequestSignature.verify($0, secret: secret, body: request.body, now: Date()) }
            } ?? false
            let echo: JSONValue = [
                "method": .string(request.method), "path": .string(request.path), "body": .string(request.text),
                "signed": .bool(signature != nil), "signatureValid": .bool(valid),
                "idempotencyKey": .string(request.header("Idempotency-Key") ?? ""),
                "host": .string(request.header("Host") ?? ""), "contentType": .string(request.header("Content-Type") ?? ""),
                "custom": .string(request.header("X-Custom") ?? ""),
            ]
            return FakeLLMResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Reply", "yes")],
                                   parts: [.bytes(jsonText(echo))])
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func aSignedJSONRequestReachesAnAllowListedLoopbackServer(dialect: DatabaseDialect) async throws {
        try await HTTPActionHarness.with(dialect) { harness in
            let secret = try await harness.allowlist.signingSecret(forRunOf: harness.fixture.admin)
            try await FakeLLMServer.run(script: Self.echo(secret: secret)) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let output = try await harness.action.perform(harness.call([
                    "method": "POST", "url": .string("\(server.baseURL)/hooks/fault?x=1"),
                    "headers": ["X-Custom": "Byt č. 12"], "body": ["faultID": "f-1", "priority": "urgent"],
                    "sign": true,
                ]))
                #expect(member(output, "status") == 200)
                #expect(member(output, "headers", "x-reply") == "yes")
                #expect(member(output, "body", "method") == "POST")
                #expect(member(output, "body", "path") == "/hooks/fault?x=1")
                #expect(member(output, "body", "signatureValid") == true)
                #expect(member(output, "body", "idempotencyKey") == "run-1:call:1")
                #expect(member(output, "body", "contentType") == "application/json")
                #expect(member(output, "body", "custom") == "Byt č. 12")
                #expect(member(output, "body", "body") == .string(#"{"faultID":"f-1","priority":"urgent"}"#))
                if case .number(let duration)? = member(output, "durationMs") { #expect(duration >= 0) } else { Issue.record("no durationMs") }
                #expect(member(output, "url") == .string("\(server.baseURL)/hooks/fault?x=1"))
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func anAllowListedNameIsResolvedAndPinned(dialect: DatabaseDialect) async throws {
        try await HTTPActionHarness.with(dialect) { harness in
            try await FakeLLMServer.run(script: Self.echo(secret: nil)) { server in
                try await harness.allow("localhost:\(server.port)")
                let output = try await harness.action.perform(harness.call(["url": .string("http://localhost:\(server.port)/ping")]))
                #expect(member(output, "status") == 200)
                // The Host header keeps the name although the connection went to the checked address.
                #expect(member(output, "body", "host") == .string("localhost:\(server.port)"))
                #expect(member(output, "body", "signed") == false)
            }
        }
    }

    @Test func theConnectionGoesToTheCheckedAddressNotToASecondLookup() async throws {
        // "pinned.test" exists only in the guard's resolver: the client must connect to the address
        // the guard checked (dnsOverride) and never ask the system resolver, which does not know it.
        try await HTTPActionHarness.with(.sqlite) { harness in
            let resolver = SSRFGuardTests.TableResolver(table: ["pinned.test": [.v4(0x7f00_0001)]])
            let action = HTTPAction(allowlist: harness.allowlist,
                                    client: GuardedHTTPClient(ssrfGuard: SSRFGuard(resolver: resolver)))
            try await FakeLLMServer.run(script: Self.echo(secret: nil)) { server in
                try await harness.allow("pinned.test:\(server.port)")
                let output = try await action.perform(harness.call(["url": .string("http://pinned.test:\(server.port)/x")]))
                #expect(member(output, "status") == 200)
                #expect(member(output, "body", "host") == .string("pinned.test:\(server.port)"))
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func loopbackThatIsNotAllowListedIsNeverContacted(dialect: DatabaseDialect) async throws {
        try await HTTPActionHarness.with(dialect) { harness in
            try await FakeLLMServer.run(script: Self.echo(secret: nil)) { server in
                try await harness.allow("127.0.0.1:\(server.port + 1)", "example.com")
                for url in ["http://127.0.0.1:\(server.port)/", "http://localhost:\(server.port)/",
                            "http://2130706433:\(server.port)/", "http://0x7f.1:\(server.port)/",
                            "http://[::ffff:127.0.0.1]:\(server.port)/"] {
                    let failure = try #require(try await harness.failure(["url": .string(url)]))
                    #expect(failure.code == "http.blocked_address" && !failure.retryable, "\(url)")
                    #expect(failure.message.contains("loopback"))
                }
                #expect(await server.requests().isEmpty)
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func redirectsToMetadataOrToAnotherLoopbackPortAreRefused(dialect: DatabaseDialect) async throws {
        try await HTTPActionHarness.with(dialect) { harness in
            try await FakeLLMServer.run(script: Self.echo(secret: nil)) { other in
                let script: FakeLLMServer.Script = { request, _ in
                    let location = request.path == "/metadata" ? "http://169.254.169.254/latest/meta-data"
                        : request.path == "/other" ? "\(other.baseURL)/internal" : "/"
                    return FakeLLMResponse(status: 302, headers: [("Location", location), ("Content-Length", "0")])
                }
                try await FakeLLMServer.run(script: script) { server in
                    try await harness.allow("127.0.0.1:\(server.port)")
                    let metadata = try #require(try await harness.failure(["url": .string("\(server.baseURL)/metadata")]))
                    #expect(metadata.code == "http.blocked_address")
                    #expect(metadata.message.contains("169.254.169.254 is a cloud metadata address"))
                    let loopback = try #require(try await harness.failure(["url": .string("\(server.baseURL)/other")]))
                    #expect(loopback.code == "http.blocked_address" && loopback.message.contains("loopback"))
                    #expect(await server.requests().count == 2)
                    #expect(await other.requests().isEmpty)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func redirectsWithinTheAllowListAreFollowedUpToFive(dialect: DatabaseDialect) async throws {
        try await HTTPActionHarness.with(dialect) { harness in
            let script: FakeLLMServer.Script = { request, _ in
                switch request.path {
                case "/temporary": return FakeLLMResponse(status: 307, headers: [("Location", "/echo"), ("Content-Length", "0")])
                case "/see-other": return FakeLLMResponse(status: 303, headers: [("Location", "echo"), ("Content-Length", "0")])
                case "/loop": return FakeLLMResponse(status: 302, headers: [("Location", "/loop"), ("Content-Length", "0")])
                default: return await Self.echo(secret: nil)(request, 0)
                }
            }
            try await FakeLLMServer.run(script: script) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let kept = try await harness.action.perform(harness.call([
                    "method": "PUT", "url": .string("\(server.baseURL)/temporary"), "body": "payload"]))
                #expect(member(kept, "body", "method") == "PUT" && member(kept, "body", "body") == "payload")
                #expect(member(kept, "url") == .string("\(server.baseURL)/echo"))
                let changed = try await harness.action.perform(harness.call([
                    "method": "POST", "url": .string("\(server.baseURL)/see-other"), "body": "payload"]))
                #expect(member(changed, "body", "method") == "GET" && member(changed, "body", "body") == "")
                let looping = try #require(try await harness.failure(["url": .string("\(server.baseURL)/loop")]))
                #expect(looping.code == "http.too_many_redirects" && !looping.retryable)
                #expect(await server.requests().filter { $0.path == "/loop" }.count == 6)
            }
        }
    }

    @Test(arguments: [(503, true), (500, true), (429, true), (408, true), (404, false), (400, false), (401, false)])
    func statusesMapToRetryableOrPermanentFailures(status: Int, retryable: Bool) async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            let response = FakeLLMResponse(status: status, headers: [("Content-Type", "text/plain")], parts: [.bytes("busy\n")])
            try await FakeLLMServer.run(responses: [response]) { server in
                try await harness.allow("127.0.0.1")
                let failure = try #require(try await harness.failure(["url": .string("\(server.baseURL)/x?token=secret")]))
                #expect(failure.code == "http.status_\(status)")
                #expect(failure.retryable == retryable)
                #expect(failure.message.contains("answered \(status): busy") && !failure.message.contains("token"))
            }
        }
    }

    @Test func aSlowServerTimesOutRetryably() async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            let slow = FakeLLMResponse(headDelay: .seconds(5), status: 200, headers: [("Content-Length", "2")],
                                       parts: [.bytes("ok")])
            try await FakeLLMServer.run(responses: [slow]) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let started = ContinuousClock.now
                let failure = try #require(try await harness.failure(["url": .string(server.baseURL), "timeoutSeconds": 0.5]))
                #expect(failure.code == "http.timeout" && failure.retryable)
                #expect(ContinuousClock.now - started < .seconds(3))
            }
        }
    }

    @Test func aSlowBodyCountsAgainstTheSameTimeout() async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            let trickle = FakeLLMResponse(status: 200, parts: [.bytes("{"), .pause(.seconds(5)), .bytes("}")])
            try await FakeLLMServer.run(responses: [trickle]) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let started = ContinuousClock.now
                let failure = try #require(try await harness.failure(["url": .string(server.baseURL), "timeoutSeconds": 1]))
                #expect(failure.code == "http.timeout" && failure.retryable)
                #expect(ContinuousClock.now - started < .seconds(4))
            }
        }
    }

    @Test func responseBodiesAreCappedAtOneMebibyte() async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            let big = FakeLLMResponse(status: 200, parts: [.bytes(String(repeating: "x", count: 700_000)),
                                                           .bytes(String(repeating: "y", count: 700_000))])
            let text = FakeLLMResponse(status: 200, headers: [("Content-Type", "text/plain")],
                                       parts: [.bytes(String(repeating: "z", count: 1000))])
            try await FakeLLMServer.run(responses: [big, text]) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let failure = try #require(try await harness.failure(["url": .string(server.baseURL)]))
                #expect(failure.code == "http.response_too_large" && !failure.retryable)
                let output = try await harness.action.perform(harness.call(["url": .string(server.baseURL)]))
                #expect(member(output, "body") == .string(String(repeating: "z", count: 1000)))
            }
        }
    }

    @Test func badInputFailsBeforeAnyRequest() async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            let cases: [([String: JSONValue], String)] = [
                (["url": "ftp://example.com/"], "http.invalid_url"),
                (["url": "https://example.com/", "method": "TRACE"], "action.invalid_input"),
                (["url": "https://example.com/", "headers": ["Host": "evil"]], "action.invalid_input"),
                (["url": "https://example.com/", "headers": ["X-A": "a\r\nX-B: b"]], "action.invalid_input"),
                (["url": "https://example.com/", "timeoutSeconds": 61], "action.invalid_input"),
                (["url": "https://example.com/", "body": "x"], "action.invalid_input"),
                (["url": "https://example.com/", "sign": "yes"], "action.invalid_input"),
                ([:], "action.invalid_input"),
            ]
            for (input, code) in cases {
                let failure = try #require(try await harness.failure(input))
                #expect(failure.code == code && !failure.retryable, "\(input)")
            }
        }
    }

    @Test func simulationShowsTheRequestWithoutSendingIt() async throws {
        try await HTTPActionHarness.with(.sqlite) { harness in
            try await FakeLLMServer.run(script: Self.echo(secret: nil)) { server in
                try await harness.allow("127.0.0.1:\(server.port)")
                let preview = try await harness.action.simulate(harness.call([
                    "method": "POST", "url": .string("\(server.baseURL)/x"), "body": ["a": 1], "sign": true]))
                #expect(member(preview, "simulated") == true)
                #expect(member(preview, "request", "headers", "idempotency-key") == "run-1:call:1")
                #expect(member(preview, "request", "body") == .string(#"{"a":1}"#))
                await #expect(throws: ActionFailure.self) {
                    try await harness.action.simulate(harness.call(["url": "http://169.254.169.254/"]))
                }
                #expect(await server.requests().isEmpty)
            }
        }
    }
}
