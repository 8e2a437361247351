import DigestXML

/// Atom 1.0 (RFC 4287) of the same papers as the RSS feed.
enum AtomFeed {
    static func render(title: String, subtitle: String, path: String, pageURL: String, entries: [FeedEntry], config: SiteConfig) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement("feed")
        writer.attribute("xmlns", "http://www.w3.org/2005/Atom")
        writer.attribute("xml:lang", config.language)
        writer.element("title", title, attributes: ["type": "text"])
        writer.element("subtitle", subtitle, attributes: ["type": "text"])
        writer.emptyElement("link", attributes: ["rel": "self", "type": "application/atom+xml", "href": config.baseURL.resolve(path)])
        writer.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": pageURL])
        writer.element("id", config.baseURL.resolve(path))
        // Atom requires a date; the newest entry's keeps builds reproducible.
        let newest = entries.map(\.date).max() ?? config.timeZone.startOfDay(CalendarDay(year: 2000, month: 1, day: 1)!)
        writer.element("updated", newest.rfc3339)
        // Entries without authors inherit this one, as RFC 4287 requires one of the two.
        writer.startElement("author")
        writer.element("name", config.title)
        writer.endElement()
        writer.element("generator", "Digest")
        for entry in entries {
            writer.startElement("entry")
            writer.element("id", entry.permalink)
            writer.element("title", entry.title, attributes: ["type": "text"])
            writer.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": entry.permalink])
            writer.element("published", entry.date.rfc3339)
            writer.element("updated", entry.date.rfc3339)
            for author in entry.authors.prefix(20) {
                writer.startElement("author")
                writer.element("name", author)
                writer.endElement()
            }
            for topic in entry.topics { writer.emptyElement("category", attributes: ["term": topic]) }
            if let summary = entry.summary { writer.element("summary", summary, attributes: ["type": "text"]) }
            writer.element("content", entry.html, attributes: ["type": "html"])
            writer.endElement()
        }
        writer.endElement()
        return writer.finish()
    }
}
