import Foundation
import PPTDomain
import Testing

@Suite("Image sniffing of listing photos")
struct ImageInfoTests {
    /// `type width×height` of what `sniff` reads, for readable failures.
    static func read(_ data: Data) -> String? {
        ImageInfo.sniff(data).map { "\($0.contentType) \($0.width)×\($0.height)" }
    }

    @Test("a real PNG is read with its pixel size")
    func png() throws {
        #expect(Self.read(try TestImages.png(width: 7, height: 5)) == "image/png 7×5")
        #expect(ImageInfo.sniff(try TestImages.png(width: 1, height: 1))?.width == 1)
    }

    @Test("baseline and progressive JPEG frames give the size; Huffman tables and fill bytes are skipped")
    func jpeg() {
        #expect(Self.read(TestImages.jpeg(width: 640, height: 480)) == "image/jpeg 640×480")
        #expect(Self.read(TestImages.jpeg(width: 1920, height: 1080, progressive: true)) == "image/jpeg 1920×1080")
    }

    @Test("lossy, lossless and extended WebP headers give the size")
    func webp() {
        #expect(Self.read(TestImages.webpVP8(width: 800, height: 600)) == "image/webp 800×600")
        #expect(Self.read(TestImages.webpVP8L(width: 1024, height: 768)) == "image/webp 1024×768")
        #expect(Self.read(TestImages.webpVP8X(width: 4000, height: 3000)) == "image/webp 4000×3000")
        // VP8 keeps a 2-bit scale above the 14-bit size; it is not part of the size.
        var scaled = [UInt8](TestImages.webpVP8(width: 800, height: 600))
        scaled[27] |= 0x40
        #expect(ImageInfo.sniff(Data(scaled))?.width == 800)
    }

    @Test("SVG, HTML, GIF, text and random bytes are refused", arguments: [
        Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#.utf8),
        Data(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8),
        Data("<!doctype html><html><body><img src=x onerror=alert(1)></body></html>".utf8),
        Data("GIF89a\u{01}\0\u{01}\0\0\0\0;".utf8),
        Data("just some text that is long enough to be looked at by every sniffer".utf8),
        Data((0..<512).map { UInt8(($0 * 7919 + 13) % 251) }),
        Data(),
    ])
    func refusesOthers(data: Data) {
        #expect(ImageInfo.sniff(data) == nil)
    }

    @Test("truncated and malformed headers are refused")
    func refusesTruncated() throws {
        let png = try TestImages.png(width: 4, height: 3)
        #expect(ImageInfo.sniff(png.prefix(20)) == nil)
        #expect(ImageInfo.sniff(png.prefix(8)) == nil)
        var notIHDR = [UInt8](png)
        notIHDR[12] = UInt8(ascii: "X")
        #expect(ImageInfo.sniff(Data(notIHDR)) == nil)
        let jpeg = TestImages.jpeg(width: 640, height: 480)
        #expect(ImageInfo.sniff(jpeg.prefix(4)) == nil)
        #expect(ImageInfo.sniff(jpeg.prefix(28)) == nil, "cut before the frame")
        #expect(ImageInfo.sniff(Data([0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])) == nil,
                "a segment must start with 0xFF")
        #expect(ImageInfo.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00] + [UInt8](repeating: 0, count: 20))) == nil,
                "a segment length below 2")
        #expect(ImageInfo.sniff(TestImages.webpVP8(width: 800, height: 600).prefix(29)) == nil)
        #expect(ImageInfo.sniff(TestImages.riff("VP8Z", [UInt8](repeating: 1, count: 20))) == nil)
        #expect(ImageInfo.sniff(Data(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8)
                                    + [UInt8](repeating: 0, count: 30))) == nil)
    }

    @Test("zero and absurd sizes are refused; 20,000 pixels a side is the limit")
    func refusesAbsurdSizes() throws {
        #expect(ImageInfo.sniff(TestImages.jpeg(width: 0, height: 480)) == nil)
        #expect(ImageInfo.sniff(TestImages.jpeg(width: 640, height: 0)) == nil)
        #expect(ImageInfo.sniff(TestImages.jpeg(width: 20_001, height: 10)) == nil)
        #expect(ImageInfo.sniff(TestImages.jpeg(width: 20_000, height: 20_000))?.width == 20_000)
        #expect(ImageInfo.sniff(TestImages.webpVP8(width: 0, height: 10)) == nil)
        #expect(ImageInfo.sniff(TestImages.webpVP8X(width: 1 << 24, height: 10)) == nil)
        #expect(ImageInfo.sniff(TestImages.webpVP8X(width: 30_000, height: 10)) == nil)
        // A PNG header claiming 2³² − 1 pixels a side (a decompression bomb's calling card).
        var huge = [UInt8](try TestImages.png(width: 2, height: 2))
        huge.replaceSubrange(16..<24, with: [0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF])
        #expect(ImageInfo.sniff(Data(huge)) == nil)
        huge.replaceSubrange(16..<24, with: [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(ImageInfo.sniff(Data(huge)) == nil)
    }
}
