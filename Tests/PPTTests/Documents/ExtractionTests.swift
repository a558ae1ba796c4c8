import Foundation
import PPTApp
import PPTDocuments
import PPTDomain
import Testing

@Suite("Text extraction of real files")
struct ExtractionTests {
    let extractor = TextExtractor()

    @Test("A PDF is read page by page with pdftotext, headings recognised")
    func pdfPages() async throws {
        let text = try await extractor.extract(DocumentFixtures.pdf(), format: .pdf)
        #expect(text.method == .pdftotext)
        let pages = try #require(text.pageCount)
        #expect(pages >= 2, "the fixture spans more than one page")
        #expect(text.blocks.contains { $0.isHeading && $0.text.contains("Nočný pokoj") || $0.text.contains("Nocný pokoj") })
        #expect(text.blocks.contains { $0.page == pages }, "blocks carry their page numbers up to the last page")
        #expect(text.blocks.allSatisfy { ($0.page ?? 0) >= 1 && ($0.page ?? 0) <= pages })
        #expect(text.plainText.contains("22:00 do 6:00"))
    }

    @Test("A DOCX keeps headings (by style name), list items and table rows")
    func docx() async throws {
        let text = try await extractor.extract(try DocumentFixtures.docx(), format: .docx)
        #expect(text.method == .docx)
        #expect(text.blocks.first?.kind == .heading(level: 1) && text.blocks.first?.text == "Domový poriadok")
        #expect(text.blocks.contains { $0.kind == .heading(level: 2) && $0.text == "Čl. 2 Domáce zvieratá" })
        #expect(text.blocks.contains { $0.kind == .listItem && $0.text.hasPrefix("1. Pes musí byť") })
    }

    @Test("DOCX tables become one block per row, cells joined")
    func docxTable() async throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Nadpis1"/></w:pPr><w:r><w:t>Cenník</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Služba</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cena</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Upratovanie</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0,25 €</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:styleId="Nadpis1"><w:name w:val="heading 1"/></w:style></w:styles>
            """
        let data = try ZipFixture.make(["word/document.xml": xml, "word/styles.xml": styles])
        let text = try DOCXTextExtractor.extract(data)
        #expect(text.blocks == [
            TextBlock(.heading(level: 2), "Cenník"),
            TextBlock(.tableRow, "Služba | Cena"),
            TextBlock(.tableRow, "Upratovanie | 0,25 €"),
        ])
    }

    @Test("Plain text: underlined titles are headings, numbered clauses separate blocks")
    func plainText() async throws {
        let source = "Zápisnica\n=========\n\nProgram\n-------\n1. Otvorenie\n2. Voľba komisie\n\nHlasovanie prebehlo.\n"
        let text = try await extractor.extract(Data(source.utf8), format: .text)
        #expect(text.blocks.map(\.text) == ["Zápisnica", "Program", "1. Otvorenie", "2. Voľba komisie",
                                            "Hlasovanie prebehlo."])
        #expect(text.blocks[0].kind == .heading(level: 1) && text.blocks[1].kind == .heading(level: 2))
    }

    @Test("Markdown: headings, list items, tables; inline markup removed")
    func markdown() async throws {
        let source = """
            # Pravidlá garáže
            Parkovanie **len** na vyhradených miestach, viď [mapa](https://example.com/m.png).

            ## Nabíjanie
            - Nabíjačky sú na miestach `P11` a `P12`.
            | Miesto | Výkon |
            |---|---|
            | P11 | 11 kW |
            """
        let text = try await extractor.extract(Data(source.utf8), format: .markdown)
        #expect(text.blocks == [
            TextBlock(.heading(level: 1), "Pravidlá garáže"),
            TextBlock(.paragraph, "Parkovanie len na vyhradených miestach, viď mapa."),
            TextBlock(.heading(level: 2), "Nabíjanie"),
            TextBlock(.listItem, "Nabíjačky sú na miestach P11 a P12."),
            TextBlock(.tableRow, "Miesto | Výkon"),
            TextBlock(.tableRow, "P11 | 11 kW"),
        ])
    }

    @Test("HTML: scripts and styles dropped, entities decoded, structure kept")
    func html() async throws {
        let source = """
            <html><head><title>x</title><style>p{color:red}</style></head><body>
            <h1>Oznam</h1><script>alert("no")</script><p>Voda bude odstavená&nbsp;v&nbsp;utorok &amp; stredu.</p>
            <ul><li>Vchod A</li><li>Vchod&#160;B</li></ul><table><tr><td>Deň</td><td>Čas</td></tr></table>
            <!-- comment --></body></html>
            """
        let text = try await extractor.extract(Data(source.utf8), format: .html)
        #expect(text.blocks == [
            TextBlock(.heading(level: 1), "Oznam"),
            TextBlock(.paragraph, "Voda bude odstavená v utorok & stredu."),
            TextBlock(.listItem, "Vchod A"),
            TextBlock(.listItem, "Vchod B"),
            TextBlock(.tableRow, "Deň | Čas"),
        ])
    }

    @Test("A scanned PDF is read by OCR when tesseract is installed, else a clear status")
    func scannedPDF() async throws {
        let scanned = try await DocumentFixtures.scannedPDF()
        if OCREngine().isAvailable {
            let text = try await extractor.extract(scanned, format: .pdf)
            #expect(text.method == .ocr)
            let folded = SearchText.fold(text.plainText)
            #expect(folded.contains("vytah") && folded.contains("odpad"), "OCR text: \(text.plainText)")
        } else {
            do {
                _ = try await extractor.extract(scanned, format: .pdf)
                Issue.record("a scanned PDF was read without OCR")
            } catch let failure as ExtractionFailure {
                #expect(failure.code == .ocrUnavailable)
            }
        }
    }

    @Test("Damaged files give a clear status, not a crash", arguments: [DocumentFormat.pdf, .docx])
    func corrupt(format: DocumentFormat) async throws {
        let bytes: Data = format == .pdf
            ? Data("%PDF-1.7\n1 0 obj << /Type /Catalog".utf8) + Data(repeating: 0xFF, count: 300)
            : Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0x00, count: 300)
        do {
            _ = try await extractor.extract(bytes, format: format)
            Issue.record("a damaged \(format) was read")
        } catch let failure as ExtractionFailure {
            #expect(failure.code == .corrupt || failure.code == .noText, "\(failure)")
        }
    }

    @Test("A missing pdftotext is reported as such")
    func missingTool() async throws {
        let extractor = TextExtractor(pdf: PDFTextExtractor(pdftotext: nil))
        do {
            _ = try await extractor.extract(DocumentFixtures.pdf(), format: .pdf)
            Issue.record("extraction without pdftotext succeeded")
        } catch let failure as ExtractionFailure {
            #expect(failure.code == .pdftotextMissing)
        }
    }

    @Test("Images without OCR are reported; text files that are not UTF-8 are corrupt")
    func otherFailures() async throws {
        let noOCR = TextExtractor(ocr: OCREngine(tesseract: nil))
        do {
            _ = try await noOCR.extract(Data([0x89, 0x50, 0x4E, 0x47]), format: .png)
            Issue.record("image read without OCR")
        } catch let failure as ExtractionFailure {
            #expect(failure.code == .ocrUnavailable)
        }
        do {
            _ = try await extractor.extract(Data([0xC3, 0x28, 0x41]), format: .text)
            Issue.record("invalid UTF-8 read")
        } catch let failure as ExtractionFailure {
            #expect(failure.code == .corrupt)
        }
    }
}
