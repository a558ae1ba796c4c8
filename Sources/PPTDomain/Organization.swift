import Foundation

/// A housing cooperative or property-management company: the tenant of PPT.
package struct Organization: Codable, Sendable, Hashable {
    package var id: OrganizationID
    package var name: String
    /// Country code (`SK`, `CZ`, ...).
    package var country: String
    package var defaultLocale: AppLocale
    package var currency: Currency
    package var createdAt: Date

    package init(id: OrganizationID = .init(), name: String, country: String, defaultLocale: AppLocale,
                 currency: Currency, createdAt: Date) {
        self.id = id; self.name = name; self.country = country
        self.defaultLocale = defaultLocale; self.currency = currency; self.createdAt = createdAt
    }
}

/// A person with a login. The password hash is not part of this type and never leaves storage.
package struct User: Codable, Sendable, Hashable {
    package var id: UserID
    package var email: String
    package var name: String
    package var locale: AppLocale
    package var isSuperadmin: Bool
    package var createdAt: Date

    package init(id: UserID = .init(), email: String, name: String, locale: AppLocale, isSuperadmin: Bool = false,
                 createdAt: Date) {
        self.id = id; self.email = email; self.name = name; self.locale = locale
        self.isSuperadmin = isSuperadmin; self.createdAt = createdAt
    }
}

/// A user's role in an organization.
package struct Membership: Codable, Sendable, Hashable {
    package var organizationID: OrganizationID
    package var userID: UserID
    package var role: Role
    package var createdAt: Date

    package init(organizationID: OrganizationID, userID: UserID, role: Role, createdAt: Date) {
        self.organizationID = organizationID; self.userID = userID; self.role = role; self.createdAt = createdAt
    }
}

/// A member as listed to the organization: the membership with the user's public fields.
package struct Member: Codable, Sendable, Hashable {
    package var user: User
    package var role: Role
    package init(user: User, role: Role) { self.user = user; self.role = role }
}
