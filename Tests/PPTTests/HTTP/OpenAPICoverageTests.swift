import Foundation
import HTTPTypes
import Hummingbird
import PPTApp
import PPTDomain
import PPTHTTP
import PPTStorage
import Testing

/// Keeps the committed OpenAPI documents honest: every registered route is documented, every
/// documented operation is registered, and the documents are well-formed OpenAPI 3.1.
@Suite("OpenAPI coverage")
struct OpenAPICoverageTests {
    /// A public service, its router and its OpenAPI document.
    enum Service: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case management, portal

        /// The document's file in `Sources/PPTHTTP/Resources`.
        var fileName: String { self == .management ? "openapi.json" : "portal-openapi.json" }
        /// Where the router serves the document.
        var servedPath: String { self == .management ? "/api/v1/openapi.json" : "/portal/api/v1/openapi.json" }
        var testDescription: String { rawValue }
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    // MARK: Coverage

    @Test("every registered route is documented and every documented operation is registered",
          arguments: Service.allCases)
    func routesMatchDocument(service: Service) async throws {
        let registered = try await Self.registeredOperations(service)
        let documented = Self.operations(in: try Self.document(service)).keys
        let undocumented = registered.subtracting(documented).sorted()
        let stale = Set(documented).subtracting(registered).sorted()
        #expect(undocumented.isEmpty, "routes missing from \(service.fileName): \(undocumented)")
        #expect(stale.isEmpty, "operations in \(service.fileName) that no route serves: \(stale)")
        #expect(!registered.isEmpty)
    }

    // MARK: Well-formedness

    @Test("the document is OpenAPI 3.1 JSON with paths and a Problem schema", arguments: Service.allCases)
    func isOpenAPI31(service: Service) throws {
        let document = try Self.document(service)
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
        #expect(!Self.operations(in: document).isEmpty)
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        #expect(schemas?["Problem"] != nil)
    }

    @Test("every $ref is local and resolves to an existing component", arguments: Service.allCases)
    func referencesResolve(service: Service) throws {
        let document = try Self.document(service)
        var references: [String] = []
        Self.collectReferences(in: document, into: &references)
        #expect(!references.isEmpty)
        for reference in Set(references).sorted() {
            #expect(reference.hasPrefix("#/components/"), "non-local $ref \(reference)")
            #expect(Self.resolve(reference, in: document) != nil, "unresolved $ref \(reference)")
        }
    }

