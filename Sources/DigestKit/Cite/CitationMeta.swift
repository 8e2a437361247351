import Foundation

/// What reference managers read from pages: the Highwire Press `citation_*` tags on a
/// paper's page (Google Scholar and Zotero's connector read them, as on arXiv's abstract
/// pages) and COinS (`Z3988`) on every card, so the connector offers to save every paper
/// of a list page.
enum CitationMeta {
    /// `citation_*` name and content pairs, authors in the record's order.
    static func highwire(_ paper: Paper, config: SiteConfig) -> [(name: String, content: String)] {
        var tags: [(name: String, content: String)] = [("citation_title", paper.title)]
        for author in paper.authors { tags.append(("citation_author", author)) }
        let published = paper.published.map { $0.utcComponents.day } ?? paper.day
        tags.append(("citation_publication_date", slashed(published)))
        tags.append(("citation_online_date", slashed(paper.day)))
        if paper.id.isArXiv { tags.append(("citation_arxiv_id", paper.id.base)) }
        if let pdf = paper.links.pdf ?? (paper.id.isArXiv ? "https://arxiv.org/pdf/\(paper.id.base)" : nil) {
            tags.append(("citation_pdf_url", pdf))
        }
        tags.append(("citation_abstract_html_url", paper.links.arxiv ?? config.baseURL.resolve(PaperPage.urlPath(paper))))
        return tags
    }

    /// The same tags as `<meta>` elements, one per line. Made here rather than by the
    /// template: a list as long as the paper's authors would give paper pages one shape per
    /// author count, and each shape costs the template engine a render (`TemplateSkeletons`).
    static func highwireHTML(_ paper: Paper, config: SiteConfig) -> String {
        highwire(paper, config: config).map { "<meta name=\"\($0.name)\" content=\"\(HTMLEscape.escape($0.content))\">\n" }.joined()
    }

    /// `2026/11/20`, the form Highwire's dates take.
    private static func slashed(_ day: CalendarDay) -> String {
        pad(day.year, 4) + "/" + pad(day.month, 2) + "/" + pad(day.day, 2)
    }

    /// An OpenURL ContextObject (Z39.88-2004, key/encoded-value), the `title` of a
    /// `<span class="Z3988">`.
    static func coins(_ paper: Paper, config: SiteConfig) -> String {
        var pairs: [(String, String)] = [
            ("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "preprint"),
            ("rft.atitle", paper.title), ("rft.jtitle", paper.id.isArXiv ? "arXiv" : config.title),
            ("rft.date", (paper.published.map { $0.utcComponents.day } ?? paper.day).description),
        ]
        for author in paper.authors.prefix(100) { pairs.append(("rft.au", author)) }
        if paper.id.isArXiv { pairs.append(("rft_id", "info:arxiv/\(paper.id.base)")) }
        pairs.append(("rft_id", paper.links.arxiv ?? config.baseURL.resolve(PaperPage.urlPath(paper))))
        return pairs.map { $0.0 + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
