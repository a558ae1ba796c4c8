import Foundation
import Logging
import PPTDomain
import SQLKit
import ServiceLifecycle

/// A consumer of domain events. Each event it wants becomes one job of `jobKind` (payload: the
/// outbox record), so delivery is durable, retried, and idempotent per (event, subscriber).
package struct OutboxSubscriber: Sendable {
    /// Unique name; part of the per-event idempotency key.
    package let name: String
    /// Event types it receives; empty means all.
    package let eventTypes: Set<DomainEventType>
    /// Job kind enqueued per event.
    package let jobKind: String

    /// Narrows a batch to the events this subscriber has work for (e.g. organizations with a
    /// workflow on that event), inside the dispatch transaction; `nil` takes every event of its types.
    package let accepts: (@Sendable (any SQLDatabase, [OutboxRecord]) async throws -> Set<Int64>)?

    /// Events per job: 1 gives each event its own job (payload `OutboxDelivery`); more packs up
    /// to that many into one job (payload `OutboxDeliveryBatch`), so that cheap per-event work is
    /// not dominated by the cost of claiming and completing a job.
    package let batchSize: Int

    package init(name: String, eventTypes: Set<DomainEventType> = [], jobKind: String, batchSize: Int = 1,
                 accepts: (@Sendable (any SQLDatabase, [OutboxRecord]) async throws -> Set<Int64>)? = nil) {
        self.name = name
        self.eventTypes = eventTypes
        self.jobKind = jobKind
        self.batchSize = max(1, batchSize)
        self.accepts = accepts
    }
}

/// The payload of a batched subscriber's job, oldest event first.
package struct OutboxDeliveryBatch: Codable, Sendable, Hashable {
    package let deliveries: [OutboxDelivery]

    package init(deliveries: [OutboxDelivery]) { self.deliveries = deliveries }
}

/// The payload of a subscriber's job.
package struct OutboxDelivery: Codable, Sendable, Hashable {
    package let outboxID: Int64
    package let eventType: String
    package let organizationID: String
    package let aggregateType: String
    package let aggregateID: String
    package let payload: [String: JSONValue]
    package let occurredAt: Date

    package init(outboxID: Int64, eventType: String, organizationID: String, aggregateType: String, aggregateID: String,
                 payload: [String: JSONValue], occurredAt: Date) {
        self.outboxID = outboxID
        self.eventType = eventType
        self.organizationID = organizationID
        self.aggregateType = aggregateType
        self.aggregateID = aggregateID
        self.payload = payload
        self.occurredAt = occurredAt
    }
}

// Job payloads of deliveries are written for every event and read by every subscriber job, so they
// convert by hand: the JSON is exactly their `Codable` form (the instant as seconds since 2001,
// `JSONEncoder`'s default), which jobs written before still have and other handlers still decode.
extension OutboxDelivery {
    /// The delivery as its job payload.
    package var json: JSONValue {
        ["outboxID": .number(Double(outboxID)), "eventType": .string(eventType), "organizationID": .string(organizationID),
         "aggregateType": .string(aggregateType), "aggregateID": .string(aggregateID), "payload": .object(payload),
         "occurredAt": .number(occurredAt.timeIntervalSinceReferenceDate)]
    }

    /// Reads a delivery from its job payload.
    package init(json: JSONValue) throws {
        guard case .object(let members) = json,
            case .number(let outboxID)? = members["outboxID"], let id = Int64(exactly: outboxID),
            case .string(let eventType)? = members["eventType"], case .string(let organizationID)? = members["organizationID"],
            case .string(let aggregateType)? = members["aggregateType"], case .string(let aggregateID)? = members["aggregateID"],
            case .object(let payload)? = members["payload"], case .number(let occurredAt)? = members["occurredAt"]
        else { throw StoredValueError(column: "payload", value: "not an outbox delivery") }
        self.init(outboxID: id, eventType: eventType, organizationID: organizationID, aggregateType: aggregateType,
                  aggregateID: aggregateID, payload: payload, occurredAt: Date(timeIntervalSinceReferenceDate: occurredAt))
    }
}

extension OutboxDeliveryBatch {
    /// The batch as its job payload.
    package var json: JSONValue { ["deliveries": .array(deliveries.map(\.json))] }

