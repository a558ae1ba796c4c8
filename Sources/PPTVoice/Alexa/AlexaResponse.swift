import Foundation

/// An Alexa Skills Kit response body.
package struct AlexaResponseEnvelope: Codable, Sendable, Hashable {
    package var version = "1.0"
    package var sessionAttributes: AlexaSessionAttributes?
    package var response: AlexaResponseBody

    package init(sessionAttributes: AlexaSessionAttributes? = nil, response: AlexaResponseBody) {
        self.sessionAttributes = sessionAttributes
        self.response = response
    }

    /// The answer to `SessionEndedRequest`: nothing to say.
    package static let empty = AlexaResponseEnvelope(response: AlexaResponseBody())
}

/// `response`.
package struct AlexaResponseBody: Codable, Sendable, Hashable {
    package var outputSpeech: AlexaOutputSpeech?
    package var card: AlexaCard?
    package var reprompt: AlexaReprompt?
    package var shouldEndSession: Bool?

    package init(outputSpeech: AlexaOutputSpeech? = nil, card: AlexaCard? = nil, reprompt: AlexaReprompt? = nil,
                 shouldEndSession: Bool? = nil) {
        self.outputSpeech = outputSpeech
        self.card = card
        self.reprompt = reprompt
        self.shouldEndSession = shouldEndSession
    }
}

/// `outputSpeech`: `PlainText` with `text` or `SSML` with `ssml`.
package struct AlexaOutputSpeech: Codable, Sendable, Hashable {
    package var type: String
    package var text: String?
    package var ssml: String?

    /// Plain text.
    package static func plain(_ text: String) -> AlexaOutputSpeech { AlexaOutputSpeech(type: "PlainText", text: text) }
    /// SSML, wrapped in `<speak>` if it is not already.
    package static func ssml(_ ssml: String) -> AlexaOutputSpeech {
        let trimmed = ssml.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrapped = trimmed.hasPrefix("<speak>") ? trimmed : "<speak>\(trimmed)</speak>"
        return AlexaOutputSpeech(type: "SSML", ssml: wrapped)
    }

    /// The number of characters Alexa counts against the limit.
    package var length: Int { (text ?? ssml ?? "").count }
}

/// `card`: `Simple` (title, content) or `LinkAccount`.
package struct AlexaCard: Codable, Sendable, Hashable {
    package var type: String
    package var title: String?
    package var content: String?

    /// A Simple card.
    package static func simple(title: String, content: String) -> AlexaCard {
        AlexaCard(type: "Simple", title: title, content: content)
    }

    /// The card that sends the user to account linking in the Alexa app.
    package static let linkAccount = AlexaCard(type: "LinkAccount")
}

/// `reprompt`.
package struct AlexaReprompt: Codable, Sendable, Hashable {
    package var outputSpeech: AlexaOutputSpeech
}
