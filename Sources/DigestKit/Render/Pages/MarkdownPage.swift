/// A page written in Markdown (`Content/pages/<name>.md`) at `<name>/`.
enum MarkdownPage {
    static func urlPath(_ page: SitePage) -> String { page.name + "/" }

    static func context(_ page: SitePage, chrome: PageChrome) -> TemplateObject {
        let rendered = Markdown.render(page.markdown, reservedIDs: RenderedPaper.reservedIDs, relativeLinks: true)
        var context = chrome.context(
            urlPath: urlPath(page), title: page.title, description: nil, section: .page(page.name), math: rendered.hasMath)
        var values: TemplateObject = ["title": page.title, "html": rendered.html(topLevel: 2, anchorPrefix: "")]
        values["toc"] = PaperView.listValue(PaperPage.tableOfContents(rendered.headings))  // absent, not nil, when empty
        context["page"] = values
        return context
    }
}

/// `week/` and `month/YYYY-MM/`: the best papers of the window and of each month.
enum BestPage {
    static let weekPath = "week/"
    static func monthPath(_ month: MonthBest) -> String { monthPath(key: month.month.monthKey) }

    static func monthPath(key: String) -> String { "month/\(key)/" }

    static func weekContext(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let days = ["count": chrome.text.number(digest.config.historyDays)]
        let text = chrome.text
        var context = chrome.context(
            urlPath: weekPath, title: text.text("best.weekTitle"), description: text.text("best.weekDescription", days),
            section: .week, math: digest.week.contains { MathSpans.containsMath($0.title) })
        context["best"] = values(
            digest.week, heading: text.text("best.weekTitle"), lede: text.text("best.weekLede", days), root: "../", digest: digest, text: text)
        return context
    }

    static func monthContext(_ month: MonthBest, digest: Digest, chrome: PageChrome) -> TemplateObject {
        let text = chrome.text
        let name = ["month": text.month(month.month)]
        var context = chrome.context(
            urlPath: monthPath(month), title: text.text("best.monthTitle", name),
            description: text.text("best.monthDescription", name), section: .archive,
            math: month.papers.contains { MathSpans.containsMath($0.title) })
        context["best"] = values(
            month.papers, heading: text.text("best.monthTitle", name), lede: text.month(month.month), root: "../../", digest: digest, text: text)
        return context
    }

    private static func values(_ papers: [Paper], heading: String, lede: String, root: String, digest: Digest, text: Interface) -> TemplateObject {
        let windowDays = Set(digest.window.map(\.day))
        let byUpvotes = papers.contains { $0.upvotes != nil }
        return [
            "heading": heading, "lede": lede,
            "ranking": text.text(byUpvotes ? "best.rankedByUpvotes" : "best.rankedByScore"),
            "papers": papers.enumerated().map { index, paper -> TemplateObject in
                var values = PaperView.common(paper, root: root, digest: digest)
                values["rank"] = index + 1
                values["titleHTML"] = MathSpans.html(paper.title)
                values["authors"] = PaperView.shortAuthors(paper.authors, text: text)
                values["score"] = DigestBuilder.score(paper)
                values["day"] = PaperPage.dayLink(paper.day, anchor: PaperView.cardAnchor(paper), root: root, windowDays: windowDays, text: text)
                return values
            },
        ]
    }
}
