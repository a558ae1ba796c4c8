import Foundation
import PPTApp
import PPTAssistant
import PPTDomain
import PPTStorage
import Testing

/// The voice command service over the assistant's world (10 March 2025), with members linked through
/// real OAuth links and grants.
struct VoiceCommandHarness: Sendable {
    let world: AssistantWorld
    let service: VoiceCommandService

    var database: any Database { world.database }

    static func make(_ app: TestApp) async throws -> VoiceCommandHarness {
        let world = try await AssistantWorld.make(app)
        let service = VoiceCommandService(
            services: world.services, gateway: app.runtime.llm.gateway,
            flags: FeatureFlagRepository(database: world.database), logger: TestDatabase.logger)
        return VoiceCommandHarness(world: world, service: service)
    }

    /// The grant behind a fresh access token linking `email` to the world's organization (and `unitID`).
    func grant(_ email: String, unitID: UnitID? = nil, organizationID: OrganizationID? = nil) async throws
        -> VoiceGrant
    {
        let token = try await OAuthTestSupport.linkedToken(
            app: world.app, user: email, organizationID: organizationID ?? world.fixture.organization.id, unitID: unitID)
        let repository = OAuthRepository(database: database, clock: world.app.runtime.clock)
        return try #require(try await repository.grant(forAccessToken: token))
    }

    /// The member's current scope for `grant`, as the webhooks look it up.
    func scope(_ grant: VoiceGrant) async throws -> OrgScope {
        try #require(try await AccountRepository(database: database)
            .scope(userID: grant.userID, organizationID: grant.organizationID))
    }

    /// Says `utterance` (recognized in `locale`) as the member behind `grant`.
    func say(_ utterance: String, _ grant: VoiceGrant, _ locale: AppLocale = .sk,
             pending: VoicePendingAction? = nil) async throws -> VoiceReply {
        var command = VoiceCommandService.recognize(utterance, locale: locale)
        command.pending = pending
        command.deviceID = "device-1"
        return try await service.handle(try await scope(grant), grant: grant, command)
    }

    /// The member's logged commands, newest first.
    func log(_ userID: UserID) async throws -> [VoiceCommandRecord] {
        try await VoiceCommandRepository(database: database).mine(userID: userID, page: PageRequest(limit: 200)).items
    }

    /// Faults of the organization.
    func faultCount() async throws -> Int { try await world.faultCount() }
}
