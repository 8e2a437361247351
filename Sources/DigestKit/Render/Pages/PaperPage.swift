/// The permanent page of one paper.
enum PaperPage {
    static func urlPath(_ paper: Paper) -> String { "papers/\(paper.slug)/" }
    /// The paper's BibTeX entry as a file, beside its page.
    static let bibPath = "cite.bib"

    static func context(
        _ paper: Paper, rendered: RenderedPaper, previous: Paper?, next: Paper?, digest: Digest,
        windowDays: Set<CalendarDay>, chrome: PageChrome, bibKey: String, related: [Paper]
    ) -> TemplateObject {
        let pagePath = Self.urlPath(paper)
        let root = PageChrome.root(for: pagePath)
        let description = paper.highlights.first.map(Markdown.plainText) ?? paper.abstract.map { String($0.prefix(300)) }
        var context = chrome.context(
            urlPath: pagePath, title: paper.title, description: description, section: .none, math: rendered.hasMath, ogType: "article")
        let text = chrome.text
        var values = PaperView.common(paper, root: root, digest: digest)
        values["titleHTML"] = rendered.title
        values["authors"] = paper.authors.isEmpty ? nil : paper.authors.joined(separator: ", ")
        values["authorsHTML"] = PaperView.authorsHTML(paper.authors, short: false, root: root, digest: digest, text: text)
        values["abstractHTML"] = rendered.abstract
        values["highlights"] = PaperView.listValue(rendered.highlights)
        values["summary"] = rendered.summary.map { $0.html(topLevel: 2, anchorPrefix: "") }
        values["toc"] = PaperView.listValue(tableOfContents(rendered.summary?.headings ?? []))
        values["published"] = paper.published.map { text.mediumDate(digest.config.timeZone.day(of: $0)) }
        values["day"] = dayLink(paper.day, anchor: PaperView.cardAnchor(paper), root: root, windowDays: windowDays, text: text)
        let links: [(String, String?)] = [
            (text.text("paper.linkArxiv"), paper.links.arxiv), (text.text("paper.linkPDF"), paper.links.pdf),
            (text.text("paper.linkCode"), paper.links.code), (text.text("paper.linkProject"), paper.links.project),
        ]
        values["links"] = PaperView.listValue(links.compactMap { label, url in url.map { ["label": label, "href": $0] as TemplateObject } })
        values["previous"] = previous.map { neighbour($0, root: root) }
        values["next"] = next.map { neighbour($0, root: root) }
        values["bibtex"] = BibTeX.entry(paper, key: bibKey, config: digest.config)
        values["bibHref"] = bibPath
        values["related"] = PaperView.listValue(related.map { relatedPaper($0, root: root, digest: digest, text: text) })
        context["paper"] = values
        context["citationHTML"] = CitationMeta.highwireHTML(paper, config: digest.config)
        context["jsonLD"] = ScholarlyArticle.jsonLD(paper, config: digest.config)
        return context
    }

    /// A day page exists only inside the window; older days live in the archive.
    static func dayLink(_ day: CalendarDay, anchor: String, root: String, windowDays: Set<CalendarDay>, text: Interface) -> TemplateObject {
        [
            "date": day.description, "label": text.mediumDate(day),
            "href": windowDays.contains(day) ? root + DayPage.urlPath(day) + "#" + anchor : ArchivePage.dayHref(day, root: root, windowDays: windowDays),
        ]
    }

    /// One entry of the Related papers list: the title, its day and its first topic.
    private static func relatedPaper(_ paper: Paper, root: String, digest: Digest, text: Interface) -> TemplateObject {
        let topic = digest.topic(named: paper.primaryTopic)
        return [
            "title": paper.title, "titleHTML": MathSpans.html(paper.title), "href": root + urlPath(paper),
            "day": text.mediumDate(paper.day), "date": paper.day.description, "topic": topic.name,
        ]
    }

    private static func neighbour(_ paper: Paper, root: String) -> TemplateObject {
        ["title": paper.title, "titleHTML": MathSpans.html(paper.title), "href": root + urlPath(paper)]
    }

    /// `##` sections with their `###` subsections nested under them.
    static func tableOfContents(_ headings: [RenderedMarkdown.Heading]) -> [TemplateObject] {
        guard let top = headings.map(\.level).min() else { return [] }
        var entries: [(entry: TemplateObject, children: [TemplateObject])] = []
        for heading in headings where heading.level <= top + 1 {
            let entry: TemplateObject = ["text": heading.text, "href": "#" + heading.id]
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
enum ScholarlyArticle {
    /// The `ScholarlyArticle` object, safe to place inside `<script type="application/ld+json">`.
    static func jsonLD(_ paper: Paper, config: SiteConfig) -> String {
        var json = JSONBytes(htmlSafe: true, capacity: 2048)
        json.object { json in
            json.member("@context", "https://schema.org")
            json.member("@type", "ScholarlyArticle")
            // Google shows at most 110 characters of a headline; the name keeps the whole title.
            json.member("headline", paper.title.count > 110 ? String(paper.title.prefix(109)) + "…" : paper.title)
            json.member("name", paper.title)
            json.key("author")
            json.array { json in
                for author in paper.authors.prefix(100) {
                    json.object { json in
                        json.member("@type", "Person")
                        json.member("name", author)
                    }
                }
            }
            json.member("datePublished", paper.published?.rfc3339 ?? paper.day.description)
            json.member("url", config.baseURL.resolve(PaperPage.urlPath(paper)))
            json.member("identifier", paper.id.isArXiv ? "arXiv:\(paper.id.base)" : paper.id.base)
            json.member("abstract", paper.abstract)
            json.member("keywords", paper.topics.joined(separator: ", "))
            json.key("sameAs")
            json.array([paper.links.arxiv, paper.links.code, paper.links.project].compactMap { $0 })
            json.key("isPartOf")
            json.object { json in
                json.member("@type", "WebSite")
                json.member("name", config.title)
                json.member("url", config.baseURL.absolute)
            }
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
