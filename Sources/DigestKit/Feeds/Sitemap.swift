import DigestXML

/// `sitemap.xml` (sitemaps.org protocol 0.9) listing every page with an absolute URL.
enum Sitemap {
    struct Entry {
        var path: String
        var lastModified: CalendarDay?
    }

    static func render(_ entries: [Entry], baseURL: BaseURL) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement("urlset")
        writer.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
        for entry in entries {
            writer.startElement("url")
            writer.element("loc", baseURL.resolve(entry.path))
            if let day = entry.lastModified { writer.element("lastmod", day.description) }
            writer.endElement()
        }
        writer.endElement()
        return writer.finish()
    }
}
