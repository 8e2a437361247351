/// Turns one file of `Content/papers/` into paper records, reporting every problem in it.
///
/// A file is either a JSON array of records, or `{"date": "YYYY-MM-DD", "papers": [...]}`
/// whose date is the default for its records. Pure: bytes in, records and diagnostics out.
enum PaperFileDecoder {
    static func decode(_ file: SourceFile, fileIndex: Int, timeZone: SiteTimeZone) -> (records: [Paper], diagnostics: [Diagnostic]) {
        if file.path.hasSuffix(".jsonl") { return decodeLines(file, fileIndex: fileIndex, timeZone: timeZone) }
        return decodeKeepingJSON(file, fileIndex: fileIndex, timeZone: timeZone).decoded
    }

    /// A JSON Lines file: one record a line, blank lines skipped. Each line is parsed on its
    /// own, so its problems name the file's line and the column in it; the record number is
    /// the line's.
    private static func decodeLines(_ file: SourceFile, fileIndex: Int, timeZone: SiteTimeZone) -> (records: [Paper], diagnostics: [Diagnostic]) {
        var records: [Paper] = []
        var diagnostics: [Diagnostic] = []
        var lineStart = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 0
        let bytes = file.bytes
        while lineStart < bytes.count, diagnostics.count < maxDiagnosticsPerFile {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = SourceFile(path: file.path, bytes: Array(bytes[lineStart..<lineEnd]))
            lineStart = lineEnd + 1
            guard line.bytes.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            let onLine = { (found: [Diagnostic]) in
                found.map { diagnostic in
                    var diagnostic = diagnostic
                    if diagnostic.line != nil { diagnostic.line = lineNumber }
                    return diagnostic
                }
            }
            guard let json = parse(line) else {
                diagnostics += onLine([parseDiagnostic(line)!])
                continue
            }
            let origin = RecordOrigin(fileIndex: fileIndex, recordIndex: lineNumber - 1, file: file.path)
            let (record, problems) = decodeRecord(json, origin: origin, file: line, defaultDay: nil, timeZone: timeZone)
            diagnostics += onLine(located(problems, in: line))
            if let record { records.append(record) }
        }
        return (records, diagnostics)
    }

    /// `decode`, and the parsed file (nil when it does not parse) for a caller that edits it.
    static func decodeKeepingJSON(
        _ file: SourceFile, fileIndex: Int, timeZone: SiteTimeZone
    ) -> (decoded: (records: [Paper], diagnostics: [Diagnostic]), json: JSON?) {
        guard let json = parse(file) else { return (([], [parseDiagnostic(file)!]), nil) }
        let (records, diagnostics) = decode(json, file: file, fileIndex: fileIndex, timeZone: timeZone)
        return ((records, located(diagnostics, in: file)), json)
    }

    /// More problems than this in one file are counted, not listed: a broken collector can
    /// produce millions, and the first hundred say what is wrong.
    static let maxDiagnosticsPerFile = 100

    /// The first problems of a file with their lines and columns, found in one pass.
    /// The diagnostic for a file whose top-level value is not what its format wants.
    static func shapeProblem(_ json: JSON, in file: SourceFile, expected: String) -> [Diagnostic] {
        var reader = FieldReader(file: file, object: json)
        reader.fail(at: json.offset, field: nil, "expected \(expected), found \(json.kindDescription)")
        return located(reader.diagnostics, in: file)
    }

    static func located(_ diagnostics: [Diagnostic], in file: SourceFile) -> [Diagnostic] {
        var shown = Array(diagnostics.prefix(maxDiagnosticsPerFile))
        let positions = file.lineColumns(of: shown.compactMap(\.offset))
        for index in shown.indices {
            guard let offset = shown[index].offset, let position = positions[offset] else { continue }
            shown[index].line = position.line
            shown[index].column = position.column
            shown[index].offset = nil
        }
        if diagnostics.count > shown.count {
            let errors = diagnostics.dropFirst(shown.count).filter { $0.severity == .error }.count
            shown.append(Diagnostic(.note, file: file.path, message: "\(errors) more errors in this file are not shown"))
        }
        return shown
    }

