import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

/// A real SMTP server on loopback for the mail tests: Debian's aiosmtpd (python3-aiosmtpd) run by
/// `/usr/bin/python3`, with STARTTLS on a certificate from a test CA made here, AUTH PLAIN and
/// LOGIN with a required password, and every received message parsed by Python's own `email`
/// package and appended as JSON to a file the test reads. Recipients whose local part starts with
/// `bounce` get `550`, with `later` get `451`.
final class MailTestServer: Sendable {
    struct Options: Sendable {
        /// `starttls` (offered and required before AUTH/MAIL), `implicit` (TLS from the first byte,
        /// smtps), or `plain` (no TLS offered).
        var mode = "starttls"
        var mechanisms = ["PLAIN", "LOGIN"]
        var user = "mailer"
        var password = "s3cret-pässword"
    }

    /// One received message, as Python's `email` package read it.
    struct Received: Decodable, Sendable {
        let mailFrom: String
        let rcptTos: [String]
        let tls: Bool
        let mechanism: String?
        let subject: String
        let from: String
        let to: String
        let messageID: String
        let date: String
        let text: String
        let html: String?
        let defects: [String]
        let raw: String
    }

    let port: Int
    let directory: URL
    let options: Options
    private let process: Process

    /// The test CA that issued the server's certificate (for `cafile=`).
    var certificateFile: String { directory.appendingPathComponent("ca.pem").path }

    private init(port: Int, directory: URL, options: Options, process: Process) {
        self.port = port
        self.directory = directory
        self.options = options
        self.process = process
    }

    /// Starts a server; fails the test with a clear message when python3 or aiosmtpd is missing.
    static func start(_ options: Options = Options()) async throws -> MailTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw MailTestSetupError("/usr/bin/python3 is missing: install Debian's python3 and python3-aiosmtpd")
        }
        try writeCertificates(to: directory)
        let config: [String: Any] = [
            "mode": options.mode, "mechanisms": options.mechanisms, "user": options.user,
            "password": options.password, "dir": directory.path,
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: directory.appendingPathComponent("config.json"))
        try Data(script.utf8).write(to: directory.appendingPathComponent("server.py"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [directory.appendingPathComponent("server.py").path,
                             directory.appendingPathComponent("config.json").path]
        let errors = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let portFile = directory.appendingPathComponent("port")
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return MailTestServer(port: port, directory: directory, options: options, process: process)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        if stderr.contains("No module named 'aiosmtpd'") {
            throw MailTestSetupError("python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): \(stderr)")
        }
        throw MailTestSetupError("the aiosmtpd test server did not start: \(stderr)")
    }

    /// Messages received so far.
    func received() throws -> [Received] {
        let file = directory.appendingPathComponent("received.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(Received.self, from: Data($0.utf8)) }
    }

    func stop() {
        // SIGKILL: the test runner may hand its children an ignored SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A test CA (`ca.pem`) and the server's certificate (`cert.pem`, `key.pem`) for `localhost` and
    /// 127.0.0.1, valid a day either side of now.
    private static func writeCertificates(to directory: URL) throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("PPT Mail Test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(86_400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(86_400),
            issuer: caName, subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(caKey))
        try ca.serializeAsPEM().pemString.write(to: directory.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        try server.serializeAsPEM().pemString.write(to: directory.appendingPathComponent("cert.pem"), atomically: true,
                                                    encoding: .utf8)
        try serverKey.pemRepresentation.write(to: directory.appendingPathComponent("key.pem"), atomically: true, encoding: .utf8)
    }

    private static let script = #"""
    import asyncio, base64, email, email.header, email.policy, json, os, signal, socket, ssl, sys, time
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def decoded(value):
        return str(email.header.make_header(email.header.decode_header(value))) if value is not None else None
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cfg = json.load(open(sys.argv[1]))
    d = cfg["dir"]

    def raw_header(raw, name):
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        return parsed.get(name)

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            local = address.split("@")[0]
            if local.startswith("bounce"):
                return "550 5.1.1 No such mailbox here"
            if local.startswith("later"):
                return "451 4.3.0 Mailbox busy, try again later"
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"

        async def handle_DATA(self, server, session, envelope):
            raw = envelope.original_content or envelope.content
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            plain = msg.get_body(("plain",))
            html = msg.get_body(("html",))
            record = {
                "mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
                "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None, "mechanism": getattr(session, "ppt_mechanism", None),
                "subject": str(msg["subject"]), "from": decoded(raw_header(raw, "From")),
                "to": decoded(raw_header(raw, "To")),
                "messageID": str(msg["message-id"]), "date": str(msg["date"]),
                "text": plain.get_content() if plain is not None else "",
                "html": html.get_content() if html is not None else None,
                "defects": [repr(x) for x in msg.defects] + [repr(x) for p in msg.walk() for x in p.defects],
                "raw": raw.decode("ascii", "replace"),
            }
            with open(d + "/received.jsonl", "a") as f:
                f.write(json.dumps(record) + "\n")
            return "250 2.0.0 Queued as TEST"

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == cfg["user"] \
                and auth_data.password.decode() == cfg["password"]:
            session.ppt_mechanism = mechanism
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    kwargs = dict(hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True,
                  auth_exclude_mechanism=[m for m in ["PLAIN", "LOGIN"] if m not in cfg["mechanisms"]])
    if cfg["mode"] == "starttls":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
        kwargs.update(tls_context=ctx, require_starttls=True, auth_require_tls=True)
    elif cfg["mode"] == "implicit":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
        kwargs.update(ssl_context=ctx, auth_require_tls=False)
    else:
        kwargs.update(auth_require_tls=False)
    controller = Controller(Handler(), **kwargs)
    controller.start()
    with open(d + "/port.tmp", "w") as f:
        f.write(str(port))
    os.rename(d + "/port.tmp", d + "/port")
    # Exit with the test process, even when it dies without stopping us.
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    """#
}

struct MailTestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
