import Foundation
import PPTVoice
import Testing

/// Rendering answers into the ASK envelope within Alexa's limits.
@Suite struct AlexaRendererTests {
    func json(_ envelope: AlexaResponseEnvelope) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: AlexaResponseRenderer.encode(envelope)) as? [String: Any])
    }

    @Test func anOpenSessionCarriesRepromptCardAndAttributes() throws {
        let envelope = AlexaResponseRenderer.envelope(.init(
            speech: "Report that the light is broken?", ssml: "<speak>Report that the light is broken?</speak>",
            cardTitle: "Fault", cardText: "Light broken, hallway", reprompt: "Shall I report it?", endSession: false,
            attributes: AlexaSessionAttributes(pending: AlexaPendingAction(
                intent: "report_fault", arguments: ["description": "light broken"]))))
        let body = try json(envelope)
        #expect(body["version"] as? String == "1.0")
        let response = try #require(body["response"] as? [String: Any])
        #expect(response["shouldEndSession"] as? Bool == false)
        let speech = try #require(response["outputSpeech"] as? [String: Any])
        #expect(speech["type"] as? String == "SSML")
        #expect(speech["ssml"] as? String == "<speak>Report that the light is broken?</speak>")
        let card = try #require(response["card"] as? [String: Any])
        #expect(card["type"] as? String == "Simple")
        #expect(card["title"] as? String == "Fault")
        #expect(card["content"] as? String == "Light broken, hallway")
        let reprompt = try #require((response["reprompt"] as? [String: Any])?["outputSpeech"] as? [String: Any])
        #expect(reprompt["text"] as? String == "Shall I report it?")
        let pending = try #require((body["sessionAttributes"] as? [String: Any])?["pending"] as? [String: Any])
        #expect(pending["intent"] as? String == "report_fault")
    }

    @Test func aClosingAnswerHasNoRepromptNorAttributes() throws {
        let envelope = AlexaResponseRenderer.envelope(.init(speech: "You owe 100 euros.", reprompt: "Anything else?",
                                                            endSession: true))
        let response = try #require(try json(envelope)["response"] as? [String: Any])
        #expect(response["reprompt"] == nil)
        #expect(response["shouldEndSession"] as? Bool == true)
        #expect((response["outputSpeech"] as? [String: Any])?["type"] as? String == "PlainText")
        #expect(try json(envelope)["sessionAttributes"] == nil)
    }

    @Test func theLinkAccountCardReplacesAnyOtherCard() throws {
        let envelope = AlexaResponseRenderer.envelope(.init(speech: "Link your account.", cardTitle: "x", cardText: "y",
                                                            endSession: true, linkAccount: true))
        let card = try #require((try json(envelope)["response"] as? [String: Any])?["card"] as? [String: Any])
        #expect(card as NSDictionary == ["type": "LinkAccount"] as NSDictionary)
    }

    @Test func longSpeechIsCutAtASentenceEndAndTheResponseStaysUnder24KB() throws {
        let sentence = "The hallway light on the third floor was reported broken and is being repaired. "
        let long = String(repeating: sentence, count: 200)
        let envelope = AlexaResponseRenderer.envelope(.init(
            speech: long, ssml: "<speak>\(long)</speak>", cardTitle: "Faults", cardText: long, endSession: true))
        let data = try AlexaResponseRenderer.encode(envelope)
        #expect(data.count <= AlexaResponseRenderer.responseLimit)
        let speech = try #require(envelope.response.outputSpeech)
        #expect(speech.type == "PlainText")
        let text = try #require(speech.text)
        #expect(text.count <= AlexaResponseRenderer.speechLimit)
        #expect(text.hasSuffix("repaired."))
        let content = try #require(envelope.response.card?.content)
        #expect(content.count <= AlexaResponseRenderer.cardLimit)
        #expect(content.hasSuffix("repaired.") || content.hasSuffix("…"))
    }

    @Test func textWithoutSentenceEndsIsCutAtAWord() {
        #expect(AlexaResponseRenderer.trim("one two three four", to: 10) == "one two…")
        #expect(AlexaResponseRenderer.trim("First. Second one.", to: 10) == "First.")
        #expect(AlexaResponseRenderer.trim("short", to: 10) == "short")
    }

    @Test func sessionEndedGetsAnEmptyResponse() throws {
        let body = try json(.empty)
        #expect(body["version"] as? String == "1.0")
        #expect((body["response"] as? [String: Any])?.isEmpty == true)
    }
}
