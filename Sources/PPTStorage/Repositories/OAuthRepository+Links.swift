import Foundation
import PPTDomain
import SQLKit

/// Account links as users and organization admins see them, and the consent page's choices.
extension OAuthRepository {
    static func link(_ row: any SQLRow) throws -> OAuthLink {
        OAuthLink(id: try row.string("id"), clientID: try row.string("client_id"),
                  clientName: try row.string("client_name"), platform: try row.enumValue("platform"),
                  userID: try row.id("user_id"), organizationID: try row.id("org_id"),
                  organizationName: try row.string("org_name"), unitID: try row.optionalID("unit_id"),
                  scopes: try row.json("scopes"), createdAt: try row.date("created_at"),
                  lastUsedAt: try row.optionalDate("last_used_at"))
    }

    private static let linkColumns = """
        SELECT l.*, c.name AS client_name, c.platform, o.name AS org_name
        FROM oauth_links l JOIN oauth_clients c ON c.id = l.client_id JOIN organizations o ON o.id = l.org_id
        """

    /// The user's live links (every organization), newest first.
    package func links(userID: UserID) async throws -> [OAuthLink] {
        try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.linkColumns)
                WHERE l.user_id = \(bind: userID.rawValue) AND l.revoked_at IS NULL AND c.deleted_at IS NULL
                ORDER BY l.created_at DESC, l.id
                """).all().map(Self.link)
        }
    }

    /// The organization's live links, for members managers, newest first.
    package func links(_ scope: OrgScope) async throws -> [OAuthLink] {
        try scope.require(.membersManage)
        return try await database.read { sql in
            try await sql.raw("""
                \(unsafeRaw: Self.linkColumns)
                WHERE l.org_id = \(bind: scope.organizationID.rawValue) AND l.revoked_at IS NULL AND c.deleted_at IS NULL
                ORDER BY l.created_at DESC, l.id
                """).all().map(Self.link)
        }
    }

    /// Unlinks one of the user's own links (revoking its tokens); `notFound` for others' or unknown links.
    package func unlink(userID: UserID, linkID: String) async throws {
        let now = clock.now()
        try await database.write { sql in
            guard try await sql.raw("""
                SELECT id FROM oauth_links WHERE id = \(bind: linkID) AND user_id = \(bind: userID.rawValue)
                  AND revoked_at IS NULL
                """).first() != nil
            else { throw DomainError.notFound("voice link") }
            try await Self.revokeLink(sql, linkID: linkID, now: now)
        }
    }

    /// Revokes every live link of the user with their tokens (a changed password ends all access,
    /// voice devices included); returns how many links were revoked.
    @discardableResult
    package func revokeAllLinks(userID: UserID) async throws -> Int {
        let now = clock.now()
        return try await database.write { sql in
            let ids = try await sql.raw("""
                SELECT id FROM oauth_links WHERE user_id = \(bind: userID.rawValue) AND revoked_at IS NULL
                """).all().map { try $0.string("id") }
            for id in ids { try await Self.revokeLink(sql, linkID: id, now: now) }
            return ids.count
        }
    }

    /// The organizations the user belongs to, each with the user's current units there.
    package func consentChoices(userID: UserID) async throws -> [OAuthConsentChoice] {
        let today = CalendarDate(clock.now()).description
        return try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT o.id AS org_id, o.name AS org_name, m.role, u.id AS unit_id, u.number, b.name AS building_name
                FROM memberships m JOIN organizations o ON o.id = m.org_id
                LEFT JOIN unit_residents r ON r.org_id = m.org_id AND r.user_id = m.user_id
                  AND r.start_date <= \(bind: today) AND (r.end_date IS NULL OR r.end_date >= \(bind: today))
                LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN buildings b ON b.id = u.building_id
                WHERE m.user_id = \(bind: userID.rawValue)
                ORDER BY o.name, o.id, b.name, u.number
                """).all()
            var choices: [OAuthConsentChoice] = []
            for row in rows {
                let org: OrganizationID = try row.id("org_id")
                if choices.last?.organizationID != org {
                    choices.append(OAuthConsentChoice(organizationID: org, organizationName: try row.string("org_name"),
                                                      role: try row.enumValue("role"), units: []))
                }
                if let unit: UnitID = try row.optionalID("unit_id"),
                   !choices[choices.count - 1].units.contains(where: { $0.id == unit }) {
                    let label = "\(try row.optionalString("building_name") ?? "") \(try row.string("number"))"
                    choices[choices.count - 1].units.append((unit, label.trimmingCharacters(in: .whitespaces)))
                }
            }
            return choices
        }
    }
}
