import Foundation
import PPTDomain
import PPTStorage

/// The commands that change something: reporting a fault and submitting a meter reading (both
/// confirmed first), the confirmation itself, and a message to the manager.
extension VoiceTurn {
    /// Longest fault title (as `report_fault` takes it).
    static let titleLength = 200

    /// Proposes the fault through `report_fault` (checked as the fault API checks it) and asks for a yes;
    /// asks what is broken when the description is missing.
    func reportFault() async throws -> VoiceOutcome {
        let earlier = command.pending?.intent == .reportFault ? command.pending?.arguments ?? [:] : [:]
        let location = (command.slots["location"] ?? earlier["location"])?.trimmingCharacters(in: .whitespaces)
        guard let said = command.slots["description"]?.trimmingCharacters(in: .whitespacesAndNewlines), !said.isEmpty
        else {
            let pending = VoicePendingAction(intent: .reportFault,
                                             arguments: location.map { ["location": $0] } ?? [:])
            return VoiceOutcome(reply("", ask: VoicePhrases.askFaultDescription(locale), pending: pending),
                                action: "asked:description")
        }
        var details = said
        if let location, !location.isEmpty, !SearchText.fold(said).contains(SearchText.fold(location)) {
            details += ", \(location)"
        }
        details = details.prefix(1).uppercased() + details.dropFirst()
        var title = details
        if title.count > Self.titleLength {
            let cut = title.prefix(Self.titleLength)
            title = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)])
        }
        let output = try await tool("report_fault", ["title": .string(title), "description": .string(details)])
        guard let proposal = output.proposal, case .object(let arguments) = proposal.arguments else {
            throw DomainError(code: "voice.no_proposal", kind: .unavailable,
                              message: "The fault could not be proposed.")
        }
        let pending = VoicePendingAction(intent: .reportFault, arguments: arguments.compactMapValues(\.stringValue))
        let question = AssistantText.pick(locale, sk: "Mám nahlásiť poruchu: \(title)?",
                                          cs: "Mám nahlásit závadu: \(title)?",
                                          de: "Soll ich die Störung melden: \(title)?",
                                          en: "Shall I report the fault: \(title)?")
        return VoiceOutcome(reply("", card: proposal.description, ask: "\(question) \(VoicePhrases.yesOrNo(locale))",
                                  pending: pending),
                            action: "pending:report_fault")
    }

    /// Carries out the pending action; nothing happens when nothing is pending.
    func confirm() async throws -> VoiceOutcome {
        guard let pending = command.pending else { return nothingToConfirm() }
        switch pending.intent {
        case .reportFault where pending.arguments["title"] != nil:
            return try await performFault(pending)
        case .submitMeterReading where pending.arguments["meter_id"] != nil && pending.arguments["value"] != nil:
            return try await performReading(pending)
        default:
            return nothingToConfirm()
        }
    }

    private func nothingToConfirm() -> VoiceOutcome {
        VoiceOutcome(reply(VoicePhrases.nothingPending(locale)), result: .refused, errorCode: "voice.nothing_pending")
    }

    /// Reports the confirmed fault with the member's scope (checked again by the tool).
    private func performFault(_ pending: VoicePendingAction) async throws -> VoiceOutcome {
        guard let tool = service.tools.confirmableTool(named: "report_fault") else {
            throw DomainError(code: "voice.tool_missing", kind: .unavailable,
                              message: "Fault reporting is not available.")
        }
        let arguments = JSONValue.object(pending.arguments.filter { $0.key != "location" }.mapValues(JSONValue.string))
        let output = try await tool.perform(ToolProposal(tool: tool.name, arguments: arguments, description: ""),
                                           context: context)
        let title = output.data[voice: "title"]?.stringValue ?? pending.arguments["title"] ?? ""
        let text = AssistantText.pick(locale, sk: "Hotovo, porucha \(title) je nahlásená.",
                                      cs: "Hotovo, závada \(title) je nahlášená.",
                                      de: "Erledigt, die Störung \(title) ist gemeldet.",
                                      en: "Done, the fault \(title) has been reported.")
        return VoiceOutcome(reply(text, card: output.summary),
                            action: output.data[voice: "fault_id"]?.stringValue.map { "fault:\($0)" })
    }

    /// Reads the value back for confirmation; asks for the value, or for the meter when the unit has several.
    func submitMeterReading() async throws -> VoiceOutcome {
        let earlier = command.pending?.intent == .submitMeterReading ? command.pending?.arguments ?? [:] : [:]
        let slots = earlier.merging(command.slots) { _, new in new }
        let meters = try await MeterRepository(database: context.services.database, clock: context.services.clock)
            .meters(scope, page: PageRequest(limit: 200)).items
        let kinds = slots["meter"].map(VoiceRecognizer.meterKinds) ?? []
        let candidates = kinds.isEmpty ? meters : meters.filter { kinds.contains($0.kind) }
        guard let raw = slots["value"], let value = VoiceRecognizer.number(raw) else {
            let pending = VoicePendingAction(intent: .submitMeterReading, arguments: slots.filter { $0.key == "meter" })
            return VoiceOutcome(reply("", ask: VoicePhrases.askReadingValue(locale), pending: pending),
                                action: "asked:value")
        }
        guard !candidates.isEmpty else {
            let text = AssistantText.pick(locale, sk: "Takýto merač vo vašej jednotke nemáte.",
                                          cs: "Takové měřidlo ve své jednotce nemáte.",
                                          de: "Einen solchen Zähler haben Sie in Ihrer Einheit nicht.",
                                          en: "There is no such meter in your unit.")
            return VoiceOutcome(reply(text), result: .refused, errorCode: "voice.no_meter")
        }
        guard candidates.count == 1, let meter = candidates.first else {
            let names = Set(candidates.map(\.kind)).sorted { $0.rawValue < $1.rawValue }
                .map { AssistantText.meterKind($0, locale) }.joined(separator: ", ")
            let question = AssistantText.pick(locale, sk: "Máte viac meračov: \(names). Ktorý to je?",
                                              cs: "Máte více měřidel: \(names). Které to je?",
                                              de: "Sie haben mehrere Zähler: \(names). Welcher ist es?",
                                              en: "You have several meters: \(names). Which one is it?")
            let pending = VoicePendingAction(intent: .submitMeterReading, arguments: ["value": String(value)])
            return VoiceOutcome(reply("", ask: question, pending: pending), action: "asked:meter")
        }
        let said = VoiceSpeech.measure(value, unit: meter.unit, locale)
        let kind = AssistantText.meterKind(meter.kind, locale)
        let question = AssistantText.pick(locale, sk: "Mám zapísať stav \(said), merač \(kind)?",
                                          cs: "Mám zapsat stav \(said), měřidlo \(kind)?",
                                          de: "Soll ich den Stand \(said) erfassen, Zähler \(kind)?",
                                          en: "Shall I submit \(said) for the \(kind) meter?")
        let card = "\(kind) (\(meter.serialNumber)): \(AssistantText.number(value, locale)) \(meter.unit)"
        let pending = VoicePendingAction(intent: .submitMeterReading,
                                         arguments: ["meter_id": meter.id.rawValue, "value": String(value)])
        return VoiceOutcome(reply("", card: card, ask: "\(question) \(VoicePhrases.yesOrNo(locale))", pending: pending),
                            action: "pending:submit_meter_reading")
    }

    /// Stores the confirmed reading through the meter repository with the member's scope.
    private func performReading(_ pending: VoicePendingAction) async throws -> VoiceOutcome {
        guard let text = pending.arguments["value"], let value = Double(text), let id = pending.arguments["meter_id"]
        else { return nothingToConfirm() }
        let repository = MeterRepository(database: context.services.database, clock: context.services.clock)
        let meter = try await repository.meter(scope, id: MeterID(trusted: id))
        let reading = try await repository.submitReading(scope, meterID: meter.id, ReadingInput(value: value))
        let said = VoiceSpeech.measure(reading.value, unit: meter.unit, locale)
        let answer = AssistantText.pick(locale, sk: "Hotovo, stav \(said) je zapísaný.",
                                        cs: "Hotovo, stav \(said) je zapsaný.",
                                        de: "Erledigt, der Stand \(said) ist erfasst.",
                                        en: "Done, the reading of \(said) has been submitted.")
        let card = "\(AssistantText.meterKind(meter.kind, locale)) (\(meter.serialNumber)): "
            + "\(AssistantText.number(reading.value, locale)) \(meter.unit), "
            + AssistantText.date(reading.readOn, locale)
        return VoiceOutcome(reply(answer, card: card), action: "meter_reading:\(reading.id)")
    }

    /// Sends the message as an in-app notification to the organization's managers and admins.
    func contactManager() async throws -> VoiceOutcome {
        guard let message = command.slots["message"]?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty
        else {
            return VoiceOutcome(reply("", ask: VoicePhrases.askManagerMessage(locale),
                                      pending: VoicePendingAction(intent: .contactManager, arguments: [:])),
                                action: "asked:message")
        }
        let database = context.services.database
        let recipients = try await service.log.managerIDs(scope)
        guard !recipients.isEmpty else {
            let text = AssistantText.pick(locale, sk: "Vaša organizácia zatiaľ nemá správcu.",
                                          cs: "Vaše organizace zatím nemá správce.",
                                          de: "Ihre Organisation hat noch keine Verwaltung.",
                                          en: "Your organization has no manager yet.")
            return VoiceOutcome(reply(text), result: .refused, errorCode: "voice.no_manager")
        }
        let name = try await AccountRepository(database: database, clock: context.services.clock)
            .user(id: scope.userID)?.name ?? ""
        let title = AssistantText.pick(locale, sk: "Hlasový odkaz od \(name)", cs: "Hlasový vzkaz od \(name)",
                                       de: "Sprachnachricht von \(name)", en: "Voice message from \(name)")
        let body = String(message.prefix(VoiceCommandRepository.messageLimit))
        let sent = try await NotificationRepository(database: database, clock: context.services.clock).notify(
            recipients, organizationID: scope.organizationID, kind: "voice.message", title: title, body: body,
            data: ["from_user_id": .id(scope.userID), "unit_ids": .array(scope.unitIDs.sorted().map(JSONValue.id))])
        let text = AssistantText.pick(locale, sk: "Odkaz som poslala správcovi.", cs: "Vzkaz jsem poslala správci.",
                                      de: "Ich habe die Nachricht an die Verwaltung geschickt.",
                                      en: "I sent your message to the manager.")
        return VoiceOutcome(reply(text, card: "\(title): \(body)"), action: "notification:\(sent)")
    }
}
