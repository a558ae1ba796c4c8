import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import Testing

/// The organization's live feed of run changes over a real HTTP server: the stream delivers
/// changes that happen while it is open, and a new stream resumes after `Last-Event-ID`.
@Suite("Workflow API: live feed")
struct WorkflowAPIFeedTests {
    @Test("the organization's feed streams a run's changes as they happen and resumes after Last-Event-ID",
          arguments: TestDatabase.dialects)
    func liveFeed(dialect: DatabaseDialect) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-feed-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: ["PPT_DATA_DIR": dataDirectory.path])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(), logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            await runtime.health.markStarted()
            let application = Application(router: APIRouter.management(services), logger: TestDatabase.logger)
            try await application.test(.live) { client in
                let app = TestApp(runtime: runtime, client: client)
                let port = try #require(client.port)
                let world = try await World.make(app, name: "A")
                let token = try await app.login(world.adminEmail)
                let org = "/api/v1/orgs/\(world.ids["orgID"]!)"
                let created = try await app.request(.post, "\(org)/workflows", token: token,
                                                    body: ["name": "Greeter", "definition": WorkflowSamples.notifyUser])
                let workflowID = try #require(created.json?["id"] as? String)

                // The world's own run finishes first, so the feed holds only what follows.
                try await WorkflowJobDriver.drain(runtime)
                let feed = try await Self.open(port: port, path: "\(org)/workflow-runs/events", token: token)
                let started = try await app.request(.post, "\(org)/workflows/\(workflowID)/runs", token: token,
                                                    body: ["input": ["userID": world.ids["userID"]!]])
                let runID = try #require(started.json?["id"] as? String)
                try await WorkflowJobDriver.drain(runtime)
                let text = try await Self.read(feed, until: "\"status\":\"succeeded\"")
                // Only changes after the stream opened: not the world's run, which ended before, all of the new one.
                #expect(!text.contains(world.ids["runID"]!))
                let events = Self.events(text)
                #expect(events.allSatisfy { $0.name == "update" && $0.data.contains(runID) }, "\(text)")
                #expect(events.first.map { $0.data.contains("\"status\":\"running\"") } == true, "\(text)")
                #expect(events.map(\.id) == events.map(\.id).sorted() && events.count >= 2)

                // Resuming after the first change sends the rest again, and nothing before it.
                let first = try #require(events.first?.id)
                let resumed = try await Self.open(port: port, path: "\(org)/workflow-runs/events", token: token,
                                                  lastEventID: first)
                let again = Self.events(try await Self.read(resumed, until: "\"status\":\"succeeded\""))
                #expect(again.map(\.id) == Array(events.map(\.id).dropFirst()))
            }
        }
    }

    struct Event {
        let id: Int64
        let name: String
        let data: String
    }

    static func events(_ text: String) -> [Event] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id: Int64?
            var name = "message"
            var data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            return id.map { Event(id: $0, name: name, data: data) }
        }
    }

    static func open(port: Int, path: String, token: String, lastEventID: Int64? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: String(lastEventID)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "Content-Type") == "text/event-stream")
        return response
    }

    /// Reads the stream until `marker` and the end of its event arrive (at most 20 s).
    static func read(_ response: HTTPClientResponse, until marker: String) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                var text = ""
                for try await chunk in response.body {
                    text += String(buffer: chunk)
                    if let range = text.range(of: marker), text[range.upperBound...].contains("\n\n") { break }
                }
                return text
            }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await group.next() ?? ""
        }
    }
}
