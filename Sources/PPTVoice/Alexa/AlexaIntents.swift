import Foundation
import PPTDomain

/// The skill's intents (deploy/alexa/*.json) and the voice intents they stand for, as
/// `VoiceIntent` raw values (PPTAssistant owns that type).
package enum AlexaIntents {
    /// Alexa intent name → `VoiceIntent` raw value.
    package static let voiceIntents: [String: String] = [
        "CheckBalanceIntent": "check_balance",
        "ReportFaultIntent": "report_fault",
        "MyFaultsIntent": "my_faults",
        "AnnouncementsIntent": "announcements",
        "NextMeterReadingIntent": "next_meter_reading",
        "SubmitMeterReadingIntent": "submit_meter_reading",
        "ContactManagerIntent": "contact_manager",
        "AskQuestionIntent": "question",
        "AMAZON.HelpIntent": "help",
        "AMAZON.YesIntent": "confirm",
        "AMAZON.NoIntent": "deny",
        "AMAZON.StopIntent": "stop",
        "AMAZON.CancelIntent": "stop",
        // Alexa did not match an utterance: say what the skill can do.
        "AMAZON.FallbackIntent": "help",
    ]

    /// The slots each intent carries (names shared with `VoiceCommand.slots`).
    package static let slots: [String: [String]] = [
        "ReportFaultIntent": ["description", "location"],
        "SubmitMeterReadingIntent": ["value", "meter"],
        "ContactManagerIntent": ["message"],
        "AskQuestionIntent": ["query"],
    ]

    /// The `VoiceIntent` raw value for an Alexa intent; unknown intents get help.
    package static func voiceIntent(for name: String) -> String { voiceIntents[name] ?? "help" }

    /// The filled slots of `intent` that the voice command knows.
    package static func slots(of intent: AlexaIntent) -> [String: String] {
        let known = Set(slots[intent.name] ?? [])
        return intent.filledSlots.filter { known.contains($0.key) }
    }
}

/// What the skill says itself, before a voice command runs.
package enum AlexaPhrases {
    /// Asked when the request has no valid linked account.
    package static func linkAccount(_ locale: AppLocale) -> String {
        switch locale {
        case .sk: "Ak chcete používať tento skill, prepojte svoj účet PPT v aplikácii Alexa."
        case .cs: "Chcete-li používat tento skill, propojte svůj účet PPT v aplikaci Alexa."
        case .de: "Um diesen Skill zu nutzen, verknüpfe dein PPT-Konto in der Alexa-App."
        case .en: "To use this skill, please link your PPT account in the Alexa app."
        }
    }

    /// The greeting of a launch.
    package static func welcome(_ locale: AppLocale) -> String {
        switch locale {
        case .sk: "Vitajte v PPT."
        case .cs: "Vítejte v PPT."
        case .de: "Willkommen bei PPT."
        case .en: "Welcome to PPT."
        }
    }

    /// The reprompt of an open session.
    package static func reprompt(_ locale: AppLocale) -> String {
        switch locale {
        case .sk: "Čo chcete urobiť?"
        case .cs: "Co chcete udělat?"
        case .de: "Was möchtest du tun?"
        case .en: "What would you like to do?"
        }
    }

    /// Said when a command could not be carried out.
    package static func failure(_ locale: AppLocale) -> String {
        switch locale {
        case .sk: "Prepáčte, to sa teraz nepodarilo."
        case .cs: "Promiňte, to se teď nepovedlo."
        case .de: "Entschuldigung, das hat gerade nicht geklappt."
        case .en: "Sorry, I couldn't do that right now."
        }
    }
}
