/// Hugging Face's daily papers (`/api/daily_papers` saved as JSON): an array of items, each
/// with the day it was added (`publishedAt`) and the `paper`: id, title, authors, abstract
/// (`summary`), arXiv date, upvotes, and optionally `ai_summary`, `ai_keywords`,
/// `githubRepo`, `projectPage` and an `organization` (on the item or the paper).
enum HFDailyReader {
    static func read(_ file: SourceFile, date: CalendarDay?, timeZone: SiteTimeZone, topics: TopicMapping) -> ([ImportedPaper], [Diagnostic]) {
        guard let json = PaperFileDecoder.parse(file) else { return ([], [PaperFileDecoder.parseDiagnostic(file)!]) }
        guard case .array(let items) = json.value else {
            return ([], PaperFileDecoder.shapeProblem(json, in: file, expected: "an array of daily papers"))
        }
        var papers: [ImportedPaper] = []
        var diagnostics: [Diagnostic] = []
        for (index, item) in items.enumerated() {
            var reader = FieldReader(file: file, object: item, record: .init(number: index + 1, id: nil))
            guard case .object = item.value else {
                reader.fail(at: item.offset, field: nil, "expected a daily paper (an object), found \(item.kindDescription)")
                diagnostics += reader.diagnostics
                continue
            }
            guard var paper = reader.nested("paper") else {
                if reader.diagnostics.isEmpty { reader.fail(at: item.offset, field: "paper", "is required but missing") }
                diagnostics += reader.diagnostics
                continue
            }
            let id = paper.string("id", required: true, singleLine: true)
            reader.record?.id = id
            paper.record?.id = id
            let title = reader.string("title", singleLine: true) ?? paper.string("title", required: true, singleLine: true)
            let authors = names(paper)
            var day = date
            if day == nil, let added = reader.string("publishedAt", required: true, singleLine: true) {
                day = ImportText.day(added, timeZone: timeZone) ?? {
                    reader.fail(at: item["publishedAt"]!.value.offset, field: "publishedAt", "expected an RFC 3339 timestamp, found \"\(added.prefix(40))\"")
                    return nil
                }()
            }
            guard let id, let title, let day else {
                diagnostics += reader.diagnostics + paper.diagnostics
                continue
            }
            var imported = ImportedPaper(id: id, title: title, authors: authors, day: day)
            imported.abstract = paper.string("summary").map(ImportText.paragraph)
            imported.summary = paper.string("ai_summary")
            imported.published = paper.string("publishedAt", singleLine: true).flatMap(ImportText.timestamp)
            imported.topics = topics.topics(forKeywords: paper.stringArray("ai_keywords") ?? [])
            imported.upvotes = paper.integer("upvotes", in: 0...Int(Int32.max))
            imported.code = paper.url("githubRepo")
            imported.codeStars = paper.integer("githubStars", in: 0...Int(Int32.max))
            imported.project = paper.url("projectPage")
            imported.organization = organization(reader.object["organization"]?.value) ?? organization(paper.object["organization"]?.value)
            diagnostics += reader.diagnostics + paper.diagnostics
            papers.append(imported)
        }
        return (papers, PaperFileDecoder.located(diagnostics, in: file))
    }

    /// `authors` is a list of objects with a `name` (or, in older saves, of names).
    private static func names(_ paper: FieldReader) -> [String] {
        guard case .array(let entries)? = paper.object["authors"]?.value.value else { return [] }
        return entries.compactMap { entry in
            switch entry.value {
            case .string(let name): return TextCleaning.clean(name, singleLine: true)
            case .object: if case .string(let name)? = entry["name"]?.value.value { return TextCleaning.clean(name, singleLine: true) }
            default: break
            }
            return nil
        }.filter { !$0.isEmpty }
    }

    /// An organization is an object with `fullname` and `name`, or sometimes just a name.
    private static func organization(_ json: JSON?) -> String? {
        guard let json else { return nil }
        switch json.value {
        case .string(let name): return ImportText.nonEmpty(TextCleaning.clean(name, singleLine: true))
        case .object:
            for key in ["fullname", "name"] {
                if case .string(let name)? = json[key]?.value.value, let clean = ImportText.nonEmpty(TextCleaning.clean(name, singleLine: true)) {
                    return clean
                }
            }
            return nil
        default: return nil
        }
    }
}

/// Text normalisation shared by the importers.
enum ImportText {
    /// One paragraph: line breaks and runs of spaces become single spaces.
    static func paragraph(_ text: String) -> String { TextCleaning.clean(text, singleLine: true) }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// An RFC 3339 timestamp rewritten in UTC, as Digest writes dates.
    static func timestamp(_ text: String) -> String? { Timestamp(rfc3339: text)?.rfc3339 }

    /// The digest day of a timestamp (or a bare day) in the site's time zone.
    static func day(_ text: String, timeZone: SiteTimeZone) -> CalendarDay? {
        if let day = CalendarDay(text) { return day }
        return Timestamp(rfc3339: text).map(timeZone.day)
    }
}
