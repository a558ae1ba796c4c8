import Foundation
import PPTDomain
import PPTStorage

/// What a voice command came to: the reply, and for the log what was done and how it ended.
struct VoiceOutcome: Sendable {
    var reply: VoiceReply
    /// What was done (`fault:<id>`, `meter_reading:<id>`, `notification:<count>`, `pending:<intent>`, …).
    var action: String?
    var result: VoiceCommandResult
    var errorCode: String?

    init(_ reply: VoiceReply, action: String? = nil, result: VoiceCommandResult = .ok, errorCode: String? = nil) {
        self.reply = reply
        self.action = action
        self.result = result
        self.errorCode = errorCode
    }

    /// A refusal the member hears: what they may not do, what was not valid, what does not exist.
    static func refusal(_ error: DomainError, locale: AppLocale) -> VoiceOutcome {
        let speech: String
        switch error.kind {
        case .forbidden:
            speech = error.code == DomainError.llmFeatureDisabled(.voice).code
                ? VoicePhrases.switchedOff(locale)
                : error.code == "voice.scope_missing" ? VoicePhrases.askOnly(locale)
                : AssistantText.pick(locale, sk: "Na toto nemáte oprávnenie.", cs: "K tomu nemáte oprávnění.",
                                     de: "Dazu sind Sie nicht berechtigt.", en: "You are not allowed to do that.")
        case .notFound:
            speech = AssistantText.pick(locale, sk: "To som nenašla.", cs: "To jsem nenašla.",
                                        de: "Das habe ich nicht gefunden.", en: "I could not find that.")
        case .conflict:
            speech = error.code == "reading.window_closed"
                ? AssistantText.pick(locale, sk: "Odpočet meračov teraz nie je otvorený, stav sa nedá zapísať.",
                                     cs: "Odečet měřidel teď není otevřený, stav nelze zapsat.",
                                     de: "Die Zählerablesung ist gerade nicht offen, der Stand kann nicht erfasst werden.",
                                     en: "No meter reading period is open, so the reading cannot be submitted.")
                : AssistantText.pick(locale, sk: "To teraz nejde.", cs: "To teď nejde.",
                                     de: "Das geht gerade nicht.", en: "That is not possible right now.")
        case .tooManyRequests, .unavailable, .unauthorized:
            speech = AssistantText.pick(locale, sk: "Asistent je teraz nedostupný. Skúste to neskôr.",
                                        cs: "Asistent je teď nedostupný. Zkuste to později.",
                                        de: "Der Assistent ist gerade nicht verfügbar. Bitte später erneut versuchen.",
                                        en: "The assistant is not available right now. Please try again later.")
        case .invalid:
            speech = AssistantText.pick(locale, sk: "Toto sa nepodarilo, údaje nie sú v poriadku.",
                                        cs: "Tohle se nepodařilo, údaje nejsou v pořádku.",
                                        de: "Das hat nicht geklappt, die Angaben sind nicht gültig.",
                                        en: "That did not work: the details are not valid.")
        }
        let detail = error.fields.map(\.detail).first.map { "\(error.message) (\($0))" } ?? error.message
        let reply = VoiceReply(speech: speech, ssml: VoiceSpeech.ssml(speech),
                               cardTitle: VoicePhrases.cardTitle(locale), cardText: "\(speech)\n\(detail)",
                               endSession: true)
        return VoiceOutcome(reply, result: .refused, errorCode: error.code)
    }

    /// PPT failed: an apology (the error is logged, never spoken).
    static func failure(locale: AppLocale) -> VoiceOutcome {
        let speech = AssistantText.pick(locale, sk: "Prepáčte, niečo sa pokazilo. Skúste to neskôr.",
                                        cs: "Promiňte, něco se pokazilo. Zkuste to později.",
                                        de: "Entschuldigung, etwas ist schiefgelaufen. Bitte versuchen Sie es später.",
                                        en: "Sorry, something went wrong. Please try again later.")
        return VoiceOutcome(VoiceReply(speech: speech, ssml: VoiceSpeech.ssml(speech), endSession: true),
                            result: .error, errorCode: "internal")
    }

    /// The log record of `command` run for `grant`.
    func record(grant: VoiceGrant, command: VoiceCommand, latencyMilliseconds: Int) -> VoiceCommandRecord {
        VoiceCommandRecord(
            organizationID: grant.organizationID, userID: grant.userID, linkID: grant.linkID, platform: grant.platform,
            deviceID: command.deviceID, utterance: command.utterance, intent: command.intent.rawValue,
            slots: command.slots, action: action, result: result, errorCode: errorCode, reply: reply.speech,
            latencyMilliseconds: latencyMilliseconds)
    }
}
