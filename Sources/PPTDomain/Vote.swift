import Foundation

/// A vote's lifecycle.
package enum VoteStatus: String, Codable, Sendable, CaseIterable {
    case draft, scheduled, active, closed
}

/// One question of a vote with its options.
package struct VoteQuestion: Codable, Sendable, Hashable {
    package var id: String
    package var text: String
    package var options: [String]

    package init(id: String, text: String, options: [String]) {
        self.id = id
        self.text = text
        self.options = options
    }
}

/// An owners' vote; responses are weighted by the voter's units' ownership shares.
package struct Vote: Codable, Sendable, Hashable {
    package var id: VoteID
    package var organizationID: OrganizationID
    package var buildingID: BuildingID?
    package var title: String
    package var description: String
    package var questions: [VoteQuestion]
    package var status: VoteStatus
    package var startsAt: Date?
    package var endsAt: Date?
    package var createdBy: UserID
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: VoteID,
        organizationID: OrganizationID,
        buildingID: BuildingID? = nil,
        title: String,
        description: String,
        questions: [VoteQuestion],
        status: VoteStatus,
        startsAt: Date? = nil,
        endsAt: Date? = nil,
        createdBy: UserID,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.title = title
        self.description = description
        self.questions = questions
        self.status = status
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A unit's answer to one question of a vote.
package struct VoteResponse: Codable, Sendable, Hashable {
    package var voteID: VoteID
    package var questionID: String
    package var unitID: UnitID
    package var userID: UserID
    package var option: String
    /// The unit's ownership share at the time of voting.
    package var weight: Double
    package var createdAt: Date

    package init(
        voteID: VoteID,
        questionID: String,
        unitID: UnitID,
        userID: UserID,
        option: String,
        weight: Double,
        createdAt: Date
    ) {
        self.voteID = voteID
        self.questionID = questionID
        self.unitID = unitID
        self.userID = userID
        self.option = option
        self.weight = weight
        self.createdAt = createdAt
    }
}

/// The tally of one question.
package struct VoteQuestionResult: Codable, Sendable, Hashable {
    package var questionID: String
    /// Weighted share per option (sums to the participating weight).
    package var weights: [String: Double]
    /// Number of units per option.
    package var counts: [String: Int]
    package var participatingWeight: Double

    package init(questionID: String, weights: [String: Double], counts: [String: Int], participatingWeight: Double) {
        self.questionID = questionID
        self.weights = weights
        self.counts = counts
        self.participatingWeight = participatingWeight
    }
}
