/// Every file of the site, decided before any is rendered.
///
/// The plan is cheap (paths and what to put there); `render(_:)` turns one entry into
/// bytes and is pure, so entries can be rendered in any order, in parallel, and written
/// as they come.
public struct SitePlan: Sendable {
    public enum Kind: Sendable {
        case home, day(Int), topics, topic(Int), topicFeed(Int), paper(Int), archive, feeds, search, searchIndex
        case page(Int), week, readingList, month(Int), archiveMonth(Int), searchFile(Int), paperBib(Int), dayBib(Int)
        case rss, atom, jsonFeed, daily, sitemap, sitemapPages, sitemapMonth(Int), notFound, asset(Int), katex(Int)
        case author(Int), authorFeed(Int), sitemapAuthors(Int), scriptStrings
    }

    public struct Entry: Sendable {
        public var path: String
        public var kind: Kind
    }

    public let entries: [Entry]
    public let digest: Digest
    public let theme: Theme
    let katex: [SourceFile]
    let context: PageContext
    /// The search index's manifest, made with the plan.
    let searchManifest: [UInt8]
    /// Its files (named by their contents), held until written.
    let searchFiles: FileShelf
    /// Where those files are in `entries`: the writer renders them first, then lets them go.
    let searchFileEntries: Range<Int>
    /// `assets/strings.js`, when the layouts have scripts.
    let scriptStrings: [UInt8]?