    private static func decode(_ json: JSON, file: SourceFile, fileIndex: Int, timeZone: SiteTimeZone) -> (records: [Paper], diagnostics: [Diagnostic]) {

        var defaultDay: DayValue?
        let list: [JSON]
        var fileReader = FieldReader(file: file, object: json)
        switch json.value {
        case .array(let elements):
            list = elements
        case .object:
            if let date = fileReader.value("date", required: false) {
                defaultDay = readDay(date, field: "date", reader: &fileReader, timeZone: timeZone)
            }
            guard let papers = fileReader.value("papers", required: true) else { return ([], fileReader.diagnostics) }
            guard case .array(let elements) = papers.value else {
                fileReader.fail(at: papers.offset, field: "papers", "expected an array of paper records, found \(papers.kindDescription)")
                return ([], fileReader.diagnostics)
            }
            list = elements
        default:
            fileReader.fail(at: json.offset, field: nil, "expected an array of paper records or an object with \"papers\", found \(json.kindDescription)")
            return ([], fileReader.diagnostics)
        }

        var records: [Paper] = []
        records.reserveCapacity(list.count)
        var diagnostics = fileReader.diagnostics
        for (index, element) in list.enumerated() {
            let origin = RecordOrigin(fileIndex: fileIndex, recordIndex: index, file: file.path)
            let (record, problems) = decodeRecord(element, origin: origin, file: file, defaultDay: defaultDay, timeZone: timeZone)
            diagnostics += problems
            if let record { records.append(record) }
        }
        return (records, diagnostics)
    }

    /// Parses the file, or returns nil when it is not valid UTF-8 JSON (see `parseDiagnostic`).
    static func parse(_ file: SourceFile) -> JSON? {
        guard file.firstInvalidUTF8Offset() == nil else { return nil }
        return try? JSONParser.parse(file.bytes)
    }

    /// Why `parse` failed, with the byte's position.
    static func parseDiagnostic(_ file: SourceFile) -> Diagnostic? {
        if let offset = file.firstInvalidUTF8Offset() {
            let (line, column) = file.lineColumn(of: offset)
            return Diagnostic(
                file: file.path, line: line, column: column,
                message: "invalid UTF-8 at byte offset \(offset) (byte 0x\(String(file.bytes[offset], radix: 16, uppercase: true))); save the file as UTF-8")
        }
        do {
            _ = try JSONParser.parse(file.bytes)
            return nil
        } catch {
            let (line, column) = file.lineColumn(of: error.offset)
            return Diagnostic(file: file.path, line: line, column: column, message: "malformed JSON: \(error.message)")
        }
    }

    // MARK: Records

