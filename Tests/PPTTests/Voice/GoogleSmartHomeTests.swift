import Foundation
import HTTPTypes
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@testable import PPTHTTP

/// Google smart-home fulfillment over HTTP with real OAuth account-linking tokens.
@Suite("Google smart home")
struct GoogleSmartHomeTests {
    static let path = "/api/v1/voice/google"

    /// A linked Google token of the World's tenant for its unit, with the link id.
    static func link(_ app: TestApp, _ world: World, platform: VoicePlatform = .google) async throws -> (String, String) {
        let pair = try await OAuthTestSupport.linked(
            app: app, user: world.tenantEmail, organizationID: world.fixture.organization.id,
            unitID: world.fixture.unit.id, platform: platform)
        return (pair.accessToken, pair.linkID)
    }

    static func intent(_ app: TestApp, _ token: String?, _ intent: String, payload: [String: Any]? = nil,
                       requestID: String = "req-1") async throws -> TestApp.Result {
        var input: [String: Any] = ["intent": intent]
        if let payload { input["payload"] = payload }
        return try await app.request(.post, path, token: token, body: ["requestId": requestID, "inputs": [input]])
    }

    static func devices(_ result: TestApp.Result) -> [[String: Any]] {
        ((result.json?["payload"] as? [String: Any])?["devices"] as? [[String: Any]]) ?? []
    }

    static func states(_ result: TestApp.Result) -> [String: [String: Any]] {
        ((result.json?["payload"] as? [String: Any])?["devices"] as? [String: [String: Any]]) ?? [:]
    }