    /// `katex` holds KaTeX's files (paths inside its folder) when it is available; pages with math then load it.
    /// `search` is the digest's search index and `related` its related papers, made here
    /// when not given.
    init(digest: Digest, theme: Theme, katex: [SourceFile] = [], search: SearchIndex? = nil, related: RelatedPapers? = nil) {
        var digest = digest
        if !theme.templateNames.contains(AuthorPage.template) { digest.authors = .empty }
        self.digest = digest
        self.theme = theme
        self.katex = katex
        let terms = search == nil || related == nil ? PaperTerms(digest) : nil
        let search = search ?? SearchIndex(terms!)
        searchManifest = search.manifest
        searchFiles = FileShelf(search.files.map(\.bytes))
        let versioned = { (name: String) in
            theme.assets.first { $0.path == name }.map { "assets/\(name)?v=\(StableHash.hex(bytes: $0.bytes))" }
        }
        // The scripts' strings come first, for the modules that show them; only with scripts to read them.
        var scripts = Self.scriptModules.compactMap(versioned)
        let scriptStrings = scripts.isEmpty ? nil : ScriptStrings.render(theme.interface)
        if let scriptStrings { scripts.insert(ScriptStrings.path + "?v=" + StableHash.hex(bytes: scriptStrings), at: 0) }
        self.scriptStrings = scriptStrings
        let chrome = PageChrome(
            config: digest.config, text: theme.interface, stylesheet: versioned("style.css"), script: versioned("digest.js"),
            scripts: scripts, katex: !katex.isEmpty,
            pages: digest.pages.map { ($0.name, $0.title) }, hasWeek: !digest.week.isEmpty,
            hasReadingList: theme.templateNames.contains(ReadingListPage.template), readingListScript: versioned(ReadingListPage.script))
        context = PageContext(digest: digest, chrome: chrome, theme: theme, related: related ?? RelatedPapers(terms!))

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
            entries.append(Entry(path: PaperPage.urlPath(paper) + PaperPage.bibPath, kind: .paperBib(index)))
        }
        for (index, group) in digest.days.enumerated() {
            entries.append(Entry(path: DayPage.bibPath(group.day), kind: .dayBib(index)))
        }
        for (index, author) in digest.authors.authors.enumerated() {
            let folder = AuthorIndex.urlPath(slug: author.slug)
            entries.append(Entry(path: folder + "index.html", kind: .author(index)))
            entries.append(Entry(path: folder + AuthorPage.feedPath, kind: .authorFeed(index)))
        }
        for (index, page) in digest.pages.enumerated() {
            entries.append(Entry(path: MarkdownPage.urlPath(page) + "index.html", kind: .page(index)))
        }
        if !digest.week.isEmpty { entries.append(Entry(path: BestPage.weekPath + "index.html", kind: .week)) }
        for (index, month) in digest.months.enumerated() {
            entries.append(Entry(path: BestPage.monthPath(month) + "index.html", kind: .month(index)))
        }
        for (index, month) in digest.archiveMonths.enumerated() {
            entries.append(Entry(path: ArchivePage.monthPath(month.key) + "index.html", kind: .archiveMonth(index)))
        }
        entries += [
            Entry(path: "archive/index.html", kind: .archive),
            Entry(path: "feeds/index.html", kind: .feeds),
            Entry(path: "search/index.html", kind: .search),
        ]
        if chrome.hasReadingList { entries.append(Entry(path: ReadingListPage.urlPath + "index.html", kind: .readingList)) }
        entries += [
            Entry(path: SearchIndex.manifestPath, kind: .searchIndex),
            Entry(path: "feed.xml", kind: .rss),
            Entry(path: "atom.xml", kind: .atom),
            Entry(path: "feed.json", kind: .jsonFeed),
            Entry(path: "daily.xml", kind: .daily),
            Entry(path: Sitemap.indexPath, kind: .sitemap),
            Entry(path: Sitemap.pagesPath, kind: .sitemapPages),
            Entry(path: "404.html", kind: .notFound),
        ]
        for (index, month) in digest.archiveMonths.enumerated() {
            entries.append(Entry(path: Sitemap.monthPath(month.key), kind: .sitemapMonth(index)))
        }
        for part in 0..<Self.authorSitemaps(digest) {
            entries.append(Entry(path: Sitemap.authorsPath(part), kind: .sitemapAuthors(part)))
        }
        let firstSearchFile = entries.count
        for (index, file) in search.files.enumerated() {
            entries.append(Entry(path: file.path, kind: .searchFile(index)))
        }
        searchFileEntries = firstSearchFile..<entries.count
        for (index, asset) in theme.assets.enumerated() {
            entries.append(Entry(path: "assets/" + asset.path, kind: .asset(index)))
        }
        if scriptStrings != nil { entries.append(Entry(path: ScriptStrings.path, kind: .scriptStrings)) }
        for (index, file) in katex.enumerated() {
            entries.append(Entry(path: "assets/katex/" + file.path, kind: .katex(index)))
        }
        self.entries = entries
    }

    /// How many sitemap files list the author pages.
    private static func authorSitemaps(_ digest: Digest) -> Int {
        (digest.authors.authors.count + Sitemap.authorsPerFile - 1) / Sitemap.authorsPerFile
    }

    /// Digest's script modules, in the order pages load them (a module may use those before
    /// it: search.js uses words.js). A theme without one of them simply does not load it.
    /// store.js owns the reader's saved state (docs/reader-features.md); the modules after it ask it.
    static let scriptModules = ["text.js", "words.js", "search.js", "digest.js", "store.js", "reader.js", "news.js", "filters.js", "keys.js"]

    /// How many of the files are HTML pages.
    public var pageCount: Int { entries.count { $0.path.hasSuffix(".html") } }

    /// How many are feeds: RSS, Atom, JSON Feed, the daily feed and the topics' feeds.
    public var feedCount: Int {
        entries.count { entry in
            switch entry.kind {
            case .rss, .atom, .jsonFeed, .daily, .topicFeed, .authorFeed: true
            default: false
            }
        }
    }

    /// Renders one entry. Pure.
    public func render(_ entry: Entry) -> OutputFile {
        OutputFile(path: entry.path, bytes: bytes(for: entry.kind))
    }

    /// Lets go of what pages share, once they are rendered (rendering again makes it again).
    func forgetSharedValues() { context.forgetSharedValues() }

    /// Lets go of the search index's files once they are written; they cannot be rendered again.
    func letSearchFilesGo() { searchFiles.empty() }

    /// Every file, rendered in parallel; for tests and small sites.
    public func renderAll() -> [OutputFile] {
        Parallel.map(entries.count) { render(entries[$0]) }
    }

    private func bytes(for kind: Kind) -> [UInt8] {
        let config = digest.config
        switch kind {
        case .home: return page("day", context.day(digest.window.first, isHome: true))
        case .day(let index): return page("day", context.day(digest.window[index], isHome: false))
        case .topics: return page("topics", TopicPages.indexContext(digest: digest, chrome: context.chrome))
        case .topic(let index): return page("topic", context.topic(digest.topics[index]))
        case .paper(let index): return page("paper", context.paper(digest.papers[index]))
        case .archive: return page("archive", context.archive())
        case .archiveMonth(let index): return page("archive-month", context.archiveMonth(index))
        case .feeds: return page("feeds", FeedsPage.context(digest: digest, chrome: context.chrome))
        case .search: return page("search", SearchPage.context(digest: digest, chrome: context.chrome))
        case .notFound: return page("404", context.notFound())
        case .readingList: return page(ReadingListPage.template, ReadingListPage.context(digest: digest, chrome: context.chrome))
        case .page(let index): return page("page", MarkdownPage.context(digest.pages[index], chrome: context.chrome))
        case .week: return page("best", BestPage.weekContext(digest: digest, chrome: context.chrome))
        case .month(let index): return page("best", BestPage.monthContext(digest.months[index], digest: digest, chrome: context.chrome))
        case .searchIndex: return searchManifest
        case .searchFile(let index): return Array(searchFiles.bytes(index))
        case .paperBib(let index):
            let paper = digest.papers[index]
            return Array(BibTeX.entry(paper, key: context.bibKeys[paper.id.base] ?? "", config: config).utf8)
        case .dayBib(let index): return BibTeX.file(digest.days[index].papers, keys: context.bibKeys, config: config)
        case .rss:
            let channel = RSSFeed.Channel(
                title: config.title, description: config.description ?? config.tagline ?? config.title, path: "feed.xml",
                pageURL: config.baseURL.absolute)
            return RSSFeed.render(channel, items: context.feedEntries(digest.papers).map(RSSFeed.item), config: config)
        case .atom:
            return AtomFeed.render(
                title: config.title, subtitle: config.description ?? config.tagline ?? config.title, path: "atom.xml",
                pageURL: config.baseURL.absolute, entries: context.feedEntries(digest.papers), config: config)
        case .jsonFeed:
            return JSONFeed.render(
                title: config.title, description: config.description ?? config.tagline, path: "feed.json",
                pageURL: config.baseURL.absolute, entries: context.feedEntries(digest.papers), config: config)
        case .daily:
            let channel = RSSFeed.Channel(
                title: theme.interface.text("feed.daily", ["site": config.title]), description: theme.interface.text("feed.dailyDescription"),
                path: "daily.xml", pageURL: config.baseURL.absolute)
            return RSSFeed.render(channel, items: DailyFeed.items(digest, rendered: context.rendered, text: theme.interface), config: config)
        case .topicFeed(let index):
            let group = digest.topics[index]
            let channel = RSSFeed.Channel(
                title: theme.interface.text("feed.topic", ["site": config.title, "topic": group.topic.name]),
                description: theme.interface.text("topic.description", ["topic": group.topic.name, "site": config.title]),
                path: TopicPages.urlPath(group.topic) + "feed.xml", pageURL: config.baseURL.resolve(TopicPages.urlPath(group.topic)))
            return RSSFeed.render(channel, items: context.feedEntries(group.papers).map(RSSFeed.item), config: config)
        case .sitemap: return Sitemap.renderIndex(sitemaps(), baseURL: config.baseURL)
        case .sitemapPages: return Sitemap.render(sitePages(), baseURL: config.baseURL)
        case .sitemapMonth(let index): return Sitemap.render(paperPages(digest.archiveMonths[index]), baseURL: config.baseURL)
        case .sitemapAuthors(let part):
            let authors = digest.authors.authors.dropFirst(part * Sitemap.authorsPerFile).prefix(Sitemap.authorsPerFile)
            let entries = authors.map { Sitemap.Entry(path: AuthorIndex.urlPath(slug: $0.slug), lastModified: $0.papers.first?.day) }
            return Sitemap.render(entries, baseURL: config.baseURL)
        case .author(let index): return page(AuthorPage.template, context.author(digest.authors.authors[index]))
        case .authorFeed(let index): return context.authorFeed(digest.authors.authors[index])
        case .asset(let index): return theme.assets[index].bytes
        case .scriptStrings: return scriptStrings ?? []
        case .katex(let index): return katex[index].bytes
        }
    }

    private func page(_ template: String, _ values: TemplateObject) -> [UInt8] {
        theme.render(template, values)
    }

    /// The sitemaps the index lists: the site's pages, then each month's paper pages.
    private func sitemaps() -> [Sitemap.Entry] {
        [Sitemap.Entry(path: Sitemap.pagesPath, lastModified: digest.today)]
            + digest.archiveMonths.map { Sitemap.Entry(path: Sitemap.monthPath($0.key), lastModified: $0.days.first?.day) }
            + (0..<Self.authorSitemaps(digest)).map { Sitemap.Entry(path: Sitemap.authorsPath($0), lastModified: digest.today) }
    }

    /// Every page but the papers'.
    private func sitePages() -> [Sitemap.Entry] {
        var entries = [Sitemap.Entry(path: "", lastModified: digest.today)]
        entries += digest.window.map { Sitemap.Entry(path: DayPage.urlPath($0.day), lastModified: $0.day) }
        entries.append(Sitemap.Entry(path: "topics/", lastModified: digest.today))
        entries += digest.topics.map { Sitemap.Entry(path: TopicPages.urlPath($0.topic), lastModified: $0.papers.first?.day) }
        entries.append(Sitemap.Entry(path: ArchivePage.urlPath, lastModified: digest.today))
        entries += digest.archiveMonths.map { Sitemap.Entry(path: ArchivePage.monthPath($0.key), lastModified: $0.days.first?.day) }
        entries += digest.pages.map { Sitemap.Entry(path: MarkdownPage.urlPath($0), lastModified: nil) }
        if !digest.week.isEmpty { entries.append(Sitemap.Entry(path: BestPage.weekPath, lastModified: digest.today)) }
        entries += digest.months.map { Sitemap.Entry(path: BestPage.monthPath($0), lastModified: $0.papers.map(\.day).max()) }
        entries.append(Sitemap.Entry(path: FeedsPage.urlPath, lastModified: digest.today))
        entries.append(Sitemap.Entry(path: SearchPage.urlPath, lastModified: digest.today))
        return entries
    }

    /// The pages of one month's papers.
    private func paperPages(_ month: ArchiveMonth) -> [Sitemap.Entry] {
        month.days.flatMap { group in group.papers.map { Sitemap.Entry(path: PaperPage.urlPath($0), lastModified: $0.day) } }
    }

}
