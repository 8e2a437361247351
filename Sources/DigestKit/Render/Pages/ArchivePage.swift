/// The archive: an index of months (`archive/`) and a page per month (`archive/YYYY-MM/`)
/// listing each of its days with links to their papers' pages. However long a site runs,
/// no archive page holds more than a month (under a megabyte at 150 papers a day).
enum ArchivePage {
    static let urlPath = "archive/"

    static func monthPath(_ key: String) -> String { "archive/\(key)/" }

    /// Where a day is shown: its own page inside the window, else its month of the archive.
    static func dayHref(_ day: CalendarDay, root: String, windowDays: Set<CalendarDay>) -> String {
        windowDays.contains(day) ? root + DayPage.urlPath(day) : root + monthPath(day.monthKey) + "#day-\(day)"
    }

    static func indexContext(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let root = PageChrome.root(for: urlPath)
        let text = chrome.text
        var context = chrome.context(
            urlPath: urlPath, title: text.text("archive.title"), description: text.text("archive.description", ["site": digest.config.title]),
            section: .archive)
        let bestMonths = Set(digest.months.map(\.month.monthKey))
        var years: [TemplateObject] = []
        for month in digest.archiveMonths {
            let year = String(month.key.prefix(4))
            var entry: TemplateObject = [
                "key": month.key, "label": label(month, text), "href": root + monthPath(month.key),
                "days": text.count("count.days", month.days.count), "papers": text.count("count.papers", month.paperCount),
            ]
            if bestMonths.contains(month.key) { entry["bestHref"] = root + BestPage.monthPath(key: month.key) }
            if years.last?["year"] as? String == year {
                var months = years[years.count - 1]["months"] as! [TemplateObject]
                months.append(entry)
                years[years.count - 1]["months"] = months
            } else {
                years.append(["year": year, "months": [entry]])
            }
        }
        context["years"] = years
        context["empty"] = years.isEmpty
        context["papers"] = text.count("count.papers", digest.papers.count)
        return context
    }

    static func monthContext(_ index: Int, digest: Digest, chrome: PageChrome, windowDays: Set<CalendarDay>) -> TemplateObject {
        let month = digest.archiveMonths[index]
        let pagePath = monthPath(month.key)
        let root = PageChrome.root(for: pagePath)
        let math = month.days.contains { $0.papers.contains { MathSpans.containsMath($0.title) } }
        let text = chrome.text
        let name = label(month, text)
        var context = chrome.context(
            urlPath: pagePath, title: text.text("archive.monthTitle", ["month": name]),
            description: text.text("archive.monthDescription", ["month": name, "site": digest.config.title]),
            section: .archive, math: math)
        var values: TemplateObject = [
            "key": month.key, "label": name, "archiveHref": root + urlPath,
            "papers": text.count("count.papers", month.paperCount), "dayCount": text.count("count.days", month.days.count),
            "days": month.days.map { group -> TemplateObject in
                var day: TemplateObject = [
                    "date": group.day.description, "label": text.longDate(group.day), "anchor": "day-\(group.day)",
                    "count": text.count("count.papers", group.papers.count),
                    "papers": group.papers.map { paper -> TemplateObject in
                        ["titleHTML": MathSpans.html(paper.title), "href": root + PaperPage.urlPath(paper), "topic": paper.primaryTopic]
                    },
                ]
                if windowDays.contains(group.day) { day["href"] = root + DayPage.urlPath(group.day) }
                return day
            },
        ]
        if digest.months.contains(where: { $0.month.monthKey == month.key }) {
            values["bestHref"] = root + BestPage.monthPath(key: month.key)
        }
        if index > 0 {
            let newer = digest.archiveMonths[index - 1]
            values["newer"] = ["label": label(newer, text), "href": root + monthPath(newer.key)] as TemplateObject
        }
        if index + 1 < digest.archiveMonths.count {
            let older = digest.archiveMonths[index + 1]
            values["older"] = ["label": label(older, text), "href": root + monthPath(older.key)] as TemplateObject
        }
        context["month"] = values
        return context
    }

    /// "November 2026", "2026年11月".
    private static func label(_ month: ArchiveMonth, _ text: Interface) -> String {
        month.days.first.map { text.month($0.day) } ?? month.key
    }
}
