import Foundation
import PPTDomain

/// What a linked member's Google Home shows, read from the database at request time.
///
/// Device choices (the trait model is for appliances; PPT is not one, so only two honest fits):
/// - **Building status** — `action.devices.types.SENSOR` with `action.devices.traits.SensorState`, one
///   descriptive sensor `BuildingFaults` with the states `no open faults`, `open faults` and `urgent fault`
///   and the count of open faults the member may see as `rawValue`.
/// - **Meters of the linked unit** — the same type and trait, one numeric sensor `MeterReading` whose
///   `rawValue` is the last submitted reading and whose unit is the meter's (m³, kWh).
///
/// Both sensor names lie outside Google's table of supported sensors (air quality, smoke, CO, CO₂,
/// particulate matter, water leak, filters...), which has nothing for faults or utility meters: Google
/// accepts the devices but may not speak the values. We do not dress them up as a supported sensor
/// (a fault is not a "water leak"), and `EnergyStorage` describes batteries, not meters. Nothing is
/// commandable: EXECUTE answers `functionNotSupported` (see ``GoogleHomeDevices/execute``).
package struct GoogleHomeSnapshot: Sendable, Hashable {
    /// A building with the open faults the member may see.
    package struct BuildingStatus: Sendable, Hashable {
        /// The building.
        package var id: BuildingID
        /// Its name, spoken by Google.
        package var name: String
        /// Open faults (new, acknowledged, in progress, on hold) the member may see.
        package var openFaults: Int
        /// Open faults of priority `urgent`.
        package var urgentFaults: Int

        /// A building status.
        package init(id: BuildingID, name: String, openFaults: Int, urgentFaults: Int) {
            self.id = id
            self.name = name
            self.openFaults = openFaults
            self.urgentFaults = urgentFaults
        }
    }

    /// A meter with its last reading.
    package struct MeterStatus: Sendable, Hashable {
        /// The meter.
        package var id: MeterID
        /// What it measures.
        package var kind: MeterKind
        /// Its serial number, part of its name.
        package var serialNumber: String
        /// Unit of measure (m³, kWh).
        package var unit: String
        /// The last submitted reading, if any.
        package var lastValue: Double?
        /// The day of that reading.
        package var lastReadOn: CalendarDate?

        /// A meter status.
        package init(id: MeterID, kind: MeterKind, serialNumber: String, unit: String, lastValue: Double?,
                     lastReadOn: CalendarDate?) {
            self.id = id
            self.kind = kind
            self.serialNumber = serialNumber
            self.unit = unit
            self.lastValue = lastValue
            self.lastReadOn = lastReadOn
        }
    }

    /// Building status devices.
    package var buildings: [BuildingStatus]
    /// Meter devices (the linked unit's).
    package var meters: [MeterStatus]

    /// A snapshot.
    package init(buildings: [BuildingStatus], meters: [MeterStatus]) {
        self.buildings = buildings
        self.meters = meters
    }
}

