import Testing
@testable import DigestKit

/// Merging collections of the same paper, and arranging papers into days, the window, the archive and topics.
@Suite struct DigestBuilderTests {
    private func config(historyDays: Int = 7, topics: [String] = []) -> SiteConfig {
        var config = SiteConfig(title: "T", baseURL: BaseURL("https://example.org/d/")!)
        config.historyDays = historyDays
        config.topics = topics
        return config
    }

    /// Records from inline files, decoded the way a build decodes them (file order = array order).
    private func records(_ files: [String]) -> [Paper] {
        files.enumerated().flatMap { index, text in
            let result = PaperFileDecoder.decode(SourceFile(path: "f\(index).json", text: text), fileIndex: index, timeZone: .utc)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            return result.records
        }
    }

    private func paper(_ id: String, _ day: String, topics: [String] = [], extra: String = "") -> String {
        let topicList = topics.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"id": "\#(id)", "title": "Paper \#(id)", "authors": ["A"], "date": "\#(day)", "topics": [\#(topicList)]\#(extra)}"#
    }

    @Test func aPaperCollectedAgainKeepsItsFirstDayAndTakesLaterFields() throws {
        let all = records([
            "[\(paper("2611.00001", "2026-11-18", topics: ["Theory"], extra: #", "upvotes": 3, "organization": "Lab""#))]",
            "[\(paper("2611.00001v2", "2026-11-19", topics: ["Robotics"], extra: #", "upvotes": 9"#))]",
        ])
        let digest = DigestBuilder.build(config: config(), records: all, today: nil)
        #expect(digest.papers.count == 1)
        let merged = try #require(digest.papers.first)
        #expect(merged.day.description == "2026-11-18")
        #expect(merged.id.description == "2611.00001v2")
        #expect(merged.upvotes == 9)
        #expect(merged.organization == "Lab")  // kept: the later record did not say
        #expect(merged.topics == ["Robotics"])
        #expect(merged.slug == "2611.00001")
        #expect(digest.days.map(\.day.description) == ["2026-11-18"])
    }

    @Test func sameDayCollectionsAreOrderedByFilePath() throws {
        let all = records([
            "[\(paper("2611.00002", "2026-11-19T08:00:00Z", extra: #", "upvotes": 1"#))]",
            "[\(paper("2611.00002", "2026-11-19T16:00:00Z", extra: #", "upvotes": 5"#))]",
        ])
        let merged = try #require(DigestBuilder.build(config: config(), records: all, today: nil).papers.first)
        #expect(merged.upvotes == 5)
        #expect(merged.collectedAt?.rfc3339 == "2026-11-19T08:00:00Z")
    }

    @Test func aLowerVersionNeverReplacesAHigherOne() throws {
        let all = records([
            "[\(paper("2611.00003v3", "2026-11-18", extra: #", "upvotes": 30"#))]",
            "[\(paper("2611.00003v2", "2026-11-19", extra: #", "upvotes": 20"#))]",
        ])
        let merged = try #require(DigestBuilder.build(config: config(), records: all, today: nil).papers.first)
        #expect(merged.id.version == 3)
        #expect(merged.upvotes == 30)
    }

    @Test func differentPapersWithTheSameTitleAreNotMerged() {
        let all = records(["[\(paper("a1", "2026-11-19")), \(paper("b1", "2026-11-19"))]".replacingOccurrences(of: "Paper b1", with: "Paper a1")])
        #expect(DigestBuilder.build(config: config(), records: all, today: nil).papers.count == 2)
    }

    @Test func theWindowHoldsTheLastHistoryDaysAndTheArchiveTheRest() {
        let days = ["2026-11-01", "2026-11-10", "2026-11-14", "2026-11-15", "2026-11-19", "2026-11-20", "2026-11-25"]
        let all = records(["[" + days.enumerated().map { paper("p\($0)", $1) }.joined(separator: ",") + "]"])
        let digest = DigestBuilder.build(config: config(historyDays: 7), records: all, today: CalendarDay("2026-11-20"))
        #expect(digest.today?.description == "2026-11-20")
        #expect(digest.window.map(\.day.description) == ["2026-11-20", "2026-11-19", "2026-11-15", "2026-11-14"])
        #expect(digest.archive.map(\.day.description) == ["2026-11-10", "2026-11-01"])
        #expect(digest.unpublishedCount == 1)
        #expect(!digest.papers.contains { $0.day.description == "2026-11-25" })
    }

    @Test func todayDefaultsToTheNewestDay() {
        let all = records(["[\(paper("a", "2026-11-18")), \(paper("b", "2026-11-20"))]"])
        #expect(DigestBuilder.build(config: config(), records: all, today: nil).today?.description == "2026-11-20")
        #expect(DigestBuilder.build(config: config(), records: [], today: nil).today == nil)
    }

    @Test func papersAreGroupedByPrimaryTopicInTheConfiguredOrder() {
        let all = records([
            "[" + [
                paper("1", "2026-11-20", topics: ["Vision"]),
                paper("2", "2026-11-20", topics: ["Audio", "Vision"]),
                paper("3", "2026-11-20"),
                paper("4", "2026-11-20", topics: ["Theory"]),
                paper("5", "2026-11-20", topics: ["vision"]),
            ].joined(separator: ",") + "]"
        ])
        let digest = DigestBuilder.build(config: config(topics: ["Theory", "Vision"]), records: all, today: nil)
        let sections = digest.window[0].sections
        #expect(sections.map(\.topic.name) == ["Theory", "Vision", "Audio", "Other"])
        #expect(sections[1].papers.map(\.id.base) == ["1", "5"])
        #expect(digest.topics.map(\.topic.name) == ["Theory", "Vision", "Audio", "Other"])
        // A topic page lists every paper carrying the topic, primary or not.
        #expect(digest.topics[1].papers.map(\.id.base) == ["1", "2", "5"])
    }

    @Test func idsThatWouldShareAFolderGetDistinctSlugs() {
        let all = records(["[\(paper("a/b", "2026-11-20")), \(paper("a-b", "2026-11-20")), \(paper("A-B", "2026-11-20"))]"])
        let slugs = DigestBuilder.build(config: config(), records: all, today: nil).papers.map(\.slug)
        #expect(Set(slugs).count == 3)
        #expect(slugs.contains("a-b"))  // the id already in slug form keeps the plain permalink
    }

    @Test func arXivIDsGetAbstractAndPDFLinks() throws {
        let all = records(["[\(paper("2611.00009v4", "2026-11-20")), \(paper("custom-7", "2026-11-20"))]"])
        let papers = DigestBuilder.build(config: config(), records: all, today: nil).papers
        let arxiv = try #require(papers.first { $0.id.base == "2611.00009" })
        #expect(arxiv.links.arxiv == "https://arxiv.org/abs/2611.00009")
        #expect(arxiv.links.pdf == "https://arxiv.org/pdf/2611.00009")
        #expect(papers.first { $0.id.base == "custom-7" }?.links.arxiv == nil)
    }
}
