import Foundation
import PPTDomain

/// What search engines read: schema.org `RealEstateListing` JSON-LD and the sitemap.
enum PortalSEO {
    /// The JSON-LD of a listing page, safe to put inside `<script>` (`<` is escaped).
    static func jsonLD(_ listing: Listing, title: String, description: String, url: String, photoURLs: [String],
                       language: AppLocale) -> String {
        var offer: [String: Any] = [
            "@type": "Offer", "price": Double(listing.price.amountMinor) / 100,
            "priceCurrency": listing.price.currency.rawValue, "availability": "https://schema.org/InStock",
            "businessFunction": listing.type == .rent ? "http://purl.org/goodrelations/v1#LeaseOut"
                : "http://purl.org/goodrelations/v1#Sell",
        ]
        if listing.type == .rent {
            offer["priceSpecification"] = [
                "@type": "UnitPriceSpecification", "price": Double(listing.price.amountMinor) / 100,
                "priceCurrency": listing.price.currency.rawValue, "unitCode": "MON",
            ]
        }
        var object: [String: Any] = [
            "@context": "https://schema.org", "@type": "RealEstateListing", "name": title,
            "description": String(description.prefix(5000)), "url": url, "inLanguage": language.rawValue,
            "offers": offer,
            "about": [
                "@type": "Accommodation", "numberOfRooms": listing.rooms,
                "floorSize": ["@type": "QuantitativeValue", "value": listing.sizeSqm, "unitCode": "MTK"],
                "address": [
                    "@type": "PostalAddress", "streetAddress": listing.street, "addressLocality": listing.city,
                    "postalCode": listing.postalCode, "addressCountry": listing.country,
                ] as [String: Any],
            ] as [String: Any],
        ]
        if let published = listing.publishedAt {
            object["datePosted"] = ISO8601DateFormatter().string(from: published)
        }
        if !photoURLs.isEmpty { object["image"] = photoURLs }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
    }

    /// A sitemap of the search page and every published listing in every language, with `hreflang` links.
    static func sitemap(base: String, listings: [(id: ListingID, updated: Date)]) -> String {
        let formatter = ISO8601DateFormatter()
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        func entry(_ path: String, _ updated: Date?) {
            for language in AppLocale.allCases {
                xml += "<url><loc>\(escape(base + "/" + language.rawValue + path))</loc>"
                if let updated { xml += "<lastmod>\(formatter.string(from: updated))</lastmod>" }
                for alternate in AppLocale.allCases {
                    xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(alternate.rawValue)\" href=\"\(escape(base + "/" + alternate.rawValue + path))\"/>"
                }
                xml += "</url>\n"
            }
        }
        entry("/", nil)
        for listing in listings { entry("/listings/\(listing.id.rawValue)", listing.updated) }
        return xml + "</urlset>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
