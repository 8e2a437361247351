/// Every day older than the history window, by month, linking to its papers' pages.
enum ArchivePage {
    static let urlPath = "archive/"

    static func context(digest: Digest, chrome: PageChrome) -> [String: Any] {
        let root = PageChrome.root(for: urlPath)
        let math = digest.archive.contains { $0.papers.contains { MathSpans.containsMath($0.title) } }
        var context = chrome.context(
            urlPath: urlPath, title: "Archive", description: "Earlier papers of \(digest.config.title), by day.", section: .archive,
            math: math)
        var months: [[String: Any]] = []
        var currentKey: String?
        var days: [[String: Any]] = []
        var label = ""
        let bestMonths = Set(digest.months.map(\.month.monthKey))
        func flush() {
            guard let key = currentKey else { return }
            var month: [String: Any] = ["label": label, "anchor": "month-\(key)", "days": days]
            if bestMonths.contains(key) { month["bestHref"] = root + "month/\(key)/" }
            months.append(month)
        }
        for group in digest.archive {
            if group.day.monthKey != currentKey {
                flush()
                currentKey = group.day.monthKey
                label = group.day.monthLabel
                days = []
            }
            days.append([
                "date": group.day.description, "label": group.day.longLabel, "anchor": "day-\(group.day)",
                "count": PaperView.paperCount(group.papers.count),
                "papers": group.papers.map { paper -> [String: Any] in
                    ["title": paper.title, "titleHTML": MathSpans.html(paper.title), "href": root + PaperPage.urlPath(paper), "topic": paper.primaryTopic]
                },
            ])
        }
        flush()
        context["months"] = months
        context["empty"] = months.isEmpty
        context["historyDays"] = digest.config.historyDays
        return context
    }
}
