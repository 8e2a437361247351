/// `daily.xml`: one RSS item per day of the history window, for readers who want one
/// notification a day. Each item is that day's table of contents with every paper's
/// title, link and key points.
enum DailyFeed {
    static func items(_ digest: Digest, rendered: RenderedPapers, text: Interface) -> [RSSFeed.Item] {
        let config = digest.config
        return digest.window.map { group in
            let page = config.baseURL.resolve(DayPage.urlPath(group.day))
            let names = ["papers": text.count("count.papers", group.papers.count), "date": text.longDate(group.day)]
            var html = "<p>" + HTMLEscape.escape(text.text("feed.dailyIntro", names)) + "</p>\n"
            for section in group.sections {
                html += "<h3>\(HTMLEscape.escape(section.topic.name))</h3>\n<ol>\n"
                for paper in section.papers {
                    let link = config.baseURL.resolve(PaperPage.urlPath(paper))
                    html += "<li><a href=\"\(HTMLEscape.escape(link))\">\(rendered[paper].title)</a>"
                    let highlights = rendered[paper].highlights
                    if !highlights.isEmpty {
                        html += "\n<ul>\n" + highlights.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
                    }
                    html += "</li>\n"
                }
                html += "</ol>\n"
            }
            // The latest collection of the day is when the day's digest was complete.
            let date = group.papers.compactMap(\.collectedAt).max() ?? config.timeZone.startOfDay(group.day)
            return RSSFeed.Item(
                title: text.text("feed.dailyItem", names), link: page,
                // The day's page moves to the archive when it leaves the window; the guid must not.
                guid: "\(config.baseURL.absolute)#digest-\(group.day)", guidIsPermaLink: false, date: date,
                creators: [], categories: group.sections.map(\.topic.name), html: html)
        }
    }
}
