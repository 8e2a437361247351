/// `feeds/`: every feed with a line on what it is for and a URL to copy into a reader.
enum FeedsPage {
    static let urlPath = "feeds/"

    static func context(digest: Digest, chrome: PageChrome) -> TemplateObject {
        let config = digest.config
        var context = chrome.context(
            urlPath: urlPath, title: "Feeds", description: "Follow \(config.title) in a feed reader: every paper, one digest a day, or one topic.",
            section: .feeds)
        let feed = { (title: String, path: String, format: String, about: String) -> TemplateObject in
            ["title": title, "url": config.baseURL.resolve(path), "href": "../" + path, "format": format, "about": about,
             "id": "feed-" + Slug.make(path)]
        }
        context["siteFeeds"] = [
            feed("Every paper", "feed.xml", "RSS 2.0", "One item per paper, newest \(config.feedItems), with key points and the full summary."),
            feed("Every paper", "atom.xml", "Atom", "The same papers as an Atom feed."),
            feed("Every paper", "feed.json", "JSON Feed", "The same papers as a JSON Feed 1.1, for apps and scripts."),
            feed("Daily digest", "daily.xml", "RSS 2.0", "One item a day: that day’s table of contents with every paper’s key points."),
        ]
        context["topics"] = digest.topics.map { group in
            feed(group.topic.name, TopicPages.urlPath(group.topic) + "feed.xml", "RSS 2.0", "Only \(group.topic.name) papers.")
        }
        // Author feeds are too many to list; the page says where they are.
        context["authorPages"] = digest.authors.authors.isEmpty ? nil : digest.authors.authors.count
        return context
    }
}

/// `search/`: instant search over every paper, in the browser.
enum SearchPage {
    static let urlPath = "search/"

    static func context(digest: Digest, chrome: PageChrome) -> TemplateObject {
        var context = chrome.context(
            urlPath: urlPath, title: "Search", description: "Search every paper of \(digest.config.title) by title, author, topic or key point.",
            section: .search)
        context["paperCount"] = PaperView.paperCount(digest.papers.count)
        context["latestDayHref"] = digest.window.first.map { "../" + DayPage.urlPath($0.day) }
        return context
    }
}
