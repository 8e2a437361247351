import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Collector runs, Markdown pages, sort orders and the week's best.
@Suite struct RunsPagesOrderingTests {
    private func runs(_ json: String, timeZone: SiteTimeZone = .utc) -> ([Run], [Diagnostic]) {
        RunFileDecoder.decode(SourceFile(path: "Content/runs/r.json", text: json), timeZone: timeZone)
    }

    @Test func runsOfADayAddUp() throws {
        let (decoded, problems) = runs("""
            [{"date": "2026-11-20T00:00:00Z", "source": "arxiv cs.LG", "total": 400, "scanned": 250, "selected": 20,
              "promptTokens": 30000, "completionTokens": 2000, "cost": 0.12},
             {"date": "2026-11-20T08:00:00Z", "source": "arxiv cs.CL", "total": 395, "scanned": 245, "selected": 30,
              "promptTokens": 35000, "completionTokens": 2705, "cost": 0.15},
             {"date": "2026-11-20T16:00:00Z", "source": "arxiv cs.CV", "total": 400, "scanned": 250, "selected": 26,
              "promptTokens": 35000, "completionTokens": 2000, "cost": 0.10}]
            """)
        #expect(problems.isEmpty)
        let stats = DayStats(runs: decoded)
        #expect(stats.total == 1195)
        #expect(stats.scanned == 745)
        #expect(stats.selected == 76)
        #expect(stats.tokens == 106_705)
        #expect(stats.lastRun?.rfc3339 == "2026-11-20T16:00:00Z")
        let view = RunsView.context(stats, timeZone: .utc, text: .english)
        #expect(view["line"] as? String == "1,195 on arXiv · 745 scanned · 76 selected · 3 runs · 106,705 tokens · $0.37")
        #expect((view["runs"] as? [TemplateObject])?.map { $0["time"] as? String } == ["00:00 UTC", "08:00 UTC", "16:00 UTC"])
    }

