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
        let days = digest.config.historyDays
        var context = chrome.context(
            urlPath: weekPath, title: "The week’s best", description: "The most upvoted and best-scored papers of the last \(days) days.",
            section: .week, math: digest.week.contains { MathSpans.containsMath($0.title) })
        context["best"] = values(digest.week, heading: "The week’s best", lede: "The last \(days) days", root: "../", digest: digest)
        return context
    }

    static func monthContext(_ month: MonthBest, digest: Digest, chrome: PageChrome) -> TemplateObject {
        var context = chrome.context(
            urlPath: monthPath(month), title: "Best of \(month.month.monthLabel)",
            description: "The most upvoted and best-scored papers of \(month.month.monthLabel).", section: .archive,
            math: month.papers.contains { MathSpans.containsMath($0.title) })
        context["best"] = values(month.papers, heading: "Best of \(month.month.monthLabel)", lede: month.month.monthLabel, root: "../../", digest: digest)
        return context
    }

    private static func values(_ papers: [Paper], heading: String, lede: String, root: String, digest: Digest) -> TemplateObject {
        let windowDays = Set(digest.window.map(\.day))
        let byUpvotes = papers.contains { $0.upvotes != nil }
        return [
            "heading": heading, "lede": lede,
            "ranking": byUpvotes ? "Ranked by upvotes, then by relevance + novelty." : "Ranked by relevance + novelty.",
            "papers": papers.enumerated().map { index, paper -> TemplateObject in
                var values = PaperView.common(paper, root: root, digest: digest)
                values["rank"] = index + 1
                values["titleHTML"] = MathSpans.html(paper.title)
                values["authors"] = PaperView.shortAuthors(paper.authors)
                values["score"] = DigestBuilder.score(paper)
                values["day"] = PaperPage.dayLink(paper.day, anchor: PaperView.cardAnchor(paper), root: root, windowDays: windowDays)
                return values
            },
        ]
    }
}
