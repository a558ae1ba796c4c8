import Foundation

/// Typed ids of the assistant's records.
package enum ChatSessionTag {}
package enum ChatMessageTag {}
package enum ChatActionTag {}
package typealias ChatSessionID = Identifier<ChatSessionTag>
package typealias ChatMessageID = Identifier<ChatMessageTag>
package typealias ChatActionID = Identifier<ChatActionTag>

/// A conversation with the assistant, owned by one member (nobody else reads it, staff included).
package struct ChatSession: Codable, Sendable, Hashable {
    package var id: ChatSessionID
    package var organizationID: OrganizationID
    package var userID: UserID
    package var title: String
    /// Whether the title was generated from the first question (a user's rename clears it).
    package var titleGenerated: Bool
    /// Older turns folded into prose, so long conversations fit the model's context.
    package var summary: String
    /// The last message sequence number the summary covers (0: none).
    package var summarizedThrough: Int
    package var messageCount: Int
    package var createdAt: Date
    package var updatedAt: Date

    package init(id: ChatSessionID, organizationID: OrganizationID, userID: UserID, title: String,
                 titleGenerated: Bool, summary: String, summarizedThrough: Int, messageCount: Int,
                 createdAt: Date, updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.title = title
        self.titleGenerated = titleGenerated
        self.summary = summary
        self.summarizedThrough = summarizedThrough
        self.messageCount = messageCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Who wrote a message.
package enum ChatRole: String, Codable, Sendable {
    case user, assistant
}

/// Where an assistant message is.
package enum ChatMessageStatus: String, Codable, Sendable {
    /// Being generated; `content` holds the text so far.
    case streaming
    case complete
    /// Stopped by the user or by a client that went away before the end (partial text kept).
    case cancelled
    /// The provider or a limit stopped it; `errorCode` says why (partial text kept).
    case failed
}

/// A numbered passage an answer cites as [n].
package struct ChatSource: Codable, Sendable, Hashable {
    package var number: Int
    package var documentID: DocumentID
    package var documentTitle: String
    package var version: Int
    package var page: Int?
    package var chunkID: String
    package var heading: String
    /// The passage as the model saw it.
    package var text: String

    package init(number: Int, documentID: DocumentID, documentTitle: String, version: Int, page: Int?,
                 chunkID: String, heading: String, text: String) {
        self.number = number
        self.documentID = documentID
        self.documentTitle = documentTitle
        self.version = version
        self.page = page
        self.chunkID = chunkID
        self.heading = heading
        self.text = text
    }
}

/// A tool the assistant used while answering.
package struct ChatToolActivity: Codable, Sendable, Hashable {
    package var name: String
    /// The arguments as the model sent them (JSON text).
    package var arguments: String
    /// `ok`, `proposed` (waiting for confirmation) or `error`.
    package var status: String
    /// What the tool found or proposed, in the user's language.
    package var summary: String
    /// The pending action to confirm or cancel, for side-effecting tools.
    package var actionID: ChatActionID?

    package init(name: String, arguments: String, status: String, summary: String, actionID: ChatActionID? = nil) {
        self.name = name
        self.arguments = arguments
        self.status = status
        self.summary = summary
        self.actionID = actionID
    }
}

/// One message of a conversation.
package struct ChatMessage: Codable, Sendable, Hashable {
    package var id: ChatMessageID
    package var sessionID: ChatSessionID
    /// Position in the session, from 1.
    package var sequence: Int
    package var role: ChatRole
    package var content: String
    package var status: ChatMessageStatus
    package var sources: [ChatSource]
    package var toolCalls: [ChatToolActivity]
    package var provider: String?
    package var model: String?
    package var inputTokens: Int
    package var outputTokens: Int
    /// In millionths of the organization's currency.
    package var costMicros: Int64
    package var latencyMilliseconds: Int?
    package var errorCode: String?
    package var errorMessage: String?
    package var createdAt: Date
    package var completedAt: Date?

    package init(id: ChatMessageID, sessionID: ChatSessionID, sequence: Int, role: ChatRole, content: String,
                 status: ChatMessageStatus, sources: [ChatSource] = [], toolCalls: [ChatToolActivity] = [],
                 provider: String? = nil, model: String? = nil, inputTokens: Int = 0, outputTokens: Int = 0,
                 costMicros: Int64 = 0, latencyMilliseconds: Int? = nil, errorCode: String? = nil,
                 errorMessage: String? = nil, createdAt: Date, completedAt: Date? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.sequence = sequence
        self.role = role
        self.content = content
        self.status = status
        self.sources = sources
        self.toolCalls = toolCalls
        self.provider = provider
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costMicros = costMicros
        self.latencyMilliseconds = latencyMilliseconds
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}

/// Where a proposed action is.
package enum ChatActionStatus: String, Codable, Sendable {
    case proposed, confirmed, cancelled, expired, failed
}

/// Something the assistant offered to do (e.g. report a fault), done only when the user confirms.
package struct ChatAction: Codable, Sendable, Hashable {
    package var id: ChatActionID
    package var sessionID: ChatSessionID
    package var messageID: ChatMessageID
    package var tool: String
    package var arguments: JSONValue
    package var description: String
    package var status: ChatActionStatus
    /// What was done (or why it failed), once decided.
    package var result: JSONValue?
    package var createdAt: Date
    package var expiresAt: Date
    package var decidedAt: Date?

    package init(id: ChatActionID, sessionID: ChatSessionID, messageID: ChatMessageID, tool: String,
                 arguments: JSONValue, description: String, status: ChatActionStatus, result: JSONValue? = nil,
                 createdAt: Date, expiresAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.messageID = messageID
        self.tool = tool
        self.arguments = arguments
        self.description = description
        self.status = status
        self.result = result
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.decidedAt = decidedAt
    }
}

/// Thumbs up or down.
package enum ChatRating: String, Codable, Sendable {
    case up, down
}

/// A member's verdict on an answer.
package struct ChatFeedbackInput: Codable, Sendable {
    package var rating: ChatRating
    package var comment: String?

    package init(rating: ChatRating, comment: String? = nil) {
        self.rating = rating
        self.comment = comment
    }

    package func validate() throws(DomainError) {
        if let comment, comment.count > 2000 { throw DomainError.invalid("/comment", "at most 2000 characters") }
    }
}

/// Feedback across the organization, for admins.
package struct ChatFeedbackSummary: Codable, Sendable {
    package struct Entry: Codable, Sendable {
        package var messageID: ChatMessageID
        package var rating: ChatRating
        package var comment: String?
        /// The start of the rated answer.
        package var excerpt: String
        package var model: String?
        package var createdAt: Date

        package init(messageID: ChatMessageID, rating: ChatRating, comment: String?, excerpt: String, model: String?,
                     createdAt: Date) {
            self.messageID = messageID
            self.rating = rating
            self.comment = comment
            self.excerpt = excerpt
            self.model = model
            self.createdAt = createdAt
        }
    }

    package var up: Int
    package var down: Int
    /// Answers with feedback over all answers given, in the period.
    package var answers: Int
    /// The latest entries (comments first).
    package var recent: [Entry]

    package init(up: Int, down: Int, answers: Int, recent: [Entry]) {
        self.up = up
        self.down = down
        self.answers = answers
        self.recent = recent
    }
}
