/// Files in `Content/runs/`: one run record, or an array of them.
///
///     {"date": "2026-11-20T16:00:00Z", "source": "arxiv cs.LG", "total": 412, "scanned": 260,
///      "selected": 24, "model": "gpt-4o-mini", "promptTokens": 35120, "completionTokens": 2210, "cost": 0.12}
enum RunFileDecoder {
    static func decode(_ file: SourceFile, timeZone: SiteTimeZone) -> (runs: [Run], diagnostics: [Diagnostic]) {
        guard let json = PaperFileDecoder.parse(file) else { return ([], [PaperFileDecoder.parseDiagnostic(file)!]) }
        let list: [JSON]
        switch json.value {
        case .array(let elements): list = elements
        case .object: list = [json]
        default:
            return ([], PaperFileDecoder.shapeProblem(json, in: file, expected: "a run record (an object) or an array of them"))
        }
        var runs: [Run] = []
        var diagnostics: [Diagnostic] = []
        for (index, element) in list.enumerated() {
            var reader = FieldReader(file: file, object: element, record: .init(number: index + 1, id: nil))
            guard case .object = element.value else {
                reader.fail(at: element.offset, field: nil, "expected a run record (an object), found \(element.kindDescription)")
                diagnostics += reader.diagnostics
                continue
            }
            var time: Timestamp?
            if let text = reader.string("date", required: true, singleLine: true) {
                time = Timestamp(rfc3339: text)
                if time == nil {
                    reader.fail(at: element["date"]!.value.offset, field: "date", "expected an RFC 3339 timestamp (2026-11-20T16:00:00Z), found \"\(text.prefix(40))\"")
                }
            }
            let counts = 0...Int(Int32.max)
            let source = reader.string("source", singleLine: true)
            let total = reader.integer("total", in: counts)
            let scanned = reader.integer("scanned", in: counts)
            let selected = reader.integer("selected", in: counts)
            let model = reader.string("model", singleLine: true)
            let promptTokens = reader.integer("promptTokens", in: counts)
            let completionTokens = reader.integer("completionTokens", in: counts)
            var cost: Double?
            if let value = reader.value("cost", required: false) {
                if case .number(let number) = value.value, number >= 0 {
                    cost = number
                } else {
                    reader.fail(at: value.offset, field: "cost", "expected a number of at least 0, found \(value.kindDescription)")
                }
            }
            var currency = "USD"
            if let code = reader.string("currency", singleLine: true) {
                if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                    currency = code
                } else {
                    reader.fail(at: element["currency"]!.value.offset, field: "currency", "expected a three-letter currency code such as \"USD\", found \"\(code.prefix(20))\"")
                }
            }
            diagnostics += reader.diagnostics
            guard let time, reader.diagnostics.isEmpty else { continue }
            runs.append(Run(
                time: time, day: timeZone.day(of: time), source: source, total: total, scanned: scanned, selected: selected,
                model: model, promptTokens: promptTokens, completionTokens: completionTokens, cost: cost, currency: currency))
        }
        return (runs, PaperFileDecoder.located(diagnostics, in: file))
    }
}

/// Files in `Content/pages/`: Markdown pages; a first line `# Title` gives the title.
enum PageFileDecoder {
    /// Names the site already uses for its own folders.
    static let reserved: Set<String> = ["days", "topics", "papers", "archive", "feeds", "search", "assets", "week", "month"]

    static func decode(_ file: SourceFile, name: String) -> (SitePage?, [Diagnostic]) {
        if let offset = file.firstInvalidUTF8Offset() {
            let (line, column) = file.lineColumn(of: offset)
            return (nil, [Diagnostic(
                file: file.path, line: line, column: column,
                message: "invalid UTF-8 at byte offset \(offset) (byte 0x\(String(file.bytes[offset], radix: 16, uppercase: true))); save the file as UTF-8")])
        }
        let slug = Slug.make(name, fallbackPrefix: "page")
        guard !reserved.contains(slug) else {
            return (nil, [Diagnostic(file: file.path, message: "a page cannot be called \"\(slug)\": the site uses that folder itself; rename the file")])
        }
        var text = TextCleaning.clean(String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"), singleLine: false)
        var title = name
        if text.hasPrefix("# ") {
            let end = text.firstIndex(of: "\n") ?? text.endIndex
            title = TextCleaning.clean(String(text[text.index(text.startIndex, offsetBy: 2)..<end]), singleLine: true)
            text = String(text[end...])
        }
        return (SitePage(name: slug, title: title.isEmpty ? name : title, markdown: text, file: file.path), [])
    }
}
