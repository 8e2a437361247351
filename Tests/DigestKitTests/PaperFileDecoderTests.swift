import Testing
@testable import DigestKit

/// Decoding paper files: both file shapes, every field rule, and the messages for bad input.
@Suite struct PaperFileDecoderTests {
    private func decode(_ text: String, timeZone: SiteTimeZone = .utc) -> (records: [Paper], diagnostics: [Diagnostic]) {
        PaperFileDecoder.decode(SourceFile(path: "Content/papers/day.json", text: text), fileIndex: 0, timeZone: timeZone)
    }

    private let complete = """
        {"id": "2611.01234v2", "title": "  A   Study\\nof Things ", "authors": ["Zoë Lindqvist", "Bo Li"],
         "date": "2026-11-20", "topics": ["Language Models", "language models", "Theory"],
         "highlights": ["One **point**", "Two"], "summary": "## Summary\\n\\nText.", "abstract": "Plain.",
         "published": "2026-11-18T17:59:12Z", "links": {"code": "https://example.org/code", "other": 1},
         "upvotes": 12, "organization": "Lab", "relevance": 8, "novelty": 6, "comment": "Fits.", "extra": [1, 2]}
        """

    @Test func decodesEveryFieldOfAnArrayFile() throws {
        let (records, diagnostics) = decode("[\(complete)]")
        #expect(diagnostics.isEmpty)
        let record = try #require(records.first)
        #expect(record.id.base == "2611.01234")
        #expect(record.id.version == 2)
        #expect(record.title == "A Study of Things")
        #expect(record.authors == ["Zoë Lindqvist", "Bo Li"])
        #expect(record.day.description == "2026-11-20")
        #expect(record.topics == ["Language Models", "Theory"])
        #expect(record.highlights == ["One **point**", "Two"])
        #expect(record.published?.rfc3339 == "2026-11-18T17:59:12Z")
        #expect(record.links.code == "https://example.org/code")
        #expect(record.upvotes == 12)
        #expect(record.relevance == 8)
        #expect(record.novelty == 6)
        #expect(record.comment == "Fits.")
    }

