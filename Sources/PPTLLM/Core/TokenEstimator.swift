/// Estimates token counts where a provider reports none (about four characters, or 1.3 words, per
/// token for the languages PPT serves; the larger of the two).
package enum TokenEstimator {
    /// Tokens in one text.
    package static func estimate(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        var characters = 0
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            characters += 1
            let isSpace = scalar.properties.isWhitespace
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        return max(1, max((characters + 3) / 4, (words * 13 + 9) / 10))
    }

    /// Tokens in several texts.
    package static func estimate(_ texts: [String]) -> Int { texts.reduce(0) { $0 + estimate($1) } }

    /// Tokens of a chat request's input: each message's text plus a few tokens of framing.
    package static func estimate(_ request: LLMChatRequest) -> Int {
        var total = 3
        for message in request.messages {
            total += 4 + estimate(message.content)
            for call in message.toolCalls { total += estimate(call.name) + estimate(call.arguments) }
        }
        for tool in request.tools { total += 8 + estimate(tool.name) + estimate(tool.description) }
        return total
    }
}
