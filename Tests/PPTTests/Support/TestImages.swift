import Foundation
@testable import PPTApp

/// Image bytes for upload tests: real PNGs from the demo's encoder, and the headers of JPEG and
/// WebP files written byte by byte (their sniffing reads nothing past the header).
enum TestImages {
    /// A real PNG of `width` × `height` pixels; `shade` makes the bytes (and so the blob) differ.
    static func png(width: Int = 4, height: Int = 3, shade: UInt8 = 200) throws -> Data {
        try PNGWriter.rgb(width: width, height: height,
                           rgb: [UInt8](repeating: shade, count: width * height * 3))
    }

    /// A baseline (`SOF0`) or progressive (`SOF2`) JPEG header: a JFIF segment, a Huffman table (a
    /// marker in the start-of-frame range that is not one), fill bytes, then the frame.
    static func jpeg(width: Int, height: Int, progressive: Bool = false) -> Data {
        var b: [UInt8] = [0xFF, 0xD8]
        b += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        b += [0xFF, 0xC4, 0x00, 0x05, 0x00, 0x00, 0x00]
        b += [0xFF, 0xFF]
        b += [0xFF, progressive ? 0xC2 : 0xC0, 0x00, 0x11, 0x08] + be16(height) + be16(width)
        b += [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        b += [0xFF, 0xD9]
        return Data(b)
    }

    /// A lossy WebP (`VP8 `) header.
    static func webpVP8(width: Int, height: Int) -> Data {
        riff("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + le(width, 2) + le(height, 2) + [UInt8](repeating: 0, count: 10))
    }

    /// A lossless WebP (`VP8L`) header: 14 bits each of width − 1 and height − 1 after the signature.
    static func webpVP8L(width: Int, height: Int) -> Data {
        riff("VP8L", [0x2F] + le((width - 1) | (height - 1) << 14, 4) + [UInt8](repeating: 0, count: 10))
    }

    /// An extended WebP (`VP8X`) header: 24 bits each of canvas width − 1 and height − 1.
    static func webpVP8X(width: Int, height: Int) -> Data {
        riff("VP8X", [0x10, 0, 0, 0] + le(width - 1, 3) + le(height - 1, 3) + [UInt8](repeating: 0, count: 10))
    }

    /// A RIFF/WEBP container holding one chunk.
    static func riff(_ chunk: String, _ payload: [UInt8]) -> Data {
        var b = Array("RIFF".utf8) + le(payload.count + 12, 4) + Array("WEBP".utf8)
        b += Array(chunk.utf8) + le(payload.count, 4) + payload
        return Data(b)
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    static func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(value >> (8 * $0) & 0xFF) } }
}
