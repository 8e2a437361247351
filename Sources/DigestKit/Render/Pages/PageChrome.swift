import Foundation

/// What every page shares: the site's identity, navigation, feeds, search, scripts and the
/// relative way back to the site root.
struct PageChrome: Sendable {
    enum Section: Equatable { case today, topics, archive, feeds, search, week, readingList, page(String), none }

    let config: SiteConfig
    /// The site's language: its strings, dates and numbers.
    let text: Interface
    /// `assets/style.css?v=…` when the layouts have a stylesheet.
    let stylesheet: String?
    /// `assets/digest.js?v=…` when the layouts have the site script.
    let script: String?
    /// Every script module the layouts have, versioned, in the order pages load them.
    let scripts: [String]
    /// Whether KaTeX was copied into `assets/katex/`, so pages with math can load it.
    let katex: Bool
    /// Markdown pages for the navigation: (folder name, title).
    let pages: [(name: String, title: String)]
    /// Whether there is a week page to link to.
    let hasWeek: Bool
    /// Whether the layouts have a reading list page (its link is shown by the reader's scripts).
    let hasReadingList: Bool
    /// `assets/list.js?v=…`, the reading list page's own script: other pages need not load it.
    let readingListScript: String?

    /// The feed and navigation links, made once per root, section and topic: every paper
    /// page has the same. (What they are made of is immutable, so they never go stale.)
    private let lists = LinkLists()

    init(
        config: SiteConfig, text: Interface = .english, stylesheet: String?, script: String?, scripts: [String] = [], katex: Bool,
        pages: [(name: String, title: String)] = [], hasWeek: Bool = false, hasReadingList: Bool = false,
        readingListScript: String? = nil
    ) {
        self.config = config
        self.text = text
        self.stylesheet = stylesheet
        self.script = script
        self.scripts = scripts
        self.katex = katex
        self.pages = pages
        self.hasWeek = hasWeek
        self.hasReadingList = hasReadingList
        self.readingListScript = readingListScript
    }

    private func links(root: String, section: Section, topicFeed: Topic?) -> (feeds: [TemplateObject], nav: [TemplateObject]) {
        let site = ["site": config.title]
        var feeds: [TemplateObject] = [
            ["title": text.text("feed.allRSS", site), "href": root + "feed.xml", "type": "application/rss+xml"],
            ["title": text.text("feed.allAtom", site), "href": root + "atom.xml", "type": "application/atom+xml"],
            ["title": text.text("feed.allJSON", site), "href": root + "feed.json", "type": "application/feed+json"],
            ["title": text.text("feed.daily", site), "href": root + "daily.xml", "type": "application/rss+xml"],
        ]
        if let topic = topicFeed {
            feeds.append([
                "title": text.text("feed.topic", ["site": config.title, "topic": topic.name]),
                "href": root + "topics/\(topic.slug)/feed.xml", "type": "application/rss+xml",
            ])
        }
        var nav: [TemplateObject] = [["label": text.text("nav.today"), "href": root, "current": section == .today]]
        if hasWeek { nav.append(["label": text.text("nav.week"), "href": root + "week/", "current": section == .week]) }
        nav += [
            ["label": text.text("nav.topics"), "href": root + "topics/", "current": section == .topics],
            ["label": text.text("nav.archive"), "href": root + "archive/", "current": section == .archive],
            ["label": text.text("nav.feeds"), "href": root + "feeds/", "current": section == .feeds],
        ]
        nav += pages.map { ["label": $0.title, "href": root + $0.name + "/", "current": section == .page($0.name)] }
        // Last, and hidden until a script shows it with the count: without JavaScript the list cannot exist.
        if hasReadingList {
            nav.append(["label": text.text("nav.readingList"), "href": root + ReadingListPage.urlPath, "current": section == .readingList, "reader": true])
        }
        return (feeds, nav)
    }

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
        topicFeed: Topic? = nil, extraFeed: TemplateObject? = nil, absoluteRoot: Bool = false, math: Bool = false,
        ogType: String = "website"
    ) -> TemplateObject {
        let root = absoluteRoot ? config.baseURL.path : Self.root(for: urlPath)
        var (feeds, nav) = lists.get(root: root, section: section, topicFeed: topicFeed) {
            links(root: root, section: section, topicFeed: topicFeed)
        }
        if let extraFeed { feeds.append(extraFeed) }
        let pageTitle = title.map { "\($0) · \(config.title)" } ?? config.title
        let summary = description ?? config.description ?? config.tagline
        var context: TemplateObject = [
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
            "og": ["type": ogType, "title": title ?? config.title, "siteName": config.title] as TemplateObject,
        ]
        if !absoluteRoot { context["canonical"] = config.baseURL.resolve(urlPath) }
        context["siteTagline"] = config.tagline
        context["subscribeURL"] = config.subscribeURL
        context["description"] = summary
        context["stylesheet"] = stylesheet.map { root + $0 }
        context["script"] = script.map { root + $0 }
        context["scripts"] = scripts.map { root + $0 }
        if math, katex {
            context["katex"] = ["css": root + "assets/katex/katex.min.css", "js": root + "assets/katex/katex.min.js"] as TemplateObject
        }
        return context
    }
}

/// `PageChrome`'s link lists by root, section and topic, shared by the threads rendering pages.
private final class LinkLists: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [String: (feeds: [TemplateObject], nav: [TemplateObject])] = [:]

    func get(
        root: String, section: PageChrome.Section, topicFeed: Topic?, make: () -> (feeds: [TemplateObject], nav: [TemplateObject])
    ) -> (feeds: [TemplateObject], nav: [TemplateObject]) {
        let key = "\(root)\u{0}\(section)\u{0}\(topicFeed?.slug ?? "")"
        if let found = lock.withLock({ lists[key] }) { return found }
        let made = make()
        lock.withLock { lists[key] = made }
        return made
    }
}
