import Foundation
import HTTPTypes
import NIOCore
import PPTDomain
import PPTStorage
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Lease drafts: editing and finalizing")
struct LeaseFinalizeTests {
    /// Sections as a `PUT …/drafts/{id}` body.
    static func editable(_ sections: [[String: Any]]) -> [[String: Any]] {
        sections.map { section in
            var input: [String: Any] = ["key": section["key"]!, "title": section["title"]!, "text": section["text"]!]
            if let translation = section["translation"] { input["translation"] = translation }
            return input
        }
    }

    @Test("Edits that drop a mandatory clause or change a figure are refused; others are saved",
          arguments: TestDatabase.dialects)
    func edits(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            let draft = try await world.generate(world.skLeaseID)
            let id = try #require(draft.json?["id"] as? String)
            let path = "\(world.org)/leases/\(world.skLeaseID)/drafts/\(id)"
            let sections = Self.editable(leaseSections(draft.json))

            let withoutDeposit = sections.filter { $0["key"] as? String != "deposit" }
            let dropped = try await app.request(.put, path, token: world.manager, body: ["sections": withoutDeposit])
            #expect(dropped.status == .unprocessableContent, "\(dropped.text)")
            #expect(dropped.text.contains("the mandatory clause 'deposit'"))

            var changed = sections
            let rentIndex = try #require(changed.firstIndex { $0["key"] as? String == "rent" })
            changed[rentIndex]["text"] = (changed[rentIndex]["text"] as! String)
                .replacingOccurrences(of: "620,00 EUR", with: "650,00 EUR")
            let figure = try await app.request(.put, path, token: world.manager, body: ["sections": changed])
            #expect(figure.status == .unprocessableContent, "\(figure.text)")
            let pointers = figure.problemFields.compactMap { $0["pointer"] as? String }
            #expect(pointers.contains("/sections/\(rentIndex)/text"))
            #expect(figure.text.contains("650,00 EUR") && figure.text.contains("620,00 EUR"))

            var reworded = sections
            let useIndex = try #require(reworded.firstIndex { $0["key"] as? String == "use" })
            reworded[useIndex]["text"] = "Nájomca užíva byt len na bývanie a dodržiava domový poriadok."
            reworded.append(["key": "keys", "title": "Kľúče", "text": "Nájomca dostane tri sady kľúčov."])
            let saved = try await app.request(.put, path, token: world.manager, body: ["sections": reworded])
            #expect(saved.status == .ok, "\(saved.text)")
            let stored = leaseSections(saved.json)
            #expect(leaseText(stored, "use") == "Nájomca užíva byt len na bývanie a dodržiava domový poriadok.")
            #expect(stored.first { $0["key"] as? String == "use" }?["mandatory"] as? Bool == true)
            #expect(stored.last?["mandatory"] as? Bool == false)
            let other = try await app.request(.put, "\(world.org)/leases/\(world.czLeaseID)/drafts/\(id)",
                                              token: world.manager, body: ["sections": reworded])
            #expect(other.status == .notFound)
        }
    }

    @Test("Finalizing stores a valid DOCX and escaped HTML with the unit's access scope, versioned on refinalizing",
          arguments: TestDatabase.dialects)
    func finalize(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await LeaseWorld.make(app)
            let own: [String: Any] = ["country": "SK", "language": "sk", "key": "parking", "title": "Parkovanie <P>",
                                      "text": "Miesto č. 4 < 5 & \"kryté\"."]
            #expect(try await app.request(.put, "\(world.org)/ai/lease-clauses", token: world.manager, body: own).status == .ok)
            let draft = try await world.generate(world.skLeaseID, ["clauses": ["parking"]])
            let id = try #require(draft.json?["id"] as? String)
            let finalizePath = "\(world.org)/leases/\(world.skLeaseID)/drafts/\(id)/finalize"
            let finalized = try await app.request(.post, finalizePath, token: world.manager)
            #expect(finalized.status == .ok, "\(finalized.text)")
            let documents = try #require(finalized.json?["documents"] as? [[String: Any]])
            #expect(documents.count == 2)
            let docx = try #require(documents.first)
            let docxID = try #require(docx["id"] as? String)
            let generation = try #require(finalized.json?["generation"] as? [String: Any])
            #expect(generation["status"] as? String == "finalized")
            #expect(generation["finalizedAs"] as? String == "document:\(docxID)")
            let access = try #require(docx["access"] as? [String: Any])
            #expect(access["level"] as? String == "unit" && access["unitIDs"] as? [String] == [world.skUnitID])

            let download = try await app.request(.get, "\(world.org)/documents/\(docxID)/content", token: world.tenant)
            #expect(download.status == .ok)
            let bytes = Data(download.body.readableBytesView)
            try Self.expectValidDOCX(bytes, containing: ["620,00 EUR", "1 240,00 EUR", "Eva Tóthová", "Heading1",
                                                         "Parkovanie &lt;P&gt;"])
            let denied = try await app.request(.get, "\(world.org)/documents/\(docxID)/content", token: world.otherTenant)
            #expect(denied.status == .notFound)

            let htmlID = try #require(documents.last?["id"] as? String)
            let html = try await app.request(.get, "\(world.org)/documents/\(htmlID)/content", token: world.tenant)
            #expect(html.status == .ok && html.text.contains(#"<html lang="sk">"#))
            #expect(html.text.contains("Miesto č. 4 &lt; 5 &amp; &quot;kryté&quot;."))
            #expect(!html.text.contains("<P>"))
            #expect(try await app.request(.get, "\(world.org)/documents/\(htmlID)/content",
                                          token: world.otherTenant).status == .notFound)

            #expect(try await app.request(.post, finalizePath, token: world.manager).status == .conflict)
            let edit = try await app.request(.put, "\(world.org)/leases/\(world.skLeaseID)/drafts/\(id)",
                                             token: world.manager, body: ["sections": Self.editable(leaseSections(draft.json))])
            #expect(edit.status == .conflict)

            // A second finalized draft of the same lease is a new version of the same documents.
            let second = try await world.generate(world.skLeaseID, ["bilingual": "de"])
            let secondID = try #require(second.json?["id"] as? String)
            let refinalized = try await app.request(
                .post, "\(world.org)/leases/\(world.skLeaseID)/drafts/\(secondID)/finalize", token: world.manager)
            #expect(refinalized.status == .ok, "\(refinalized.text)")
            let versioned = try #require((refinalized.json?["documents"] as? [[String: Any]])?.first)
            #expect(versioned["id"] as? String == docxID && versioned["currentVersion"] as? Int == 2)
            let latest = try await app.request(.get, "\(world.org)/documents/\(docxID)/content", token: world.manager)
            try Self.expectValidDOCX(Data(latest.body.readableBytesView), containing: ["Wohnungsmietvertrag", "620,00 EUR"])
        }
    }

    /// Unzips `data`, checks the parts of a WordprocessingML package are there, parses every XML part,
    /// and converts it with LibreOffice when installed.
    static func expectValidDOCX(_ data: Data, containing texts: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts[entry.path] = content
        }
        for required in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "docProps/core.xml"] {
            #expect(parts[required] != nil, "missing part \(required)", sourceLocation: sourceLocation)
        }
        for (path, content) in parts where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            let parser = XMLParser(data: content)
            #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))",
                    sourceLocation: sourceLocation)
        }
        let document = String(decoding: (parts["word/document.xml"] ?? Data()) + (parts["word/styles.xml"] ?? Data()),
                              as: UTF8.self)
        for text in texts {
            #expect(document.contains(text), "the DOCX lacks \(text)", sourceLocation: sourceLocation)
        }
        try convertWithLibreOffice(data, sourceLocation: sourceLocation)
    }

    /// Converts the DOCX to PDF headless when `soffice` or `libreoffice` is on PATH; skipped otherwise.
    static func convertWithLibreOffice(_ data: Data, sourceLocation: SourceLocation) throws {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard let office = ["soffice", "libreoffice"].lazy.compactMap({ name in
            paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }).first else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lease-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("lease.docx")
        try data.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = ["--headless", "--convert-to", "pdf", "--outdir", directory.path, input.path]
        try process.run()
        process.waitUntilExit()
        let pdf = try Data(contentsOf: directory.appendingPathComponent("lease.pdf"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)), sourceLocation: sourceLocation)
    }
}
