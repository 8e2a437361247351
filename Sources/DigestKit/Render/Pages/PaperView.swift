/// How a paper is shown: the values its card and page templates read.
enum PaperView {
    /// Above this many authors a card shows the first few and "… and N more".
    static let cardAuthorLimit = 5
    static let cardAuthorsShown = 3

    /// The card on day and topic pages. `number` is its place in the day's table of contents;
    /// topic pages show cards without the summary.
    static func card(
        _ paper: Paper, rendered: RenderedPaper, number: Int?, root: String, digest: Digest, text: Interface, withSummary: Bool = true
    ) -> TemplateObject {
        var card = common(paper, root: root, digest: digest)
        card["anchor"] = cardAnchor(paper)
        card["titleHTML"] = rendered.title
        card["number"] = number
        card["authors"] = shortAuthors(paper.authors, text: text)
        card["authorsHTML"] = authorsHTML(paper.authors, short: true, root: root, digest: digest, text: text)
        card["highlights"] = listValue(rendered.highlights)
        card["coins"] = CitationMeta.coins(paper, config: digest.config)
        guard withSummary else { return card }
        card["summary"] = rendered.summary.map { $0.html(topLevel: 4, anchorPrefix: RenderedPaper.cardAnchorPrefix(paper)) }
        return card
    }

    /// A card as day and topic pages list it: `{html}`, the card partial rendered with the
    /// card's values and the page's `root`.
    static func renderedCard(_ values: TemplateObject, root: String, theme: Theme) -> TemplateObject {
        var values = values
        values["root"] = root
        return ["html": theme.renderCard(values)]
    }

    /// Values shared by the card and the paper page.
    static func common(_ paper: Paper, root: String, digest: Digest) -> TemplateObject {
        var values: TemplateObject = [
            "id": paper.id.description,
            // The reader's scripts key their state by the page's folder name and read the day
            // from the card itself, so a saved paper needs no archive download (docs/reader-features.md).
            "slug": paper.slug,
            "date": paper.day.description,
            "title": paper.title,
            "topicSlugs": topicSlugs(paper, digest: digest),
            "href": root + "papers/\(paper.slug)/",
            "tags": paper.topics.map { name in
                let topic = digest.topic(named: name)
                return ["name": name, "slug": topic.slug, "color": topic.colorIndex, "href": root + "topics/\(topic.slug)/"] as TemplateObject
            },
        ]
        values["organization"] = paper.organization
        values["upvotes"] = paper.upvotes
        values["relevance"] = paper.relevance
        values["novelty"] = paper.novelty
        values["comment"] = paper.comment
        values["textLang"] = textLanguage(paper, site: digest.config.language)
        values["code"] = paper.links.code.map { href -> TemplateObject in
            ["href": href, "stars": paper.links.codeStars.map(compactCount)]
        }
        // A string, not a flag: a flag would double the shapes of cards (`TemplateSkeletons`).
        values["hasCode"] = paper.links.code == nil ? "no" : "yes"
        let hasBadges = paper.organization != nil || paper.upvotes != nil || paper.relevance != nil || paper.novelty != nil
            || paper.links.code != nil
        values["hasBadges"] = hasBadges
        return values
    }

    static func cardAnchor(_ paper: Paper) -> String { "paper-\(paper.slug)" }

    /// The language of the collector's text when it is not the site's (a Chinese summary on an
    /// English site), for its `lang` attribute: browsers pick fonts, hyphenation and speech by it.
    static func textLanguage(_ paper: Paper, site: String) -> String? {
        guard let language = paper.language else { return nil }
        let primary = { (tag: String) in tag.lowercased().split(separator: "-").first.map(String.init) ?? "" }
        return primary(language) == primary(site) ? nil : language
    }

    /// The slugs of a paper's topics, space-separated, for the topic filter.
    static func topicSlugs(_ paper: Paper, digest: Digest) -> String {
        paper.topics.map { digest.topic(named: $0).slug }.joined(separator: " ")
    }

    /// "Alice Zhang, Bo Li, Chen Wei, … and 12 more" for long lists.
    static func shortAuthors(_ authors: [String], text: Interface) -> String? {
        guard !authors.isEmpty else { return nil }
        let shown = cardAuthors(authors)
        return shown.joined(separator: ", ") + more(authors, shown: shown, text: text)
    }

    /// The names a card shows: all of a short list, the first few of a long one.
    private static func cardAuthors(_ authors: [String]) -> ArraySlice<String> {
        authors.count > cardAuthorLimit ? authors.prefix(cardAuthorsShown) : authors[...]
    }

    /// ", … and 12 more" after the names shown, or nothing.
    private static func more(_ authors: [String], shown: ArraySlice<String>, text: Interface) -> String {
        shown.count < authors.count ? ", " + text.count("count.authorsMore", authors.count - shown.count) : ""
    }

    /// The authors line as HTML: each name in an `<a class="author">` to its author page, or
    /// in a `<span class="author">` when it has none; `short` cuts long lists as cards do.
    /// Made here rather than by the template: a list whose items differ in having a link
    /// would give nearly every card a shape of its own (see `TemplateSkeletons`).
    static func authorsHTML(_ authors: [String], short: Bool, root: String, digest: Digest, text: Interface) -> String? {
        guard !authors.isEmpty else { return nil }
        let shown = short ? cardAuthors(authors) : authors[...]
        var html = ""
        for (index, name) in shown.enumerated() {
            if index > 0 { html += ", " }
            if let slug = digest.authors.slug(of: name) {
                html += "<a class=\"author\" href=\"" + root + AuthorIndex.urlPath(slug: slug) + "\">" + HTMLEscape.escape(name) + "</a>"
            } else {
                html += "<span class=\"author\">" + HTMLEscape.escape(name) + "</span>"
            }
        }
        return html + HTMLEscape.escape(more(authors, shown: shown, text: text))
    }

    /// 950, 1.2k, 12k, 1.2M: how code hosts show stars.
    static func compactCount(_ count: Int) -> String {
        func short(_ value: Double, _ suffix: String) -> String {
            let tenths = Int((value * 10).rounded(.down))
            return (tenths % 10 == 0 || tenths >= 1000 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)") + suffix
        }
        if count < 1000 { return "\(count)" }
        if count < 1_000_000 { return short(Double(count) / 1000, "k") }
        return short(Double(count) / 1_000_000, "M")
    }

    /// Lists that templates wrap (`<ul>` only when non-empty) are `{items: [...]}`, or absent when empty.
    static func listValue<Item: TemplateValue>(_ items: [Item]) -> TemplateObject? {
        items.isEmpty ? nil : ["items": items, "count": items.count]
    }
}
