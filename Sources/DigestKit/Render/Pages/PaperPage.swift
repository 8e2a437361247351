/// The permanent page of one paper.
enum PaperPage {
    static func urlPath(_ paper: Paper) -> String { "papers/\(paper.slug)/" }

    static func context(
        _ paper: Paper, rendered: RenderedPaper, previous: Paper?, next: Paper?, digest: Digest,
        windowDays: Set<CalendarDay>, chrome: PageChrome
    ) -> [String: Any] {
        let pagePath = Self.urlPath(paper)
        let root = PageChrome.root(for: pagePath)
        let description = paper.highlights.first.map(Markdown.plainText) ?? paper.abstract.map { String($0.prefix(300)) }
        var context = chrome.context(
            urlPath: pagePath, title: paper.title, description: description, section: .none, math: rendered.hasMath, ogType: "article")
        var values = PaperView.common(paper, root: root, config: digest.config)
        values["titleHTML"] = rendered.title
        values["authors"] = paper.authors.isEmpty ? nil : paper.authors.joined(separator: ", ")
        values["abstractHTML"] = rendered.abstract
        values["highlights"] = PaperView.listValue(rendered.highlights)
        values["summary"] = rendered.summary.map { $0.html(topLevel: 2, anchorPrefix: "") }
        values["toc"] = PaperView.listValue(tableOfContents(rendered.summary?.headings ?? []))
        values["published"] = paper.published.map { digest.config.timeZone.day(of: $0).mediumLabel }
        values["day"] = dayLink(paper.day, anchor: PaperView.cardAnchor(paper), root: root, windowDays: windowDays)
        let links: [(String, String?)] = [
            ("arXiv", paper.links.arxiv), ("PDF", paper.links.pdf), ("Code", paper.links.code), ("Project page", paper.links.project),
        ]
        values["links"] = PaperView.listValue(links.compactMap { label, url in url.map { ["label": label, "href": $0] } })
        values["previous"] = previous.map { neighbour($0, root: root) }
        values["next"] = next.map { neighbour($0, root: root) }
        context["paper"] = values
        context["jsonLD"] = JSONOutput.encodeForHTML(ScholarlyArticle(paper, config: digest.config))
        return context
    }

    /// A day page exists only inside the window; older days live in the archive.
    static func dayLink(_ day: CalendarDay, anchor: String, root: String, windowDays: Set<CalendarDay>) -> [String: Any] {
        [
            "date": day.description, "label": day.mediumLabel,
            "href": windowDays.contains(day) ? root + DayPage.urlPath(day) + "#" + anchor : root + "archive/#day-\(day)",
        ]
    }

    private static func neighbour(_ paper: Paper, root: String) -> [String: Any] {
        ["title": paper.title, "titleHTML": MathSpans.html(paper.title), "href": root + urlPath(paper)]
    }

    /// `##` sections with their `###` subsections nested under them.
    static func tableOfContents(_ headings: [RenderedMarkdown.Heading]) -> [[String: Any]] {
        guard let top = headings.map(\.level).min() else { return [] }
        var entries: [(entry: [String: Any], children: [[String: Any]])] = []
        for heading in headings where heading.level <= top + 1 {
            let entry: [String: Any] = ["text": heading.text, "href": "#" + heading.id]
            if heading.level == top || entries.isEmpty {
                entries.append((entry, []))
            } else {
                entries[entries.count - 1].children.append(entry)
            }
        }
        return entries.map { entry, children in
            var value = entry
            value["children"] = PaperView.listValue(children)
            return value
        }
    }
}

/// schema.org metadata for search engines and reference managers, embedded as JSON-LD.
struct ScholarlyArticle: Encodable {
    struct Person: Encodable {
        var type = "Person"
        var name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    struct Site: Encodable {
        var type = "WebSite"
        var name: String
        var url: String
        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }

    var context = "https://schema.org"
    var type = "ScholarlyArticle"
    var headline: String
    var name: String
    var author: [Person]
    var datePublished: String
    var url: String
    var identifier: String
    var abstract: String?
    var keywords: String
    var sameAs: [String]
    var isPartOf: Site

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", headline, name, author, datePublished, url, identifier, abstract, keywords, sameAs, isPartOf
    }

    init(_ paper: Paper, config: SiteConfig) {
        // Google shows at most 110 characters of a headline; the name keeps the whole title.
        headline = paper.title.count > 110 ? String(paper.title.prefix(109)) + "…" : paper.title
        name = paper.title
        author = paper.authors.prefix(100).map { Person(name: $0) }
        datePublished = paper.published?.rfc3339 ?? paper.day.description
        url = config.baseURL.resolve(PaperPage.urlPath(paper))
        identifier = paper.id.isArXiv ? "arXiv:\(paper.id.base)" : paper.id.base
        abstract = paper.abstract
        keywords = paper.topics.joined(separator: ", ")
        sameAs = [paper.links.arxiv, paper.links.code, paper.links.project].compactMap { $0 }
        isPartOf = Site(name: config.title, url: config.baseURL.absolute)
    }
}
