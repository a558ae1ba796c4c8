import Foundation

/// Renders a platform-neutral answer into the ASK envelope within Alexa's limits: speech and card
/// text at most 8,000 characters each, the whole response at most 24 KB. Text that is too long is
/// cut at the last sentence end that fits (or the last word, with an ellipsis).
package enum AlexaResponseRenderer {
    /// Characters of `outputSpeech` (text or SSML).
    package static let speechLimit = 8_000
    /// Characters of card title plus content.
    package static let cardLimit = 8_000
    /// Bytes of the encoded response.
    package static let responseLimit = 24 * 1024

    /// What to render.
    package struct Answer: Sendable, Hashable {
        package var speech: String
        package var ssml: String?
        package var cardTitle: String?
        package var cardText: String?
        package var reprompt: String?
        package var endSession: Bool
        package var attributes: AlexaSessionAttributes?
        /// Show the LinkAccount card instead of a Simple card.
        package var linkAccount = false

        package init(speech: String, ssml: String? = nil, cardTitle: String? = nil, cardText: String? = nil,
                     reprompt: String? = nil, endSession: Bool, attributes: AlexaSessionAttributes? = nil,
                     linkAccount: Bool = false) {
            self.speech = speech
            self.ssml = ssml
            self.cardTitle = cardTitle
            self.cardText = cardText
            self.reprompt = reprompt
            self.endSession = endSession
            self.attributes = attributes
            self.linkAccount = linkAccount
        }
    }

    /// The envelope for `answer`, already within the limits.
    package static func envelope(_ answer: Answer) -> AlexaResponseEnvelope {
        var speechBudget = speechLimit
        var cardBudget = cardLimit
        while true {
            let envelope = build(answer, speechBudget: speechBudget, cardBudget: cardBudget)
            let size = (try? JSONEncoder().encode(envelope).count) ?? Int.max
            if size <= responseLimit || (speechBudget <= 200 && cardBudget <= 200) { return envelope }
            // Shrink the card first: speech is what the user hears.
            if cardBudget > 200 { cardBudget /= 2 } else { speechBudget /= 2 }
        }
    }

    /// The encoded envelope.
    package static func encode(_ envelope: AlexaResponseEnvelope) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(envelope)
    }

    private static func build(_ answer: Answer, speechBudget: Int, cardBudget: Int) -> AlexaResponseEnvelope {
        let speech: AlexaOutputSpeech
        if let ssml = answer.ssml, AlexaOutputSpeech.ssml(ssml).length <= speechBudget {
            speech = .ssml(ssml)
        } else {
            speech = .plain(trim(answer.speech, to: speechBudget))
        }
        var card: AlexaCard?
        if answer.linkAccount {
            card = .linkAccount
        } else if let text = answer.cardText, !text.isEmpty {
            let title = trim(answer.cardTitle ?? "", to: min(200, cardBudget / 2))
            card = .simple(title: title, content: trim(text, to: cardBudget - title.count))
        }
        let reprompt = answer.endSession ? nil : answer.reprompt.map {
            AlexaReprompt(outputSpeech: .plain(trim($0, to: min(speechBudget, 1_000))))
        }
        return AlexaResponseEnvelope(
            sessionAttributes: answer.endSession ? nil : answer.attributes,
            response: AlexaResponseBody(outputSpeech: speech, card: card, reprompt: reprompt,
                                        shouldEndSession: answer.endSession))
    }

    /// `text` cut to at most `limit` characters at the last sentence end, else at the last word with "…".
    package static func trim(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit > 1 else { return String(text.prefix(max(0, limit))) }
        let head = text.prefix(limit)
        if let end = head.lastIndex(where: { ".!?…".contains($0) }), head.distance(from: head.startIndex, to: end) > 0 {
            return String(head[...end])
        }
        let shorter = text.prefix(limit - 1)
        if let space = shorter.lastIndex(where: \.isWhitespace), space > shorter.startIndex {
            return String(shorter[..<space]) + "…"
        }
        return String(shorter) + "…"
    }
}
