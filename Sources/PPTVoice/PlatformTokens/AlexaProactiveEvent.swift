import Foundation
import PPTDomain

/// A Proactive Events API request body (`POST /v1/proactiveEvents/`): one `AMAZON.MessageAlert.Activated`
/// event for one user (Unicast), the closest schema to "your fault was resolved" — Alexa announces
/// "a new message from <creator>" and the skill tells the details when asked.
package struct AlexaProactiveEvent: Sendable, Hashable {
    /// Alexa's user id (`amzn1.ask.account...`) of the recipient.
    package var alexaUserID: String
    /// Unique per event; Alexa rejects a second event with the same reference.
    package var referenceID: String
    /// Who the message is from (the organization's name).
    package var creatorName: String
    /// When the event happened.
    package var timestamp: Date
    /// Alexa requires 5 minutes to 24 hours after `timestamp`.
    package var expiryTime: Date

    /// An event for one user, expiring after `lifetime` (clamped to Alexa's 5 minutes to 24 hours).
    package init(alexaUserID: String, referenceID: String, creatorName: String, timestamp: Date,
                 lifetime: TimeInterval = 24 * 3600 - 60) {
        self.alexaUserID = alexaUserID
        self.referenceID = referenceID
        self.creatorName = creatorName
        self.timestamp = timestamp
        self.expiryTime = timestamp.addingTimeInterval(min(max(lifetime, 300), 24 * 3600))
    }

    /// The JSON body.
    package var body: JSONValue {
        [
            "timestamp": .string(Self.format(timestamp)),
            "referenceId": .string(referenceID),
            "expiryTime": .string(Self.format(expiryTime)),
            "event": [
                "name": "AMAZON.MessageAlert.Activated",
                "payload": [
                    "state": ["status": "UNREAD", "freshness": "NEW"],
                    "messageGroup": ["creator": ["name": .string(String(creatorName.prefix(100)))], "count": 1],
                ],
            ],
            "localizedAttributes": [],
            "relevantAudience": ["type": "Unicast", "payload": ["user": .string(alexaUserID)]],
        ]
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
