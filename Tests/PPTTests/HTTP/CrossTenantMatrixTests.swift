import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTStorage
import Testing

/// DESIGN §3: for every organization route, a member of org B gets 404 for org A's ids — for reads,
/// updates, deletes and sub-resources — and never sees them in lists. Every route registered under
/// `/api/v1/orgs/{orgID}` is enumerated from the router, so a new endpoint joins the matrix by itself;
/// one that needs a request body to reach its lookup must add one to `bodies` (or `rawBodies`) below.
@Suite("Cross-tenant matrix")
struct CrossTenantMatrixTests {
    /// Valid request bodies, so that the 404 comes from the tenant check and not from validation.
    static func bodies(b: World) -> [String: Any] {
        let future = Date().addingTimeInterval(86_400 * 3).formatted(.iso8601)
        let later = Date().addingTimeInterval(86_400 * 10).formatted(.iso8601)
        let building: [String: Any] = ["name": "X", "street": "S 1", "city": "Nitra", "postalCode": "94901",
                                       "country": "SK"]
        return [
            "PUT buildings/:buildingID": building,
            "PUT units/:unitID": ["buildingID": b.ids["buildingID"]!, "number": "77", "type": "flat", "floor": 1,
                                  "sizeSqm": 40, "rooms": 1, "ownershipShareNumerator": 1,
                                  "ownershipShareDenominator": 10],
            "POST units/:unitID/residents": ["name": "Intruder", "relation": "tenant", "startDate": "2025-01-01"],
            "PATCH faults/:faultID": ["comment": "hello"],
            "PATCH ai/chat/sessions/:sessionID": ["title": "x"],
            "POST ai/chat/sessions/:sessionID/messages": ["content": "x"],
            "PUT ai/chat/sessions/:sessionID/messages/:messageID/feedback": ["rating": "up"],
            "PUT announcements/:announcementID": ["title": "x", "body": "y"],
            "PUT announcements/:announcementID/pinned": ["pinned": true],
            "POST announcements/:announcementID/schedule": ["publishAt": future],
            "PUT votes/:voteID": ["title": "x", "description": "y",
                                  "questions": [["text": "q?", "options": ["a", "b"]]]],
            "POST votes/:voteID/schedule": ["startsAt": future, "endsAt": later],
            "POST votes/:voteID/responses": ["unitID": b.ids["unitID"]!,
                                             "answers": [["questionID": "q1", "option": "yes"]]],
            "POST meters/:meterID/readings": ["value": 12.5],
            "PUT leases/:leaseID": ["unitID": b.ids["unitID"]!, "landlord": ["name": "L"], "tenants": [["name": "T"]],
                                    "startDate": "2025-01-01", "rentMinor": 1, "depositMinor": 1, "currency": "EUR"],
            "POST leases/:leaseID/status": ["status": "active"],
            "PUT documents/:documentID": ["title": "x", "category": "c"],
            "POST ai/announcement-drafts/:generationID/choose": ["index": 0, "language": "sk"],
            "PATCH workflows/:workflowID": ["name": "x"],
            "POST workflows/:workflowID/test": ["trigger": [String: Any]()],
            "POST workflows/:workflowID/runs": ["input": [String: Any]()],
            "POST workflow-templates/:templateID/preview": ["parameters": [String: Any]()],
            "POST workflow-templates/:templateID/import": ["name": "x", "parameters": [String: Any]()],
            "PUT listings/:listingID": ["type": "rent", "title": "x", "description": "y",
                                        "price": ["amountMinor": 100, "currency": "EUR"], "sizeSqm": 10, "rooms": 1,
                                        "street": "s", "city": "c", "postalCode": "p", "country": "SK"],
            "PUT listings/:listingID/texts/:language": ["title": "x", "description": "y"],
        ]
    }

    /// Raw (non-JSON) request bodies, valid for their route.
    static func rawBodies() throws -> [String: (contentType: String, body: ByteBuffer)] {
        ["POST listings/:listingID/photos": ("image/png", ByteBuffer(bytes: try TestImages.png(shade: 17)))]
    }

    /// Sends `route`'s request, with its raw body when it has one, else its JSON body.
    static func send(_ app: TestApp, _ method: HTTPRequest.Method, _ path: String, key: String, token: String,
                     bodies: [String: Any], raw: [String: (contentType: String, body: ByteBuffer)]) async throws
        -> TestApp.Result
    {
        if let raw = raw[key] {
            return try await app.raw(method, path, token: token, body: raw.body, headers: [.contentType: raw.contentType])
        }
        return try await app.request(method, path, token: token, body: bodies[key])
    }

