import Foundation
import ZIPFoundation

/// Writes 8-bit RGB PNG images (the demo's listing photos). Deflate comes from ZIPFoundation's zlib
/// binding; the PNG framing (chunks, CRC-32, the zlib header and Adler-32 trailer) is ours, as no
/// image-encoding package is available here.
enum PNGWriter {
    /// A PNG of `width` × `height` pixels, `rgb` holding 3 bytes per pixel, row by row.
    static func rgb(width: Int, height: Int, rgb: [UInt8]) throws -> Data {
        precondition(rgb.count == width * height * 3, "pixel buffer does not match the size")
        var raw = Data(capacity: (width * 3 + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter type None
            raw.append(contentsOf: rgb[(row * width * 3)..<((row + 1) * width * 3)])
        }
        var deflated = Data()
        _ = try Data.compress(size: Int64(raw.count), bufferSize: 64 * 1024, provider: { position, size in
            raw.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { deflated.append($0) })
        var zlib = Data([0x78, 0x9C])
        zlib.append(deflated)
        zlib.append(contentsOf: bigEndian(adler32(raw)))

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data(bigEndian(UInt32(width)) + bigEndian(UInt32(height)))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8 bits, truecolour, deflate, adaptive filtering, no interlace
        png.append(chunk("IHDR", header))
        png.append(chunk("IDAT", zlib))
        png.append(chunk("IEND", Data()))
        return png
    }

    private static func chunk(_ type: String, _ body: Data) -> Data {
        var typed = Data(type.utf8)
        typed.append(body)
        var chunk = Data(bigEndian(UInt32(body.count)))
        chunk.append(typed)
        chunk.append(contentsOf: bigEndian(typed.crc32(checksum: 0)))
        return chunk
    }

    private static func adler32(_ data: Data) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