    @Test func absentFiguresAreNotShown() {
        let (decoded, _) = runs(#"[{"date": "2026-11-20T08:00:00Z"}, {"date": "2026-11-20T16:00:00Z", "selected": 3, "cost": 0.004, "currency": "EUR"}]"#)
        let view = RunsView.context(DayStats(runs: decoded), timeZone: SiteTimeZone(identifier: "Europe/Berlin")!, text: .english)
        #expect(view["line"] as? String == "3 selected · 2 runs · €0.0040")
        #expect(view["has_selected"] as? Bool == true)
        #expect(view["has_total"] == nil && view["has_tokens"] == nil && view["has_model"] == nil)
        #expect((view["runs"] as? [TemplateObject])?.first?["time"] as? String == "09:00 UTC+1")
    }

    @Test func badRunRecordsNameFileAndField() {
        let (decoded, problems) = runs("""
            [{"date": "yesterday", "total": -3, "scanned": "many", "cost": -1, "currency": "dollars"}]
            """)
        #expect(decoded.isEmpty)
        #expect(problems.compactMap(\.field) == ["date", "total", "scanned", "cost", "currency"])
        #expect(problems.allSatisfy { $0.file == "Content/runs/r.json" && $0.line == 1 })
        #expect(problems.first { $0.field == "total" }?.message.contains("between 0 and") == true)
    }

    @Test func runTimesBecomeDaysInTheSiteTimeZone() {
        let (decoded, _) = runs(#"{"date": "2026-11-20T23:30:00Z"}"#, timeZone: SiteTimeZone(identifier: "Asia/Tokyo")!)
        #expect(decoded.first?.day.description == "2026-11-21")
    }

    /// A topic listed twice in `site.json` (here straight into the builder, past the decoder
    /// that drops repeats) is placed once.
    @Test func aTopicListedTwiceIsPlacedOnce() {
        var config = SiteConfig(title: "T", baseURL: BaseURL("https://example.org/")!)
        config.topics = ["Robotics", "Theory", "Robotics"]
        let json = #"[{"id": "a", "title": "A", "authors": [], "date": "2026-11-20", "topics": ["Theory", "Robotics"]},"#
            + #" {"id": "b", "title": "B", "authors": [], "date": "2026-11-20", "topics": ["Robotics"]}]"#
        let records = PaperFileDecoder.decode(SourceFile(path: "p.json", text: json), fileIndex: 0, timeZone: .utc).records
        let digest = DigestBuilder.build(config: config, records: records, today: nil)
        #expect(digest.topics.map(\.topic.name) == ["Robotics", "Theory"])
        #expect(digest.days.first?.sections.map(\.topic.name) == ["Robotics", "Theory"])
        let (decoded, _) = SiteConfigDecoder.decode(SourceFile(path: "site.json", text: #"{"title": "T", "baseURL": "https://example.org/", "topics": ["A", "B", "A"]}"#), baseURLOverride: nil)
        #expect(decoded?.topics == ["A", "B"])
    }

    private func digest(_ json: String, sort: PaperOrder = .input, pages: [SitePage] = [], configured: [String] = []) -> Digest {
        var config = SiteConfig(title: "T", baseURL: BaseURL("https://example.org/")!)
        config.sort = sort
        config.pages = configured
        let records = PaperFileDecoder.decode(SourceFile(path: "p.json", text: json), fileIndex: 0, timeZone: .utc).records
        return DigestBuilder.build(config: config, records: records, pages: pages, today: nil)
    }

    private static let scored = """
        [{"id": "a", "title": "beta", "authors": [], "date": "2026-11-20", "topics": ["T"], "upvotes": 5, "relevance": 9, "novelty": 9},
         {"id": "b", "title": "Alpha", "authors": [], "date": "2026-11-20", "topics": ["T"], "upvotes": 50, "relevance": 2, "novelty": 2},
         {"id": "c", "title": "gamma", "authors": [], "date": "2026-11-20", "topics": ["T"]},
         {"id": "d", "title": "Delta", "authors": [], "date": "2026-11-20", "topics": ["T"], "upvotes": 50, "relevance": 5, "novelty": 5}]
        """

    @Test(arguments: [
        (PaperOrder.input, ["a", "b", "c", "d"]), (.upvotes, ["b", "d", "a", "c"]), (.score, ["a", "d", "b", "c"]),
        (.title, ["b", "a", "d", "c"]),
    ])
    func eachSortModeOrdersTheTopicGroups(_ order: PaperOrder, _ expected: [String]) {
        #expect(digest(Self.scored, sort: order).window[0].sections[0].papers.map(\.id.base) == expected)
    }

    @Test func theWeekRanksByUpvotesThenScoreThenNewest() {
        let best = digest(Self.scored).week.map(\.id.base)
        #expect(best == ["d", "b", "a", "c"])  // d and b tie on upvotes; d scores higher
        let many = "[" + (0..<30).map { #"{"id": "p\#($0)", "title": "P", "authors": [], "date": "2026-11-20", "upvotes": \#($0)}"# }.joined(separator: ",") + "]"
        #expect(digest(many).week.count == DigestBuilder.bestCount)
        #expect(digest(many).week.first?.id.base == "p29")
    }

    @Test func aSiteWithoutUpvotesOrScoresHasNoWeek() {
        let plain = #"[{"id": "a", "title": "A", "authors": [], "date": "2026-11-20"}]"#
        let digest = digest(plain)
        #expect(digest.week.isEmpty)
        #expect(digest.months.isEmpty)
    }

    @Test func pagesTakeTheirTitleFromTheFirstLineAndFollowTheConfiguredOrder() throws {
        let (about, problems) = PageFileDecoder.decode(SourceFile(path: "about.md", text: "# About us\n\nText.\n\n## Team\n\n### Past\n"), name: "about")
        #expect(problems.isEmpty)
        #expect(about?.title == "About us")
        #expect(about?.markdown.hasPrefix("\n\nText.") == true)
        let (untitled, _) = PageFileDecoder.decode(SourceFile(path: "faq.md", text: "Just text."), name: "faq")
        #expect(untitled?.title == "faq")
        let ordered = DigestBuilder.orderPages([about!, untitled!, SitePage(name: "criteria", title: "C", markdown: "", file: "")], configured: ["criteria", "about"])
        #expect(ordered.map(\.name) == ["criteria", "about", "faq"])
    }

    @Test func pagesMustBeUTF8AndNotTakeTheSitesFolders() {
        let (_, invalid) = PageFileDecoder.decode(SourceFile(path: "bad.md", bytes: Array("ok".utf8) + [0xFF]), name: "bad")
        #expect(invalid.first?.message.hasPrefix("invalid UTF-8 at byte offset 2") == true)
        let (_, reserved) = PageFileDecoder.decode(SourceFile(path: "topics.md", text: "x"), name: "topics")
        #expect(reserved.first?.message.contains("the site uses that folder itself") == true)
    }

    @Test func aPageRendersWithItsContentsAndRelativeLinks() throws {
        let page = SitePage(name: "about", title: "About", markdown: "## One\n\nSee [criteria](../criteria/) and [x](javascript:alert(1)).\n\n### Sub\n\n## Two\n", file: "about.md")
        let chrome = PageChrome(config: SiteConfig(title: "T", baseURL: BaseURL("https://example.org/")!), stylesheet: nil, script: nil, katex: false)
        let context = MarkdownPage.context(page, chrome: chrome)
        let values = try #require(context["page"] as? TemplateObject)
        let doc = try XMLDocument.html(Array((values["html"] as? String ?? "").utf8))
        #expect(doc.nodes("//h2").compactMap { $0["id"] } == ["one", "two"])
        #expect(doc.nodes("//a").compactMap { $0["href"] } == ["../criteria/"])
        let toc = try #require((values["toc"] as? TemplateObject)?["items"] as? [TemplateObject])
        #expect(toc.map { $0["text"] as? String } == ["One", "Two"])
        #expect(context["canonical"] as? String == "https://example.org/about/")
    }

    @Test func relativeLinksAreOnlyPaths() {
        for url in ["../criteria/", "#scores", "notes.html", "./a/b?c=1"] { #expect(URLPolicy.isRelativeLink(url), "\(url)") }
        for url in ["javascript:alert(1)", "//evil.example/", "data:x", "a\\b", "x y", "JaVaScRiPt:x"] { #expect(!URLPolicy.isRelativeLink(url), "\(url)") }
    }
}
