import Foundation

/// Builds the values of every page. Holds what pages share: rendered Markdown of the papers
/// that appear on several pages, each paper's neighbours within its day, and the chrome.
struct PageContext: Sendable {
    let digest: Digest
    let chrome: PageChrome
    /// Day and topic pages insert cards the theme rendered one by one.
    let theme: Theme
    let rendered: RenderedPapers
    let windowDays: Set<CalendarDay>
    /// Each paper's BibTeX key, by base id (unique within its day).
    let bibKeys: [String: String]
    /// Up to six papers like each one, from the whole archive.
    let related: RelatedPapers
    /// Previous and next paper within each paper's day, in table-of-contents order.
    private let neighbours: [String: (previous: Paper?, next: Paper?)]
    /// Each paper's line on author pages and entry in author feeds, by base id: a paper is
    /// on the page and in the feed of each of its authors who has one.
    private let authorLines: Memo<AuthorPage.Line>
    private let briefEntries: Memo<FeedEntry>

    init(digest: Digest, chrome: PageChrome, theme: Theme, related: RelatedPapers) {
        self.digest = digest
        self.related = related
        self.chrome = chrome
        self.theme = theme
        windowDays = Set(digest.window.map(\.day))
        rendered = RenderedPapers(shared: Self.shared(digest))
        bibKeys = BibTeX.keys(digest)
        var neighbours: [String: (previous: Paper?, next: Paper?)] = [:]
        for group in digest.days {
            let ordered = group.sections.flatMap(\.papers)
            for (index, paper) in ordered.enumerated() {
                neighbours[paper.id.base] = (index > 0 ? ordered[index - 1] : nil, index + 1 < ordered.count ? ordered[index + 1] : nil)
            }
        }
        self.neighbours = neighbours
        // How many author pages and feeds show each paper, so its line and entry go after the last.
        // (Sized up front: growing them took a third of the counting's time.)
        var lines = [String: Int](minimumCapacity: digest.papers.count), entries = lines
        for author in digest.authors.authors {
            for paper in author.papers { lines[paper.id.base, default: 0] += 1 }
            for paper in AuthorPage.feedPapers(author, config: digest.config) { entries[paper.id.base, default: 0] += 1 }
        }
        authorLines = Memo(uses: lines)
        briefEntries = Memo(uses: entries)
    }

    /// The papers shown on more than their own page (cards, feeds), by base id.
    private static func shared(_ digest: Digest) -> Set<String> {
        let feedSize = digest.config.feedItems
        let candidates = digest.window.flatMap(\.papers) + digest.papers.prefix(feedSize)
            + digest.topics.flatMap { $0.papers.prefix(feedSize) }
        return Set(candidates.map(\.id.base))
    }

    func day(_ group: DayGroup?, isHome: Bool) -> TemplateObject {
        DayPage.context(group, isHome: isHome, digest: digest, rendered: rendered, chrome: chrome, theme: theme)
    }

    func topic(_ group: TopicGroup) -> TemplateObject {
        TopicPages.context(group, digest: digest, rendered: rendered, chrome: chrome, theme: theme)
    }

    /// The papers before and after `paper` in its day's table of contents.
    func neighbours(of paper: Paper) -> (previous: Paper?, next: Paper?) {
        neighbours[paper.id.base] ?? (nil, nil)
    }

    func paper(_ paper: Paper) -> TemplateObject {
        let around = neighbours[paper.id.base]
        return PaperPage.context(
            paper, rendered: rendered[paper], previous: around?.previous, next: around?.next, digest: digest,
            windowDays: windowDays, chrome: chrome, bibKey: bibKeys[paper.id.base] ?? "", related: related.related(to: paper))
    }

    func author(_ author: AuthorIndex.Author) -> TemplateObject {
        AuthorPage.context(author, digest: digest, chrome: chrome) { paper, make in authorLines.value(paper.id.base, make: make) }
    }

    func authorFeed(_ author: AuthorIndex.Author) -> [UInt8] {
        AuthorPage.feed(author, config: digest.config, text: chrome.text) { paper, make in briefEntries.value(paper.id.base, make: make) }
    }

    /// Lets go of what pages share once every page is rendered, before the build writes its
    /// cache: the shared papers' Markdown, and the author lines and entries a rebuild kept
    /// (it renders only some of the pages their uses were counted for).
    func forgetSharedValues() {
        rendered.forget()
        authorLines.removeAll()
        briefEntries.removeAll()
    }

    func archive() -> TemplateObject { ArchivePage.indexContext(digest: digest, chrome: chrome) }

    func archiveMonth(_ index: Int) -> TemplateObject {
        ArchivePage.monthContext(index, digest: digest, chrome: chrome, windowDays: windowDays)
    }

    func notFound() -> TemplateObject {
        chrome.context(urlPath: "404.html", title: chrome.text.text("notFound.title"), description: nil, section: .none, absoluteRoot: true)
    }

    /// The newest `feedItems` of these papers as feed entries.
    func feedEntries(_ papers: [Paper]) -> [FeedEntry] {
        papers.prefix(digest.config.feedItems).map { FeedEntry($0, rendered: rendered[$0], config: digest.config, text: chrome.text) }
    }
}

/// Rendered Markdown of the papers that appear on several pages: each is rendered the first
/// time a page needs it, and only then, so a build that renders a few pages renders a few
/// papers.
final class RenderedPapers: Sendable {
    /// The papers worth keeping (by base id).
    let ids: Set<String>
    private let kept = Memo<RenderedPaper>()

    init(shared: Set<String>) { ids = shared }

    /// The rendering, kept for a shared paper, made afresh for any other.
    subscript(paper: Paper) -> RenderedPaper {
        let id = paper.id.base
        guard ids.contains(id) else { return RenderedPaper(paper) }
        return kept.value(id) { RenderedPaper(paper) }
    }

    func forget() { kept.removeAll() }
}
