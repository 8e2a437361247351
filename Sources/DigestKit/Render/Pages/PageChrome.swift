/// What every page shares: the site's identity, navigation, feeds and the relative way back to the site root.
struct PageChrome: Sendable {
    enum Section: String { case today, topics, archive, none }

    let config: SiteConfig
    /// `assets/style.css?v=…` when the layouts have a stylesheet.
    let stylesheet: String?

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
        topicFeed: Topic? = nil, absoluteRoot: Bool = false
    ) -> [String: Any] {
        let root = absoluteRoot ? config.baseURL.path : Self.root(for: urlPath)
        var feeds: [[String: Any]] = [["title": "\(config.title): all papers", "href": root + "feed.xml"]]
        if let topic = topicFeed {
            feeds.append(["title": "\(config.title): \(topic.name)", "href": root + "topics/\(topic.slug)/feed.xml"])
        }
        let nav: [[String: Any]] = [
            ["label": "Today", "href": root, "current": section == .today],
            ["label": "Topics", "href": root + "topics/", "current": section == .topics],
            ["label": "Archive", "href": root + "archive/", "current": section == .archive],
        ]
        var context: [String: Any] = [
            "lang": config.language,
            "siteTitle": config.title,
            "pageTitle": title.map { "\($0) · \(config.title)" } ?? config.title,
            "canonical": config.baseURL.resolve(urlPath),
            "root": root,
            "feeds": feeds,
            "feedHref": root + "feed.xml",
            "nav": nav,
        ]
        context["siteTagline"] = config.tagline
        context["description"] = description ?? config.description ?? config.tagline
        context["stylesheet"] = stylesheet.map { root + $0 }
        return context
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Merges page-specific keys over the shared ones.
    func merging(_ other: [String: Any]) -> [String: Any] { merging(other) { _, new in new } }
}
