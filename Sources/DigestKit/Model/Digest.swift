/// The site's content arranged for publishing: days, the history window, the archive and topics.
public struct Digest: Sendable {
    public var config: SiteConfig
    /// The digest's "today": `--today`, else the newest day with papers; nil when there are no papers.
    public var today: CalendarDay?
    /// Every published paper (day ≤ today), newest day first, then in the collector's order.
    public var papers: [Paper]
    /// Every day with papers, newest first.
    public var days: [DayGroup]
    /// The days of the history window (the last `historyDays` calendar days up to today), newest first.
    public var window: [DayGroup]
    /// Days older than the window, newest first.
    public var archive: [DayGroup]
    /// Every day, by month (`archive/YYYY-MM/`), newest month first.
    public var archiveMonths: [ArchiveMonth] = []
    /// Every topic of a published paper, in the site's topic order.
    public var topics: [TopicGroup]
    /// The same topics by name, for pages that show a paper's tags.
    public var topicsByName: [String: Topic] = [:]
    /// Papers dated after today, left out of this build.
    public var unpublishedCount: Int
    /// The collector's runs added up per day (only days with runs).
    public var stats: [CalendarDay: DayStats] = [:]
    /// The time of the latest run up to today.
    public var lastRun: Timestamp?
    /// Markdown pages, in the navigation's order.
    public var pages: [SitePage] = []
    /// The window's best papers (`week/`), empty when no paper has upvotes or scores.
    public var week: [Paper] = []
    /// Each month's best papers (`month/YYYY-MM/`), newest month first; empty like `week`.
    public var months: [MonthBest] = []
    /// The authors with a page of their own.
    public var authors: AuthorIndex = .empty

    /// The topic a paper names (every published paper's topics are in `topics`).
    public func topic(named name: String) -> Topic {
        topicsByName[name] ?? Topic(name: name, configured: config.topics)
    }
}

/// The days of one month, newest first: one page of the archive.
public struct ArchiveMonth: Sendable {
    /// `YYYY-MM`.
    public var key: String
    public var days: [DayGroup]

    public var paperCount: Int { days.reduce(0) { $0 + $1.papers.count } }
}

/// The best papers of one month.
public struct MonthBest: Sendable {
    /// Any day of the month (the first with papers); `monthKey` names it.
    public var month: CalendarDay
    public var papers: [Paper]
}

/// The papers of one day, and the same papers grouped by primary topic.
public struct DayGroup: Sendable {
    public var day: CalendarDay
    /// In the collector's order.
    public var papers: [Paper]
    /// By primary topic in the site's topic order; this is the order of the table of contents.
    public var sections: [TopicSection]
}

public struct TopicSection: Sendable {
    public var topic: Topic
    public var papers: [Paper]
}

/// A topic with its papers.
public struct TopicGroup: Sendable {
    public var topic: Topic
    /// Papers in the history window carrying this topic (primary or not), grouped by day, newest first.
    public var windowDays: [DayGroup]
    /// Every published paper carrying this topic, newest first.
    public var papers: [Paper]

    public var windowCount: Int { windowDays.reduce(0) { $0 + $1.papers.count } }
}
