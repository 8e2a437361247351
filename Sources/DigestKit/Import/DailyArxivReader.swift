import Foundation

/// daily-arXiv-ai-enhanced and its forks: `data/YYYY-MM-DD_AI_enhanced_<Language>.jsonl`,
/// one arXiv paper a line: `id`, `title`, `authors`, `categories` (arXiv codes),
/// `summary` (the abstract), `comment`, `pdf`, `abs`, sometimes `code_url` and
/// `code_stars`, and `AI`: `{tldr, motivation, method, result, conclusion}` written by a
/// language model. docs/importing.md gives the mapping.
enum DailyArxivReader {
    /// What the collector writes when its language model fails: never shown as text.
    static let placeholders: Set<String> = [
        "Summary generation failed", "Motivation analysis unavailable", "Method extraction failed",
        "Result analysis unavailable", "Conclusion extraction failed",
    ]

    /// The summary's sections, in order, from the `AI` object's fields, with the interface
    /// string that heads each: in the file's language, like the text under it.
    static let sections = [("motivation", "import.motivation"), ("method", "import.method"), ("result", "import.results"), ("conclusion", "import.conclusion")]

    /// `day`: `--date`, else the day in the file name, else the file's modification day.
    /// Each paper records the language the file name gives (`_AI_enhanced_Chinese` → `zh-CN`).
    static func read(_ file: SourceFile, day: CalendarDay, topics: TopicMapping) -> ([ImportedPaper], [Diagnostic]) {
        let language = language(inName: file.path)
        let headings = language.flatMap { try? Interface(language: $0, files: [], folder: "") } ?? .english
        var papers: [ImportedPaper] = []
        var diagnostics: [Diagnostic] = []
        var lineStart = 0
        var lineNumber = 0
        let bytes = file.bytes
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = SourceFile(path: file.path, bytes: Array(bytes[lineStart..<lineEnd]))
            lineStart = lineEnd + 1
            guard line.bytes.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            let (paper, problems) = readLine(line, number: lineNumber, day: day, topics: topics, headings: headings)
            diagnostics += problems
            if var paper {
                paper.language = language
                papers.append(paper)
            }
        }
        return (papers, diagnostics)
    }

    /// One line: its diagnostics carry the line's number in the file.
    private static func readLine(
        _ line: SourceFile, number: Int, day: CalendarDay, topics: TopicMapping, headings: Interface
    ) -> (ImportedPaper?, [Diagnostic]) {
        func onLine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
            PaperFileDecoder.located(diagnostics, in: line).map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.line = number
                return diagnostic
            }
        }
        guard let json = PaperFileDecoder.parse(line) else { return (nil, onLine([PaperFileDecoder.parseDiagnostic(line)!])) }
        var reader = FieldReader(file: line, object: json, record: .init(number: number, id: nil))
        guard case .object = json.value else {
            reader.fail(at: json.offset, field: nil, "expected a paper (an object), found \(json.kindDescription)")
            return (nil, onLine(reader.diagnostics))
        }
        let id = reader.string("id", required: true, singleLine: true)
        reader.record?.id = id
        let title = reader.string("title", required: true, singleLine: true)
        guard let id, let title else { return (nil, onLine(reader.diagnostics)) }
        var paper = ImportedPaper(id: id, title: title, authors: reader.stringArray("authors") ?? [], day: day)
        paper.abstract = reader.string("summary").map(ImportText.paragraph).flatMap(ImportText.nonEmpty)
        let categories = reader.stringArray("categories") ?? []
        paper.topics = topics.topics(forCategories: categories)
        if paper.topics.isEmpty { paper.topics = ArxivCategories.names(categories) }
        paper.comment = reader.string("comment").flatMap(ImportText.nonEmpty)
        paper.pdf = reader.url("pdf")
        paper.code = reader.url("code_url")
        paper.codeStars = reader.integer("code_stars", in: 0...Int(Int32.max))
        if var ai = reader.nested("AI") {
            // A field the language model failed on is left out with a warning: missing,
            // empty, or one of the collector's failure texts.
            func text(_ key: String) -> String? {
                guard let member = ai.object[key] else {
                    ai.fail(at: ai.object.offset, field: key, "is missing, so the summary has no such part", severity: .warning)
                    return nil
                }
                let value = ai.string(key)
                guard !ai.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
                if let value, !placeholders.contains(value), !value.isEmpty { return value }
                let what = (value ?? "").isEmpty ? "is empty" : "holds the collector's failure text \"\(value!)\""
                ai.fail(at: member.value.offset, field: key, "\(what), so it is left out", severity: .warning)
                return nil
            }
            if let tldr = text("tldr") { paper.highlights = [tldr] }
            let parts = sections.compactMap { key, heading in text(key).map { "## \(headings.text(heading))\n\n\($0)" } }
            paper.summary = parts.isEmpty ? nil : parts.joined(separator: "\n\n")
            reader.diagnostics += ai.diagnostics
        } else {
            reader.fail(at: json.offset, field: "AI", "is missing: the paper has no key points or summary", severity: .warning)
        }
        let failed = reader.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : paper, onLine(reader.diagnostics))
    }

    /// The languages the collector names its files after (its `LANGUAGE` setting), as tags.
    static let languages: [String: String] = [
        "english": "en", "chinese": "zh-CN", "japanese": "ja", "german": "de", "french": "fr", "spanish": "es",
        "korean": "ko", "russian": "ru", "portuguese": "pt", "italian": "it", "vietnamese": "vi", "arabic": "ar",
    ]

    /// `2026-11-20_AI_enhanced_Chinese.jsonl` → `zh-CN`; nil for a name without a known language.
    static func language(inName path: String) -> String? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        guard let marker = name.range(of: "_ai_enhanced_") else { return nil }
        let word = name[marker.upperBound...].prefix { $0.isLetter }
        return languages[String(word)]
    }

    /// `2026-11-20_AI_enhanced_English.jsonl` → 2026-11-20.
    static func day(inName path: String) -> CalendarDay? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.count >= 10 ? CalendarDay(String(name.prefix(10))) : nil
    }
}

/// Readable names of the arXiv categories machine-learning digests see most, so `cs.CV`
/// reads "Computer Vision" without a `topics.json`. Codes not listed are kept as they are.
enum ArxivCategories {
    static let table: [String: String] = [
        "cs.AI": "Artificial Intelligence", "cs.CL": "Computation and Language", "cs.CV": "Computer Vision",
        "cs.LG": "Machine Learning", "stat.ML": "Machine Learning", "cs.RO": "Robotics", "cs.NE": "Neural and Evolutionary Computing",
        "cs.IR": "Information Retrieval", "cs.CR": "Cryptography and Security", "cs.SD": "Sound", "eess.AS": "Audio and Speech",
        "eess.IV": "Image and Video Processing", "cs.HC": "Human-Computer Interaction", "cs.MA": "Multiagent Systems",
        "cs.DC": "Distributed Computing", "cs.GR": "Graphics", "cs.SE": "Software Engineering", "cs.CY": "Computers and Society",
        "math.OC": "Optimization and Control", "cs.DS": "Data Structures and Algorithms", "cs.IT": "Information Theory",
    ]

    /// Each code's name, primary first, each once.
    static func names(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.map { table[$0.trimmingWhitespace()] ?? $0.trimmingWhitespace() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
