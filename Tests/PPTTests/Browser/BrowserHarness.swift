import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `ppt serve --demo` (SQLite, built-in LLM provider) and a headless Chromium driven through
/// chromedriver, both started per test and killed after it. A failing test leaves a screenshot in
/// `.build/browser-screenshots/<test>.png` (or `$PPT_TEST_SCREENSHOTS`).
struct BrowserHarness: Sendable {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    let app: String
    let portal: String
    let driver: WebDriver
    let client: HTTPClient

    struct SetupError: Error, CustomStringConvertible { let description: String }

    /// Runs `body` against a fresh demo and browser.
    static func with(_ name: String, _ body: @Sendable (BrowserHarness) async throws -> Void) async throws {
        for tool in [chromium, chromedriver] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw SetupError(description: "\(tool) is missing: install Debian's chromium and chromium-driver (scripts/test.sh does)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (appPort, portalPort, driverPort) = (try freePort(), try freePort(), try freePort())
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PPT_") }
        environment["PPT_DATA_DIR"] = directory.path
        environment["PPT_PORT"] = String(appPort)
        environment["PPT_PORTAL_PORT"] = String(portalPort)
        environment["PPT_BCRYPT_COST"] = "10"
        environment["PPT_LOG_LEVEL"] = "warning"
        let server = try ChildProcess.spawn([ChildProcess.pptExecutable, "serve", "--demo"], environment: environment,
                               log: directory.appendingPathComponent("ppt.log"))
        let chromedriverProcess = try ChildProcess.spawn([chromedriver, "--port=\(driverPort)"], environment: environment,
                                            log: directory.appendingPathComponent("chromedriver.log"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var driver: WebDriver?
        do {
            let app = "http://127.0.0.1:\(appPort)", portal = "http://127.0.0.1:\(portalPort)"
            try await waitReady(client, app + "/health/ready", log: directory.appendingPathComponent("ppt.log"))
            try await waitReady(client, portal + "/health/ready", log: directory.appendingPathComponent("ppt.log"))
            try await waitReady(client, "http://127.0.0.1:\(driverPort)/status",
                                log: directory.appendingPathComponent("chromedriver.log"))
            let opened = try await WebDriver.open(endpoint: "http://127.0.0.1:\(driverPort)", client: client)
            driver = opened
            let harness = BrowserHarness(app: app, portal: portal, driver: opened, client: client)
            do {
                try await body(harness)
            } catch {
                await harness.saveScreenshot(name)
                let log = (try? String(contentsOf: directory.appendingPathComponent("ppt.log"), encoding: .utf8)) ?? ""
                let console = (try? await opened.consoleErrors()) ?? []
                throw SetupError(description: "\(error)\nbrowser console: \(console)\nppt log tail: \(log.suffix(3000))")
            }
        } catch {
            await driver?.close()
            stop(server, chromedriverProcess, directory)
            try? await client.shutdown()
            throw error
        }
        await driver?.close()
        stop(server, chromedriverProcess, directory)
        try await client.shutdown()
    }

    private static func stop(_ server: pid_t, _ chromedriver: pid_t, _ directory: URL) {
        for pid in [server, chromedriver] {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        // chromedriver's Chromium children die with their parent's pipes; leave nothing behind.
        try? FileManager.default.removeItem(at: directory)
    }

    /// Signs in through the sign-in form as `email` and waits for the app's shell.
    func signIn(_ email: String, _ password: String) async throws {
        try await driver.navigate(app + "/")
        try await driver.type("input[name=email]", email)
        try await driver.type("input[name=password]", password)
        try await driver.click("form button[type=submit]")
        try await driver.waitFor(".shell")
    }

    /// Goes to a page of the web app (`#/faults`).
    func open(_ route: String) async throws {
        try await driver.navigate(app + "/" + route)
    }

    // MARK: API (to arrange and to check what the browser did)

    /// A bearer token of a demo user.
    func token(_ email: String, _ password: String) async throws -> String {
        let body = try await json("POST", "/api/v1/auth/login", token: nil, ["email": email, "password": password])
        guard let token = (body as? [String: Any])?["accessToken"] as? String else {
            throw SetupError(description: "sign-in of \(email) failed: \(String(describing: body))")
        }
        return token
    }

    /// The first organization of the token's user.
    func organization(_ token: String) async throws -> String {
        let me = try await json("GET", "/api/v1/me", token: token) as? [String: Any]
        guard let id = ((me?["memberships"] as? [[String: Any]])?.first?["organization"] as? [String: Any])?["id"] as? String
        else { throw SetupError(description: "no organization") }
        return id
    }

    /// A JSON request to the management API; throws on a non-2xx answer.
    @discardableResult
    func json(_ method: String, _ path: String, token: String?, _ body: Any? = nil) async throws -> Any? {
        var request = HTTPClientRequest(url: app + path)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw SetupError(description: "\(method) \(path): \(response.status.code) \(String(buffer: bytes))")
        }
        return bytes.readableBytes == 0 ? nil : try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
    }

    /// Waits until the demo's documents are indexed (the assistant cites only indexed text).
    func waitForIndexing(_ token: String, _ org: String) async throws {
        for _ in 0..<300 {
            let overview = try await json("GET", "/api/v1/orgs/\(org)/search/index", token: token) as? [String: Any]
            let states = overview?["states"] as? [String: Int] ?? [:]
            let busy = ["pending", "extracting", "embedding"].compactMap { states[$0] }.reduce(0, +)
            if busy == 0, (states["indexed"] ?? 0) > 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SetupError(description: "the demo documents were not indexed in time")
    }

    func saveScreenshot(_ name: String) async {
        guard let data = try? await driver.screenshot() else { return }
        let folder = ProcessInfo.processInfo.environment["PPT_TEST_SCREENSHOTS"]
            ?? FileManager.default.currentDirectoryPath + "/.build/browser-screenshots"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
    }

    // MARK: Processes

    private static func waitReady(_ client: HTTPClient, _ url: String, log: URL) async throws {
        for _ in 0..<300 {
            if let response = try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(2)),
               response.status.code == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw SetupError(description: "\(url) did not become ready: \(text.suffix(2000))")
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SetupError(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
