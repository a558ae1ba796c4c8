import Foundation

/// A message to one user inside PPT (alerts for operators; later, workflow notifications).
package struct UserNotification: Codable, Sendable, Hashable {
    package var id: String
    package var userID: UserID
    /// The organization it concerns, if any.
    package var organizationID: OrganizationID?
    /// Machine-readable kind, e.g. `alert.error_rate`.
    package var kind: String
    package var title: String
    package var body: String
    /// Structured details (values, thresholds, links).
    package var data: [String: JSONValue]
    package var createdAt: Date
    package var readAt: Date?

    package init(id: String, userID: UserID, organizationID: OrganizationID?, kind: String, title: String, body: String,
                 data: [String: JSONValue], createdAt: Date, readAt: Date?) {
        self.id = id
        self.userID = userID
        self.organizationID = organizationID
        self.kind = kind
        self.title = title
        self.body = body
        self.data = data
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