/// Maps a snapshot to SYNC devices, QUERY states and EXECUTE results. Pure.
package enum GoogleHomeDevices {
    /// `action.devices.types.SENSOR`.
    package static let sensorType = "action.devices.types.SENSOR"
    /// `action.devices.traits.SensorState`.
    package static let sensorStateTrait = "action.devices.traits.SensorState"
    /// The building status sensor's name.
    package static let faultsSensor = "BuildingFaults"
    /// The meter sensor's name.
    package static let meterSensor = "MeterReading"
    /// Descriptive states of the building status sensor.
    package static let faultStates = ["no open faults", "open faults", "urgent fault"]

    /// The device id of a building's status.
    package static func deviceID(_ building: BuildingID) -> String { "building-\(building.rawValue)" }
    /// The device id of a meter.
    package static func deviceID(_ meter: MeterID) -> String { "meter-\(meter.rawValue)" }

    /// SYNC: every device of the snapshot.
    package static func devices(_ snapshot: GoogleHomeSnapshot) -> [GoogleDevice] {
        let info = GoogleDevice.Info(manufacturer: "PPT", model: "building-status")
        let buildings = snapshot.buildings.map { building in
            GoogleDevice(
                id: deviceID(building.id), type: sensorType, traits: [sensorStateTrait],
                name: .init(defaultNames: ["PPT building status"], name: "\(building.name) status",
                            nicknames: ["building status", building.name]),
                willReportState: false, roomHint: nil, deviceInfo: info,
                attributes: ["sensorStatesSupported": [
                    ["name": .string(faultsSensor),
                     "descriptiveCapabilities": ["availableStates": .array(faultStates.map(JSONValue.string))]],
                ]])
        }
        let meters = snapshot.meters.map { meter in
            GoogleDevice(
                id: deviceID(meter.id), type: sensorType, traits: [sensorStateTrait],
                name: .init(defaultNames: ["PPT meter"], name: "\(meterName(meter.kind)) meter \(meter.serialNumber)",
                            nicknames: ["\(meterName(meter.kind)) meter"]),
                willReportState: false, roomHint: nil,
                deviceInfo: .init(manufacturer: "PPT", model: "meter-\(meter.kind.rawValue)"),
                attributes: ["sensorStatesSupported": [
                    ["name": .string(meterSensor), "numericCapabilities": ["rawValueUnit": .string(meter.unit)]],
                ]])
        }
        return buildings + meters
    }

    /// QUERY: the state of each requested device; ids the member does not have answer `deviceNotFound`.
    package static func states(_ snapshot: GoogleHomeSnapshot, ids: [String]) -> [String: [String: JSONValue]] {
        var result: [String: [String: JSONValue]] = [:]
        for id in ids {
            if let building = snapshot.buildings.first(where: { deviceID($0.id) == id }) {
                let state = building.urgentFaults > 0 ? faultStates[2] : building.openFaults > 0 ? faultStates[1] : faultStates[0]
                result[id] = ["online": true, "status": "SUCCESS", "currentSensorStateData": [
                    ["name": .string(faultsSensor), "currentSensorState": .string(state),
                     "rawValue": .number(Double(building.openFaults))],
                ]]
            } else if let meter = snapshot.meters.first(where: { deviceID($0.id) == id }) {
                var data: [String: JSONValue] = ["name": .string(meterSensor)]
                if let value = meter.lastValue { data["rawValue"] = .number(value) }
                result[id] = ["online": true, "status": "SUCCESS", "currentSensorStateData": [.object(data)]]
            } else {
                result[id] = ["online": false, "status": "ERROR", "errorCode": "deviceNotFound"]
            }
        }
        return result
    }

    /// EXECUTE: no device of PPT takes commands (a sensor has none, and nothing in the trait model
    /// maps to a PPT action without inventing one), so every known device answers
    /// `functionNotSupported` and unknown ones `deviceNotFound`.
    package static func execute(_ snapshot: GoogleHomeSnapshot, commands: [GoogleSmartHomeRequest.Command])
        -> [GoogleCommandResult]
    {
        let known = Set(snapshot.buildings.map { deviceID($0.id) } + snapshot.meters.map { deviceID($0.id) })
        var unsupported: [String] = []
        var missing: [String] = []
        for command in commands {
            for device in command.devices {
                if known.contains(device.id) {
                    if !unsupported.contains(device.id) { unsupported.append(device.id) }
                } else if !missing.contains(device.id) {
                    missing.append(device.id)
                }
            }
        }
        var results: [GoogleCommandResult] = []
        if !unsupported.isEmpty {
            results.append(GoogleCommandResult(ids: unsupported, status: "ERROR", errorCode: "functionNotSupported"))
        }
        if !missing.isEmpty {
            results.append(GoogleCommandResult(ids: missing, status: "ERROR", errorCode: "deviceNotFound"))
        }
        return results
    }

    /// Answers SYNC, QUERY or EXECUTE for `agentUserId` (the link id). DISCONNECT and the
    /// authentication are the caller's.
    package static func respond(to request: GoogleSmartHomeRequest, agentUserId: String,
                                snapshot: GoogleHomeSnapshot) -> GoogleSmartHomeResponse {
        switch request.intent {
        case .sync:
            return .sync(requestId: request.requestId, agentUserId: agentUserId, devices: devices(snapshot))
        case .query:
            let ids = request.inputs.first?.payload?.devices?.map(\.id) ?? []
            return .query(requestId: request.requestId, devices: states(snapshot, ids: ids))
        case .execute:
            let commands = request.inputs.first?.payload?.commands ?? []
            return .execute(requestId: request.requestId, commands: execute(snapshot, commands: commands))
        case .disconnect:
            return .disconnect
        case nil:
            return .failure(requestId: request.requestId, errorCode: "protocolError")
        }
    }

    private static func meterName(_ kind: MeterKind) -> String {
        switch kind {
        case .coldWater: "cold water"
        case .hotWater: "hot water"
        case .heat: "heat"
        case .electricity: "electricity"
        case .gas: "gas"
        }
    }
}
