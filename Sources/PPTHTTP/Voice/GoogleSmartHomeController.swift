import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage
import PPTVoice

/// Google smart-home fulfillment at `POST /api/v1/voice/google` (protocols.md §D).
///
/// Google authenticates with the OAuth access token PPT issued at account linking
/// (`Authorization: Bearer`), not a PPT session JWT, so the route is registered before
/// `AuthenticationMiddleware`, which would reject the opaque token as an invalid JWT. Unknown,
/// expired or revoked tokens, tokens of another platform's client and members who left the
/// organization get 401 with `WWW-Authenticate: Bearer`, which Google reads as "relink".
/// DISCONNECT revokes the link (and so every token of it); the other intents need the
/// organization's `llm.voice_assistant` flag.
package struct GoogleSmartHomeController: Sendable {
    private let database: any Database
    private let clock: any WallClock
    private let featureDefaults: [FeatureFlag: Bool]

    /// A controller over the HTTP layer's database, clock and flag defaults.
    package init(services: HTTPServices) {
        self.database = services.database
        self.clock = services.clock
        self.featureDefaults = services.featureDefaults
    }

    /// Registers `POST /api/v1/voice/google` on the root router (before the JWT middleware).
    package func addRoutes(to router: Router<AppRequestContext>) {
        router.post("api/v1/voice/google", use: fulfil)
    }

    static let invalidToken = APIError(
        status: .unauthorized, code: "voice.invalid_token",
        detail: "The account-linking access token is invalid, expired or revoked; link the account again.")

    @Sendable func fulfil(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw Self.invalidToken }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Self.invalidToken }
        let oauth = OAuthRepository(database: database, clock: clock)
        guard let grant = try await oauth.grant(forAccessToken: String(parts[1])), grant.platform == .google else {
            throw Self.invalidToken
        }
        let body = try await request.decode(as: GoogleSmartHomeRequest.self, context: context)
        context.logger.info("google smart-home intent", metadata: [
            "ppt.org_id": "\(grant.organizationID)", "ppt.voice.link_id": "\(grant.linkID)",
            "ppt.voice.intent": "\(body.inputs.first?.intent ?? "none")",
        ])
        if body.intent == .disconnect {
            try await oauth.revokeLink(linkID: grant.linkID)
            return try GoogleHomeResponseBody(.disconnect).response(from: request, context: context)
        }
        let accounts = AccountRepository(database: database, clock: clock)
        guard let scope = try await accounts.scope(userID: grant.userID, organizationID: grant.organizationID) else {
            throw Self.invalidToken
        }
        let flags = FeatureFlagRepository(database: database, clock: clock, platformDefaults: featureDefaults)
        guard try await flags.isEnabled(organizationID: grant.organizationID, flag: .voiceAssistant) else {
            throw DomainError.llmFeatureDisabled(.voice)
        }
        let snapshot = try await GoogleHomeSnapshotLoader(database: database, clock: clock)
            .snapshot(scope, unitID: grant.unitID)
        let response = GoogleHomeDevices.respond(to: body, agentUserId: grant.linkID, snapshot: snapshot)
        return try GoogleHomeResponseBody(response).response(from: request, context: context)
    }
}

/// Encodes a fulfillment response as plain JSON (Google's format, not PPT's problem/date conventions).
struct GoogleHomeResponseBody: ResponseGenerator {
    let value: GoogleSmartHomeResponse

    init(_ value: GoogleSmartHomeResponse) { self.value = value }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// Reads what a linked member's Google Home shows, through the repositories and so with the member's
/// permissions: the building of the linked unit (or, without one, the buildings the member sees) with
/// the open faults the member may see, and the linked unit's meters with their last readings.
struct GoogleHomeSnapshotLoader: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Statuses that count as open.
    static let openStatuses: Set<FaultStatus> = [.new, .acknowledged, .inProgress, .onHold]
    /// Most buildings shown to a member linked without a unit.
    static let maxBuildings = 20
    /// Most faults counted per building (pages of 200).
    static let maxFaultPages = 10

    func snapshot(_ scope: OrgScope, unitID: UnitID?) async throws -> GoogleHomeSnapshot {
        let properties = PropertyRepository(database: database, clock: clock)
        var buildings: [Building] = []
        var unit: BuildingUnit?
        if let unitID {
            // A unit the member no longer may see shows nothing rather than failing the whole SYNC.
            do {
                unit = try await properties.unit(scope, id: unitID)
            } catch let error as DomainError where error.kind == .notFound || error.kind == .forbidden {
                unit = nil
            }
            if let unit { buildings = [try await properties.building(scope, id: unit.buildingID)] }
        } else if scope.unitFilter != nil {
            for id in scope.buildingIDs.sorted(by: { $0.rawValue < $1.rawValue }).prefix(Self.maxBuildings) {
                buildings.append(try await properties.building(scope, id: id))
            }
        } else {
            buildings = try await properties.buildings(scope, page: PageRequest(limit: Self.maxBuildings)).items
        }
        var statuses: [GoogleHomeSnapshot.BuildingStatus] = []
        for building in buildings {
            let (open, urgent) = try await faultCounts(scope, building: building.id)
            statuses.append(.init(id: building.id, name: building.name, openFaults: open, urgentFaults: urgent))
        }
        var meters: [GoogleHomeSnapshot.MeterStatus] = []
        if let unit {
            let repository = MeterRepository(database: database, clock: clock)
            for meter in try await repository.meters(scope, unitID: unit.id, page: PageRequest(limit: 50)).items {
                let last = try await repository.readings(scope, meterID: meter.id, limit: 1).first
                meters.append(.init(id: meter.id, kind: meter.kind, serialNumber: meter.serialNumber, unit: meter.unit,
                                    lastValue: last?.value, lastReadOn: last?.readOn))
            }
        }
        return GoogleHomeSnapshot(buildings: statuses, meters: meters)
    }

    private func faultCounts(_ scope: OrgScope, building: BuildingID) async throws -> (open: Int, urgent: Int) {
        let faults = FaultRepository(database: database, clock: clock)
        var (open, urgent) = (0, 0)
        var page = PageRequest(limit: 200)
        for _ in 0..<Self.maxFaultPages {
            let result = try await faults.faults(scope, filter: .init(buildingID: building), page: page)
            for fault in result.items where Self.openStatuses.contains(fault.status) {
                open += 1
                if fault.priority == .urgent { urgent += 1 }
            }
            guard let next = result.nextCursor.flatMap(Cursor.init(token:)) else { break }
            page = PageRequest(limit: 200, cursor: next)
        }
        return (open, urgent)
    }
}
