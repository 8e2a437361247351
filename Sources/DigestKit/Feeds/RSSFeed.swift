import DigestXML

/// RSS 2.0 feeds, written with libxml2 so escaping and forbidden characters are handled by construction.
enum RSSFeed {
    /// A feed of papers, newest first. `path` is the feed's own site-relative path (for `atom:link rel="self"`).
    static func render(
        title: String, description: String, path: String, pageURL: String, papers: [Paper],
        rendered: RenderedPapers, config: SiteConfig
    ) -> [UInt8] {
        let writer = XMLWriter()
        writer.startElement("rss")
        writer.attribute("version", "2.0")
        writer.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        writer.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        writer.startElement("channel")
        writer.element("title", title)
        writer.element("link", pageURL)
        writer.element("description", description)
        writer.element("language", config.language)
        writer.element("generator", "Digest")
        writer.emptyElement(
            "atom:link", attributes: ["href": config.baseURL.resolve(path), "rel": "self", "type": "application/rss+xml"])
        // The newest item's date, not the build's clock: the same content gives the same bytes.
        if let newest = papers.map({ publicationTime($0, config: config) }).max() {
            writer.element("lastBuildDate", newest.rfc822)
        }
        for paper in papers {
            let link = config.baseURL.resolve(PaperPage.urlPath(paper))
            writer.startElement("item")
            writer.element("title", paper.title)
            writer.element("link", link)
            writer.element("guid", link, attributes: ["isPermaLink": "true"])
            writer.element("pubDate", publicationTime(paper, config: config).rfc822)
            for author in paper.authors.prefix(50) { writer.element("dc:creator", author) }
            for topic in paper.topics { writer.element("category", topic) }
            writer.element("description", itemHTML(paper, rendered: rendered[paper]))
            writer.endElement()
        }
        writer.endElement()
        writer.endElement()
        return writer.finish()
    }

    /// When the paper entered the digest: its collection time, else the start of its day in the site's zone.
    static func publicationTime(_ paper: Paper, config: SiteConfig) -> Timestamp {
        paper.collectedAt ?? config.timeZone.startOfDay(paper.day)
    }

    /// The item body: authors, highlights and the summary, as HTML.
    static func itemHTML(_ paper: Paper, rendered: RenderedPaper) -> String {
        var html = ""
        if let authors = PaperView.shortAuthors(paper.authors) {
            html += "<p>" + HTMLText.escape(authors) + "</p>\n"
        }
        if !rendered.highlights.isEmpty {
            html += "<ul>\n" + rendered.highlights.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        }
        if let summary = rendered.summary {
            html += summary.html(topLevel: 3, anchorPrefix: "")
        } else if let abstract = paper.abstract {
            html += "<p>" + HTMLText.escape(abstract) + "</p>\n"
        }
        return html
    }
}

/// Escaping for the few places where we build HTML outside templates.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for char in text.unicodeScalars {
            switch char {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(char)
            }
        }
        return result
    }
}
