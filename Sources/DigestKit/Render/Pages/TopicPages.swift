/// The list of topics and the page of each topic.
enum TopicPages {
    static func urlPath(_ topic: Topic) -> String { "topics/\(topic.slug)/" }

    static func indexContext(digest: Digest, chrome: PageChrome) -> [String: Any] {
        let pagePath = "topics/"
        let root = PageChrome.root(for: pagePath)
        var context = chrome.context(
            urlPath: pagePath, title: "Topics", description: "Every topic of \(digest.config.title), with its papers.", section: .topics)
        context["topics"] = digest.topics.map { group -> [String: Any] in
            [
                "name": group.topic.name, "slug": group.topic.slug, "color": group.topic.colorIndex,
                "href": root + Self.urlPath(group.topic),
                "windowCount": group.windowCount, "totalCount": group.papers.count,
                "total": PaperView.paperCount(group.papers.count),
                "feedHref": root + Self.urlPath(group.topic) + "feed.xml",
            ]
        }
        context["historyDays"] = digest.config.historyDays
        return context
    }

    static func context(_ group: TopicGroup, digest: Digest, rendered: RenderedPapers, chrome: PageChrome) -> [String: Any] {
        let pagePath = Self.urlPath(group.topic)
        let root = PageChrome.root(for: pagePath)
        let math = group.windowDays.contains { $0.papers.contains { rendered[$0].hasMath } }
        var context = chrome.context(
            urlPath: pagePath, title: group.topic.name,
            description: "\(group.topic.name) papers in \(digest.config.title).", section: .topics, topicFeed: group.topic, math: math)
        let windowDays = Set(digest.window.map(\.day))
        context["topic"] = ["name": group.topic.name, "slug": group.topic.slug, "feedHref": "feed.xml"] as [String: Any]
        context["windowCount"] = group.windowCount
        context["windowPapers"] = PaperView.paperCount(group.windowCount)
        context["historyDays"] = digest.config.historyDays
        context["days"] = group.windowDays.map { day -> [String: Any] in
            [
                "date": day.day.description, "label": day.day.longLabel,
                "href": windowDays.contains(day.day) ? root + DayPage.urlPath(day.day) : root + "archive/",
                "papers": day.papers.map { PaperView.card($0, rendered: rendered[$0], number: nil, root: root, digest: digest) },
            ]
        }
        let older = group.papers.count - group.windowCount
        if older > 0 {
            context["older"] = [
                "count": older, "papers": PaperView.paperCount(older), "href": root + "archive/",
                "list": group.papers.filter { !windowDays.contains($0.day) }.prefix(olderListLimit).map { paper -> [String: Any] in
                    ["title": paper.title, "href": root + "papers/\(paper.slug)/", "date": paper.day.description, "label": paper.day.mediumLabel]
                        as [String: Any]
                },
            ] as [String: Any]
        }
        return context
    }

    /// How many older papers a topic page lists by title; the archive has the rest.
    static let olderListLimit = 100
}
