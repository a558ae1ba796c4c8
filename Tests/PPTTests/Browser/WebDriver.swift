import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A small W3C WebDriver client (the JSON-over-HTTP protocol chromedriver speaks), enough to drive the
/// web app the way a person does: navigate, find, type, click, wait, run a script, take a screenshot.
struct WebDriver: Sendable {
    let endpoint: String
    let sessionID: String
    let client: HTTPClient

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens a headless Chromium session.
    static func open(endpoint: String, client: HTTPClient, width: Int = 1280, height: Int = 900) async throws -> WebDriver {
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": BrowserHarness.chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=\(width),\(height)", "--lang=sk"],
            ] as [String: Any],
            "goog:loggingPrefs": ["browser": "ALL"],
        ] as [String: Any]]]
        let value = try await call(client, "POST", endpoint + "/session", capabilities)
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw Failure(description: "chromedriver gave no session: \(String(describing: value))")
        }
        return WebDriver(endpoint: endpoint, sessionID: id, client: client)
    }

    private var session: String { "\(endpoint)/session/\(sessionID)" }

    func close() async {
        _ = try? await Self.call(client, "DELETE", session, nil)
    }

    func navigate(_ url: String) async throws {
        _ = try await Self.call(client, "POST", session + "/url", ["url": url])
    }

    /// The first element matching `css`, or `nil`.
    func find(_ css: String) async throws -> String? {
        let found = try await Self.call(client, "POST", session + "/elements", ["using": "css selector", "value": css])
        return (found as? [[String: Any]])?.first?.values.first as? String
    }

    /// Waits until an element matching `css` is displayed.
    @discardableResult
    func waitFor(_ css: String, timeout: Duration = .seconds(15)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let element = try await find(css),
               (try? await Self.call(client, "GET", "\(session)/element/\(element)/displayed", nil)) as? Bool == true {
                return element
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "no visible element matches \(css) after \(timeout)")
    }

    /// Waits until `script` (a JavaScript expression) is truthy; returns its value.
    @discardableResult
    func waitUntil(_ script: String, timeout: Duration = .seconds(15), what: String? = nil) async throws -> Any {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let value = try await evaluate(script)
            if let flag = value as? Bool { if flag { return flag } } else if !(value is NSNull), value as? String != "" {
                return value as Any
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "timed out waiting for \(what ?? script)")
    }

    func click(_ css: String) async throws {
        let element = try await waitFor(css)
        _ = try await Self.call(client, "POST", "\(session)/element/\(element)/click", [String: Any]())
    }

    /// Clears the field and types `text` into it.
    func type(_ css: String, _ text: String) async throws {
        let element = try await waitFor(css)
        _ = try await Self.call(client, "POST", "\(session)/element/\(element)/clear", [String: Any]())
        _ = try await Self.call(client, "POST", "\(session)/element/\(element)/value", ["text": text])
    }

    /// Types into a file input (a path the browser's machine can read); the input may be hidden.
    func chooseFile(_ css: String, path: String) async throws {
        guard let element = try await find(css) else { throw Failure(description: "no file input \(css)") }
        _ = try await Self.call(client, "POST", "\(session)/element/\(element)/value", ["text": path])
    }

    /// Picks the option whose value is `value` in a select.
    func select(_ css: String, value: String) async throws {
        try await waitFor(css)
        try await run("""
            const el = document.querySelector(arguments[0]); el.value = arguments[1];
            el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));
            """, css, value)
    }

    /// Runs `return (<expression>)` in the page (promises are awaited).
    func evaluate(_ expression: String) async throws -> Any? {
        try await run("return (\(expression));")
    }

    /// Runs a script body with `arguments`.
    @discardableResult
    func run(_ body: String, _ arguments: String...) async throws -> Any? {
        try await Self.call(client, "POST", session + "/execute/async", [
            "script": "const done = arguments[arguments.length - 1]; Promise.resolve((async () => { \(body) })()).then(done, (e) => done({ __error: String(e) }));",
            "args": arguments,
        ])
    }

    func screenshot() async throws -> Data {
        guard let text = try await Self.call(client, "GET", session + "/screenshot", nil) as? String,
              let data = Data(base64Encoded: text) else { throw Failure(description: "no screenshot") }
        return data
    }

    /// The browser console's errors since the last call.
    func consoleErrors() async throws -> [String] {
        let entries = try await Self.call(client, "POST", session + "/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.filter { $0["level"] as? String == "SEVERE" }.compactMap { $0["message"] as? String }
    }

    static func call(_ client: HTTPClient, _ method: String, _ url: String, _ body: Any?) async throws -> Any? {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
        let value = (object as? [String: Any])?["value"]
        if let error = (value as? [String: Any])?["error"] as? String {
            throw Failure(description: "\(method) \(url): \(error): \((value as? [String: Any])?["message"] ?? "")")
        }
        if let scriptError = (value as? [String: Any])?["__error"] as? String {
            throw Failure(description: "script failed: \(scriptError)")
        }
        return value ?? nil
    }
}
