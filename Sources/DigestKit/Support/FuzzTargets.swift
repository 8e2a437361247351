/// Entry points for the fuzzers (`make fuzz`, see docs/security.md) and for the tests that
/// replay what they found. Each takes arbitrary bytes, runs them through a slice of the
/// pipeline, and traps if an invariant the rest of Digest relies on does not hold.
public enum FuzzTargets {
    /// Bytes as a paper file and as site.json: decoding, merging, grouping and slugs.
    public static func records(_ bytes: [UInt8]) {
        let file = SourceFile(path: "fuzz.json", bytes: bytes)
        let (records, diagnostics) = PaperFileDecoder.decode(file, fileIndex: 0, timeZone: .utc)
        for diagnostic in diagnostics where diagnostic.severity != .note {
            require(diagnostic.line != nil && diagnostic.column != nil, "a diagnostic without a position: \(diagnostic)")
        }
        _ = SiteConfigDecoder.decode(file, baseURLOverride: nil)
        var config = SiteConfig(title: "Fuzz", baseURL: BaseURL("https://example.org/")!)
        config.historyDays = 3
        let digest = DigestBuilder.build(config: config, records: records, today: nil)
        var slugs = Set<String>()
        for paper in digest.papers {
            require(OutputFile.isConfined("papers/\(paper.slug)/index.html"), "an unsafe paper slug \(paper.slug)")
            require(slugs.insert(paper.slug).inserted, "two papers share the slug \(paper.slug)")
            require(!paper.topics.isEmpty, "a paper without topics")
        }
        for topic in digest.topics {
            require(OutputFile.isConfined("topics/\(topic.topic.slug)/feed.xml"), "an unsafe topic slug \(topic.topic.slug)")
        }
    }

    /// Bytes as a summary: Markdown, heading ids, the table of contents, embedding and slugs.
    public static func markdown(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let rendered = Markdown.render(text, reservedIDs: RenderedPaper.reservedIDs)
        let ids = rendered.headings.map(\.id)
        require(Set(ids).count == ids.count, "duplicate heading ids \(ids)")
        require(ids.allSatisfy { !$0.isEmpty && !$0.contains("\"") && !$0.contains(" ") }, "a bad heading id in \(ids)")
        require(RenderedPaper.reservedIDs.isDisjoint(with: ids), "a heading took a reserved id")
        for html in [rendered.html, rendered.html(topLevel: 4, anchorPrefix: "p--"), Markdown.renderInline(text)] {
            if let problem = unsafeMarkup(html) { require(false, "unsafe HTML from Markdown: \(problem)") }
        }
        _ = PaperPage.tableOfContents(rendered.headings)
        let slug = Slug.make(text)
        require(!slug.isEmpty && OutputFile.isConfined(slug), "an unsafe slug \(slug)")
    }

    /// The first tag that could run script: a script element, an event handler, or a URL
    /// attribute with a scheme other than http, https or mailto. Text cannot contain `<` or
    /// `"` (cmark escapes them), so scanning tags is exact.
    static func unsafeMarkup(_ html: String) -> String? {
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let close = rest[open...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[open..<close].lowercased()
            if tag.hasPrefix("<script") || tag.hasPrefix("<iframe") || tag.hasPrefix("<object") || tag.hasPrefix("<embed") {
                return tag
            }
            if tag.contains(" on"), tag.split(separator: " ").dropFirst().contains(where: { $0.hasPrefix("on") && $0.contains("=") }) {
                return tag
            }
            for attribute in [" href=\"", " src=\""] {
                var search = tag[...]
                while let range = search.range(of: attribute) {
                    let value = search[range.upperBound...].prefix { $0 != "\"" }
                    let safe = value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:") || value.hasPrefix("#")
                    if !safe { return tag }
                    search = search[range.upperBound...]
                }
            }
            rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
        }
        return nil
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant failed: \(message())") }
    }
}
