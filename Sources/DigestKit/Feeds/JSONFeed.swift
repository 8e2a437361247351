import Foundation

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same papers as the RSS feed.
enum JSONFeed {
    struct Feed: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var home_page_url: String
        var feed_url: String
        var description: String?
        var language: String
        var authors: [Author]
        var items: [Item]
    }

    struct Author: Encodable {
        var name: String
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String
        var content_html: String
        var summary: String?
        var date_published: String
        var authors: [Author]?
        var tags: [String]
    }

    static func render(title: String, description: String?, path: String, pageURL: String, entries: [FeedEntry], config: SiteConfig) -> [UInt8] {
        let feed = Feed(
            title: title, home_page_url: pageURL, feed_url: config.baseURL.resolve(path), description: description,
            language: config.language, authors: [Author(name: config.title)],
            items: entries.map { entry in
                Item(
                    id: entry.permalink, url: entry.permalink, title: entry.title, content_html: entry.html, summary: entry.summary,
                    date_published: entry.date.rfc3339,
                    authors: entry.authors.isEmpty ? nil : entry.authors.prefix(20).map(Author.init),
                    tags: entry.topics)
            })
        return JSONOutput.encode(feed)
    }
}

/// JSON with sorted keys and unescaped slashes: deterministic, and readable in a diff.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only our own value types are encoded here; they cannot fail.
        return [UInt8]((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// JSON safe inside an HTML `<script>` element: `<`, `>` and `&` become \u escapes,
    /// which JSON allows anywhere a string may hold them, so `</script>` cannot end the element.
    static func encodeForHTML<T: Encodable>(_ value: T) -> String {
        var out: [UInt8] = []
        let json = encode(value)
        out.reserveCapacity(json.count + 32)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: #"\u003c"#.utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: #"\u003e"#.utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: #"\u0026"#.utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