    @Test("operations have unique ids, tags, descriptions, declared path parameters and problem errors",
          arguments: Service.allCases)
    func operationsAreDescribed(service: Service) throws {
        let document = try Self.document(service)
        let operations = Self.operations(in: document)
        let ids = operations.values.compactMap { $0.operation["operationId"] as? String }
        #expect(ids.count == operations.count, "every operation needs an operationId")
        #expect(Set(ids).count == ids.count, "operationIds must be unique")
        for (key, entry) in operations.sorted(by: { $0.key < $1.key }) {
            let operation = entry.operation
            #expect((operation["tags"] as? [String])?.isEmpty == false, "\(key) has no tag")
            #expect((operation["summary"] as? String)?.isEmpty == false, "\(key) has no summary")
            #expect((operation["description"] as? String)?.isEmpty == false, "\(key) has no description")
            let parameters = (entry.pathParameters + (operation["parameters"] as? [Any] ?? []))
                .compactMap { Self.dereference($0, in: document) }
            let declared = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
            #expect(declared == Self.templateNames(entry.path), "\(key) declares path parameters \(declared.sorted())")
            let responses = try #require(operation["responses"] as? [String: Any], "\(key) has no responses")
            // A redirect is a success too: pages answer forms with 303 (post/redirect/get) and send
            // visitors on with 302.
            #expect(responses.keys.contains { $0.hasPrefix("2") || $0.hasPrefix("3") },
                    "\(key) has no success response")
            // The OAuth endpoints answer in the formats their RFCs prescribe (6749 §5.2 error JSON,
            // HTML pages for the browser), which Alexa and Google parse: they are not problem+json.
            let protocolDefined = entry.path.hasPrefix("/oauth/")
            for (status, value) in responses where (status.hasPrefix("4") || status == "500") && !protocolDefined {
                let response = Self.dereference(value, in: document)
                let content = response?["content"] as? [String: Any]
                let problem = content?["application/problem+json"] as? [String: Any]
                let isProblem = (problem?["schema"] as? [String: Any])?["$ref"] as? String == "#/components/schemas/Problem"
                // The Reality Portal's pages are for people: their own errors are HTML pages (an
                // invalid search, an unknown listing, a form with its mistakes marked).
                let isPortalPage = service == .portal && content?["text/html"] != nil
                #expect(problem == nil ? isPortalPage : isProblem, "\(key) \(status) is neither a Problem nor a portal page")
            }
        }
    }

    // MARK: Serving

    @Test("the router serves the committed document", arguments: Service.allCases)
    func servedDocumentMatchesFile(service: Service) async throws {
        let expected = try Data(contentsOf: Self.fileURL(service))
        try await TestApp.with(.sqlite, portal: service == .portal) { app in
            let response = try await app.request(.get, service.servedPath)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[.requestID] != nil)
            #expect(Data(response.body.readableBytesView) == expected)
            #expect((response.json?["openapi"] as? String)?.hasPrefix("3.1") == true)
        }
    }

    // MARK: Helpers

    /// The committed document in the source tree (the test target does not bundle PPTHTTP's resources).
    static func fileURL(_ service: Service, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/PPTHTTP/Resources/\(service.fileName)")
    }

    static func document(_ service: Service) throws -> [String: Any] {
        let data = try Data(contentsOf: fileURL(service))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                            "\(service.fileName) is not a JSON object")
    }

    /// `METHOD /path/{param}` of every route the service's router registers.
    static func registeredOperations(_ service: Service) async throws -> Set<String> {
        try await TestDatabase.with(.sqlite) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10",
                "PPT_DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("ppt-app-\(UUID())").path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                       logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            let router = service == .management ? APIRouter.management(services) : APIRouter.portal(services)
            return Set(router.routes.map { "\($0.method.rawValue) \(templated($0.path.description))" })
        }
    }

    /// Hummingbird's `:param` segments as OpenAPI's `{param}`, and a trailing `**` (the rest of the
    /// path, slashes included) as `{path}`.
    static func templated(_ path: String) -> String {
        "/" + path.split(separator: "/").map {
            $0 == "**" ? "{path}" : $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
        }.joined(separator: "/")
    }

    static func templateNames(_ path: String) -> Set<String> {
        Set(path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
            .map { String($0.dropFirst().dropLast()) })
    }

    /// Every documented operation by `METHOD /path`, with its path and the path item's parameters.
    static func operations(in document: [String: Any])
        -> [String: (path: String, operation: [String: Any], pathParameters: [Any])]
    {
        var result: [String: (path: String, operation: [String: Any], pathParameters: [Any])] = [:]
        for (path, value) in document["paths"] as? [String: Any] ?? [:] {
            guard let item = value as? [String: Any] else { continue }
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                result["\(method.uppercased()) \(path)"] = (path, operation, item["parameters"] as? [Any] ?? [])
            }
        }
        return result
    }

    static func collectReferences(in value: Any, into references: inout [String]) {
        if let object = value as? [String: Any] {
            if let reference = object["$ref"] as? String { references.append(reference) }
            for child in object.values { collectReferences(in: child, into: &references) }
        } else if let array = value as? [Any] {
            for child in array { collectReferences(in: child, into: &references) }
        }
    }

    /// Follows a local JSON pointer (`#/components/schemas/Money`).
    static func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any], let next = object[key] {
                current = next
            } else if let array = current as? [Any], let index = Int(key), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// An object, or the object its `$ref` points to.
    static func dereference(_ value: Any, in document: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String else { return object }
        return resolve(reference, in: document) as? [String: Any]
    }
}
