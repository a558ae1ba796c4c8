import Foundation
import PPTDomain
import PPTStorage

extension VoiceCommandService {
    /// Checks the link and the flag, narrows the scope and answers the command.
    func run(_ membership: OrgScope, grant: VoiceGrant, _ command: VoiceCommand) async throws -> VoiceOutcome {
        guard membership.organizationID == grant.organizationID, membership.userID == grant.userID else {
            throw DomainError.forbidden("The scope is not the linked member's.")
        }
        guard try await flags.isEnabled(organizationID: grant.organizationID, flag: .voiceAssistant) else {
            throw DomainError.llmFeatureDisabled(.voice)
        }
        try membership.require(.assistantUse)
        let scope = try await linkedScope(membership, grant: grant)
        let context = ToolContext(scope: scope, locale: command.locale, services: services)
        let turn = VoiceTurn(service: self, context: context, command: Self.continuing(command),
                             today: CalendarDate(services.clock.now()))
        if Self.acts(turn.command), !grant.scopes.contains(Self.actionsScope) {
            throw DomainError(
                code: "voice.scope_missing", kind: .forbidden,
                message: "This link may only ask; link the account again allowing actions (voice.actions).")
        }
        switch turn.command.intent {
        case .checkBalance: return try await turn.balance()
        case .myFaults: return try await turn.faults()
        case .announcements: return try await turn.announcements()
        case .nextMeterReading: return try await turn.nextMeterReading()
        case .reportFault: return try await turn.reportFault()
        case .submitMeterReading: return try await turn.submitMeterReading()
        case .contactManager: return try await turn.contactManager()
        case .confirm: return try await turn.confirm()
        case .deny:
            let action = turn.command.pending.map { "cancelled:\($0.intent.rawValue)" }
            return VoiceOutcome(turn.reply(VoicePhrases.cancelled(turn.locale)), action: action)
        case .stop:
            let action = turn.command.pending.map { "cancelled:\($0.intent.rawValue)" }
            return VoiceOutcome(turn.reply(VoicePhrases.goodbye(turn.locale)), action: action)
        case .help:
            let text = VoicePhrases.help(turn.locale)
            return VoiceOutcome(VoiceReply(speech: text, ssml: VoiceSpeech.ssml(text),
                                           cardTitle: VoicePhrases.cardTitle(turn.locale), cardText: text,
                                           reprompt: VoicePhrases.anythingElse(turn.locale), endSession: false))
        case .question: return try await turn.question()
        }
    }

    /// The OAuth scope a link needs to change anything (report, submit, message, confirm).
    static let actionsScope = "voice.actions"

    /// Whether the command changes something or leads to a change.
    static func acts(_ command: VoiceCommand) -> Bool {
        switch command.intent {
        case .reportFault, .submitMeterReading, .contactManager: true
        case .confirm: command.pending != nil
        default: false
        }
    }

    /// The member's scope as the link allows it: a resident-like member linked to one unit acts only for
    /// that unit (and its building). A unit they no longer live in is refused.
    func linkedScope(_ membership: OrgScope, grant: VoiceGrant) async throws -> OrgScope {
        guard let unitID = grant.unitID, membership.role.isResidentLike else { return membership }
        guard membership.unitIDs.contains(unitID) else {
            throw DomainError.forbidden("The linked unit is no longer yours; link the account again.")
        }
        let unit = try await PropertyRepository(database: services.database, clock: services.clock)
            .unit(membership, id: unitID)
        return OrgScope(organizationID: membership.organizationID, userID: membership.userID, role: membership.role,
                        unitIDs: [unitID], buildingIDs: [unit.buildingID])
    }

    /// A command answering the open question of the previous turn (what is broken, what to tell the
    /// manager, which value or meter): whatever the user says next is that answer, unless it is yes, no,
    /// stop or help, or already a complete command of the same kind.
    static func continuing(_ command: VoiceCommand) -> VoiceCommand {
        guard let pending = command.pending, ![.confirm, .deny, .stop, .help].contains(command.intent),
              let answer = (command.utterance ?? command.slots["query"] ?? command.slots["description"]
                  ?? command.slots["message"])?.trimmingCharacters(in: .whitespacesAndNewlines),
              !answer.isEmpty
        else { return command }
        var continued = command
        switch pending.intent {
        case .reportFault where pending.arguments["title"] == nil:
            if command.intent == .reportFault, command.slots["description"] != nil { return command }
            continued.intent = .reportFault
            continued.slots = ["description": answer]
            continued.slots["location"] = VoiceRecognizer.location(IntentWords(answer))
        case .contactManager where pending.arguments["message"] == nil:
            if command.intent == .contactManager, command.slots["message"] != nil { return command }
            continued.intent = .contactManager
            continued.slots = ["message": answer]
        case .submitMeterReading where pending.arguments["meter_id"] == nil:
            continued.intent = .submitMeterReading
            continued.slots = VoiceRecognizer.readingSlots(answer).merging(
                command.intent == .submitMeterReading ? command.slots : [:]) { _, new in new }
        default:
            return command
        }
        return continued
    }
}
