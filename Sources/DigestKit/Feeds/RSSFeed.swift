import DigestXML

/// RSS 2.0, written with libxml2 so escaping and forbidden characters are handled by construction.
enum RSSFeed {
    struct Channel {
        var title: String
        var description: String
        /// The feed's own site-relative path, for `atom:link rel="self"`.
        var path: String
        /// The page the feed belongs to.
        var pageURL: String
    }

    struct Item {
        var title: String
        var link: String
        var guid: String
        /// False when the guid is an identifier rather than a page to open.
        var guidIsPermaLink: Bool
        var date: Timestamp
        var creators: [String]
        var categories: [String]
        var html: String
    }

    static func item(_ entry: FeedEntry) -> Item {
        Item(
            title: entry.title, link: entry.permalink, guid: entry.permalink, guidIsPermaLink: true, date: entry.date,
            creators: entry.authors, categories: entry.topics, html: entry.html)
    }

    static func render(_ channel: Channel, items: [Item], config: SiteConfig) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement("rss")
        writer.attribute("version", "2.0")
        writer.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        writer.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        writer.startElement("channel")
        writer.element("title", channel.title)
        writer.element("link", channel.pageURL)
        // Readers render every <description> as HTML, so the channel's plain text is escaped
        // like the items' HTML: "<script>" in site.json reaches them as text, never as markup.
        writer.element("description", HTMLEscape.escape(channel.description))
        writer.element("language", config.language)
        writer.element("generator", "Digest")
        writer.emptyElement(
            "atom:link", attributes: ["href": config.baseURL.resolve(channel.path), "rel": "self", "type": "application/rss+xml"])
        // The newest item's date, not the build's clock: the same content gives the same bytes.
        if let newest = items.map(\.date).max() { writer.element("lastBuildDate", newest.rfc822) }
        for item in items {
            writer.startElement("item")
            writer.element("title", item.title)
            writer.element("link", item.link)
            writer.element("guid", item.guid, attributes: ["isPermaLink": item.guidIsPermaLink ? "true" : "false"])
            writer.element("pubDate", item.date.rfc822)
            // A few names are enough for a reader; the page lists everyone.
            for creator in item.creators.prefix(20) { writer.element("dc:creator", creator) }
            for category in item.categories { writer.element("category", category) }
            writer.element("description", item.html)
            writer.endElement()
        }
        writer.endElement()
        writer.endElement()
        return writer.finish()
    }
}
