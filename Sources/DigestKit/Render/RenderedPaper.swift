/// A paper's Markdown, rendered once and embedded wherever the paper appears.
public struct RenderedPaper: Sendable {
    /// Ids the paper page's own template uses; summary headings never take them.
    static let reservedIDs: Set<String> = [
        "main", "contents", "key-points", "abstract", "why-it-was-picked", "toc-title", "site-search-input", "search-page-input",
        "cite", "bibtex", "related",
    ]

    public var summary: RenderedMarkdown?
    /// Each highlight as inline HTML.
    public var highlights: [String]
    /// The title as HTML: escaped, with its TeX math marked up.
    public var title: String
    /// The abstract as HTML, likewise.
    public var abstract: String?
    /// Whether any of it has math, so its pages load KaTeX.
    public var hasMath: Bool

    public init(_ paper: Paper) {
        summary = paper.summary.map { Markdown.render($0, reservedIDs: Self.reservedIDs) }
        highlights = paper.highlights.map(Markdown.renderInline)
        title = MathSpans.html(paper.title)
        abstract = paper.abstract.map(MathSpans.html)
        let mathMarker = "<code class=\"math "
        hasMath = summary?.hasMath == true || title.containsBytes(mathMarker) || abstract?.containsBytes(mathMarker) == true
            || highlights.contains { $0.containsBytes(mathMarker) }
    }

    /// Fragment ids inside a card are `<slug>--<heading>`: slugs never contain `--`, so these
    /// cannot clash with another card's ids on the same page.
    static func cardAnchorPrefix(_ paper: Paper) -> String { paper.slug + "--" }
}
