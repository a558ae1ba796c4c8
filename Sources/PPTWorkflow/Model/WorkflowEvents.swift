import PPTDomain

/// The domain events a workflow can start on, and the fields each carries as `trigger.*`: what a
/// definition is checked against when it is saved (an unknown `trigger.x` is refused then, not at
/// run time). Kept beside the repositories' payloads; a test compares them with real events.
package enum WorkflowEvents {
    /// Events a workflow may name as its trigger.
    package static let triggerable: [DomainEventType] = DomainEventType.allCases.filter { $0 != .featureFlagChanged }

    /// Fields of each event's payload, with their types.
    package static func fields(of event: DomainEventType) -> [String: WorkflowValueType] {
        let fault: [String: WorkflowValueType] = [
            "faultID": .string, "buildingID": .string, "unitID": .any, "title": .string, "category": .string,
            "priority": .string, "status": .string, "reportedBy": .string, "assigneeID": .any,
        ]
        switch event {
        case .faultCreated: return fault
        case .faultStatusChanged, .faultResolved: return fault.merging(["fromStatus": .string]) { a, _ in a }
        case .announcementPublished:
            return ["announcementID": .string, "title": .string, "target": .object, "pinned": .boolean]
        case .documentUploaded:
            return ["documentID": .string, "title": .string, "version": .integer, "contentType": .string,
                    "sizeBytes": .integer, "category": .string]
        case .voteStarted: return ["voteID": .string, "title": .string, "buildingID": .string, "endsAt": .any]
        case .voteEnded: return ["voteID": .string, "title": .string, "buildingID": .string, "results": .object]
        case .paymentOverdue:
            return ["invoiceID": .string, "unitID": .string, "invoiceNumber": .string, "amountDueMinor": .integer,
                    "currency": .string, "dueDate": .date, "daysOverdue": .integer]
        case .paymentReceived:
            return ["paymentID": .string, "invoiceID": .string, "unitID": .string, "amountMinor": .integer,
                    "currency": .string, "receivedOn": .date]
        case .meterReadingDue:
            return ["windowID": .string, "unitID": .string, "buildingID": .string, "title": .string,
                    "opensOn": .date, "closesOn": .date]
        case .leaseExpiring:
            return ["leaseID": .string, "unitID": .string, "startDate": .date, "endDate": .date,
                    "daysRemaining": .integer, "rentMinor": .integer, "currency": .string]
        case .inquiryReceived: return ["inquiryID": .string, "listingID": .string, "name": .string, "email": .string]
        case .featureFlagChanged: return [:]
        }
    }

    /// The `event` variable's fields (the same for every trigger kind).
    package static let eventFields: [String: WorkflowValueType] = [
        "type": .string, "id": .string, "aggregateType": .string, "aggregateID": .string, "occurredAt": .datetime,
    ]
}