    /// JSON Lines: a record a line, blank lines skipped, and each problem at the file's line
    /// and the column in it, with the record numbered by its line.
    @Test func jsonLinesFilesHaveARecordALine() throws {
        let text = """
            {"id": "2611.00001", "title": "First", "authors": ["Ada"], "date": "2026-11-20", "language": "zh-CN"}

            {"id": "2611.00002", "title": "Second", "authors": ["Bo"], "date": "2026-11-20"}
            {"id": "2611.00003", "title": "Third", "authors": "Cy", "date": "2026-11-20"}
            {"id": "2611.00004", "title": "Fourth", "authors": [], "date": "2026-11-20",}
            """
        let (records, diagnostics) = PaperFileDecoder.decode(SourceFile(path: "Content/papers/day.jsonl", text: text), fileIndex: 0, timeZone: .utc)
        #expect(records.map(\.id.base) == ["2611.00001", "2611.00002"])
        #expect(records.first?.language == "zh-CN")
        #expect(records.first?.origin.recordIndex == 0)
        #expect(records.last?.origin.recordIndex == 2)
        let messages = diagnostics.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("Content/papers/day.jsonl:4:51: error: record 4 (2611.00003), field \"authors\":") == true, "\(messages)")
        #expect(messages.last?.hasPrefix("Content/papers/day.jsonl:5:") == true, "\(messages)")
        #expect(messages.last?.contains("malformed JSON") == true, "\(messages)")
    }

    @Test func objectFilesGiveTheirDateToRecords() throws {
        let (records, diagnostics) = decode("""
            {"date": "2026-11-19", "papers": [
              {"id": "1", "title": "A", "authors": []},
              {"id": "2", "title": "B", "authors": [], "date": "2026-11-20T23:30:00-08:00"}
            ]}
            """)
        #expect(diagnostics.isEmpty)
        #expect(records.map(\.day.description) == ["2026-11-19", "2026-11-21"])
        #expect(records[0].collectedAt == nil)
        #expect(records[1].collectedAt?.rfc3339 == "2026-11-21T07:30:00Z")
    }

    @Test func timestampDatesUseTheSiteTimeZone() throws {
        let tokyo = try #require(SiteTimeZone(identifier: "Asia/Tokyo"))
        let text = #"[{"id": "1", "title": "A", "authors": [], "date": "2026-11-20T16:00:00Z"}]"#
        #expect(decode(text).records.first?.day.description == "2026-11-20")
        #expect(decode(text, timeZone: tokyo).records.first?.day.description == "2026-11-21")
    }

    @Test func missingRequiredFieldsNameRecordAndField() {
        let (records, diagnostics) = decode("""
            [
              {"id": "2611.00001", "title": "Fine", "authors": [], "date": "2026-11-20"},
              {"id": "2611.00002", "authors": [], "date": "2026-11-20"}
            ]
            """)
        #expect(records.count == 1)
        #expect(diagnostics.count == 1)
        let problem = diagnostics[0]
        #expect(problem.record == .init(number: 2, id: "2611.00002"))
        #expect(problem.field == "title")
        #expect(problem.line == 3)
        #expect(problem.description.hasPrefix("Content/papers/day.json:3:3: error: record 2 (2611.00002), field \"title\": is required"))
    }

    @Test func wrongTypesAreReportedAtTheValue() {
        let (_, diagnostics) = decode("""
            [{"id": "x", "title": "T", "date": "2026-11-20",
              "authors": ["A", 7], "upvotes": "many", "relevance": 11, "novelty": 2.5, "topics": "LLM"}]
            """)
        let byField = Dictionary(grouping: diagnostics, by: { $0.field ?? "" })
        #expect(byField["authors[1]"]?.first?.message == "expected a string, found a number")
        #expect(byField["authors[1]"]?.first?.column == 20)
        #expect(byField["upvotes"]?.first?.message == "expected a whole number, found a string")
        #expect(byField["relevance"]?.first?.message.contains("between 1 and 10") == true)
        #expect(byField["novelty"]?.first?.message.contains("whole number") == true)
        #expect(byField["topics"]?.first?.message.contains("array of strings") == true)
        #expect(diagnostics.count == 5)
    }

    @Test func nullIsAbsentForOptionalFieldsAndAnErrorForRequiredOnes() {
        let (records, diagnostics) = decode("""
            [{"id": "x", "title": null, "authors": [], "date": "2026-11-20", "summary": null, "upvotes": null}]
            """)
        #expect(records.isEmpty)
        #expect(diagnostics.map(\.field) == ["title"])
        #expect(diagnostics.first?.message == "is required but is null")
    }

    @Test func impossibleAndImplausibleDatesAreErrors() {
        let impossible = decode(#"[{"id": "x", "title": "T", "authors": [], "date": "2025-02-30"}]"#).diagnostics
        #expect(impossible.first?.message == "\"2025-02-30\" is not a valid calendar date")
        let garbled = decode(#"[{"id": "x", "title": "T", "authors": [], "date": "yesterday"}]"#).diagnostics
        #expect(garbled.first?.message.contains("expected a date (YYYY-MM-DD)") == true)
        let ancient = decode(#"[{"id": "x", "title": "T", "authors": [], "date": "1985-01-01"}]"#).diagnostics
        #expect(ancient.first?.message.contains("outside the supported range") == true)
        let missing = decode(#"[{"id": "x", "title": "T", "authors": []}]"#).diagnostics
        #expect(missing.first?.field == "date")
    }

    @Test func unsafeLinkURLsAreRejected() {
        let (_, diagnostics) = decode("""
            [{"id": "x", "title": "T", "authors": [], "date": "2026-11-20",
              "links": {"code": "javascript:alert(1)", "project": "ftp://example.org", "pdf": "https://ok.example/x.pdf"}}]
            """)
        #expect(diagnostics.map(\.field) == ["links.code", "links.project"])
    }

    @Test func emptyIDTitleAndTopicNamesAreErrors() {
        let (_, diagnostics) = decode("""
            [{"id": "  ", "title": "", "authors": [""], "date": "2026-11-20", "topics": [" "]}]
            """)
        #expect(Set(diagnostics.compactMap(\.field)) == ["id", "title", "authors[0]", "topics[0]"])
    }

    @Test func controlCharactersAreRemovedFromText() throws {
        let (records, _) = decode(#"[{"id": "x", "title": "Bad\u0000\u0007 title\u0085", "authors": [], "date": "2026-11-20", "summary": "a\r\nb\u000c"}]"#)
        let record = try #require(records.first)
        #expect(record.title == "Bad title")
        #expect(record.summary == "a\nb")
    }

    @Test func malformedJSONNamesPositionAndExpectation() {
        let (records, diagnostics) = decode("[\n  {\"id\": \"x\",\n   \"title\" \"T\"}\n]")
        #expect(records.isEmpty)
        #expect(diagnostics.first?.description == "Content/papers/day.json:3:12: error: malformed JSON: expected ':' after the key \"title\", found '\"'")
    }

    @Test func invalidUTF8ReportsTheByteOffset() {
        let bytes = Array(#"[{"id": "x", "title": "Caf"#.utf8) + [0xE9] + Array(#"", "authors": []}]"#.utf8)
        let (_, diagnostics) = PaperFileDecoder.decode(SourceFile(path: "p.json", bytes: bytes), fileIndex: 0, timeZone: .utc)
        #expect(diagnostics.first?.message.hasPrefix("invalid UTF-8 at byte offset 26") == true)
        #expect(diagnostics.first?.column == 27)
    }

    @Test func aFileOfTheWrongShapeSaysWhatIsExpected() {
        #expect(decode("42").diagnostics.first?.message.contains("an array of paper records") == true)
        #expect(decode(#"{"date": "2026-11-20"}"#).diagnostics.first?.field == "papers")
        #expect(decode(#"["not a record"]"#).diagnostics.first?.message == "expected a paper record (an object), found a string")
    }
}
