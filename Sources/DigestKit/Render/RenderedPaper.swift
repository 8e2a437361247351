/// A paper's Markdown, rendered once and embedded wherever the paper appears.
public struct RenderedPaper: Sendable {
    /// Ids the paper page's own template uses; summary headings never take them.
    static let reservedIDs: Set<String> = ["main", "contents", "key-points", "abstract", "why-it-was-picked"]

    public var summary: RenderedMarkdown?
    /// Each highlight as inline HTML.
    public var highlights: [String]

    public init(_ paper: Paper) {
        summary = paper.summary.map { Markdown.render($0, reservedIDs: Self.reservedIDs) }
        highlights = paper.highlights.map(Markdown.renderInline)
    }

    /// Fragment ids inside a card are `<slug>--<heading>`: slugs never contain `--`, so these
    /// cannot clash with another card's ids on the same page.
    static func cardAnchorPrefix(_ paper: Paper) -> String { paper.slug + "--" }
}
