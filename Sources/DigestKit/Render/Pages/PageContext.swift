/// Builds the values of every page. Holds what pages share: rendered Markdown of the papers
/// that appear on several pages, each paper's neighbours within its day, and the chrome.
struct PageContext: Sendable {
    let digest: Digest
    let chrome: PageChrome
    let rendered: RenderedPapers
    let windowDays: Set<CalendarDay>
    /// Previous and next paper within each paper's day, in table-of-contents order.
    private let neighbours: [String: (previous: Paper?, next: Paper?)]

    init(digest: Digest, chrome: PageChrome) {
        self.digest = digest
        self.chrome = chrome
        windowDays = Set(digest.window.map(\.day))
        rendered = Self.renderShared(digest)
        var neighbours: [String: (previous: Paper?, next: Paper?)] = [:]
        for group in digest.days {
            let ordered = group.sections.flatMap(\.papers)
            for (index, paper) in ordered.enumerated() {
                neighbours[paper.id.base] = (index > 0 ? ordered[index - 1] : nil, index + 1 < ordered.count ? ordered[index + 1] : nil)
            }
        }
        self.neighbours = neighbours
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

    func day(_ group: DayGroup?, isHome: Bool) -> [String: Any] {
        DayPage.context(group, isHome: isHome, digest: digest, rendered: rendered, chrome: chrome)
    }

    func topic(_ group: TopicGroup) -> [String: Any] {
        TopicPages.context(group, digest: digest, rendered: rendered, chrome: chrome)
    }

    func paper(_ paper: Paper) -> [String: Any] {
        let around = neighbours[paper.id.base]
        return PaperPage.context(
            paper, rendered: rendered[paper], previous: around?.previous, next: around?.next, digest: digest,
            windowDays: windowDays, chrome: chrome)
    }

    func archive() -> [String: Any] { ArchivePage.indexContext(digest: digest, chrome: chrome) }

    func archiveMonth(_ index: Int) -> [String: Any] {
        ArchivePage.monthContext(index, digest: digest, chrome: chrome, windowDays: windowDays)
    }

    func notFound() -> [String: Any] {
        chrome.context(urlPath: "404.html", title: "Page not found", description: nil, section: .none, absoluteRoot: true)
    }

    /// The newest `feedItems` of these papers as feed entries.
    func feedEntries(_ papers: [Paper]) -> [FeedEntry] {
        papers.prefix(digest.config.feedItems).map { FeedEntry($0, rendered: rendered[$0], config: digest.config) }
    }
}

/// Rendered Markdown of the papers that appear on several pages, computed once.
struct RenderedPapers: Sendable {
    private var byID: [String: RenderedPaper]

    init(_ byID: [String: RenderedPaper]) { self.byID = byID }

    /// The cached rendering, or a fresh one for a paper outside the cache.
    subscript(paper: Paper) -> RenderedPaper { byID[paper.id.base] ?? RenderedPaper(paper) }
}