    @Test("org B's admin gets 404 for every org route and sub-resource of org A", arguments: TestDatabase.dialects)
    func crossTenant(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let a = try await World.make(app, name: "A")
            let b = try await World.make(app, name: "B")
            let tokenB = try await app.login(b.adminEmail)
            let tokenA = try await app.login(a.adminEmail)
            let routes = try await Self.orgRoutes(app)
            #expect(routes.count > 40)
            let snapshotBefore = try await Self.snapshot(app, a, token: tokenA, routes: routes)
            let bodies = Self.bodies(b: b)
            let raw = try Self.rawBodies()
            for route in routes {
                let key = "\(route.method.rawValue) \(route.relative)"
                // 1. A's organization id in the path: B is not a member, so nothing there exists for B.
                var inAIDs = a.ids
                inAIDs["language"] = "de"
                let inA = try await Self.send(app, route.method, route.path(inAIDs), key: key, token: tokenB,
                                              bodies: bodies, raw: raw)
                #expect(inA.status == .notFound, "\(key) in org A answered \(inA.status.code): \(inA.text)")
                // 2. B's organization, A's resource ids: the lookup is confined to B.
                // `flag` names a feature flag, not a tenant's resource.
                // `version` numbers a workflow's versions; the workflow id in front of it is A's.
                // `language` names a listing text's language; the listing id in front of it is A's.
                let params = route.parameters.filter { !["orgID", "flag", "version", "language"].contains($0) }
                guard !params.isEmpty else { continue }
                var mixed = a.ids
                mixed["orgID"] = b.ids["orgID"]
                mixed["version"] = "1"
                mixed["language"] = "de"
                guard params.allSatisfy({ a.ids[$0] != nil }) else {
                    Issue.record("\(key): no id of org A for \(params); extend World")
                    continue
                }
                let path = route.path(mixed)
                let response = try await Self.send(app, route.method, path, key: key, token: tokenB, bodies: bodies,
                                                   raw: raw)
                #expect(response.status == .notFound, "\(key) with A's ids answered \(response.status.code): \(response.text)")
                // The problem's `instance` repeats the request path; nothing else may name A's resources.
                let body = response.text.replacingOccurrences(of: path, with: "")
                #expect(!a.allIDs.contains { body.contains($0) }, "\(key) revealed an id of org A: \(body)")
            }
            // 3. B's lists never contain A's ids.
            for route in routes where route.method == .get {
                let response = try await app.request(.get, route.path(b.ids), token: tokenB)
                for id in a.allIDs { #expect(!response.text.contains(id), "GET \(route.relative) leaked \(id)") }
            }
            // 4. Nothing of A changed.
            let snapshotAfter = try await Self.snapshot(app, a, token: tokenA, routes: routes)
            #expect(snapshotBefore == snapshotAfter)
        }
    }

    @Test("creating in org B with org A's ids in the body is refused and creates nothing",
          arguments: TestDatabase.dialects)
    func foreignReferences(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let a = try await World.make(app, name: "A")
            let b = try await World.make(app, name: "B")
            let tokenB = try await app.login(b.adminEmail)
            let org = "/api/v1/orgs/\(b.ids["orgID"]!)"
            let attempts: [(String, [String: Any])] = [
                ("units", ["buildingID": a.ids["buildingID"]!, "number": "9", "type": "flat", "floor": 1, "sizeSqm": 40,
                           "rooms": 1, "ownershipShareNumerator": 1, "ownershipShareDenominator": 10]),
                ("faults", ["buildingID": a.ids["buildingID"]!, "title": "x", "description": "y", "category": "other"]),
                ("invoices", ["unitID": a.ids["unitID"]!, "number": "X-1", "description": "d", "amountMinor": 100,
                              "currency": "EUR", "issueDate": "2026-01-01", "dueDate": "2026-02-01"]),
                ("payments", ["invoiceID": a.ids["invoiceID"]!, "amountMinor": 100, "currency": "EUR",
                              "receivedOn": "2026-01-05"]),
                ("meters", ["unitID": a.ids["unitID"]!, "kind": "heat", "serialNumber": "H-1"]),
                ("leases", ["unitID": a.ids["unitID"]!, "landlord": ["name": "L"], "tenants": [["name": "T"]],
                            "startDate": "2026-01-01", "rentMinor": 1, "depositMinor": 1, "currency": "EUR"]),
                ("votes", ["buildingID": a.ids["buildingID"]!, "title": "t", "description": "d",
                           "questions": [["text": "q", "options": ["a", "b"]]]]),
                ("reading-windows", ["buildingID": a.ids["buildingID"]!, "title": "t", "opensOn": "2026-01-01",
                                     "closesOn": "2026-01-10"]),
            ]
            for (path, body) in attempts {
                let response = try await app.request(.post, "\(org)/\(path)", token: tokenB, body: body)
                #expect([.notFound, .unprocessableContent].contains(response.status),
                        "POST \(path) with A's ids answered \(response.status.code): \(response.text)")
            }
        }
    }

    struct OrgRoute: Sendable {
        let method: HTTPRequest.Method
        /// Path after `/api/v1/orgs/:orgID/` (empty for the organization itself).
        let relative: String
        let full: String
        var parameters: [String] {
            full.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
        }
        func path(_ ids: [String: String]) -> String {
            "/" + full.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? (ids[String(segment.dropFirst())] ?? String(segment)) : String(segment)
            }.joined(separator: "/")
        }
    }

    static func orgRoutes(_ app: TestApp) async throws -> [OrgRoute] {
        let router = APIRouter.management(try await app.runtime.httpServices())
        let prefix = "/api/v1/orgs/:orgID"
        return router.routes.compactMap { route in
            // RouterPath renders captures as `{name}`; this test works with `:name`.
            var path = route.path.description.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
            if !path.hasPrefix("/") { path = "/" + path }
            guard path.hasPrefix(prefix) else { return nil }
            var relative = String(path.dropFirst(prefix.count))
            if relative.hasPrefix("/") { relative.removeFirst() }
            return OrgRoute(method: route.method, relative: relative, full: path)
        }.sorted { ($0.full, $0.method.rawValue) < ($1.full, $1.method.rawValue) }
    }

    /// A's readable state through its own GET routes.
    static func snapshot(_ app: TestApp, _ a: World, token: String, routes: [OrgRoute]) async throws -> [String: String] {
        var result: [String: String] = [:]
        for route in routes where route.method == .get && !route.relative.contains("content") {
            // Error answers (e.g. search without a query) carry a fresh request id each time and hold no state.
            let response = try await app.request(.get, route.path(a.ids), token: token)
            if response.status == .ok { result[route.full] = response.text }
        }
        return result
    }
}
