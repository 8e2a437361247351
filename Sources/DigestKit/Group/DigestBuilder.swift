/// Arranges merged papers into days, the history window, the archive and topics. Pure.
public enum DigestBuilder {
    public static func build(config: SiteConfig, records: [Paper], today requestedToday: CalendarDay?) -> Digest {
        let names = TopicNames(configured: config.topics, inRecordOrder: records)
        let merged = PaperMerger.merge(records, topicNames: names)
        let today = requestedToday ?? merged.map(\.day).max()
        let published = merged.filter { paper in today.map { paper.day <= $0 } ?? false }
            .sorted { ($1.day, $0.origin) < ($0.day, $1.origin) }  // newest day first, then collector order

        let topicOrder = orderTopics(published, configured: config.topics)
        let days = groupByDay(published, topicOrder: topicOrder)
        let windowStart = today?.adding(days: 1 - config.historyDays)
        let window = days.filter { group in windowStart.map { group.day >= $0 } ?? false }
        let archive = days.filter { group in windowStart.map { group.day < $0 } ?? true }

        let topics = topicOrder.map { topic in
            let carrying = published.filter { $0.topics.contains(topic.name) }
            let windowPapers = carrying.filter { paper in windowStart.map { paper.day >= $0 } ?? false }
            return TopicGroup(
                topic: topic,
                windowDays: groupByDay(windowPapers, topicOrder: topicOrder),
                papers: carrying)
        }
        return Digest(
            config: config, today: today, papers: published, days: days, window: window, archive: archive,
            topics: topics, unpublishedCount: merged.count - published.count)
    }

    /// Topics from `site.json` first, in its order, then the rest alphabetically, `Other` last.
    static func orderTopics(_ papers: [Paper], configured: [String]) -> [Topic] {
        var present: [String: Topic] = [:]
        for paper in papers {
            for name in paper.topics where present[name] == nil { present[name] = Topic(name: name, configured: configured) }
        }
        let configuredTopics = configured.compactMap { present[$0] }
        let configuredNames = Set(configuredTopics.map(\.name))
        let rest = present.values.filter { !configuredNames.contains($0.name) && $0.name != Topic.other.name }
            .sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
        var ordered = configuredTopics + rest
        if let other = present[Topic.other.name], !configuredNames.contains(Topic.other.name) { ordered.append(other) }
        return ordered
    }

    /// Groups papers (already newest day first, in collector order) by day.
    static func groupByDay(_ papers: [Paper], topicOrder: [Topic]) -> [DayGroup] {
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
                .map { TopicSection(topic: topics[$0] ?? Topic(name: $0), papers: byTopic[$0]!) }
        }
        return groups
    }
}