    @Test("SYNC lists the building status and the unit's meters under the link id", arguments: TestDatabase.dialects)
    func sync(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let world = try await World.make(app, name: "GSync")
            let (token, linkID) = try await Self.link(app, world)
            let result = try await Self.intent(app, token, "action.devices.SYNC", requestID: "sync-7")
            #expect(result.status == .ok)
            #expect(result.json?["requestId"] as? String == "sync-7")
            let payload = try #require(result.json?["payload"] as? [String: Any])
            let agent = try #require(payload["agentUserId"] as? String)
            #expect(agent == linkID)
            #expect(!agent.contains("@"))
            let devices = Self.devices(result)
            let ids = Set(devices.compactMap { $0["id"] as? String })
            #expect(ids == ["building-\(world.ids["buildingID"]!)", "meter-\(world.ids["meterID"]!)"])
            for device in devices {
                #expect(device["type"] as? String == "action.devices.types.SENSOR")
                #expect(device["traits"] as? [String] == ["action.devices.traits.SensorState"])
                #expect(device["willReportState"] as? Bool == false)
                #expect((device["name"] as? [String: Any])?["name"] is String)
            }
        }
    }

    @Test("QUERY reports open and urgent faults and the last meter reading from the database",
          arguments: TestDatabase.dialects)
    func query(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let world = try await World.make(app, name: "GQuery")
            let (token, _) = try await Self.link(app, world)
            let building = "building-\(world.ids["buildingID"]!)"
            let meter = "meter-\(world.ids["meterID"]!)"
            let body: [String: Any] = ["devices": [["id": building], ["id": meter], ["id": "building-nope"]]]

            var states = Self.states(try await Self.intent(app, token, "action.devices.QUERY", payload: body))
            var sensor = (states[building]?["currentSensorStateData"] as? [[String: Any]])?.first
            #expect(states[building]?["online"] as? Bool == true)
            #expect(states[building]?["status"] as? String == "SUCCESS")
            #expect(sensor?["currentSensorState"] as? String == "open faults")
            #expect(sensor?["rawValue"] as? Int == 1)
            #expect((states[meter]?["currentSensorStateData"] as? [[String: Any]])?.first?["rawValue"] == nil)
            #expect(states["building-nope"]?["status"] as? String == "ERROR")
            #expect(states["building-nope"]?["errorCode"] as? String == "deviceNotFound")

            let database = app.runtime.database
            _ = try await FaultRepository(database: database).report(world.fixture.tenant, FaultInput(
                buildingID: world.fixture.building.id, unitID: world.fixture.unit.id, title: "Gas smell",
                description: "Staircase", category: .other, priority: .urgent))
            _ = try await MeterRepository(database: database).submitReading(
                world.fixture.admin, meterID: try #require(MeterID(world.ids["meterID"]!)), ReadingInput(value: 42.5))

            states = Self.states(try await Self.intent(app, token, "action.devices.QUERY", payload: body))
            sensor = (states[building]?["currentSensorStateData"] as? [[String: Any]])?.first
            #expect(sensor?["currentSensorState"] as? String == "urgent fault")
            #expect(sensor?["rawValue"] as? Int == 2)
            let reading = (states[meter]?["currentSensorStateData"] as? [[String: Any]])?.first
            #expect((reading?["rawValue"] as? NSNumber)?.doubleValue == 42.5)
        }
    }

    @Test("EXECUTE answers functionNotSupported for PPT devices and deviceNotFound for others",
          arguments: TestDatabase.dialects)
    func execute(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let world = try await World.make(app, name: "GExec")
            let (token, _) = try await Self.link(app, world)
            let building = "building-\(world.ids["buildingID"]!)"
            let result = try await Self.intent(app, token, "action.devices.EXECUTE", payload: ["commands": [[
                "devices": [["id": building], ["id": "meter-unknown"]],
                "execution": [["command": "action.devices.commands.OnOff", "params": ["on": true]]],
            ]]])
            #expect(result.status == .ok)
            let commands = try #require((result.json?["payload"] as? [String: Any])?["commands"] as? [[String: Any]])
            #expect(commands.count == 2)
            let unsupported = commands.first { $0["errorCode"] as? String == "functionNotSupported" }
            #expect(unsupported?["ids"] as? [String] == [building])
            #expect(unsupported?["status"] as? String == "ERROR")
            let missing = commands.first { $0["errorCode"] as? String == "deviceNotFound" }
            #expect(missing?["ids"] as? [String] == ["meter-unknown"])
        }
    }

    @Test("DISCONNECT revokes the link: it answers {} and the token no longer works", arguments: TestDatabase.dialects)
    func disconnect(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let world = try await World.make(app, name: "GDisc")
            let (token, linkID) = try await Self.link(app, world)
            let result = try await Self.intent(app, token, "action.devices.DISCONNECT")
            #expect(result.status == .ok)
            #expect(result.text == "{}")
            let after = try await Self.intent(app, token, "action.devices.SYNC")
            #expect(after.status == .unauthorized)
            #expect(after.headers[.wwwAuthenticate] == "Bearer")
            let oauth = OAuthRepository(database: app.runtime.database)
            #expect(try await oauth.links(userID: world.fixture.tenantUser.id).contains { $0.id == linkID } == false)
        }
    }

    @Test("Missing, unknown, non-bearer and other-platform tokens get 401 with WWW-Authenticate")
    func invalidTokens() async throws {
        try await TestApp.with(.sqlite) { app async throws in
            let world = try await World.make(app, name: "GAuth")
            let (alexaToken, _) = try await Self.link(app, world, platform: .alexa)
            let jwt = try await app.login(world.tenantEmail)
            for token in [nil, "not-a-token", alexaToken, jwt] as [String?] {
                let result = try await Self.intent(app, token, "action.devices.SYNC")
                #expect(result.status == .unauthorized, "token \(token ?? "none")")
                #expect(result.headers[.wwwAuthenticate] == "Bearer")
            }
            let basic = try await app.request(.post, Self.path, body: ["requestId": "r", "inputs": []],
                                              headers: [.authorization: "Basic Zm9vOmJhcg=="])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test("The voice flag switched off refuses SYNC but DISCONNECT still unlinks")
    func flagOff() async throws {
        try await TestApp.with(.sqlite) { app async throws in
            let world = try await World.make(app, name: "GFlag")
            let (token, _) = try await Self.link(app, world)
            _ = try await FeatureFlagRepository(database: app.runtime.database)
                .set(world.fixture.admin, flag: .voiceAssistant, enabled: false)
            let result = try await Self.intent(app, token, "action.devices.SYNC")
            #expect(result.status == .forbidden)
            #expect(result.json?["code"] as? String == "llm.feature_disabled")
            #expect(try await Self.intent(app, token, "action.devices.DISCONNECT").status == .ok)
            #expect(try await Self.intent(app, token, "action.devices.SYNC").status == .unauthorized)
        }
    }

    @Test("A token of organization A never shows organization B's devices", arguments: TestDatabase.dialects)
    func tenancy(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app async throws in
            let a = try await World.make(app, name: "GTenA")
            let b = try await World.make(app, name: "GTenB")
            let (token, _) = try await Self.link(app, a)
            let sync = try await Self.intent(app, token, "action.devices.SYNC")
            let ids = Set(Self.devices(sync).compactMap { $0["id"] as? String })
            #expect(ids.contains("building-\(a.ids["buildingID"]!)"))
            #expect(!sync.text.contains(b.ids["buildingID"]!))
            #expect(!sync.text.contains(b.ids["meterID"]!))
            let foreign = ["building-\(b.ids["buildingID"]!)", "meter-\(b.ids["meterID"]!)"]
            let states = Self.states(try await Self.intent(app, token, "action.devices.QUERY",
                                                           payload: ["devices": foreign.map { ["id": $0] }]))
            for id in foreign { #expect(states[id]?["errorCode"] as? String == "deviceNotFound") }
        }
    }
}
