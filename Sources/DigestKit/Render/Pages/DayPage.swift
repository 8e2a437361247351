/// The home page (today's digest) and the page of each day in the history window.
enum DayPage {
    static func urlPath(_ day: CalendarDay) -> String { "days/\(day)/" }

    /// `group` is nil only for a site without papers. `isHome` is the copy at the site root.
    /// Every day's papers as one BibTeX file, for days in and out of the window alike.
    static func bibPath(_ day: CalendarDay) -> String { "bib/\(day).bib" }

    static func context(
        _ group: DayGroup?, isHome: Bool, digest: Digest, rendered: RenderedPapers, chrome: PageChrome, theme: Theme
    ) -> TemplateObject {
        let pagePath = isHome ? "" : group.map { Self.urlPath($0.day) } ?? ""
        let root = PageChrome.root(for: pagePath)
        let text = chrome.text
        let title: String? = isHome ? nil : group.map { text.text("day.title", ["date": text.mediumDate($0.day)]) }
        let math = group?.papers.contains { rendered[$0].hasMath } ?? false
        var context = chrome.context(
            urlPath: pagePath, title: title, description: nil, section: isHome ? .today : .none, math: math)

        context["isHome"] = isHome
        context["bibHref"] = group.map { root + Self.bibPath($0.day) }
        var figures = figures(group, isHome: isHome, digest: digest, text: text)
        // The time of the last run belongs to the latest digest, the one readers check for news.
        if group?.day == digest.window.first?.day, let last = digest.lastRun {
            figures["lastRun"] = Format.time(last, in: digest.config.timeZone)
        }
        context["figures"] = figures
        if let day = group?.day, let stats = digest.stats[day] {
            context["stats"] = RunsView.context(stats, timeZone: digest.config.timeZone, text: text)
        }
        context["history"] = history(current: group?.day, digest: digest, root: root, text: text)
        guard let group else {
            context["empty"] = true
            return context
        }
        context["day"] = [
            "date": group.day.description,
            "label": text.longDate(group.day),
            "isToday": group.day == digest.today,
        ] as TemplateObject

        var number = 0
        var toc: [TemplateObject] = []
        var sections: [TemplateObject] = []
        for section in group.sections {
            let anchor = "topic-\(section.topic.slug)"
            var entries: [TemplateObject] = []
            var cards: [TemplateObject] = []
            let start = number + 1
            for paper in section.papers {
                number += 1
                entries.append([
                    "number": number, "title": paper.title, "titleHTML": rendered[paper].title, "anchor": PaperView.cardAnchor(paper),
                    "topicSlugs": PaperView.topicSlugs(paper, digest: digest), "hasCode": paper.links.code == nil ? "no" : "yes",
                ])
                let card = PaperView.card(paper, rendered: rendered[paper], number: number, root: root, digest: digest, text: text)
                cards.append(PaperView.renderedCard(card, root: root, theme: theme))
            }
            toc.append([
                "topic": section.topic.name, "anchor": anchor, "start": start, "count": text.number(section.papers.count), "papers": entries,
            ])
            sections.append([
                "topic": section.topic.name, "anchor": anchor, "allPapers": text.text("day.allTopicPapers", ["topic": section.topic.name]),
                "topicHref": root + "topics/\(section.topic.slug)/", "papers": cards,
            ])
        }
        context["toc"] = toc
        context["sections"] = sections
        context["filter"] = filter(group, digest: digest)
        return context
    }

    /// The filter bar: topic chips when the day has papers of several topics, and a "Has
    /// code" chip when some of its papers have code and some do not. The site script shows it.
    static func filter(_ group: DayGroup?, digest: Digest) -> TemplateObject? {
        guard let group else { return nil }
        let topics = topicFilter(group, digest: digest)
        let withCode = group.papers.count { $0.links.code != nil }
        let codeChip = withCode > 0 && withCode < group.papers.count
        guard !topics.isEmpty || codeChip else { return nil }
        var filter: TemplateObject = ["items": topics, "count": topics.count, "hasTopics": !topics.isEmpty]
        filter["codeCount"] = codeChip ? withCode : nil
        return filter
    }

    /// Chips for every topic of the day's papers (primary or not), in the site's topic order;
    /// the site script shows them and hides the cards of other topics.
    static func topicFilter(_ group: DayGroup, digest: Digest) -> [TemplateObject] {
        guard group.papers.count > 1 else { return [] }
        let present = Set(group.papers.flatMap(\.topics))
        let topics = digest.topics.map(\.topic).filter { present.contains($0.name) }
        guard topics.count > 1 else { return [] }
        return topics.map { topic in
            let count = group.papers.filter { $0.topics.contains(topic.name) }.count
            return ["name": topic.name, "slug": topic.slug, "color": topic.colorIndex, "count": count]
        }
    }

    /// "9 papers today · updated every 8h · 7 days of history".
    private static func figures(_ group: DayGroup?, isHome: Bool, digest: Digest, text: Interface) -> TemplateObject {
        let count = group?.papers.count ?? 0
        let isToday = group?.day == digest.today
        var figures: TemplateObject = [
            "count": count,
            "papers": text.count(isToday ? "day.papersToday" : "day.papersOnDay", count),
            "historyDays": digest.config.historyDays,
            "history": text.count("count.history", digest.config.historyDays),
        ]
        figures["updateEvery"] = digest.config.updateEvery
        figures["isToday"] = isToday
        return figures
    }

    /// Every window day with its count, and the previous and next day.
    static func history(current: CalendarDay?, digest: Digest, root: String, text: Interface) -> TemplateObject {
        let days = digest.window.map { group -> TemplateObject in
            [
                "date": group.day.description, "label": text.shortDate(group.day), "longLabel": text.longDate(group.day),
                "count": text.number(group.papers.count), "href": root + urlPath(group.day), "current": group.day == current,
            ]
        }
        var history: TemplateObject = ["days": days]
        if let current, let index = digest.window.firstIndex(where: { $0.day == current }) {
            if index + 1 < digest.window.count {
                let older = digest.window[index + 1].day
                history["previous"] = ["href": root + urlPath(older), "label": text.shortDate(older)] as TemplateObject
            }
            if index > 0 {
                let newer = digest.window[index - 1].day
                history["next"] = ["href": root + urlPath(newer), "label": text.shortDate(newer)] as TemplateObject
            }
        }
        if !digest.archive.isEmpty { history["archiveHref"] = root + "archive/" }
        return history
    }
}
