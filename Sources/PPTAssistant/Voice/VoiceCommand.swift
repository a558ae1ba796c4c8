import Foundation
import PPTDomain

/// What a resident can ask by voice. Platform adapters (the Alexa skill's intents, recognized
/// utterances) map their requests to these; `VoiceCommandService` runs them through the assistant's
/// tool layer with the linked member's permissions.
package enum VoiceIntent: String, Codable, Sendable, CaseIterable {
    /// "What do I owe?"
    case checkBalance = "check_balance"
    /// "Report that the hallway light is broken" (slots `description`, `location`); confirmed first.
    case reportFault = "report_fault"
    /// "What are my open faults?"
    case myFaults = "my_faults"
    /// "Any news from the building?"
    case announcements
    /// "When is the next meter reading?"
    case nextMeterReading = "next_meter_reading"
    /// "Submit 1234 for the water meter" (slots `value`, `meter`); the value is read back and confirmed.
    case submitMeterReading = "submit_meter_reading"
    /// "Tell the manager that …" (slot `message`): a notification to the organization's managers.
    case contactManager = "contact_manager"
    /// "What can you do?"
    case help
    /// Yes to a pending confirmation.
    case confirm
    /// No to a pending confirmation.
    case deny
    /// Stop or cancel.
    case stop
    /// Anything else: a free-form question for the assistant, answered at voice length (slot `query`).
    case question
}

/// A confirmation the device is waiting for, carried between turns in the platform's session
/// (Alexa session attributes): what would be done, with its arguments, once the user says yes.
package struct VoicePendingAction: Codable, Sendable, Hashable {
    /// `report_fault` or `submit_meter_reading`.
    package var intent: VoiceIntent
    /// The validated arguments (slot values), as the tool takes them.
    package var arguments: [String: String]

    package init(intent: VoiceIntent, arguments: [String: String]) {
        self.intent = intent
        self.arguments = arguments
    }
}

/// One voice request, platform-neutral.
package struct VoiceCommand: Sendable, Hashable {
    package var intent: VoiceIntent
    /// Slot values by name (`description`, `location`, `value`, `meter`, `message`, `query`).
    package var slots: [String: String]
    /// What the user said, when the platform gives it.
    package var utterance: String?
    /// The request's language.
    package var locale: AppLocale
    /// The confirmation pending from the previous turn, if any.
    package var pending: VoicePendingAction?
    /// The device or platform request id, for the command log.
    package var deviceID: String?

    package init(intent: VoiceIntent, slots: [String: String] = [:], utterance: String? = nil, locale: AppLocale,
                 pending: VoicePendingAction? = nil, deviceID: String? = nil) {
        self.intent = intent
        self.slots = slots
        self.utterance = utterance
        self.locale = locale
        self.pending = pending
        self.deviceID = deviceID
    }
}

/// A voice answer, platform-neutral: adapters render it in their response format.
package struct VoiceReply: Sendable, Hashable {
    /// Plain text to speak (numbers and dates already written the way they are said).
    package var speech: String
    /// The same as SSML (`<speak>…</speak>`) where it helps pronunciation, else `nil`.
    package var ssml: String?
    /// A card for the companion app: title and text.
    package var cardTitle: String?
    package var cardText: String?
    /// What to say if the user does not answer (keeps the session open).
    package var reprompt: String?
    /// Whether the conversation ends with this answer.
    package var endSession: Bool
    /// The confirmation now pending (to carry into the next turn).
    package var pending: VoicePendingAction?

    package init(speech: String, ssml: String? = nil, cardTitle: String? = nil, cardText: String? = nil,
                 reprompt: String? = nil, endSession: Bool, pending: VoicePendingAction? = nil) {
        self.speech = speech
        self.ssml = ssml
        self.cardTitle = cardTitle
        self.cardText = cardText
        self.reprompt = reprompt
        self.endSession = endSession
        self.pending = pending
    }
}
