import Foundation
import PPTDomain
import PPTStorage
import SQLKit
import Testing

@Suite("Outbox")
struct OutboxTests {
    @Test("an event is written with its change or not at all", arguments: TestDatabase.dialects)
    func atomicity(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.write { sql in
                    try await Outbox.append(DomainEvent(
                        type: .faultCreated, organizationID: a.organization.id, aggregateType: "fault",
                        aggregateID: "x", payload: [:]), at: Date(), on: sql)
                    throw Abort()
                }
            }
            #expect(try await OutboxStore(database: database).events(organizationID: a.organization.id).isEmpty)
        }
    }

    @Test("fault changes emit fault_created, fault_status_changed and fault_resolved exactly once each",
          arguments: TestDatabase.dialects)
    func faultEvents(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let faults = FaultRepository(database: database)
            let fault = try await faults.report(a.tenant, FaultInput(
                buildingID: a.building.id, unitID: a.unit.id, title: "Leak", description: "Water under the sink",
                category: .plumbing))
            _ = try await faults.update(a.admin, id: fault.id, FaultUpdate(status: .inProgress))
            _ = try await faults.update(a.admin, id: fault.id, FaultUpdate(comment: "plumber booked"))
            _ = try await faults.update(a.admin, id: fault.id, FaultUpdate(status: .resolved))
            await #expect(throws: DomainError.self) {
                try await faults.update(a.admin, id: fault.id, FaultUpdate(status: .new))
            }
            let events = try await OutboxStore(database: database).events(organizationID: a.organization.id)
            #expect(events.map(\.event.type) == [.faultCreated, .faultStatusChanged, .faultStatusChanged, .faultResolved])
            #expect(events.allSatisfy { $0.event.aggregateID == fault.id.rawValue })
            let timeline = try await faults.timeline(a.tenant, id: fault.id)
            #expect(timeline.map(\.kind) == [.created, .statusChanged, .comment, .statusChanged])
        }
    }

    @Test("the dispatcher hands each event to each subscriber once, even when run twice, and survives a restart",
          arguments: TestDatabase.dialects)
    func dispatch(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            _ = try await FaultRepository(database: database).report(a.admin, FaultInput(
                buildingID: a.building.id, title: "Broken door", description: "Entrance door does not lock",
                category: .security, priority: .high))
            let subscribers = [
                OutboxSubscriber(name: "all", jobKind: "deliver.all"),
                OutboxSubscriber(name: "resolved", eventTypes: [.faultResolved], jobKind: "deliver.resolved"),
            ]
            // A dispatcher that "died" before running leaves the event pending; a new one delivers it.
            #expect(try await OutboxStore(database: database).pendingCount() == 1)
            let dispatcher = OutboxDispatcher(database: database, subscribers: subscribers, wake: WakeSignal(),
                                              logger: TestDatabase.logger)
            #expect(try await dispatcher.dispatchBatch() == 1)
            #expect(try await dispatcher.dispatchBatch() == 0)
            let queue = JobQueue(database: database)
            let delivered = try await queue.jobs(kind: "deliver.all")
            #expect(delivered.count == 1)
            #expect(try await queue.jobs(kind: "deliver.resolved").isEmpty)
            let payload = try delivered[0].decodePayload(OutboxDelivery.self)
            #expect(payload.eventType == "fault_created")
            #expect(payload.organizationID == a.organization.id.rawValue)
        }
    }
}

/// Delivery job payloads are written by hand; they must stay the `Codable` form that jobs already
/// queued were written in.
@Suite struct OutboxDeliveryPayloadTests {
    static let delivery = OutboxDelivery(
        outboxID: 9_007_199_254_740, eventType: "fault_created", organizationID: "org", aggregateType: "fault",
        aggregateID: "f1", payload: ["title": "Kvapkajúci kohútik / bath", "priority": "urgent", "n": 2.5],
        occurredAt: Date(timeIntervalSinceReferenceDate: 786_543_210.123_456))

    @Test("a batch's payload is its Codable form and reads back both ways")
    func sameAsCodable() throws {
        let batch = OutboxDeliveryBatch(deliveries: [Self.delivery, Self.delivery])
        let codable = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(batch))
        #expect(batch.json == codable)
        #expect(try OutboxDeliveryBatch(jobPayload: batch.json.jsonText) == batch)
        #expect(try JSONDecoder().decode(OutboxDeliveryBatch.self, from: Data(batch.json.jsonText.utf8)) == batch)
        #expect(try OutboxDeliveryBatch(jobPayload: jsonText(batch)) == batch)
    }

    @Test("a payload that is not a batch is a clear error")
    func notABatch() {
        #expect(throws: StoredValueError.self) { try OutboxDeliveryBatch(jobPayload: #"{"deliveries":[{"outboxID":1}]}"#) }
        #expect(throws: JSONTextError.self) { try OutboxDeliveryBatch(jobPayload: "{") }
    }
}
