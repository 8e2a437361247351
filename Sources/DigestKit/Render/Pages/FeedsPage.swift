/// `feeds/`: every feed with a line on what it is for and a URL to copy into a reader.
enum FeedsPage {
    static let urlPath = "feeds/"

    static func context(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let config = digest.config
        let text = chrome.text
        var context = chrome.context(
            urlPath: urlPath, title: text.text("feeds.title"), description: text.text("feeds.description", ["site": config.title]),
            section: .feeds)
        let feed = { (title: String, path: String, format: String, about: String) -> TemplateObject in
            ["title": title, "url": config.baseURL.resolve(path), "href": "../" + path, "format": format, "about": about,
             "id": "feed-" + Slug.make(path)]
        }
        context["siteFeeds"] = [
            feed(text.text("feeds.everyPaper"), "feed.xml", "RSS 2.0", text.text("feeds.rssAbout", ["count": text.number(config.feedItems)])),
            feed(text.text("feeds.everyPaper"), "atom.xml", "Atom", text.text("feeds.atomAbout")),
            feed(text.text("feeds.everyPaper"), "feed.json", "JSON Feed", text.text("feeds.jsonAbout")),
            feed(text.text("feeds.dailyDigest"), "daily.xml", "RSS 2.0", text.text("feeds.dailyAbout")),
        ]
        context["topics"] = digest.topics.map { group in
            feed(group.topic.name, TopicPages.urlPath(group.topic) + "feed.xml", "RSS 2.0", text.text("feeds.topicAbout", ["topic": group.topic.name]))
        }
        // Author feeds are too many to list; the page says where they are.
        context["authorPages"] = digest.authors.authors.isEmpty ? nil : text.number(digest.authors.authors.count)
        return context
    }
}

/// `search/`: instant search over every paper, in the browser.
enum SearchPage {
    static let urlPath = "search/"

    static func context(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let text = chrome.text
        var context = chrome.context(
            urlPath: urlPath, title: text.text("search.title"), description: text.text("search.description", ["site": digest.config.title]),
            section: .search)
        context["paperCount"] = text.count("count.papers", digest.papers.count)
        context["latestDayHref"] = digest.window.first.map { "../" + DayPage.urlPath($0.day) }
        return context
    }
}
