import Foundation

/// Input for creating or replacing an announcement draft.
package struct AnnouncementInput: Codable, Sendable {
    /// Headline, at most 200 characters.
    package var title: String
    /// Text, at most 20,000 characters.
    package var body: String
    /// The audience; absent means everyone in the organization.
    package var target: AnnouncementTarget?
    /// Shown above unpinned announcements; absent keeps the current value (false for a new one).
    package var pinned: Bool?

    /// Creates the input.
    package init(title: String, body: String, target: AnnouncementTarget? = nil, pinned: Bool? = nil) {
        self.title = title
        self.body = body
        self.target = target
        self.pinned = pinned
    }

    /// The audience to store.
    package var effectiveTarget: AnnouncementTarget { target ?? AnnouncementTarget() }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.text(body, "/body", max: 20_000)
        if let target {
            v.check(target.all || !(target.buildingIDs.isEmpty && target.unitIDs.isEmpty && target.roles.isEmpty),
                    "/target", "name at least one building, unit or role, or set all")
            v.check(target.buildingIDs.count <= 100, "/target/buildingIDs", "at most 100 buildings")
            v.check(target.unitIDs.count <= 500, "/target/unitIDs", "at most 500 units")
            v.check(Set(target.roles).count == target.roles.count, "/target/roles", "must not repeat a role")
        }
        try v.finish()
    }
}

/// Input for scheduling an announcement.
package struct AnnouncementSchedule: Codable, Sendable {
    /// When the scanner publishes it; must be in the future.
    package var publishAt: Date

    /// Creates the input.
    package init(publishAt: Date) { self.publishAt = publishAt }

    /// Checks the time against `now`.
    package func validate(now: Date) throws(DomainError) {
        var v = Validator()
        v.check(publishAt > now, "/publishAt", "must be in the future")
        try v.finish()
    }
}

/// One question of a vote as submitted; `id` is generated (`q1`, `q2`, ...) when absent.
package struct VoteQuestionInput: Codable, Sendable {
    /// Stable id that ballots refer to (letters, digits, `-`, `_`).
    package var id: String?
    /// The question as asked.
    package var text: String
    /// The answers to choose from (2-20, distinct).
    package var options: [String]

    /// Creates the input.
    package init(id: String? = nil, text: String, options: [String]) {
        self.id = id
        self.text = text
        self.options = options
    }
}

/// Input for creating or replacing a vote draft.
package struct VoteInput: Codable, Sendable {
    /// The building whose owners vote; absent for the whole organization.
    package var buildingID: BuildingID?
    /// Headline, at most 200 characters.
    package var title: String
    /// Explanation shown to owners (may be empty).
    package var description: String
    /// 1-50 questions.
    package var questions: [VoteQuestionInput]

    /// Creates the input.
    package init(buildingID: BuildingID? = nil, title: String, description: String, questions: [VoteQuestionInput]) {
        self.buildingID = buildingID
        self.title = title
        self.description = description
        self.questions = questions
    }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.text(description, "/description", max: 10_000, required: false)
        v.check((1...50).contains(questions.count), "/questions", "must have between 1 and 50 questions")
        for (index, question) in questions.enumerated() {
            let pointer = "/questions/\(index)"
            if let id = question.id {
                v.check(!id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isLetter || $0.isNumber || "-_".contains($0) },
                        "\(pointer)/id", "must be 1-64 letters, digits, - or _")
            }
            v.text(question.text, "\(pointer)/text", max: 1_000)
            v.check((2...20).contains(question.options.count), "\(pointer)/options", "must have between 2 and 20 options")
            for (optionIndex, option) in question.options.enumerated() {
                v.text(option, "\(pointer)/options/\(optionIndex)")
            }
            v.check(Set(question.options).count == question.options.count, "\(pointer)/options",
                    "must not repeat an option")
        }
        let ids = normalizedQuestions.map(\.id)
        v.check(Set(ids).count == ids.count, "/questions", "question ids must be unique")
        try v.finish()
    }

    /// The questions with generated ids filled in.
    package var normalizedQuestions: [VoteQuestion] {
        questions.enumerated().map { index, question in
            VoteQuestion(id: question.id ?? "q\(index + 1)", text: question.text, options: question.options)
        }
    }
}

/// Input for scheduling a vote.
package struct VoteSchedule: Codable, Sendable {
    /// When the scanner opens the vote; must be in the future.
    package var startsAt: Date
    /// When the scanner closes it; must be after `startsAt`.
    package var endsAt: Date

    /// Creates the input.
    package init(startsAt: Date, endsAt: Date) {
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    /// Checks the times against `now`.
    package func validate(now: Date) throws(DomainError) {
        var v = Validator()
        v.check(startsAt > now, "/startsAt", "must be in the future")
        v.check(endsAt > startsAt, "/endsAt", "must be after startsAt")
        try v.finish()
    }
}

/// Input for opening a vote by hand.
package struct VoteOpening: Codable, Sendable {
    /// When the scanner closes it; absent keeps a scheduled end still in the future, or leaves it open
    /// until closed by hand.
    package var endsAt: Date?

    /// Creates the input.
    package init(endsAt: Date? = nil) { self.endsAt = endsAt }

    /// Checks the end against `now`.
    package func validate(now: Date) throws(DomainError) {
        var v = Validator()
        if let endsAt { v.check(endsAt > now, "/endsAt", "must be in the future") }
        try v.finish()
    }
}

/// One answer of a ballot.
package struct VoteAnswer: Codable, Sendable, Hashable {
    /// The question answered.
    package var questionID: String
    /// One of the question's options.
    package var option: String

    /// Creates the answer.
    package init(questionID: String, option: String) {
        self.questionID = questionID
        self.option = option
    }
}

/// An owner's answers for one of their units; answering again while the vote is active replaces them.
package struct VoteBallot: Codable, Sendable {
    /// The owned unit voted for.
    package var unitID: UnitID
    /// One answer per question at most; unanswered questions keep earlier answers.
    package var answers: [VoteAnswer]

    /// Creates the ballot.
    package init(unitID: UnitID, answers: [VoteAnswer]) {
        self.unitID = unitID
        self.answers = answers
    }

    /// Checks the answers against the vote's questions.
    package func validate(for vote: Vote) throws(DomainError) {
        var v = Validator()
        v.check(!answers.isEmpty, "/answers", "must answer at least one question")
        let ids = answers.map(\.questionID)
        v.check(Set(ids).count == ids.count, "/answers", "must answer each question at most once")
        for (index, answer) in answers.enumerated() {
            guard let question = vote.questions.first(where: { $0.id == answer.questionID }) else {
                v.check(false, "/answers/\(index)/questionID", "is not a question of this vote")
                continue
            }
            v.check(question.options.contains(answer.option), "/answers/\(index)/option",
                    "must be one of: \(question.options.joined(separator: ", "))")
        }
        try v.finish()
    }
}

/// Input for switching a feature flag for the organization.
package struct FeatureFlagUpdate: Codable, Sendable {
    /// The organization's choice.
    package var enabled: Bool

    /// Creates the input.
    package init(enabled: Bool) { self.enabled = enabled }
}
