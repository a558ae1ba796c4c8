import Foundation
import PPTDomain

/// A Google smart-home fulfillment request (`{"requestId", "inputs": [{"intent", "payload"}]}`).
///
/// Google sends one input per request; the intent names are `action.devices.SYNC`, `QUERY`, `EXECUTE`
/// and `DISCONNECT` (protocols.md §D).
package struct GoogleSmartHomeRequest: Decodable, Sendable, Hashable {
    /// Echoed in the response.
    package var requestId: String
    /// The intents to fulfil (Google sends exactly one).
    package var inputs: [Input]

    /// One intent with its payload.
    package struct Input: Decodable, Sendable, Hashable {
        /// `action.devices.SYNC` and so on.
        package var intent: String
        /// QUERY and EXECUTE carry devices and commands; SYNC and DISCONNECT carry none.
        package var payload: Payload?

        /// An input.
        package init(intent: String, payload: Payload? = nil) {
            self.intent = intent
            self.payload = payload
        }
    }

    /// The payload of QUERY (`devices`) and EXECUTE (`commands`).
    package struct Payload: Decodable, Sendable, Hashable {
        /// QUERY: the devices to report.
        package var devices: [DeviceReference]?
        /// EXECUTE: the commands.
        package var commands: [Command]?

        /// A payload.
        package init(devices: [DeviceReference]? = nil, commands: [Command]? = nil) {
            self.devices = devices
            self.commands = commands
        }
    }

    /// A device named in QUERY or EXECUTE (its `customData` is ignored: state comes from the database).
    package struct DeviceReference: Decodable, Sendable, Hashable {
        /// The device id from SYNC.
        package var id: String

        /// A reference to `id`.
        package init(id: String) { self.id = id }
    }

    /// EXECUTE: commands for a group of devices.
    package struct Command: Decodable, Sendable, Hashable {
        /// The devices the commands are for.
        package var devices: [DeviceReference]
        /// The commands, in order.
        package var execution: [Execution]

        /// A command group.
        package init(devices: [DeviceReference], execution: [Execution]) {
            self.devices = devices
            self.execution = execution
        }
    }

    /// One command, e.g. `action.devices.commands.OnOff` with `params`.
    package struct Execution: Decodable, Sendable, Hashable {
        /// `action.devices.commands.*`.
        package var command: String
        /// The command's parameters.
        package var params: [String: JSONValue]?

        /// A command.
        package init(command: String, params: [String: JSONValue]? = nil) {
            self.command = command
            self.params = params
        }
    }

    /// A request (tests).
    package init(requestId: String, inputs: [Input]) {
        self.requestId = requestId
        self.inputs = inputs
    }

    /// The intent of the request, or `nil` when it names none PPT knows.
    package var intent: GoogleSmartHomeIntent? {
        inputs.first.flatMap { GoogleSmartHomeIntent(rawValue: $0.intent) }
    }
}

/// The smart-home intents.
package enum GoogleSmartHomeIntent: String, Sendable, CaseIterable {
    case sync = "action.devices.SYNC"
    case query = "action.devices.QUERY"
    case execute = "action.devices.EXECUTE"
    case disconnect = "action.devices.DISCONNECT"
}
