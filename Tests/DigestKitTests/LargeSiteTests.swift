import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Pages that list many papers stay bounded as a site grows: the archive is a page per
/// month, a topic page shows at most 100 cards, the search index and sitemap come in months.
@Suite struct LargeSiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `perDay` papers a day, all on one topic, from `first` for `days` days.
    static func plan(days: Int, perDay: Int, first: String = "2026-10-28") throws -> SitePlan {
        let start = try #require(CalendarDay(first))
        var records: [String] = []
        for offset in 0..<days {
            let day = start.adding(days: offset)
            for index in 0..<perDay {
                let summary = "## Summary\\n\\n" + String(repeating: "A sentence about the method. ", count: 20)
                records.append(
                    #"{"id": "26\#(String(format: "%02d", offset)).\#(String(format: "%05d", index))", "title": "Paper \#(index) of \#(day)", "#
                        + #""authors": ["Ada Berg"], "date": "\#(day)", "topics": ["Robotics"], "summary": "\#(summary)", "highlights": ["A point."]}"#)
            }
        }
        let json = "[" + records.joined(separator: ",\n") + "]"
        let loaded = PaperFileDecoder.decode(SourceFile(path: "p.json", text: json), fileIndex: 0, timeZone: .utc)
        #expect(loaded.diagnostics.isEmpty)
        let config = SiteConfig(title: "Big", baseURL: BaseURL("https://example.org/")!)
        let digest = DigestBuilder.build(config: config, records: loaded.records, today: nil)
        let layouts = try FolderReader.readLayouts(Self.root.appendingPathComponent("Layouts").path)
        return SitePlan(digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts"))
    }

    static func page(_ plan: SitePlan, _ path: String) throws -> XMLDocument {
        let entry = try #require(plan.entries.first { $0.path == path }, "no \(path)")
        return try XMLDocument.html(plan.render(entry).bytes)
    }

    @Test func aBusyTopicShowsItsNewestHundredPapersAsCardsAndListsMore() throws {
        let plan = try Self.plan(days: 7, perDay: 40)
        let topic = try Self.page(plan, "topics/robotics/index.html")
        let cards = topic.nodes("//article[contains(@class,'card')]")
        #expect(cards.count == TopicPages.cardLimit)
        #expect(topic.nodes("//details[@class='more']").isEmpty)  // no summaries: the title leads to the paper
        #expect(cards.first?.nodes(".//h3/a").first?.text == "Paper 0 of 2026-11-03")
        let listed = topic.nodes("//section[@class='older']//li")
        #expect(listed.count == TopicPages.olderListLimit)
        #expect(topic.nodes("//section[@class='older']/p").first?.text.hasPrefix("180 papers more") == true)
    }

    @Test func theArchiveIsAPagePerMonthLinkedBothWays() throws {
        let plan = try Self.plan(days: 10, perDay: 3)  // 28 October to 6 November
        let index = try Self.page(plan, "archive/index.html")
        #expect(index.nodes("//ul[@class='archive-months']/li").compactMap { $0["id"] } == ["month-2026-11", "month-2026-10"])
        let november = try Self.page(plan, "archive/2026-11/index.html")
        #expect(november.nodes("//section[@class='archive-day']").count == 6)
        #expect(november.nodes("//a[@rel='next']").first?["href"] == "../../archive/2026-10/")
        #expect(november.nodes("//a[@rel='prev']").isEmpty)
        let october = try Self.page(plan, "archive/2026-10/index.html")
        #expect(october.nodes("//section[@class='archive-day']//li").count == 12)
        #expect(october.nodes("//a[@rel='prev']").first?["href"] == "../../archive/2026-11/")
        // A paper older than the window points at its day in its month's page.
        let paper = try Self.page(plan, "papers/2600.00000/index.html")
        #expect(paper.nodes("//p[@class='kicker']/a").first?["href"] == "../../archive/2026-10/#day-2026-10-28")
        #expect(october.nodes("//section[@id='day-2026-10-28']").count == 1)
    }

    @Test func sitemapsComeOnePerMonthAndTheSearchIndexInTwoTiers() throws {
        let plan = try Self.plan(days: 10, perDay: 3)
        let paths = Set(plan.entries.map(\.path))
        for month in ["2026-10", "2026-11"] {
            #expect(paths.contains("sitemaps/papers-\(month).xml"))
        }
        let manifestEntry = try #require(plan.entries.first { $0.path == "search/index.json" })
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(plan.render(manifestEntry).bytes)) as? [String: Any])
        let tiers = try #require(manifest["tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["count"] as? Int } == [12, 18])
        #expect(paths.filter { $0.hasPrefix("search/d/") }.count == 2)  // 30 papers, 16 a group
    }
}
