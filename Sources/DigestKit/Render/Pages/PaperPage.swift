/// The permanent page of one paper.
enum PaperPage {
    static func urlPath(_ paper: Paper) -> String { "papers/\(paper.slug)/" }

    static func context(_ paper: Paper, rendered: RenderedPaper, digest: Digest, windowDays: Set<CalendarDay>, chrome: PageChrome) -> [String: Any] {
        let pagePath = Self.urlPath(paper)
        let root = PageChrome.root(for: pagePath)
        let description = paper.abstract.map { String($0.prefix(300)) } ?? paper.highlights.first
        var context = chrome.context(urlPath: pagePath, title: paper.title, description: description, section: .none)
        var values = PaperView.common(paper, root: root)
        values["authors"] = paper.authors.isEmpty ? nil : paper.authors.joined(separator: ", ")
        values["abstract"] = paper.abstract
        values["highlights"] = PaperView.listValue(rendered.highlights)
        values["summary"] = rendered.summary.map { $0.html(topLevel: 2, anchorPrefix: "") }
        values["toc"] = PaperView.listValue(tableOfContents(rendered.summary?.headings ?? []))
        values["published"] = paper.published.map { digest.config.timeZone.day(of: $0).mediumLabel }
        values["day"] = [
            "date": paper.day.description, "label": paper.day.mediumLabel,
            // A day page exists only inside the window; older days live in the archive.
            "href": windowDays.contains(paper.day)
                ? root + DayPage.urlPath(paper.day) + "#" + PaperView.cardAnchor(paper)
                : root + "archive/#day-\(paper.day)",
        ] as [String: Any]
        let links: [(String, String?)] = [
            ("arXiv", paper.links.arxiv), ("PDF", paper.links.pdf), ("Code", paper.links.code), ("Project page", paper.links.project),
        ]
        values["links"] = PaperView.listValue(links.compactMap { label, url in url.map { ["label": label, "href": $0] } })
        context["paper"] = values
        return context
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
