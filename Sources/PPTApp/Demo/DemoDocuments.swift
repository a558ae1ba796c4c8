import Foundation
import PPTDomain
import PPTStorage

/// The cooperative's documents, uploaded through `DocumentRepository` in every format PPT extracts text
/// from: the house rules (Slovak PDF, English DOCX), the elevator and garage rules (English PDF), the meter
/// reading instructions (Slovak Markdown, English HTML), the fire alarm directives (Slovak DOCX) and the
/// advance payments guide (Slovak HTML) for the whole organization; building B's fire drill notice (Slovak
/// TXT) for building B only; and the minutes of the last owners' meeting (Slovak TXT, English PDF) for
/// owners only.
struct DemoDocuments {
    let context: DemoContext

    /// How long ago the owners' meeting was held.
    static let meetingDaysAgo = 35

    /// In how many days building B holds its fire drill.
    static let drillInDays = 9

    func seed() async throws {
        let runtime = context.runtime
        let documents = DocumentRepository(
            database: runtime.database, blobs: runtime.blobs, clock: runtime.clock,
            maxUploadBytes: runtime.configuration.maxUploadMegabytes * 1024 * 1024)
        let manager = try await context.scope(of: context.users.manager)
        let meeting = context.today.adding(days: -Self.meetingDaysAgo)
        let owners = DocumentAccess(level: .roles, roles: [.owner])
        let buildingB = DocumentAccess(level: .building, buildingIDs: [try await buildingID(named: "Slnečnica B")])
        let rules = (sk: DemoHouseRules.slovak(approved: meeting), en: DemoHouseRules.english(approved: meeting))
        let minutes = (sk: DemoMinutes.slovak(date: meeting), en: DemoMinutes.english(date: meeting))
        let drill = DemoFireSafety.drillNotice(drill: context.today.adding(days: Self.drillInDays))
        let uploads: [(DocumentMetadataInput, DocumentFile)] = [
            (DocumentMetadataInput(title: "Domový poriadok", category: "house-rules", folder: "Predpisy",
                                   language: .sk),
             pdf(rules.sk, "domovy-poriadok.pdf")),
            (DocumentMetadataInput(title: "House rules", category: "house-rules", folder: "Predpisy", language: .en),
             try docx(rules.en, "house-rules.docx")),
            (DocumentMetadataInput(title: "Elevator and garage rules", category: "house-rules", folder: "Predpisy",
                                   language: .en),
             pdf(DemoElevatorGarage.english, "elevator-and-garage-rules.pdf")),
            (DocumentMetadataInput(title: "Požiarne poplachové smernice a evakuácia", category: "fire-safety",
                                   folder: "Predpisy", language: .sk),
             try docx(DemoFireSafety.directives, "poziarne-poplachove-smernice.docx")),
            (DocumentMetadataInput(title: "Pokyny na odpočet meračov", category: "instructions", folder: "Pokyny",
                                   language: .sk),
             text(DemoMeterReading.slovak.markdown, "pokyny-na-odpocet-meracov.md", "text/markdown")),
            (DocumentMetadataInput(title: "Meter reading instructions", category: "instructions", folder: "Pokyny",
                                   language: .en),
             text(DemoMeterReading.english.html, "meter-reading-instructions.html", "text/html")),
            (DocumentMetadataInput(title: "Zálohové platby a vyúčtovanie služieb", category: "finance",
                                   folder: "Financie", language: .sk),
             text(DemoPayments.slovak.html, "zalohove-platby-a-vyuctovanie.html", "text/html")),
            (DocumentMetadataInput(title: drill.title, category: "notices", folder: "Oznamy", language: .sk,
                                   access: buildingB),
             text(drill.plainText, "oznam-cvicny-poziarny-poplach-b.txt", "text/plain")),
            (DocumentMetadataInput(title: "Zápisnica zo schôdze vlastníkov \(meeting.slovakText)",
                                   category: "minutes", folder: "Zápisnice/\(meeting.year)", language: .sk,
                                   access: owners),
             text(minutes.sk.plainText, "zapisnica-schodza-vlastnikov-\(meeting).txt", "text/plain")),
            (DocumentMetadataInput(title: "Minutes of the owners' meeting \(meeting.englishText)",
                                   category: "minutes", folder: "Zápisnice/\(meeting.year)", language: .en,
                                   access: owners),
             pdf(minutes.en, "owners-meeting-minutes-\(meeting).pdf")),
        ]
        for (metadata, file) in uploads {
            _ = try await documents.upload(manager, metadata, file: file)
        }
    }

    private func pdf(_ document: TextDocument, _ fileName: String) -> DocumentFile {
        DocumentFile(fileName: fileName, declaredType: DocumentFormat.pdf.rawValue,
                     data: PDFWriter.render(document, created: context.now))
    }

    private func docx(_ document: TextDocument, _ fileName: String) throws -> DocumentFile {
        DocumentFile(fileName: fileName, declaredType: DocumentFormat.docx.rawValue,
                     data: try DOCXWriter.render(document, created: context.now))
    }

    /// A UTF-8 text file of `type` (`text/plain`, `text/markdown`, `text/html`).
    private func text(_ content: String, _ fileName: String, _ type: String) -> DocumentFile {
        DocumentFile(fileName: fileName, declaredType: type + "; charset=utf-8", data: Data(content.utf8))
    }

    /// The id of the demo building called `name`; `DemoProperty` created it before the documents.
    private func buildingID(named name: String) async throws -> BuildingID {
        let buildings = try await context.runtime.properties.buildings(context.admin, page: PageRequest(limit: 200))
        guard let building = buildings.items.first(where: { $0.name == name }) else {
            throw ConfigurationError("demo seed: building \(name) is missing")
        }
        return building.id
    }
}
