/// `out/output.json` of gpt_paper_assistant and its forks: an object keyed by arXiv id,
/// each value with `title`, `authors`, `abstract`, `arxiv_id` (or `ARXIVID`) and, for the
/// papers the language model picked, `COMMENT`, `RELEVANCE` and `NOVELTY` (author
/// matches have none). Some forks add a one-line `TLDR`, kept as a highlight.
enum PaperAssistantReader {
    static func read(_ file: SourceFile, day: CalendarDay) -> ([ImportedPaper], [Diagnostic]) {
        guard let json = PaperFileDecoder.parse(file) else { return ([], [PaperFileDecoder.parseDiagnostic(file)!]) }
        guard case .object(let members) = json.value else {
            return ([], PaperFileDecoder.shapeProblem(json, in: file, expected: "an object of papers keyed by arXiv id"))
        }
        var papers: [ImportedPaper] = []
        var diagnostics: [Diagnostic] = []
        for (index, member) in members.enumerated() {
            var reader = FieldReader(file: file, object: member.value, record: .init(number: index + 1, id: member.key))
            guard case .object = member.value.value else {
                reader.fail(at: member.value.offset, field: nil, "expected a paper (an object), found \(member.value.kindDescription)")
                diagnostics += reader.diagnostics
                continue
            }
            let id = reader.string("arxiv_id", singleLine: true) ?? reader.string("ARXIVID", singleLine: true)
                ?? ImportText.nonEmpty(TextCleaning.clean(member.key, singleLine: true))
            let title = reader.string("title", required: true, singleLine: true)
            guard let id, let title else {
                if id == nil { reader.fail(at: member.value.offset, field: "arxiv_id", "is required but missing") }
                diagnostics += reader.diagnostics
                continue
            }
            var paper = ImportedPaper(id: id, title: title, authors: authors(&reader), day: day)
            paper.abstract = reader.string("abstract").map(stripAnnounce).map(ImportText.paragraph).flatMap(ImportText.nonEmpty)
            paper.comment = reader.string("COMMENT")
            paper.relevance = score("RELEVANCE", &reader)
            paper.novelty = score("NOVELTY", &reader)
            if let tldr = reader.string("TLDR") { paper.highlights = [tldr] }
            diagnostics += reader.diagnostics
            papers.append(paper)
        }
        return (papers, PaperFileDecoder.located(diagnostics, in: file))
    }

    /// arXiv's mailing feed puts "arXiv:2502.15969v1 Announce Type: new Abstract: " before every abstract.
    static func stripAnnounce(_ abstract: String) -> String {
        let text = abstract.trimmingWhitespace()
        guard text.hasPrefix("arXiv:"), let type = text.range(of: "Announce Type:"),
            let label = text[type.upperBound...].range(of: "Abstract:")
        else { return text }
        return text[label.upperBound...].trimmingWhitespace()
    }

    /// Authors as a list, or as one string "A, B and C".
    private static func authors(_ reader: inout FieldReader) -> [String] {
        if case .string(let text)? = reader.object["authors"]?.value.value {
            return text.replacingOccurrences(of: " and ", with: ", ").split(separator: ",")
                .map { TextCleaning.clean(String($0), singleLine: true) }.filter { !$0.isEmpty }
        }
        return reader.stringArray("authors") ?? []
    }

    /// Scores come as numbers or numeric strings; anything outside 1–10 is dropped with a warning.
    private static func score(_ key: String, _ reader: inout FieldReader) -> Int? {
        guard let json = reader.object[key]?.value else { return nil }
        var value: Int?
        switch json.value {
        case .number(let number): value = Int(exactly: number)
        case .string(let text): value = Int(text.trimmingWhitespace())
        case .null: return nil
        default: break
        }
        guard let value, (1...10).contains(value) else {
            reader.fail(at: json.offset, field: key, "is not a score from 1 to 10 and is left out", severity: .warning)
            return nil
        }
        return value
    }
}
