import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Organizations and memberships: `POST /api/v1/orgs` (superadmins) and `/api/v1/orgs/{orgID}`.
package struct OrganizationController: Sendable {
    private let accounts: AccountRepository
    private let hasher: PasswordHasher

    package init(accounts: AccountRepository, hasher: PasswordHasher) {
        self.accounts = accounts
        self.hasher = hasher
    }

    struct CreateOrganizationRequest: Decodable {
        let name: String
        let country: String
        let defaultLocale: AppLocale
        let currency: Currency
        /// The first administrator; defaults to the caller.
        let adminUserID: UserID?
    }

    struct UpdateOrganizationRequest: Decodable {
        let name: String?
        let defaultLocale: AppLocale?
    }

    struct SetMemberRequest: Decodable {
        let email: String
        let role: Role
    }

    struct AddMemberRequest: Decodable {
        let email: String
        let role: Role
        /// For a new account: the person's name, initial password and locale.
        let name: String?
        let password: String?
        let locale: AppLocale?
    }

    /// Registers `POST /orgs` on `/api/v1`.
    package func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.post("orgs", use: create)
    }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("", use: get)
        org.patch("", use: update)
        org.get("members", use: members)
        org.put("members", use: setMember)
        org.post("members", use: addMember)
        org.delete("members/:userID", use: removeMember)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Organization> {
        let identity = try context.requireIdentity()
        guard identity.isSuperadmin else {
            throw APIError(DomainError.forbidden("Only platform administrators create organizations."))
        }
        let body = try await request.decode(as: CreateOrganizationRequest.self, context: context)
        let admin = body.adminUserID ?? identity.userID
        guard try await accounts.user(id: admin) != nil else {
            throw APIError(DomainError.invalid("/adminUserID", "no such user"))
        }
        let organization = try await accounts.createOrganization(
            name: body.name, country: body.country, locale: body.defaultLocale, currency: body.currency, admin: admin)
        return JSONResponse(organization, status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Organization> {
        JSONResponse(try await accounts.organization(try context.requireScope()))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Organization> {
        let scope = try context.requireScope()
        let body = try await request.decode(as: UpdateOrganizationRequest.self, context: context)
        return JSONResponse(try await accounts.updateOrganization(scope, name: body.name,
                                                                  defaultLocale: body.defaultLocale))
    }

    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<[Member]> {
        JSONResponse(try await accounts.members(try context.requireScope()))
    }

    @Sendable func setMember(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Member> {
        let scope = try context.requireScope()
        let body = try await request.decode(as: SetMemberRequest.self, context: context)
        return JSONResponse(try await accounts.setMember(scope, email: body.email, role: body.role))
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> EmptyResponse {
        try await accounts.removeMember(try context.requireScope(), userID: try context.id("userID", resource: "member"))
        return EmptyResponse()
    }

    /// Adds a member, creating the account when the email is new (201) or adding an existing user (200).
    @Sendable func addMember(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Member> {
        let scope = try context.requireScope()
        try scope.require(.membersManage)
        let body = try await request.decode(as: AddMemberRequest.self, context: context)
        var hash: String?
        if let password = body.password {
            if let problem = PasswordHasher.validate(password) {
                throw APIError(DomainError.invalid("/password", problem))
            }
            hash = try await hasher.hash(password)
        }
        let organization = try await accounts.organization(scope)
        let (member, created) = try await accounts.addMember(
            scope, email: body.email, name: body.name, role: body.role, passwordHash: hash,
            locale: body.locale ?? organization.defaultLocale)
        return JSONResponse(member, status: created ? .created : .ok)
    }
}
