import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOHTTP1
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import SQLKit
import ServiceLifecycle
import Testing
import Tracing

/// A portal-style gateway and the management API as two real loopback servers: the gateway reads the
/// database and calls the API with `TracedHTTPClient`; the API is the real management router behind
/// `RequestInstrumentationMiddleware`. Tracers are passed explicitly (the process-global system stays untouched).
@Suite("Tracing: one trace across services")
struct TracingExportTests {
    static let gatewayRoute = "GET /portal/api/v1/buildings/{buildingID}/summary"
    static let apiRoute = "GET /api/v1/orgs/{orgID}/buildings/{buildingID}"

    @Test("spans exported over OTLP/HTTP form one trace: parent links, database and outbound spans")
    func exportsOneTrace() async throws {
        let sink = ExportedSpanSink()
        let traceID = TraceID.random()
        let callerSpan = SpanID.random()
        try await LoopbackServer.collector(sink) { collectorPort in
            let configuration = TracingConfiguration(environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(collectorPort)",
                "OTEL_SERVICE_NAME": "ppt-trace-test", "OTEL_BSP_SCHEDULE_DELAY": "100",
            ])
            let backend = try TracingBackend.make(configuration: configuration, logger: TracingTestSupport.logger)
            let service = try #require(backend.service)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                defer { group.cancelAll() }
                let answer = try await Self.callGateway(
                    tracer: backend.tracer, traceparent: "00-\(traceID)-\(callerSpan)-01")
                #expect(answer == "1 200")

                let exported = await sink.wait { spans in
                    let names = Set(spans.filter { $0.traceID == traceID.description }.map(\.name))
                    return [Self.gatewayRoute, Self.apiRoute, "HTTP GET", "db select buildings"].allSatisfy(names.contains)
                }
                let spans = exported.filter { $0.traceID == traceID.description }
                try Self.checkTree(spans, callerSpan: callerSpan.description)
                #expect(exported.allSatisfy { $0.traceID == traceID.description }, "one trace only")
                #expect(spans.allSatisfy { $0.serviceName == "ppt-trace-test" })
                let kept = Set(backend.store.spans(of: traceID)?.map(\.spanID.description) ?? [])
                #expect(kept == Set(spans.map(\.spanID)), "the in-memory store holds the exported spans, same ids")
            }
        }
    }

    @Test("without a collector the embedded tracer keeps the same tree, queryable by trace id")
    func embeddedTracerKeepsTree() async throws {
        let store = TraceStore()
        let answer = try await Self.callGateway(tracer: RecordingTracer(store: store), traceparent: nil)
        #expect(answer == "1 200")
        let summary = try #require(store.recentTraces(limit: 10).first)
        #expect(store.recentTraces(limit: 10).count == 1, "both services joined one trace")
        #expect(summary.rootName == Self.gatewayRoute)
        let traceID = try #require(TraceID(hex: summary.traceID))
        let spans = try #require(store.spans(of: traceID))
        let detail = try #require(TraceDetail(spans: spans))
        let root = try #require(detail.roots.first)
        #expect(detail.roots.count == 1 && root.parentSpanID == nil)
        #expect(root.name == Self.gatewayRoute && root.kind == "server")
        #expect(root.attributes["http.route"] == .string("/portal/api/v1/buildings/{buildingID}/summary"))
        #expect(root.attributes["http.response.status_code"] == .int(200))
        #expect(root.attributes["url.path"] == nil)
        #expect(root.children.map(\.name).contains("db select buildings"))
        let call = try #require(root.children.first { $0.name == "HTTP GET" })
        #expect(call.kind == "client" && call.attributes["server.address"] == .string("127.0.0.1"))
        let api = try #require(call.children.first)
        #expect(api.name == Self.apiRoute && api.kind == "server")
        #expect(api.children.contains { $0.name.hasPrefix("db select") && $0.attributes["db.system.name"] == .string("sqlite") })
        #expect(api.children.allSatisfy { $0.startOffsetMs >= api.startOffsetMs })
    }

    /// Checks the exported span tree of one gateway → API request.
    static func checkTree(_ spans: [ExportedSpan], callerSpan: String) throws {
        let gateway = try #require(spans.first { $0.name == gatewayRoute })
        #expect(gateway.kind == 2 && gateway.parentSpanID == callerSpan, "continues the caller's traceparent")
        let gatewayQuery = try #require(spans.first { $0.name == "db select buildings" && $0.parentSpanID == gateway.spanID })
        #expect(gatewayQuery.kind == 3 && gatewayQuery.attributeKeys.isSuperset(of: ["db.system.name", "db.collection.name"]))
        let call = try #require(spans.first { $0.name == "HTTP GET" })
        #expect(call.kind == 3 && call.parentSpanID == gateway.spanID)
        #expect(call.attributeKeys.isSuperset(of: ["server.address", "http.response.status_code"]))
        let api = try #require(spans.first { $0.name == apiRoute })
        #expect(api.kind == 2 && api.parentSpanID == call.spanID, "the API joined through the injected traceparent")
        #expect(spans.contains { $0.name.hasPrefix("db select") && $0.parentSpanID == api.spanID })
        for server in [gateway, api] {
            #expect(server.attributeKeys.isSuperset(of: ["http.request.method", "http.route", "http.response.status_code"]))
            #expect(!server.attributeKeys.contains("url.path"))
        }
    }

    /// Runs the API and the gateway with `tracer`, sends one request to the gateway (with
    /// `traceparent` when given) and returns its body.
    static func callGateway(tracer: RecordingTracer, traceparent: String?) async throws -> String {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-trace-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        return try await TestDatabase.with(.sqlite) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            // The management router traces itself with the telemetry's tracer: give it the test's.
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                           telemetry: try Telemetry.isolated(tracer: tracer, logger: TestDatabase.logger),
                                           logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            let fixture = try await Fixture.make(database)
            let admin = try #require(try await services.accounts.user(id: fixture.admin.userID))
            let token = try await services.tokens.accessToken(for: admin)
            let buildingPath = "orgs/\(fixture.organization.id.rawValue)/buildings/\(fixture.building.id.rawValue)"
            let api = APIRouter.management(services).buildResponder()
            return try await LoopbackServer.run(api) { apiPort in
                let gateway = Router(context: AppRequestContext.self)
                gateway.add(middleware: RequestInstrumentationMiddleware(tracer: tracer, metrics: nil))
                gateway.add(middleware: RequestIDMiddleware())
                gateway.add(middleware: ErrorMiddleware())
                gateway.get("portal/api/v1/buildings/:buildingID/summary") { _, context -> String in
                    let id = context.parameters.get("buildingID") ?? ""
                    let count = try await database.read { sql in
                        try await sql.raw("SELECT COUNT(*) AS n FROM buildings WHERE id = \(bind: id)").first()?
                            .decode(column: "n", as: Int.self) ?? 0
                    }
                    var call = HTTPClientRequest(url: "http://127.0.0.1:\(apiPort)/api/v1/\(buildingPath)")
                    call.headers.add(name: "Authorization", value: "Bearer \(token)")
                    let response = try await TracedHTTPClient().execute(call, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    return "\(count) \(response.status.code)"
                }
                return try await LoopbackServer.run(gateway.buildResponder()) { gatewayPort in
                    var request = HTTPClientRequest(
                        url: "http://127.0.0.1:\(gatewayPort)/portal/api/v1/buildings/\(fixture.building.id.rawValue)/summary")
                    if let traceparent { request.headers.add(name: "traceparent", value: traceparent) }
                    let response = try await TracedHTTPClient.sharedClient.execute(request, timeout: .seconds(10))
                    let body = try await response.body.collect(upTo: 1 << 20)
                    return String(buffer: body)
                }
            }
        }
    }
}
