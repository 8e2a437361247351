/// One paper as every feed format shows it, computed once so RSS, Atom and JSON Feed agree.
struct FeedEntry {
    /// The paper's permanent page: link, RSS guid, Atom id and JSON Feed id.
    var permalink: String
    var title: String
    var authors: [String]
    var topics: [String]
    /// When the paper entered the digest: its collection time, else the start of its day in the site's zone.
    var date: Timestamp
    /// Authors, highlights and the summary as HTML.
    var html: String
    /// A one-line plain summary: the first highlight, else the start of the abstract.
    var summary: String?

    init(_ paper: Paper, rendered: RenderedPaper, config: SiteConfig, text: Interface) {
        self.init(paper, config: config) { Self.html(paper, rendered: rendered, permalink: $0, text: text) }
    }

    /// An entry without the summary or abstract, for feeds of which there are thousands
    /// (authors'): the authors and the key points as plain text.
    init(brief paper: Paper, config: SiteConfig, text: Interface) {
        self.init(paper, config: config) { _ in
            var html = ""
            if let authors = PaperView.shortAuthors(paper.authors, text: text) { html += "<p>" + HTMLEscape.escape(authors) + "</p>\n" }
            if !paper.highlights.isEmpty {
                html += "<ul>\n" + paper.highlights.map { "<li>" + HTMLEscape.escape(Markdown.plainText($0)) + "</li>\n" }.joined() + "</ul>\n"
            }
            return html
        }
    }

    /// Everything but the body, which `body` makes from the permalink.
    private init(_ paper: Paper, config: SiteConfig, body: (String) -> String) {
        permalink = config.baseURL.resolve(PaperPage.urlPath(paper))
        title = paper.title
        authors = paper.authors
        topics = paper.topics
        date = paper.collectedAt ?? config.timeZone.startOfDay(paper.day)
        html = body(permalink)
        summary = paper.highlights.first.map(Markdown.plainText) ?? paper.abstract.map { String($0.prefix(280)) }
    }

    /// The body shared by every format. Fragment links (footnotes) are made absolute, because
    /// a feed reader resolves them against the feed, not the paper.
    static func html(_ paper: Paper, rendered: RenderedPaper, permalink: String, text: Interface) -> String {
        var html = ""
        if let authors = PaperView.shortAuthors(paper.authors, text: text) {
            html += "<p>" + HTMLEscape.escape(authors) + "</p>\n"
        }
        if !rendered.highlights.isEmpty {
            html += "<ul>\n" + rendered.highlights.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        }
        if let summary = rendered.summary {
            html += summary.html(topLevel: 3, anchorPrefix: "", fragmentBase: permalink)
        } else if let abstract = rendered.abstract {
            html += "<p>" + abstract + "</p>\n"
        }
        return html
    }
}
