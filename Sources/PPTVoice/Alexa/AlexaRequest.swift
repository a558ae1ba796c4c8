import Foundation
import PPTDomain

/// An Alexa Skills Kit request body (the fields PPT reads).
package struct AlexaRequestEnvelope: Decodable, Sendable {
    package var version: String?
    package var session: AlexaSession?
    package var context: AlexaContext?
    package var request: AlexaRequestBody

    /// The account-linking access token: `context.System.user.accessToken`, else `session.user.accessToken`.
    package var accessToken: String? {
        let token = context?.system.user?.accessToken ?? session?.user?.accessToken
        return token?.isEmpty == false ? token : nil
    }

    /// Every application id the request names (context and session).
    package var applicationIDs: [String] {
        [context?.system.application?.applicationId, session?.application?.applicationId].compactMap { $0 }
    }

    /// The device id, when the request has one.
    package var deviceID: String? { context?.system.device?.deviceId }

    /// The skill-scoped Alexa user id (what the Proactive Events API addresses).
    package var alexaUserID: String? {
        let id = context?.system.user?.userId ?? session?.user?.userId
        return id?.isEmpty == false ? id : nil
    }

    /// The request's language as PPT speaks it: `sk-SK` → sk, `cs-CZ` → cs, `de-*` → de, otherwise en.
    package var locale: AppLocale {
        let language = (request.locale ?? "en").split(whereSeparator: { $0 == "-" || $0 == "_" }).first
            .map { $0.lowercased() } ?? "en"
        return AppLocale(rawValue: language) ?? .en
    }
}

/// `session`.
package struct AlexaSession: Decodable, Sendable {
    package var new: Bool?
    package var sessionId: String?
    package var application: AlexaApplication?
    package var attributes: AlexaSessionAttributes?
    package var user: AlexaUser?
}

/// `application`.
package struct AlexaApplication: Codable, Sendable {
    package var applicationId: String
}

/// `user`.
package struct AlexaUser: Decodable, Sendable {
    package var userId: String?
    package var accessToken: String?
}

/// `context`.
package struct AlexaContext: Decodable, Sendable {
    package var system: AlexaSystem

    enum CodingKeys: String, CodingKey { case system = "System" }
}

/// `context.System`.
package struct AlexaSystem: Decodable, Sendable {
    package var application: AlexaApplication?
    package var user: AlexaUser?
    package var device: AlexaDevice?
}

/// `context.System.device`.
package struct AlexaDevice: Decodable, Sendable {
    package var deviceId: String?
}

/// `request`.
package struct AlexaRequestBody: Decodable, Sendable {
    /// `LaunchRequest`, `IntentRequest`, `SessionEndedRequest`, `AlexaSkillEvent.*`, …
    package var type: String
    package var requestId: String?
    /// ISO 8601.
    package var timestamp: String?
    package var locale: String?
    package var intent: AlexaIntent?
    /// `SessionEndedRequest`'s reason.
    package var reason: String?
}

/// `request.intent`.
package struct AlexaIntent: Decodable, Sendable {
    package var name: String
    package var slots: [String: AlexaSlot]?
    package var confirmationStatus: String?

    /// Slot values that were filled, by slot name.
    package var filledSlots: [String: String] {
        var values: [String: String] = [:]
        for (name, slot) in slots ?? [:] {
            if let value = slot.value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                values[name] = value
            }
        }
        return values
    }
}

/// `request.intent.slots.<name>`.
package struct AlexaSlot: Decodable, Sendable {
    package var name: String?
    package var value: String?
}

/// PPT's session attributes: the confirmation waiting for a yes or no.
package struct AlexaSessionAttributes: Codable, Sendable, Hashable {
    /// The pending action (`VoicePendingAction`'s shape: `intent`, `arguments`).
    package var pending: AlexaPendingAction?

    package init(pending: AlexaPendingAction? = nil) { self.pending = pending }
}

/// A pending confirmation as carried in the session.
package struct AlexaPendingAction: Codable, Sendable, Hashable {
    /// The `VoiceIntent` raw value.
    package var intent: String
    package var arguments: [String: String]

    package init(intent: String, arguments: [String: String]) {
        self.intent = intent
        self.arguments = arguments
    }
}
