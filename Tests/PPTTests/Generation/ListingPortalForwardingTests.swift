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

@Suite("Listing descriptions on the Reality Portal")
struct ListingPortalForwardingTests {
    /// The management API live on loopback (`app`) and the portal live too, its realtor route calling
    /// the management API over real HTTP.
    static func withPortal(_ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> Void)
        async throws
    {
        try await TestApp.withLive(.sqlite) { app in
            var services = try await app.runtime.httpServices()
            // The portal's route to the management API, as `PPT_PORTAL_MANAGEMENT_URL` configures it.
            services.managementURL = "http://127.0.0.1:\(try app.port)"
            let router = APIRouter.portal(services)
            let portal = Application(router: router, logger: TestDatabase.logger)
            try await portal.test(.live) { client in try await body(app, client) }
        }
    }

    @Test("A realtor's request reaches the management API over HTTP in one trace; refusals are relayed as problems")
    func forwardsInOneTrace() async throws {
        try await Self.withPortal { app, portal in
            let listing = try await ListingWorld.make(app, name: "LdPortal")
            let path = "/portal/api/v1/realtor/orgs/\(listing.world.ids["orgID"]!)/listings/\(listing.listingID)/descriptions"
            func post(_ token: String?, _ body: [String: Any] = ["languages": ["sk", "en"], "tone": "friendly"])
                async throws -> (status: HTTPResponse.Status, headers: HTTPFields, json: [String: Any])
            {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                let data = try JSONSerialization.data(withJSONObject: body)
                return try await portal.execute(uri: path, method: .post, headers: headers,
                                                body: ByteBuffer(bytes: data)) { response in
                    let json = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
                    return (response.status, response.headers, json as? [String: Any] ?? [:])
                }
            }

            let created = try await post(listing.realtorToken)
            #expect(created.status == .created, "\(created.json)")
            let version = ListingVersionReader(json: created.json)
            #expect(version.items.map { $0["language"] as? String } == ["sk", "en"])
            version.expectWithinLimits("portal")
            let stored = try await app.request(.get, listing.descriptions, token: listing.realtorToken)
            #expect(stored.items.first?["id"] as? String == version.id, "the management API stored the version")

            let traces = app.runtime.telemetry.tracing.store
            let spans = traces.recentTraces(limit: 1000).flatMap { summary in
                TraceID(hex: summary.traceID).flatMap { traces.spans(of: $0) } ?? []
            }
            let portalSpan = try #require(spans.first { $0.kind == .server && $0.name.contains("/realtor/orgs/") })
            let managementSpan = try #require(spans.first {
                $0.kind == .server && $0.name.hasPrefix("POST /api/v1/orgs/") && $0.name.hasSuffix("/descriptions")
            })
            #expect(portalSpan.traceID == managementSpan.traceID, "one trace across both services")
            let client = try #require(spans.first { $0.kind == .client && $0.name == "HTTP POST"
                && $0.traceID == portalSpan.traceID })
            #expect(client.parentSpanID == portalSpan.spanID && managementSpan.parentSpanID == client.spanID)

            let anonymous = try await post(nil)
            #expect(anonymous.status == .unauthorized && anonymous.json["code"] as? String == "auth.required")
            let tenant = try await post(listing.tenantToken)
            #expect(tenant.status == .forbidden && tenant.json["code"] as? String == "permission.denied",
                    "the management API's refusal is relayed: \(tenant.json)")
            #expect(tenant.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let invalid = try await post(listing.realtorToken, ["tone": "shouty"])
            #expect(invalid.status == .unprocessableContent && invalid.json["code"] as? String == "validation.failed")
            let forged = try await post("not-a-token")
            #expect(forged.status == .unauthorized && forged.json["code"] as? String == "auth.invalid_token")
        }
    }

    @Test("The portal calls the management API at the API's own address unless PPT_PORTAL_MANAGEMENT_URL says otherwise")
    func managementURLConfiguration() throws {
        #expect(try AppConfiguration.make().portalManagementURL == "http://127.0.0.1:8080")
        #expect(try AppConfiguration.make(environment: ["PPT_HOST": "0.0.0.0", "PPT_PORT": "9000"])
            .portalManagementURL == "http://127.0.0.1:9000")
        #expect(try AppConfiguration.make(environment: ["PPT_PORTAL_MANAGEMENT_URL": "https://api.example.sk"])
            .portalManagementURL == "https://api.example.sk")
        for bad in ["ftp://api.example.sk", "not a url", "http://"] {
            #expect(throws: ConfigurationError.self, "\(bad)") {
                try AppConfiguration.make(environment: ["PPT_PORTAL_MANAGEMENT_URL": bad])
            }
        }
    }

    @Test("An unreachable management API is a 503 problem")
    func managementDown() async throws {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware(observers: []))
        // Port 9 (discard) on loopback: nothing listens there.
        PortalDescriptionController(management: ManagementAPIClient(baseURL: "http://127.0.0.1:9"))
            .addRoutes(to: router.group("portal/api/v1"))
        let app = Application(router: router, logger: TestDatabase.logger)
        try await app.test(.router) { client in
            let path = "/portal/api/v1/realtor/orgs/\(UUID().uuidString.lowercased())/listings/"
                + "\(UUID().uuidString.lowercased())/descriptions"
            try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer x.y.z"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("portal.management_unavailable"))
            }
        }
    }
}
