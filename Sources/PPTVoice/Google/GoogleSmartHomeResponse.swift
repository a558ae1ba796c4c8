import Foundation
import PPTDomain

/// A device as SYNC describes it.
package struct GoogleDevice: Encodable, Sendable, Hashable {
    /// The names Google shows and understands.
    package struct Name: Encodable, Sendable, Hashable {
        /// Names the manufacturer gives.
        package var defaultNames: [String]
        /// The name the user sees.
        package var name: String
        /// Other names Google understands.
        package var nicknames: [String]
    }

    /// Manufacturer details shown in the Home app.
    package struct Info: Encodable, Sendable, Hashable {
        /// `PPT`.
        package var manufacturer: String
        /// The kind of device.
        package var model: String
    }

    /// Stable device id (`building-…`, `meter-…`).
    package var id: String
    /// `action.devices.types.*`.
    package var type: String
    /// `action.devices.traits.*`.
    package var traits: [String]
    /// Its names.
    package var name: Name
    /// Always `false`: PPT does not push state to HomeGraph (no service account; Google queries).
    package var willReportState: Bool
    /// The room Google suggests (none).
    package var roomHint: String?
    /// Manufacturer details.
    package var deviceInfo: Info
    /// Trait attributes.
    package var attributes: [String: JSONValue]
}

/// The result of one EXECUTE command group.
package struct GoogleCommandResult: Encodable, Sendable, Hashable {
    /// The devices with this outcome.
    package var ids: [String]
    /// `SUCCESS`, `PENDING`, `OFFLINE`, `EXCEPTIONS` or `ERROR`.
    package var status: String
    /// Google's error code for `ERROR`.
    package var errorCode: String?
}

/// The response body of a fulfilled intent.
package enum GoogleSmartHomeResponse: Encodable, Sendable, Hashable {
    /// SYNC: the user's devices.
    case sync(requestId: String, agentUserId: String, devices: [GoogleDevice])
    /// QUERY: device id → state (each with `online` and `status`).
    case query(requestId: String, devices: [String: [String: JSONValue]])
    /// EXECUTE: one result per (status, error code) group.
    case execute(requestId: String, commands: [GoogleCommandResult])
    /// DISCONNECT: an empty object.
    case disconnect
    /// A request-level failure (`payload.errorCode`, e.g. `protocolError` for an unknown intent).
    case failure(requestId: String, errorCode: String)

    private enum Keys: String, CodingKey { case requestId, payload }
    private enum PayloadKeys: String, CodingKey { case agentUserId, devices, commands, errorCode }

    package func encode(to encoder: any Encoder) throws {
        if case .disconnect = self {
            _ = encoder.container(keyedBy: Keys.self)
            return
        }
        var container = encoder.container(keyedBy: Keys.self)
        var payload = container.nestedContainer(keyedBy: PayloadKeys.self, forKey: .payload)
        switch self {
        case .sync(let requestId, let agentUserId, let devices):
            try container.encode(requestId, forKey: .requestId)
            try payload.encode(agentUserId, forKey: .agentUserId)
            try payload.encode(devices, forKey: .devices)
        case .query(let requestId, let devices):
            try container.encode(requestId, forKey: .requestId)
            try payload.encode(devices, forKey: .devices)
        case .execute(let requestId, let commands):
            try container.encode(requestId, forKey: .requestId)
            try payload.encode(commands, forKey: .commands)
        case .failure(let requestId, let errorCode):
            try container.encode(requestId, forKey: .requestId)
            try payload.encode(errorCode, forKey: .errorCode)
        case .disconnect:
            break
        }
    }
}