    private static func decodeRecord(
        _ json: JSON, origin: RecordOrigin, file: SourceFile, defaultDay: DayValue?, timeZone: SiteTimeZone
    ) -> (Paper?, [Diagnostic]) {
        let number = origin.recordIndex + 1
        guard case .object = json.value else {
            var reader = FieldReader(file: file, object: json, record: .init(number: number, id: nil))
            reader.fail(at: json.offset, field: nil, "expected a paper record (an object), found \(json.kindDescription)")
            return (nil, reader.diagnostics)
        }
        // Read the id first so every later message can name the record.
        var reader = FieldReader(file: file, object: json, record: .init(number: number, id: nil))
        let rawID = reader.string("id", required: true, singleLine: true)
        if let rawID {
            reader.record = .init(number: number, id: rawID)
            if rawID.contains(where: \.isWhitespace) {
                reader.fail(at: json["id"]!.value.offset, field: "id", "must not contain spaces")
            }
        }
        // arXiv metadata writes accents as TeX (`Wollschl\"ager`); show the letters everywhere.
        let title = reader.string("title", required: true, singleLine: true).map(TeXAccents.decode)
        let authors = reader.stringArray("authors", required: true)?.map(TeXAccents.decode)

        var day = defaultDay
        if let date = reader.value("date", required: defaultDay == nil) {
            day = readDay(date, field: "date", reader: &reader, timeZone: timeZone)
        }

        let topics = reader.stringArray("topics").map(uniqueTopics) ?? []
        let highlights = reader.stringArray("highlights", singleLine: false) ?? []
        let summary = reader.string("summary")
        let abstract = reader.string("abstract").map(TeXAccents.decode)
        var published: Timestamp?
        if let value = reader.value("published", required: false) {
            published = readTimestamp(value, field: "published", reader: &reader)
        }
        var links = PaperLinks()
        if var linkReader = reader.nested("links") {
            links = PaperLinks(
                arxiv: linkReader.url("arxiv"), pdf: linkReader.url("pdf"),
                code: linkReader.url("code"), project: linkReader.url("project"))
            reader.diagnostics += linkReader.diagnostics
        }
        links.codeStars = reader.integer("codeStars", in: 0...Int(Int32.max))
        // No code link, but the abstract names a repository (`\url{https://github.com/…}`,
        // "Code: https://…"): that is the code.
        if links.code == nil, let abstract { links.code = CodeLink.find(in: abstract) }
        let upvotes = reader.integer("upvotes", in: 0...Int(Int32.max))
        let organization = reader.string("organization", singleLine: true).map(TeXAccents.decode)
        let relevance = reader.integer("relevance", in: 1...10)
        let novelty = reader.integer("novelty", in: 1...10)
        let comment = reader.string("comment")
        let language = reader.string("language", singleLine: true)
        if let language, !SiteConfigDecoder.isLanguageTag(language) {
            reader.fail(at: json["language"]!.value.offset, field: "language", "must be a language tag such as \"en\" or \"zh-CN\", found \"\(language.prefix(40))\"")
        }

        guard reader.diagnostics.isEmpty, let rawID, let title, let authors, let day else {
            return (nil, reader.diagnostics)
        }
        // Slugs are given after merging, when every id is known.
        let record = Paper(.init(
            id: PaperID(rawID), title: title, authors: authors, day: day.day, collectedAt: day.timestamp,
            topics: topics, highlights: highlights, summary: summary, abstract: abstract, published: published,
            links: links, upvotes: upvotes, organization: organization, relevance: relevance, novelty: novelty,
            comment: comment, language: language, origin: origin, slug: ""))
        return (record, [])
    }

    /// Topic names once each, compared without case (`NLP` and `nlp` are one topic).
    private static func uniqueTopics(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    // MARK: Dates

    struct DayValue {
        var day: CalendarDay
        var timestamp: Timestamp?
    }

    /// A digest day: `YYYY-MM-DD`, or an RFC 3339 timestamp turned into a day in the site's zone.
    private static func readDay(_ json: JSON, field: String, reader: inout FieldReader, timeZone: SiteTimeZone) -> DayValue? {
        guard case .string(let text) = json.value else {
            reader.fail(at: json.offset, field: field, "expected a date (YYYY-MM-DD) or an RFC 3339 timestamp, found \(json.kindDescription)")
            return nil
        }
        var value: DayValue
        if let day = CalendarDay(text) {
            value = DayValue(day: day, timestamp: nil)
        } else if let timestamp = Timestamp(rfc3339: text) {
            value = DayValue(day: timeZone.day(of: timestamp), timestamp: timestamp)
        } else {
            reader.fail(at: json.offset, field: field, dateProblem(text))
            return nil
        }
        guard CalendarDay.supported.contains(value.day) else {
            reader.fail(at: json.offset, field: field, "\(value.day) is outside the supported range 1991-01-01 to 2199-12-31")
            return nil
        }
        return value
    }

    private static func readTimestamp(_ json: JSON, field: String, reader: inout FieldReader) -> Timestamp? {
        guard case .string(let text) = json.value else {
            reader.fail(at: json.offset, field: field, "expected an RFC 3339 timestamp, found \(json.kindDescription)")
            return nil
        }
        if let timestamp = Timestamp(rfc3339: text) { return timestamp }
        // A bare day is accepted as midnight UTC: collectors often know no more.
        if let day = CalendarDay(text) { return Timestamp(secondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400) }
        reader.fail(at: json.offset, field: field, dateProblem(text))
        return nil
    }

    private static func dateProblem(_ text: String) -> String {
        let shown = "\"\(text.prefix(40))\""
        let prefix = text.prefix(10)
        if prefix.count == 10, prefix.enumerated().allSatisfy({ index, char in index == 4 || index == 7 ? char == "-" : char.isASCII && char.isNumber }),
            CalendarDay(prefix) == nil
        {
            return "\(shown) is not a valid calendar date"
        }
        return "expected a date (YYYY-MM-DD) or an RFC 3339 timestamp (2026-11-20T08:00:00Z), found \(shown)"
    }
}
