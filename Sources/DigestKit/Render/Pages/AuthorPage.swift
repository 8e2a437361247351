/// The page of one author (`authors/<slug>/`): their papers in this digest, newest first,
/// and an Atom feed of them (`feed.xml` beside it) to follow the author in a feed reader.
enum AuthorPage {
    /// Optional: author pages came after the first layouts, so a layout folder without it
    /// still builds, with no author pages and no links to them.
    static let template = "author"
    static let feedPath = "atom.xml"
    /// Entries in an author's feed: enough to follow them (a feed reader keeps what it
    /// has seen), few enough that thousands of author feeds stay small.
    static let feedItems = 10

    /// Kept values for the papers (`PageContext`'s memo): what `make` returns for a paper.
    typealias Kept<Value> = (Paper, () -> Value) -> Value

    /// The costly part of a paper's line on author pages, kept while pages still want it:
    /// the rest is made each time, as keeping whole lines held 15–20 MB more at the top of a
    /// 54,750-paper build.
    struct Line {
        var titleHTML: String
        var authorsHTML: String?
    }

    static func context(_ author: AuthorIndex.Author, digest: Digest, chrome: PageChrome, kept: Kept<Line>) -> TemplateObject {
        let pagePath = AuthorIndex.urlPath(slug: author.slug)
        let root = PageChrome.root(for: pagePath)
        let text = chrome.text
        var context = chrome.context(
            urlPath: pagePath, title: author.name, description: text.text("author.description", ["author": author.name, "site": digest.config.title]),
            section: .none, extraFeed: feedLink(author, config: digest.config, root: root, text: text))
        context["author"] = [
            "name": author.name, "slug": author.slug, "count": author.papers.count,
            "papers": text.count("count.papers", author.papers.count), "feedHref": feedPath,
        ] as TemplateObject
        // Every author page is two folders deep, so a paper's line is the same on each.
        context["papers"] = author.papers.map { paper -> TemplateObject in
            let line = kept(paper) {
                Line(
                    titleHTML: MathSpans.html(paper.title),
                    authorsHTML: PaperView.authorsHTML(paper.authors, short: true, root: root, digest: digest, text: text))
            }
            return [
                "title": paper.title, "titleHTML": line.titleHTML, "href": root + PaperPage.urlPath(paper),
                "date": paper.day.description, "day": text.mediumDate(paper.day), "topic": paper.primaryTopic,
                "authorsHTML": line.authorsHTML,
            ]
        }
        return context
    }

    static func feedLink(_ author: AuthorIndex.Author, config: SiteConfig, root: String, text: Interface) -> TemplateObject {
        [
            "title": text.text("feed.author", ["site": config.title, "author": author.name]), "href": root + AuthorIndex.urlPath(slug: author.slug) + feedPath,
            "type": "application/atom+xml",
        ]
    }

    /// The author's newest papers as Atom. Entries carry the authors and key points, not
    /// the summary or the abstract: a site has thousands of author feeds, and each paper is
    /// in several (one per author), so they would hold the archive's text many times over.
    static func feed(_ author: AuthorIndex.Author, config: SiteConfig, text: Interface, kept: Kept<FeedEntry>) -> [UInt8] {
        let path = AuthorIndex.urlPath(slug: author.slug)
        let names = ["site": config.title, "author": author.name]
        return AtomFeed.render(
            title: text.text("feed.author", names), subtitle: text.text("author.description", names),
            path: path + feedPath, pageURL: config.baseURL.resolve(path),
            entries: feedPapers(author, config: config).map { paper in kept(paper) { FeedEntry(brief: paper, config: config, text: text) } },
            config: config)
    }

    /// The papers in the author's feed.
    static func feedPapers(_ author: AuthorIndex.Author, config: SiteConfig) -> ArraySlice<Paper> {
        author.papers.prefix(min(feedItems, config.feedItems))
    }
}
