/// Arranges merged papers into days, the history window, the archive and topics. Pure.
public enum DigestBuilder {
    /// `other` names the topic of papers whose records give none, in the site's language.
    public static func build(
        config: SiteConfig, records: [Paper], runs: [Run] = [], pages: [SitePage] = [], today requestedToday: CalendarDay?,
        other: String = Topic.other.name
    ) -> Digest {
        let ordered = sortedByDay(records, newestFirst: false)
        let names = TopicNames(configured: config.topics, ordered: ordered)
        let merged = PaperMerger.merge(ordered: ordered, topicNames: names, other: other)
        let today = requestedToday ?? merged.map(\.day).max()
        // Newest day first, then in the collector's order.
        let published = sortedByDay(merged.filter { paper in today.map { paper.day <= $0 } ?? false }, newestFirst: true)
        // Authors depend on the published papers alone, and finding them takes most of a
        // second of one core at 54,750 papers: they are found beside the rest.
        let authors = Parallel.start { AuthorIndex(published, minimum: config.authorPages) }
        let topicOrder = orderTopics(published, configured: config.topics, other: other)
        let days = groupByDay(published, topicOrder: topicOrder, sort: config.sort)
        let windowStart = today?.adding(days: 1 - config.historyDays)
        let window = days.filter { group in windowStart.map { group.day >= $0 } ?? false }
        let archive = days.filter { group in windowStart.map { group.day < $0 } ?? true }

        let topics = topicOrder.map { topic in
            let carrying = published.filter { $0.topics.contains(topic.name) }
            let windowPapers = carrying.filter { paper in windowStart.map { paper.day >= $0 } ?? false }
            return TopicGroup(
                topic: topic,
                windowDays: groupByDay(windowPapers, topicOrder: topicOrder, sort: config.sort),
                papers: carrying)
        }
        var digest = Digest(
            config: config, today: today, papers: published, days: days, window: window, archive: archive,
            topics: topics, unpublishedCount: merged.count - published.count)
        digest.archiveMonths = archiveMonths(days)
        digest.topicsByName = Dictionary(topicOrder.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let counted = runs.filter { run in today.map { run.day <= $0 } ?? false }
        digest.stats = Dictionary(grouping: counted, by: \.day).mapValues(DayStats.init)
        digest.lastRun = counted.map(\.time).max()
        digest.pages = orderPages(pages, configured: config.pages)
        digest.authors = authors()
        if published.contains(where: { $0.upvotes != nil || $0.relevance != nil || $0.novelty != nil }) {
            digest.week = best(window.flatMap(\.papers))
            let byMonth = Dictionary(grouping: published, by: \.day.monthKey)
            digest.months = byMonth.keys.sorted(by: >).map { key in
                MonthBest(month: byMonth[key]!.map(\.day).min()!, papers: best(byMonth[key]!))
            }
        }
        return digest
    }

    /// Days (newest first) by month, newest month first.
    static func archiveMonths(_ days: [DayGroup]) -> [ArchiveMonth] {
        var months: [ArchiveMonth] = []
        for group in days {
            if months.last?.key == group.day.monthKey {
                months[months.count - 1].days.append(group)
            } else {
                months.append(ArchiveMonth(key: group.day.monthKey, days: [group]))
            }
        }
        return months
    }

    /// Papers by day (oldest or newest first), then file and position in it. The keys are
    /// worked out once: comparing papers field by field was a tenth of a large build's grouping.
    static func sortedByDay(_ papers: [Paper], newestFirst: Bool) -> [Paper] {
        let keys = papers.map { paper in
            let day = paper.day, origin = paper.origin
            let dayNumber = day.year * 400 + day.month * 32 + day.day
            return (day: newestFirst ? -dayNumber : dayNumber, file: origin.fileIndex, record: origin.recordIndex)
        }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return order.map { papers[$0] }
    }

    /// How many papers a week or month page shows.
    static let bestCount = 20

    /// The top papers: most upvoted, then highest score (relevance + novelty), then newest.
    static func best(_ papers: [Paper]) -> [Paper] {
        // Only papers with votes or scores can rank; of those, the top `bestCount`.
        let ranked = papers.filter { $0.upvotes != nil || $0.relevance != nil || $0.novelty != nil }.sorted { a, b in
            let keyA = (a.upvotes ?? -1, score(a) ?? -1), keyB = (b.upvotes ?? -1, score(b) ?? -1)
            if keyA != keyB { return keyA > keyB }
            return (b.day, a.origin) < (a.day, b.origin)
        }
        // Votes and scores are never negative, so unranked papers come after every ranked one.
        let unranked = ranked.count >= bestCount ? [] : sortedByDay(
            papers.filter { $0.upvotes == nil && $0.relevance == nil && $0.novelty == nil }, newestFirst: true)
        return Array((ranked + unranked).prefix(bestCount))
    }

    static func score(_ paper: Paper) -> Int? {
        paper.relevance == nil && paper.novelty == nil ? nil : (paper.relevance ?? 0) + (paper.novelty ?? 0)
    }

    /// Pages listed in `site.json` first, in its order, then the rest by name.
    static func orderPages(_ pages: [SitePage], configured: [String]) -> [SitePage] {
        let rank = Dictionary(configured.enumerated().map { (Slug.make($1, fallbackPrefix: "page"), $0) }, uniquingKeysWith: { first, _ in first })
        return pages.sorted { (rank[$0.name] ?? .max, $0.name) < (rank[$1.name] ?? .max, $1.name) }
    }

    /// Papers of one topic group in the site's chosen order; ties keep the collector's order.
    static func sorted(_ papers: [Paper], by order: PaperOrder) -> [Paper] {
        switch order {
        case .input: return papers
        case .upvotes: return stableSorted(papers) { ($0.upvotes ?? -1) > ($1.upvotes ?? -1) }
        case .score: return stableSorted(papers) { (score($0) ?? -1) > (score($1) ?? -1) }
        case .title: return stableSorted(papers) { $0.title.lowercased() < $1.title.lowercased() }
        }
    }

    /// A sort that keeps equal elements in their original order.
    private static func stableSorted(_ papers: [Paper], by before: (Paper, Paper) -> Bool) -> [Paper] {
        papers.enumerated().sorted { before($0.element, $1.element) || (!before($1.element, $0.element) && $0.offset < $1.offset) }
            .map(\.element)
    }

    /// Topics from `site.json` first, in its order, then the rest alphabetically, `Other` last.
    static func orderTopics(_ papers: [Paper], configured: [String], other otherName: String = Topic.other.name) -> [Topic] {
        var present: [String: Topic] = [:]
        for paper in papers {
            for name in paper.topics where present[name] == nil { present[name] = Topic(name: name, configured: configured) }
        }
        // Taken out as they are placed, so a topic listed twice in `site.json` is placed once.
        let configuredTopics = configured.compactMap { present.removeValue(forKey: $0) }
        let other = present.removeValue(forKey: otherName)
        let rest = present.values.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
        return configuredTopics + rest + (other.map { [$0] } ?? [])
    }

    /// Groups papers (already newest day first, in collector order) by day.
    static func groupByDay(_ papers: [Paper], topicOrder: [Topic], sort: PaperOrder = .input) -> [DayGroup] {
        var groups: [DayGroup] = []
        for paper in papers {
            if groups.last?.day == paper.day {
                groups[groups.count - 1].papers.append(paper)
            } else {
                groups.append(DayGroup(day: paper.day, papers: [paper], sections: []))
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: topicOrder.enumerated().map { ($1.name, $0) })
        let topics = Dictionary(uniqueKeysWithValues: topicOrder.map { ($0.name, $0) })
        for index in groups.indices {
            var byTopic: [String: [Paper]] = [:]
            for paper in groups[index].papers { byTopic[paper.primaryTopic, default: []].append(paper) }
            groups[index].sections = byTopic.keys.sorted { (rank[$0, default: .max], $0) < (rank[$1, default: .max], $1) }
                .map { TopicSection(topic: topics[$0] ?? Topic(name: $0), papers: sorted(byTopic[$0]!, by: sort)) }
        }
        return groups
    }
}
