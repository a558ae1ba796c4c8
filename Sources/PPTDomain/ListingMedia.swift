import Foundation

/// A photo of a listing, shown on the Reality Portal once the listing is published. The bytes live
/// in the blob store; width and height let pages reserve the space before the image arrives.
package struct ListingPhoto: Codable, Sendable, Hashable {
    package var id: ListingPhotoID
    package var listingID: ListingID
    /// Order on the listing page, from 0; the first photo is the cover.
    package var position: Int
    package var contentType: String
    package var byteSize: Int
    package var width: Int
    package var height: Int
    /// What the photo shows, for people who cannot see it.
    package var alt: String
    package var createdAt: Date

    package init(id: ListingPhotoID, listingID: ListingID, position: Int, contentType: String, byteSize: Int,
                 width: Int, height: Int, alt: String, createdAt: Date) {
        (self.id, self.listingID, self.position, self.contentType) = (id, listingID, position, contentType)
        (self.byteSize, self.width, self.height, self.alt, self.createdAt) = (byteSize, width, height, alt, createdAt)
    }

    /// Most photos one listing may carry.
    package static let maximumPerListing = 20
}

package typealias ListingPhotoID = Identifier<ListingPhoto>

/// A listing's title and description in one language. The listing's own text is what it was
/// written in; these are the other languages the portal shows to visitors who read them.
package struct ListingText: Codable, Sendable, Hashable {
    package var language: AppLocale
    package var title: String
    package var description: String
    package var updatedAt: Date

    package init(language: AppLocale, title: String, description: String, updatedAt: Date) {
        (self.language, self.title, self.description, self.updatedAt) = (language, title, description, updatedAt)
    }
}

/// The kind and pixel size of an uploaded image, read from its header (JPEG, PNG or WebP only: the
/// formats every browser shows; anything else, SVG included, is refused).
package struct ImageInfo: Sendable, Hashable {
    package var contentType: String
    package var width: Int
    package var height: Int

    /// Reads `data`'s header; `nil` when it is not a JPEG, PNG or WebP image with a sane size.
    package static func sniff(_ data: Data) -> ImageInfo? {
        let bytes = [UInt8](data.prefix(64 * 1024))
        let info = png(bytes) ?? jpeg(bytes) ?? webp(bytes)
        guard let info, (1...20_000).contains(info.width), (1...20_000).contains(info.height) else { return nil }
        return info
    }

    private static func png(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              b[12...15].elementsEqual("IHDR".utf8) else { return nil }
        return ImageInfo(contentType: "image/png", width: bigEndian(b, 16, 4), height: bigEndian(b, 20, 4))
    }

    private static func jpeg(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            let length = bigEndian(b, i + 2, 2)
            // Start-of-frame markers C0–CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return ImageInfo(contentType: "image/jpeg", width: bigEndian(b, i + 7, 2), height: bigEndian(b, i + 5, 2))
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 30, b[0...3].elementsEqual("RIFF".utf8), b[8...11].elementsEqual("WEBP".utf8) else { return nil }
        let chunk = String(decoding: b[12...15], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            return ImageInfo(contentType: "image/webp", width: littleEndian(b, 26, 2) & 0x3FFF,
                             height: littleEndian(b, 28, 2) & 0x3FFF)
        case "VP8L":
            let bits = littleEndian(b, 21, 4)
            return ImageInfo(contentType: "image/webp", width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return ImageInfo(contentType: "image/webp", width: littleEndian(b, 24, 3) + 1, height: littleEndian(b, 27, 3) + 1)
        default:
            return nil
        }
    }

    private static func bigEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        b[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        b[at..<at + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
