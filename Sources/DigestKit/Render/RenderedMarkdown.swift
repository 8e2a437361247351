/// A rendered Markdown document and its outline.
public struct RenderedMarkdown: Sendable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
    }

    /// HTML with heading levels as written and ids without a prefix.
    public var html: String
    /// Headings outside footnotes, in document order.
    public var headings: [Heading]
    /// Whether the document has TeX math (pages with math load KaTeX).
    public var hasMath = false

    /// The shallowest heading level in the document (2 for the usual `##` sections).
    public var topHeadingLevel: Int { headings.map(\.level).min() ?? 2 }

    /// The HTML to embed in a page: headings moved so the document's shallowest heading
    /// has level `topLevel`, and every id and fragment link prefixed with `anchorPrefix`
    /// so several documents can share one page without clashing ids.
    public func html(topLevel: Int, anchorPrefix: String, fragmentBase: String = "") -> String {
        HTMLRewriter.embed(html, headingShift: topLevel - topHeadingLevel, anchorPrefix: anchorPrefix, fragmentBase: fragmentBase)
    }
}
