import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import Testing

@Suite("Demo seed")
struct DemoSeedTests {
    @Test("seeds one cooperative whose printed logins work, with relative dates, real files, and only once",
          arguments: TestDatabase.dialects)
    func seedsTheDemoCooperative(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let logins = try #require(try await DemoSeed(runtime: app.runtime).run())
            #expect(logins.map(\.role) == ["admin", "manager", "technician", "owner", "tenant", "realtor"])
            func token(_ role: String) async throws -> String {
                let login = try #require(logins.first { $0.role == role })
                return try await app.login(login.email, password: login.password)
            }
            let admin = try await token("admin")
            let me = try await app.request(.get, "/api/v1/me", token: admin)
            let membership = try #require((me.json?["memberships"] as? [[String: Any]])?.first)
            let organization = try #require(membership["organization"] as? [String: Any])
            #expect(organization["name"] as? String == "Bytové družstvo Slnečnica")
            let base = "/api/v1/orgs/\(try #require(organization["id"] as? String))"
            func items(_ path: String, _ token: String) async throws -> [[String: Any]] {
                let response = try await app.request(.get, base + path, token: token)
                #expect(response.status == .ok, "GET \(path): \(response.text)")
                return response.items
            }
            let today = CalendarDate(app.runtime.clock.now())

            // Property and engagement.
            #expect(try await items("/buildings", admin).count == 2)
            #expect(try await items("/units?limit=100", admin).count == 13)
            let faults = Set(try await items("/faults", admin).compactMap { $0["status"] as? String })
            #expect(faults == ["new", "in_progress", "on_hold", "resolved", "closed"])
            let announcements = try await items("/announcements", admin)
            let statuses = announcements.compactMap { $0["status"] as? String }.sorted()
            #expect(statuses == ["draft", "published", "scheduled"])
            let pinned = announcements.filter { $0["pinned"] as? Bool == true }
            #expect(pinned.count == 1 && pinned.first?["status"] as? String == "published")
            let votes = try await items("/votes", admin)
            #expect(votes.count == 1 && votes.first?["status"] as? String == "active")

            // Finance: three months of invoices for building A's six flats, exactly one overdue.
            #expect(try await items("/invoices?limit=100", admin).count == 18)
            #expect(try await items("/payments?limit=100", admin).count == 14)
            let overdue = try await items("/invoices?overdue=true", admin)
            #expect(overdue.count == 1)
            #expect((overdue.first?["number"] as? String)?.hasSuffix("-A102") == true)
            let windows = try await items("/reading-windows", admin)
            #expect(windows.count == 1)
            let opens = try #require((windows.first?["opensOn"] as? String).flatMap { CalendarDate($0) })
            let closes = try #require((windows.first?["closesOn"] as? String).flatMap { CalendarDate($0) })
            #expect(opens <= today && today <= closes)
            #expect(try await items("/meters", admin).count == 5)
            let leases = try await items("/leases", admin)
            #expect(leases.count == 1 && leases.first?["status"] as? String == "active")
            #expect((leases.first?["rent"] as? [String: Any])?["amountMinor"] as? Int == 62_000)
            let leaseEnd = try #require((leases.first?["endDate"] as? String).flatMap { CalendarDate($0) })
            #expect(today < leaseEnd && leaseEnd <= today.adding(days: 366))

            // Listings: one rent in Bratislava, one sale in Košice, both published.
            let listings = try await items("/listings?status=published", admin)
            let offers = listings.map { "\($0["type"] as? String ?? "") \($0["city"] as? String ?? "")" }
            #expect(Set(offers) == ["rent Bratislava", "sale Košice"])
            let portal = PortalRepository(database: app.runtime.database)
            #expect(try await portal.search(ListingSearch(city: "kosice", type: .sale)).total == 1)
            #expect(try await portal.search(ListingSearch(text: "Ružinov", type: .rent)).total == 1)

            // Documents: staff see all ten; the tenant (building A) the seven for the whole organization, not
            // building B's notice; the owner also the two minutes.
            let allDocuments = try await items("/documents", admin)
            #expect(allDocuments.count == 10)
            let types = Set(allDocuments.compactMap { $0["contentType"] as? String })
            #expect(types == Set([DocumentFormat.pdf, .docx, .text, .markdown, .html].map(\.rawValue)))
            let notice = try #require(allDocuments.first { $0["category"] as? String == "notices" })
            #expect((notice["access"] as? [String: Any])?["level"] as? String == "building")
            let tenant = try await token("tenant")
            let tenantDocuments = try await items("/documents", tenant)
            #expect(tenantDocuments.count == 7)
            #expect(Set(tenantDocuments.compactMap { $0["category"] as? String })
                == ["house-rules", "fire-safety", "instructions", "finance"])
            #expect(try await items("/invoices?overdue=true", tenant).count == 1)
            let owner = try await token("owner")
            let ownerDocuments = try await items("/documents", owner)
            #expect(ownerDocuments.count == 9)
            func download(_ documents: [[String: Any]], _ fileName: String, _ token: String) async throws -> Data {
                let id = try #require(documents.first { $0["fileName"] as? String == fileName }?["id"] as? String,
                                      "no \(fileName)")
                let response = try await app.request(.get, "\(base)/documents/\(id)/content", token: token)
                #expect(response.status == .ok)
                return Data(response.body.readableBytesView)
            }

            let rules = try await download(tenantDocuments, "domovy-poriadok.pdf", tenant)
            #expect(rules.starts(with: Data("%PDF-1.4".utf8)))
            #expect(try DocumentProbe.pdfObjectsMatchCrossReference(rules))
            let rulesText = DocumentProbe.pdfText(rules)
            #expect(rulesText.contains("Domový poriadok"))
            #expect(rulesText.contains("Nocný pokoj je od 22:00 do 6:00."))

            let rulesEnglish = try await download(tenantDocuments, "house-rules.docx", tenant)
            #expect(rulesEnglish.starts(with: Data([0x50, 0x4B, 0x03, 0x04])))
            let entries = try DocumentProbe.zipEntries(rulesEnglish)
            #expect(Set(entries.keys).isSuperset(of: ["[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                                      "word/styles.xml"]))
            let body = String(decoding: try #require(entries["word/document.xml"]), as: UTF8.self)
            #expect(body.contains(#"<w:pStyle w:val="Heading1"/></w:pPr>"#
                + #"<w:r><w:t xml:space="preserve">Article 2 Quiet hours"#))
            #expect(body.contains("Quiet hours are from 22:00 to 6:00."))

            let meters = String(decoding: try await download(tenantDocuments, "pokyny-na-odpocet-meracov.md", tenant),
                                as: UTF8.self)
            #expect(meters.hasPrefix("# Pokyny na odpočet meračov\n"))
            #expect(meters.contains("\n## 5. Ak odpočet nezadáte\n"))
            let metersEnglish = String(
                decoding: try await download(tenantDocuments, "meter-reading-instructions.html", tenant), as: UTF8.self)
            #expect(metersEnglish.contains("<h1>Meter Reading Instructions</h1>"))
            #expect(metersEnglish.contains("<li>1. Sign in to the PPT app and open Meters.</li>"))

            let minutes = try #require(ownerDocuments.first { $0["category"] as? String == "minutes"
                && $0["language"] as? String == "sk" }?["fileName"] as? String)
            let minutesText = String(decoding: try await download(ownerDocuments, minutes, owner), as: UTF8.self)
            #expect(minutesText.hasPrefix("Zápisnica zo schôdze vlastníkov\n"))
            #expect(minutesText.contains("Uznesenie č. 2/"))
            let minutesEnglish = try #require(ownerDocuments.first { $0["category"] as? String == "minutes"
                && $0["language"] as? String == "en" }?["fileName"] as? String)
            let minutesPDF = try await download(ownerDocuments, minutesEnglish, owner)
            #expect(try DocumentProbe.pdfObjectsMatchCrossReference(minutesPDF))
            #expect(DocumentProbe.pdfText(minutesPDF)
                .contains("The owners present (in person or by proxy) hold 80.83%"))

            // A second run finds the organization and creates nothing.
            #expect(try await DemoSeed(runtime: app.runtime).run() == nil)
            #expect(try await app.runtime.accounts.organizationCount() == 1)
            #expect(try await items("/invoices?limit=100", admin).count == 18)
        }
    }

    @Test("the PDF writer pages long text, maps Slovak letters WinAnsi lacks to base letters, keeps the rest")
    func pdfWriter() throws {
        let long = String(repeating: "Ťažký čľapot ďatľa – Šťastie, žltý kôň: 5 €. ", count: 40)
        let document = TextDocument(title: "Skúška (test) \\ č", language: .sk,
                                    blocks: Array(repeating: .paragraph(long), count: 6) + [.item("1. Koniec")])
        let pdf = PDFWriter.render(document, created: Date(timeIntervalSince1970: 1_760_000_000))
        #expect(try DocumentProbe.pdfObjectsMatchCrossReference(pdf))
        #expect(try DocumentProbe.pdfPageCount(pdf) >= 3)
        let text = DocumentProbe.pdfText(pdf)
        #expect(text.contains("Skúška (test) \\ c"))
        #expect(text.contains("Tažký clapot datla – Štastie, žltý kôn: 5 €."))
        #expect(text.contains("1. Koniec"))
        #expect(WinAnsi.encode("čšŽ€ô").map(\.byte) == [0x63, 0x9A, 0x8E, 0x80, 0xF4])
    }
}
