import DigestXML

/// arXiv API responses (`export.arxiv.org/api/query`, Atom), read with libxml2: each
/// `entry` has `id` (the abstract URL), `title`, `summary`, `author/name`, `published`,
/// `updated`, `arxiv:primary_category`, `category/@term` and `link[@title='pdf']`.
enum ArxivAtomReader {
    static let atom = "http://www.w3.org/2005/Atom"
    static let arxiv = "http://arxiv.org/schemas/atom"
    static let ns: KeyValuePairs = ["a": atom, "arxiv": arxiv]

    static func read(_ file: SourceFile, day: CalendarDay, topics: TopicMapping) -> ([ImportedPaper], [Diagnostic]) {
        let doc: XMLDocument
        do {
            doc = try XMLDocument.xml(file.bytes)
        } catch let error as XMLDocument.ParseError {
            return ([], [Diagnostic(file: file.path, line: error.line, column: error.column, message: "malformed XML: \(error.message)")])
        } catch {
            return ([], [Diagnostic(file: file.path, message: "malformed XML")])
        }
        guard !doc.nodes("/a:feed", namespaces: ns).isEmpty else {
            return ([], [Diagnostic(file: file.path, line: 1, column: 1, message: "not an Atom feed from the arXiv API")])
        }
        var papers: [ImportedPaper] = []
        var diagnostics: [Diagnostic] = []
        for (index, entry) in doc.nodes("/a:feed/a:entry", namespaces: ns).enumerated() {
            let text = { (path: String) in entry.nodes(path, namespaces: ns).first.map { ImportText.paragraph($0.text) } }
            let idURL = text("a:id") ?? ""
            let id = idURL.range(of: "/abs/").map { String(idURL[$0.upperBound...]) }
            let record = Diagnostic.Record(number: index + 1, id: id)
            let fail = { (field: String, message: String) in
                diagnostics.append(Diagnostic(file: file.path, line: entry.line, record: record, field: field, message: message))
            }
            // The API reports a bad query as a single entry whose id is an error URL.
            if idURL.contains("/api/errors") {
                fail("id", "the arXiv API returned an error: \(text("a:summary") ?? "no details")")
                continue
            }
            guard let id, !id.isEmpty, !id.contains(where: \.isWhitespace) else {
                fail("id", "expected an arXiv abstract URL (http://arxiv.org/abs/…), found \"\(idURL.prefix(80))\"")
                continue
            }
            guard let title = text("a:title").flatMap(ImportText.nonEmpty) else {
                fail("title", "is required but missing")
                continue
            }
            let authors = entry.nodes("a:author/a:name", namespaces: ns).map { ImportText.paragraph($0.text) }.filter { !$0.isEmpty }
            var paper = ImportedPaper(id: id, title: title, authors: authors, day: day)
            paper.abstract = text("a:summary").flatMap(ImportText.nonEmpty)
            paper.published = text("a:published").flatMap(ImportText.timestamp)
            let primary = entry.nodes("arxiv:primary_category", namespaces: ns).compactMap { $0["term"] }
            let categories = entry.nodes("a:category", namespaces: ns).compactMap { $0["term"] }
            paper.topics = topics.topics(forCategories: primary + categories)
            paper.pdf = entry.nodes("a:link[@title='pdf']", namespaces: ns).first?["href"].flatMap { URLPolicy.isSafeWebURL($0) ? $0 : nil }
            papers.append(paper)
        }
        return (papers, diagnostics)
    }
}