    /// Reads a batch from its job payload text.
    package init(jobPayload: String) throws {
        guard case .object(let members) = try JSONValue(jsonText: jobPayload), case .array(let deliveries)? = members["deliveries"]
        else { throw StoredValueError(column: "payload", value: "not a batch of outbox deliveries") }
        self.init(deliveries: try deliveries.map(OutboxDelivery.init(json:)))
    }
}

/// Moves events from the outbox to subscribers' jobs, in one transaction per batch.
package struct OutboxDispatcher: Service {
    private let database: any Database
    private let subscribers: [OutboxSubscriber]
    private let wake: WakeSignal
    private let clock: any WallClock
    private let pollInterval: Duration
    private let logger: Logger

    package init(database: any Database, subscribers: [OutboxSubscriber], wake: WakeSignal,
                 clock: any WallClock = SystemWallClock(), pollInterval: Duration = .seconds(1), logger: Logger) {
        self.database = database
        self.subscribers = subscribers
        self.wake = wake
        self.clock = clock
        self.pollInterval = pollInterval
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let moved: Int
            do { moved = try await dispatchBatch() } catch {
                logger.error("outbox dispatch failed", metadata: ["error": "\(error)"])
                moved = 0
            }
            if moved == 0 {
                await wake.wait(timeout: pollInterval)
            } else {
                // The jobs just written are due now: wake this process's workers instead of letting
                // them sleep out their poll interval (other processes learn of them by NOTIFY or polling).
                await wake.signal()
            }
        }
    }

    /// Dispatches up to `limit` pending events; returns how many.
    @discardableResult
    package func dispatchBatch(limit: Int = 200) async throws -> Int {
        let now = clock.now()
        let dialect = database.dialect
        let subscribers = self.subscribers
        return try await database.write(isolation: .readCommitted) { sql in
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
            let records = try await sql.raw(
                "SELECT * FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT \(bind: limit) \(lock)"
            ).all().map(OutboxRecord.init(row:))
            guard !records.isEmpty else { return 0 }
            var accepted: [String: Set<Int64>] = [:]
            for subscriber in subscribers {
                if let accepts = subscriber.accepts { accepted[subscriber.name] = try await accepts(sql, records) }
            }
            var batches: [String: [OutboxDelivery]] = [:]
            for record in records {
                let delivery = OutboxDelivery(
                    outboxID: record.id, eventType: record.event.type.rawValue,
                    organizationID: record.event.organizationID.rawValue, aggregateType: record.event.aggregateType,
                    aggregateID: record.event.aggregateID, payload: record.event.payload, occurredAt: record.occurredAt)
                for subscriber in subscribers
                where (subscriber.eventTypes.isEmpty || subscriber.eventTypes.contains(record.event.type))
                    && accepted[subscriber.name].map({ $0.contains(record.id) }) ?? true {
                    if subscriber.batchSize > 1 {
                        batches[subscriber.name, default: []].append(delivery)
                        continue
                    }
                    try await JobQueue.enqueue(
                        JobRequest(kind: subscriber.jobKind, payload: delivery.json.jsonText,
                                   idempotencyKey: "outbox:\(record.id):\(subscriber.name)"),
                        now: now, on: sql)
                }
            }
            // Batches are disjoint (each event is dispatched once), so their first and last ids key them.
            for subscriber in subscribers where subscriber.batchSize > 1 {
                let deliveries = batches[subscriber.name] ?? []
                for start in stride(from: 0, to: deliveries.count, by: subscriber.batchSize) {
                    let chunk = Array(deliveries[start..<min(deliveries.count, start + subscriber.batchSize)])
                    try await JobQueue.enqueue(
                        JobRequest(kind: subscriber.jobKind, payload: OutboxDeliveryBatch(deliveries: chunk).json.jsonText,
                                   idempotencyKey: "outbox:\(chunk[0].outboxID)-\(chunk[chunk.count - 1].outboxID):\(subscriber.name)"),
                        now: now, on: sql)
                }
            }
            try await sql.raw(
                "UPDATE outbox SET dispatched_at = \(bind: now) WHERE id IN (\(binds: records.map(\.id)))"
            ).run()
            return records.count
        }
    }
}
