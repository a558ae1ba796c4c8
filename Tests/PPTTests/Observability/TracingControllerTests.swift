import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing
import Tracing

@Suite("Tracing: admin trace endpoint")
struct TracingControllerTests {
    /// A router with the trace endpoints over `store`, and tokens for a superadmin and a plain user.
    static func withTraceAPI(
        _ store: TraceStore,
        _ body: @escaping @Sendable (any TestClientProtocol, _ superadmin: String, _ user: String) async throws -> Void
    ) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-traces-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await TestDatabase.with(.sqlite) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(), logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            let admin = try await runtime.createUser(email: "root@example.com", name: "Root", password: "correct horse battery",
                                                     locale: "en", superadmin: true)
            let user = try await runtime.createUser(email: "user@example.com", name: "User", password: "correct horse battery",
                                                    locale: "en", superadmin: false)
            let adminToken = try await services.tokens.accessToken(for: admin)
            let userToken = try await services.tokens.accessToken(for: user)
            let router = Router(context: AppRequestContext.self)
            router.add(middleware: RequestIDMiddleware())
            router.add(middleware: ErrorMiddleware())
            router.add(middleware: AuthenticationMiddleware(tokens: services.tokens))
            TraceController(store: store).addRoutes(to: router.group("api/v1"))
            try await Application(router: router, logger: TestDatabase.logger).test(.router) { client in
                try await body(client, adminToken, userToken)
            }
        }
    }

    static func get(_ client: any TestClientProtocol, _ path: String, token: String?) async throws
        -> (status: HTTPResponse.Status, json: [String: Any])
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .get, headers: headers) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            return (response.status, json ?? [:])
        }
    }

    /// A finished request trace: server span → database span and outbound call → remote server span.
    static func seed(_ store: TraceStore) -> TraceID {
        let tracer = RecordingTracer(store: store)
        let base: UInt64 = 1_700_000_000_000_000_000
        func at(_ milliseconds: UInt64) -> FixedInstant { FixedInstant(nanosecondsSinceEpoch: base + milliseconds * 1_000_000) }
        let server = tracer.startSpan("GET /api/v1/orgs/{orgID}/faults", context: .topLevel, ofKind: .server, at: at(0))
        let query = tracer.startSpan("db select faults", context: server.context, ofKind: .client, at: at(2))
        query.attributes["db.system.name"] = "sqlite"
        query.end(at: at(7))
        let call = tracer.startSpan("HTTP GET", context: server.context, ofKind: .client, at: at(10))
        let remote = tracer.startSpan("GET /portal/api/v1/listings", context: call.context, ofKind: .server, at: at(12))
        remote.setStatus(SpanStatus(code: .error))
        remote.end(at: at(30))
        call.end(at: at(31))
        server.end(at: at(40))
        return server.spanIdentity!.traceID
    }

    @Test("a superadmin lists recent traces and reads one as a span tree with timings")
    func superadminReadsTraces() async throws {
        let store = TraceStore()
        let traceID = Self.seed(store)
        try await Self.withTraceAPI(store) { client, admin, _ in
            let list = try await Self.get(client, "/api/v1/admin/traces?limit=5", token: admin)
            #expect(list.status == .ok)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["traceId"] as? String == traceID.description)
            #expect(items.first?["rootName"] as? String == "GET /api/v1/orgs/{orgID}/faults")
            #expect(items.first?["spanCount"] as? Int == 4)
            #expect(items.first?["hasError"] as? Bool == true)
            #expect(items.first?["durationMs"] as? Double == 40)

            let detail = try await Self.get(client, "/api/v1/admin/traces/\(traceID)", token: admin)
            #expect(detail.status == .ok)
            let roots = try #require(detail.json["roots"] as? [[String: Any]])
            #expect(roots.count == 1)
            let root = try #require(roots.first)
            #expect(root["name"] as? String == "GET /api/v1/orgs/{orgID}/faults" && root["kind"] as? String == "server")
            let children = try #require(root["children"] as? [[String: Any]])
            #expect(children.map { $0["name"] as? String } == ["db select faults", "HTTP GET"])
            #expect(children[0]["startOffsetMs"] as? Double == 2 && children[0]["durationMs"] as? Double == 5)
            #expect((children[0]["attributes"] as? [String: Any])?["db.system.name"] as? String == "sqlite")
            let remote = try #require((children[1]["children"] as? [[String: Any]])?.first)
            #expect(remote["name"] as? String == "GET /portal/api/v1/listings")
            #expect(remote["startOffsetMs"] as? Double == 12 && remote["status"] as? String == "error")
            #expect(remote["parentSpanId"] as? String == children[1]["spanId"] as? String)
        }
    }

    @Test("others get 403, anonymous callers 401, unknown or malformed ids 404")
    func refusals() async throws {
        let store = TraceStore()
        let traceID = Self.seed(store)
        try await Self.withTraceAPI(store) { client, admin, user in
            let forbidden = try await Self.get(client, "/api/v1/admin/traces", token: user)
            #expect(forbidden.status == .forbidden && forbidden.json["code"] as? String == "permission.denied")
            let forbiddenTrace = try await Self.get(client, "/api/v1/admin/traces/\(traceID)", token: user)
            #expect(forbiddenTrace.status == .forbidden)
            #expect(try await Self.get(client, "/api/v1/admin/traces", token: nil).status == .unauthorized)
            let unknown = try await Self.get(client, "/api/v1/admin/traces/\(TraceID.random())", token: admin)
            #expect(unknown.status == .notFound && unknown.json["code"] as? String == "trace.not_found")
            let malformed = try await Self.get(client, "/api/v1/admin/traces/not-a-trace", token: admin)
            #expect(malformed.status == .notFound && malformed.json["code"] as? String == "trace.not_found")
            let badLimit = try await Self.get(client, "/api/v1/admin/traces?limit=0", token: admin)
            #expect(badLimit.status == .unprocessableContent)
        }
    }
}
