import Foundation
import PPTDomain

/// A text in each language PPT speaks.
package struct LocalizedText: Codable, Sendable, Hashable {
    package var sk: String
    package var cs: String
    package var de: String
    package var en: String

    package init(sk: String, cs: String, de: String, en: String) {
        self.sk = sk
        self.cs = cs
        self.de = de
        self.en = en
    }

    /// The text in `locale`.
    package subscript(_ locale: AppLocale) -> String {
        switch locale {
        case .sk: sk
        case .cs: cs
        case .de: de
        case .en: en
        }
    }
}

/// What kind of value a scenario field holds, and how a request gives it.
package enum AnnouncementFieldType: String, Codable, Sendable, CaseIterable {
    /// A short text, used as written (`"Blok A, vchody 1–3"`).
    case text
    /// A list of short texts (`["Správa o hospodárení", "Voľba výboru"]`).
    case list
    /// A calendar day, `YYYY-MM-DD`.
    case date
    /// A time of day, `HH:MM` (24 hours).
    case time
    /// An amount: `{"amountMinor": 3550, "currency": "EUR"}` (currency defaults to the organization's).
    case money
    /// One of the field's `options` (written in the announcement in its language).
    case choice
}

/// One option of a `choice` field: its key and what it is called, and how an announcement says it.
package struct AnnouncementFieldOption: Codable, Sendable, Hashable {
    /// The value a request gives.
    package var key: String
    /// Its name in each language (for forms).
    package var names: LocalizedText

    package init(_ key: String, _ names: LocalizedText) {
        self.key = key
        self.names = names
    }
}

/// One input of a scenario.
package struct AnnouncementField: Codable, Sendable, Hashable {
    /// The key under `fields` in a request (`date`, `fromTime`, ...).
    package var name: String
    package var type: AnnouncementFieldType
    /// Whether a request must give it.
    package var required: Bool
    /// The label in each language (forms, and the detailed draft's list of facts).
    package var labels: LocalizedText
    /// The allowed values of a `choice` field (empty otherwise).
    package var options: [AnnouncementFieldOption]

    package init(_ name: String, _ type: AnnouncementFieldType, required: Bool = true, labels: LocalizedText,
                 options: [AnnouncementFieldOption] = []) {
        self.name = name
        self.type = type
        self.required = required
        self.labels = labels
        self.options = options
    }
}

/// A kind of announcement with its own inputs (water outage, annual meeting, ...), or `custom`
/// (a free topic without fields).
package struct AnnouncementScenario: Codable, Sendable, Hashable {
    /// Stable key (`water_outage`, ..., `custom`).
    package var key: String
    package var names: LocalizedText
    package var fields: [AnnouncementField]
    /// Whether a request must give a `topic` (only `custom`, whose subject is the topic).
    package var requiresTopic: Bool

    package init(key: String, names: LocalizedText, fields: [AnnouncementField], requiresTopic: Bool = false) {
        self.key = key
        self.names = names
        self.fields = fields
        self.requiresTopic = requiresTopic
    }

    /// The field called `name`.
    package func field(_ name: String) -> AnnouncementField? { fields.first { $0.name == name } }
}

/// How pressing an announcement is.
package enum AnnouncementUrgency: String, Codable, Sendable, CaseIterable {
    case low, normal, high, critical
}

/// The voice of an announcement.
package enum AnnouncementTone: String, Codable, Sendable, CaseIterable {
    case formal, friendly, neutral
}

/// The three structures of alternative drafts, in the order they are offered.
package enum AnnouncementDraftStyle: String, Codable, Sendable, CaseIterable {
    /// Title and a few sentences: what, when, what to do.
    case shortNotice = "short_notice"
    /// Greeting, explanation, the facts as a list, key points, what to do, closing.
    case detailed
    /// A friendly reminder in running text that ends with thanks.
    case friendlyReminder = "friendly_reminder"
}
