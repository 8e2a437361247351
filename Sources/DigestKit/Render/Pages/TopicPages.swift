/// The list of topics and the page of each topic.
enum TopicPages {
    static func urlPath(_ topic: Topic) -> String { "topics/\(topic.slug)/" }

    static func indexContext(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let pagePath = "topics/"
        let root = PageChrome.root(for: pagePath)
        let text = chrome.text
        var context = chrome.context(
            urlPath: pagePath, title: text.text("topics.title"), description: text.text("topics.description", ["site": digest.config.title]),
            section: .topics)
        context["topics"] = digest.topics.map { group -> TemplateObject in
            [
                "name": group.topic.name, "slug": group.topic.slug, "color": group.topic.colorIndex,
                "href": root + Self.urlPath(group.topic),
                "windowCount": text.number(group.windowCount), "totalCount": group.papers.count,
                "total": text.count("count.papers", group.papers.count),
                "feedHref": root + Self.urlPath(group.topic) + "feed.xml",
            ]
        }
        context["historyDays"] = digest.config.historyDays
        return context
    }

    static func context(_ group: TopicGroup, digest: Digest, rendered: RenderedPapers, chrome: PageChrome, theme: Theme) -> TemplateObject {
        let pagePath = Self.urlPath(group.topic)
        let root = PageChrome.root(for: pagePath)
        let math = group.windowDays.contains { $0.papers.contains { rendered[$0].hasMath } }
        let text = chrome.text
        var context = chrome.context(
            urlPath: pagePath, title: group.topic.name,
            description: text.text("topic.description", ["topic": group.topic.name, "site": digest.config.title]), section: .topics,
            topicFeed: group.topic, math: math)
        let windowDays = Set(digest.window.map(\.day))
        context["topic"] = ["name": group.topic.name, "slug": group.topic.slug, "feedHref": "feed.xml"] as TemplateObject
        context["windowCount"] = group.windowCount
        context["windowPapers"] = text.count("count.papers", group.windowCount)
        context["historyDays"] = digest.config.historyDays
        // The window's newest papers as cards, without their summaries (the title leads to the
        // paper's page), so a busy topic's page stays small; the rest by title.
        var shown = 0
        var days: [TemplateObject] = []
        for day in group.windowDays where shown < cardLimit {
            let papers = day.papers.prefix(cardLimit - shown)
            shown += papers.count
            days.append([
                "date": day.day.description, "label": text.longDate(day.day),
                "href": ArchivePage.dayHref(day.day, root: root, windowDays: windowDays),
                "papers": papers.map { paper in
                    let card = PaperView.card(paper, rendered: rendered[paper], number: nil, root: root, digest: digest, text: text, withSummary: false)
                    return PaperView.renderedCard(card, root: root, theme: theme)
                },
            ])
        }
        context["days"] = days
        let carded = Set(group.windowDays.flatMap(\.papers).prefix(cardLimit).map(\.id.base))
        let rest = group.papers.filter { !carded.contains($0.id.base) }
        if !rest.isEmpty {
            context["older"] = [
                "count": rest.count, "papers": text.count("count.papers", rest.count), "href": root + ArchivePage.urlPath,
                "list": rest.prefix(olderListLimit).map { paper -> TemplateObject in
                    ["title": paper.title, "href": root + PaperPage.urlPath(paper), "date": paper.day.description, "label": text.mediumDate(paper.day)]
                        as TemplateObject
                },
            ] as TemplateObject
        }
        return context
    }

    /// How many of the window's papers a topic page shows as cards.
    static let cardLimit = 100

    /// How many more papers a topic page lists by title; the archive has the rest.
    static let olderListLimit = 100
}
