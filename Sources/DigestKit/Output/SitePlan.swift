/// Every file of the site, decided before any is rendered.
///
/// The plan is cheap (paths and what to put there); `render(_:)` turns one entry into
/// bytes and is pure, so entries can be rendered in any order, in parallel, and written
/// as they come.
public struct SitePlan: Sendable {
    public enum Kind: Sendable {
        case home, day(Int), topics, topic(Int), topicFeed(Int), paper(Int), archive, feed, sitemap, notFound, asset(Int)
    }

    public struct Entry: Sendable {
        public var path: String
        public var kind: Kind
    }

    public let entries: [Entry]
    public let digest: Digest
    private let theme: Theme
    private let rendered: RenderedPapers
    private let chrome: PageChrome
    private let windowDays: Set<CalendarDay>

    public init(digest: Digest, theme: Theme) {
        self.digest = digest
        self.theme = theme
        windowDays = Set(digest.window.map(\.day))
        let stylesheet = theme.assets.first { $0.path == "style.css" }.map { "assets/style.css?v=\(StableHash.hex(bytes: $0.bytes))" }
        chrome = PageChrome(config: digest.config, stylesheet: stylesheet)
        rendered = Self.renderShared(digest)

        var entries: [Entry] = [Entry(path: "index.html", kind: .home)]
        for (index, group) in digest.window.enumerated() {
            entries.append(Entry(path: DayPage.urlPath(group.day) + "index.html", kind: .day(index)))
        }
        entries.append(Entry(path: "topics/index.html", kind: .topics))
        for (index, group) in digest.topics.enumerated() {
            entries.append(Entry(path: TopicPages.urlPath(group.topic) + "index.html", kind: .topic(index)))
            entries.append(Entry(path: TopicPages.urlPath(group.topic) + "feed.xml", kind: .topicFeed(index)))
        }
        for (index, paper) in digest.papers.enumerated() {
            entries.append(Entry(path: PaperPage.urlPath(paper) + "index.html", kind: .paper(index)))
        }
        entries.append(Entry(path: "archive/index.html", kind: .archive))
        entries.append(Entry(path: "feed.xml", kind: .feed))
        entries.append(Entry(path: "sitemap.xml", kind: .sitemap))
        entries.append(Entry(path: "404.html", kind: .notFound))
        for (index, asset) in theme.assets.enumerated() {
            entries.append(Entry(path: "assets/" + asset.path, kind: .asset(index)))
        }
        self.entries = entries
    }

    /// The Markdown of every paper shown on more than its own page (cards, feeds), rendered once, in parallel.
    private static func renderShared(_ digest: Digest) -> RenderedPapers {
        var seen = Set<String>()
        let feedSize = digest.config.feedItems
        let candidates = digest.window.flatMap(\.papers) + digest.papers.prefix(feedSize)
            + digest.topics.flatMap { $0.papers.prefix(feedSize) }
        let shared = candidates.filter { seen.insert($0.id.base).inserted }
        let renderings = Parallel.map(shared.count) { RenderedPaper(shared[$0]) }
        return RenderedPapers(Dictionary(uniqueKeysWithValues: zip(shared.map(\.id.base), renderings)))
    }

    /// Renders one entry. Pure.
    public func render(_ entry: Entry) -> OutputFile {
        OutputFile(path: entry.path, bytes: bytes(for: entry.kind))
    }

    /// Every file, rendered in parallel; for tests and small sites.
    public func renderAll() -> [OutputFile] {
        Parallel.map(entries.count) { render(entries[$0]) }
    }

    private func bytes(for kind: Kind) -> [UInt8] {
        switch kind {
        case .home:
            return page("day", DayPage.context(digest.window.first, isHome: true, digest: digest, rendered: rendered, chrome: chrome))
        case .day(let index):
            return page("day", DayPage.context(digest.window[index], isHome: false, digest: digest, rendered: rendered, chrome: chrome))
        case .topics:
            return page("topics", TopicPages.indexContext(digest: digest, chrome: chrome))
        case .topic(let index):
            return page("topic", TopicPages.context(digest.topics[index], digest: digest, rendered: rendered, chrome: chrome))
        case .paper(let index):
            let paper = digest.papers[index]
            return page("paper", PaperPage.context(paper, rendered: rendered[paper], digest: digest, windowDays: windowDays, chrome: chrome))
        case .archive:
            return page("archive", ArchivePage.context(digest: digest, chrome: chrome))
        case .notFound:
            var context = chrome.context(urlPath: "404.html", title: "Page not found", description: nil, section: .none, absoluteRoot: true)
            context["canonical"] = nil
            return page("404", context)
        case .feed:
            let config = digest.config
            return RSSFeed.render(
                title: config.title, description: config.description ?? config.tagline ?? config.title, path: "feed.xml",
                pageURL: config.baseURL.absolute, papers: Array(digest.papers.prefix(config.feedItems)),
                rendered: rendered, config: config)
        case .topicFeed(let index):
            let group = digest.topics[index]
            let config = digest.config
            return RSSFeed.render(
                title: "\(config.title): \(group.topic.name)", description: "\(group.topic.name) papers in \(config.title).",
                path: TopicPages.urlPath(group.topic) + "feed.xml", pageURL: config.baseURL.resolve(TopicPages.urlPath(group.topic)),
                papers: Array(group.papers.prefix(config.feedItems)), rendered: rendered, config: config)
        case .sitemap:
            return Sitemap.render(sitemapEntries(), baseURL: digest.config.baseURL)
        case .asset(let index):
            return theme.assets[index].bytes
        }
    }

    private func page(_ template: String, _ context: [String: Any]) -> [UInt8] {
        Array(theme.render(template, context).utf8)
    }

    private func sitemapEntries() -> [Sitemap.Entry] {
        var entries = [Sitemap.Entry(path: "", lastModified: digest.today)]
        entries += digest.window.map { Sitemap.Entry(path: DayPage.urlPath($0.day), lastModified: $0.day) }
        entries.append(Sitemap.Entry(path: "topics/", lastModified: digest.today))
        entries += digest.topics.map { Sitemap.Entry(path: TopicPages.urlPath($0.topic), lastModified: $0.papers.first?.day) }
        entries += digest.papers.map { Sitemap.Entry(path: PaperPage.urlPath($0), lastModified: $0.day) }
        entries.append(Sitemap.Entry(path: ArchivePage.urlPath, lastModified: digest.archive.first?.day))
        return entries
    }
}
