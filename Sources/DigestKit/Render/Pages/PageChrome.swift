/// What every page shares: the site's identity, navigation, feeds, search, scripts and the
/// relative way back to the site root.
struct PageChrome: Sendable {
    enum Section: Equatable { case today, topics, archive, feeds, search, week, page(String), none }

    let config: SiteConfig
    /// `assets/style.css?v=…` when the layouts have a stylesheet.
    let stylesheet: String?
    /// `assets/digest.js?v=…` when the layouts have the site script.
    let script: String?
    /// Whether KaTeX was copied into `assets/katex/`, so pages with math can load it.
    let katex: Bool
    /// Markdown pages for the navigation: (folder name, title).
    var pages: [(name: String, title: String)] = []
    /// Whether there is a week page to link to.
    var hasWeek = false

    /// The relative path from a page at `urlPath` (`days/2026-11-20/`) to the site root (`../../`).
    static func root(for urlPath: String) -> String {
        let depth = urlPath.split(separator: "/").count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// The context keys every template can use. `urlPath` is the page's folder relative
    /// to the site root (empty for the home page); `absoluteRoot` makes links
    /// root-relative instead, for pages such as 404.html that are served at any path.
    func context(
        urlPath: String, title: String?, description: String?, section: Section,
        topicFeed: Topic? = nil, absoluteRoot: Bool = false, math: Bool = false, ogType: String = "website"
    ) -> [String: Any] {
        let root = absoluteRoot ? config.baseURL.path : Self.root(for: urlPath)
        var feeds: [[String: Any]] = [
            ["title": "\(config.title): all papers (RSS)", "href": root + "feed.xml", "type": "application/rss+xml"],
            ["title": "\(config.title): all papers (Atom)", "href": root + "atom.xml", "type": "application/atom+xml"],
            ["title": "\(config.title): all papers (JSON Feed)", "href": root + "feed.json", "type": "application/feed+json"],
            ["title": "\(config.title): daily digest", "href": root + "daily.xml", "type": "application/rss+xml"],
        ]
        if let topic = topicFeed {
            feeds.append(["title": "\(config.title): \(topic.name)", "href": root + "topics/\(topic.slug)/feed.xml", "type": "application/rss+xml"])
        }
        var nav: [[String: Any]] = [["label": "Today", "href": root, "current": section == .today]]
        if hasWeek { nav.append(["label": "Week", "href": root + "week/", "current": section == .week]) }
        nav += [
            ["label": "Topics", "href": root + "topics/", "current": section == .topics],
            ["label": "Archive", "href": root + "archive/", "current": section == .archive],
            ["label": "Feeds", "href": root + "feeds/", "current": section == .feeds],
        ]
        nav += pages.map { ["label": $0.title, "href": root + $0.name + "/", "current": section == .page($0.name)] }
        let pageTitle = title.map { "\($0) · \(config.title)" } ?? config.title
        let summary = description ?? config.description ?? config.tagline
        var context: [String: Any] = [
            "lang": config.language,
            "siteTitle": config.title,
            "pageTitle": pageTitle,
            "root": root,
            "feeds": feeds,
            "feedHref": root + "feed.xml",
            "feedsHref": root + "feeds/",
            "searchHref": root + "search/",
            "searchIndexHref": root + "search/index.json",
            "nav": nav,
            "isSearch": section == .search,
            "og": ["type": ogType, "title": title ?? config.title, "siteName": config.title] as [String: Any],
        ]
        if !absoluteRoot { context["canonical"] = config.baseURL.resolve(urlPath) }
        context["siteTagline"] = config.tagline
        context["subscribeURL"] = config.subscribeURL
        context["description"] = summary
        context["stylesheet"] = stylesheet.map { root + $0 }
        context["script"] = script.map { root + $0 }
        if math, katex {
            context["katex"] = ["css": root + "assets/katex/katex.min.css", "js": root + "assets/katex/katex.min.js"]
        }
        return context
    }
}
