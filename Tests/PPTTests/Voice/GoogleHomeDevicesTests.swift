import Foundation
import PPTDomain
import PPTVoice
import Testing

/// The pure mapping of PPT data to Google smart-home devices and states.
@Suite("Google home devices")
struct GoogleHomeDevicesTests {
    static let building = BuildingID(trusted: "b1")
    static let meter = MeterID(trusted: "m1")
    static func snapshot(open: Int, urgent: Int, reading: Double?) -> GoogleHomeSnapshot {
        GoogleHomeSnapshot(
            buildings: [.init(id: building, name: "Main 1", openFaults: open, urgentFaults: urgent)],
            meters: [.init(id: meter, kind: .electricity, serialNumber: "E-1", unit: "kWh", lastValue: reading,
                           lastReadOn: nil)])
    }

    @Test("Building states follow the open and urgent fault counts")
    func buildingStates() {
        let cases: [(Int, Int, String)] = [(0, 0, "no open faults"), (3, 0, "open faults"), (3, 1, "urgent fault")]
        for (open, urgent, expected) in cases {
            let state = GoogleHomeDevices.states(Self.snapshot(open: open, urgent: urgent, reading: nil),
                                                 ids: ["building-b1"])["building-b1"]
            guard case .array(let data)? = state?["currentSensorStateData"], case .object(let sensor)? = data.first
            else { Issue.record("no sensor data"); continue }
            #expect(sensor["currentSensorState"] == .string(expected))
            #expect(sensor["rawValue"] == .number(Double(open)))
            #expect(state?["status"] == "SUCCESS")
        }
    }

    @Test("SYNC describes sensors that never report state, with the meter's unit")
    func sync() throws {
        let devices = GoogleHomeDevices.devices(Self.snapshot(open: 0, urgent: 0, reading: 7))
        #expect(devices.map(\.id) == ["building-b1", "meter-m1"])
        #expect(devices.allSatisfy { !$0.willReportState && $0.traits == [GoogleHomeDevices.sensorStateTrait] })
        guard case .array(let sensors)? = devices[1].attributes["sensorStatesSupported"],
              case .object(let sensor)? = sensors.first else { Issue.record("no sensors"); return }
        #expect(sensor["numericCapabilities"] == ["rawValueUnit": "kWh"])
    }

    @Test("An unknown intent is a protocol error; DISCONNECT encodes as an empty object")
    func intents() throws {
        let unknown = GoogleSmartHomeRequest(requestId: "r", inputs: [.init(intent: "action.devices.WHATEVER")])
        let response = GoogleHomeDevices.respond(to: unknown, agentUserId: "l", snapshot: Self.snapshot(
            open: 0, urgent: 0, reading: nil))
        #expect(response == .failure(requestId: "r", errorCode: "protocolError"))
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode(GoogleSmartHomeResponse.disconnect), as: UTF8.self) == "{}")
    }

    @Test("The LWA token response is parsed and malformed ones are refused")
    func lwa() throws {
        let now = Date(timeIntervalSince1970: 1000)
        let token = try LoginWithAmazon.parseTokenResponse(
            Data(#"{"access_token":"Atc|x","token_type":"bearer","expires_in":3600,"scope":"alexa::proactive_events"}"#.utf8),
            now: now)
        #expect(token == PlatformAccessToken(accessToken: "Atc|x", expiresAt: now.addingTimeInterval(3600)))
        #expect(throws: PlatformTokenError.self) {
            try LoginWithAmazon.parseTokenResponse(Data(#"{"error":"invalid_client"}"#.utf8), now: now)
        }
        let policy = PlatformTokenPolicy(margin: 300)
        #expect(policy.needsRefresh(expiresAt: nil, now: now))
        #expect(policy.needsRefresh(expiresAt: now.addingTimeInterval(300), now: now))
        #expect(!policy.needsRefresh(expiresAt: now.addingTimeInterval(301), now: now))
    }
}
