import DigestXML

/// The sitemap (sitemaps.org protocol 0.9): `sitemap.xml` is an index of one sitemap for the
/// site's pages and one per month of paper pages, so each stays small (a sitemap may list
/// 50,000 URLs at most) and a new day only changes its own month's file.
enum Sitemap {
    struct Entry {
        var path: String
        var lastModified: CalendarDay?
    }

    static let indexPath = "sitemap.xml"
    static let pagesPath = "sitemaps/pages.xml"
    static func monthPath(_ key: String) -> String { "sitemaps/papers-\(key).xml" }
    /// Author pages, this many to a file (the protocol allows 50,000 URLs in one).
    static let authorsPerFile = 40_000
    static func authorsPath(_ part: Int) -> String { "sitemaps/authors-\(part + 1).xml" }

    /// A `<urlset>` of pages.
    static func render(_ entries: [Entry], baseURL: BaseURL) -> [UInt8] {
        write("urlset", "url", entries, baseURL: baseURL)
    }

    /// A `<sitemapindex>` of sitemaps (their paths, and the newest day each lists).
    static func renderIndex(_ sitemaps: [Entry], baseURL: BaseURL) -> [UInt8] {
        write("sitemapindex", "sitemap", sitemaps, baseURL: baseURL)
    }

    private static func write(_ root: String, _ element: String, _ entries: [Entry], baseURL: BaseURL) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement(root)
        writer.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
        for entry in entries {
            writer.startElement(element)
            writer.element("loc", baseURL.resolve(entry.path))
            if let day = entry.lastModified { writer.element("lastmod", day.description) }
            writer.endElement()
        }
        writer.endElement()
        return writer.finish()
    }
}
