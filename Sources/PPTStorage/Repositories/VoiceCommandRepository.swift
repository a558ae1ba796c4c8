import Foundation
import PPTDomain
import SQLKit

/// How a voice command ended.
package enum VoiceCommandResult: String, Codable, Sendable, CaseIterable {
    /// Answered or done.
    case ok
    /// Not allowed, switched off, or the request was not valid (the reply says why).
    case refused
    /// PPT failed.
    case error
}

/// One logged voice command. Never holds tokens or other secrets: only what was said and done.
package struct VoiceCommandRecord: Codable, Sendable, Hashable {
    package var id: String
    package var organizationID: OrganizationID
    package var userID: UserID
    /// The account link the request came through.
    package var linkID: String
    package var platform: VoicePlatform
    /// The device (or the platform's request id) when the platform gives one.
    package var deviceID: String?
    /// What the user said, when the platform gives it.
    package var utterance: String?
    /// The recognized intent (`VoiceIntent` raw value).
    package var intent: String
    /// Slot values by name.
    package var slots: [String: String]
    /// What was done, e.g. `fault:<id>`, `meter_reading:<id>`, `notification:3`, `pending:report_fault`.
    package var action: String?
    package var result: VoiceCommandResult
    /// The error code for `refused` and `error`.
    package var errorCode: String?
    /// The spoken reply.
    package var reply: String
    /// Time to answer, in milliseconds.
    package var latencyMilliseconds: Int
    package var createdAt: Date

    package init(id: String = UUID().uuidString.lowercased(), organizationID: OrganizationID, userID: UserID,
                 linkID: String, platform: VoicePlatform, deviceID: String?, utterance: String?, intent: String,
                 slots: [String: String], action: String?, result: VoiceCommandResult, errorCode: String?,
                 reply: String, latencyMilliseconds: Int, createdAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.linkID = linkID
        self.platform = platform
        self.deviceID = deviceID
        self.utterance = utterance
        self.intent = intent
        self.slots = slots
        self.action = action
        self.result = result
        self.errorCode = errorCode
        self.reply = reply
        self.latencyMilliseconds = latencyMilliseconds
        self.createdAt = createdAt
    }
}

/// The voice command log (`voice_commands`).
package struct VoiceCommandRepository: Sendable {
    /// Longest utterance, reply and slot value stored (longer ones are cut).
    static let textLimit = 2000
    /// Longest message passed on to the managers.
    package static let messageLimit = 2000

    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func record(_ r: any SQLRow) throws -> VoiceCommandRecord {
        VoiceCommandRecord(
            id: try r.string("id"), organizationID: try r.id("org_id"), userID: try r.id("user_id"),
            linkID: try r.string("link_id"), platform: try r.enumValue("platform"),
            deviceID: try r.optionalString("device_id"), utterance: try r.optionalString("utterance"),
            intent: try r.string("intent"), slots: try r.json("slots"), action: try r.optionalString("action"),
            result: try r.enumValue("result"), errorCode: try r.optionalString("error_code"),
            reply: try r.string("reply"), latencyMilliseconds: try r.int("latency_ms"),
            createdAt: try r.date("created_at"))
    }

    /// Stores `record` (its `createdAt` set to now); returns it as stored.
    @discardableResult
    package func record(_ record: VoiceCommandRecord) async throws -> VoiceCommandRecord {
        var stored = record
        stored.createdAt = clock.now()
        stored.utterance = stored.utterance.map(Self.cut)
        stored.reply = Self.cut(stored.reply)
        stored.slots = stored.slots.mapValues(Self.cut)
        let row = stored
        try await database.write { sql in
            try await sql.raw("""
                INSERT INTO voice_commands (id, org_id, user_id, link_id, platform, device_id, utterance, intent,
                  slots, action, result, error_code, reply, latency_ms, created_at)
                VALUES (\(bind: row.id), \(bind: row.organizationID.rawValue), \(bind: row.userID.rawValue),
                  \(bind: row.linkID), \(bind: row.platform.rawValue), \(bind: row.deviceID), \(bind: row.utterance),
                  \(bind: row.intent), \(bind: jsonText(row.slots)), \(bind: row.action), \(bind: row.result.rawValue),
                  \(bind: row.errorCode), \(bind: row.reply), \(bind: row.latencyMilliseconds),
                  \(bind: row.createdAt))
                """).run()
        }
        return stored
    }

    /// The user's own commands, newest first, in every organization or in `organizationID` only.
    package func mine(userID: UserID, organizationID: OrganizationID? = nil, page: PageRequest) async throws
        -> Page<VoiceCommandRecord>
    {
        try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM voice_commands WHERE user_id = \(bind: userID.rawValue)"
            if let organizationID { q += " AND org_id = \(bind: organizationID.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.record), page) { ($0.createdAt, $0.id) }
        }
    }

    /// The organization's commands, newest first, for its staff (`membersRead`); optionally one member's
    /// or those with one result.
    package func organization(_ scope: OrgScope, userID: UserID? = nil, result: VoiceCommandResult? = nil,
                              page: PageRequest) async throws -> Page<VoiceCommandRecord> {
        try scope.require(.membersRead)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM voice_commands WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if let userID { q += " AND user_id = \(bind: userID.rawValue)" }
            if let result { q += " AND result = \(bind: result.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.record), page) { ($0.createdAt, $0.id) }
        }
    }

    /// The organization's admins and managers: who a member's voice message to "the manager" reaches.
    package func managerIDs(_ scope: OrgScope) async throws -> [UserID] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT user_id FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND role IN (\(bind: Role.admin.rawValue), \(bind: Role.manager.rawValue)) ORDER BY user_id
                """).all().map { try $0.id("user_id") }
        }
    }

    private static func cut(_ text: String) -> String {
        text.count > textLimit ? String(text.prefix(textLimit)) : text
    }
}
