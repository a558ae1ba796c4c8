import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// The organization's outgoing e-mail (workflow messages: queued, sent, failed or captured) under
/// `/api/v1/orgs/{orgID}/mailbox`; `.mailboxRead` (admins and managers).
package struct MailboxController: Sendable {
    private let mail: MailRepository

    package init(mail: MailRepository) { self.mail = mail }

    /// Registers the routes on the organization-scoped group.
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("mailbox", use: list)
        org.get("mailbox/:messageID", use: get)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Page<MailMessage>> {
        let scope = try context.requireScope()
        let status = try request.query("status", as: MailStatus.self)
        return JSONResponse(try await mail.messages(scope, status: status, page: try request.pageRequest()))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<MailMessage> {
        let scope = try context.requireScope()
        guard let text = context.parameters.get("messageID"), let uuid = UUID(uuidString: text) else {
            throw APIError(DomainError.notFound("mail_message"))
        }
        return JSONResponse(try await mail.message(scope, id: uuid.uuidString.lowercased()))
    }
}
