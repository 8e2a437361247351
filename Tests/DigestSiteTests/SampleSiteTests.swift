import DigestKit
import DigestXML
import Foundation
import Testing

/// The sample site in `Content/`, built with the default layouts under a sub-path, checked page by page.
@Suite(.serialized) struct SampleSiteTests {
    static let baseURL = "http://127.0.0.1:8123/digest/"

    /// One build shared by the read-only checks below.
    static let built: Result<(TestSite, LinkChecker, Pipeline.Report), Error> = Result {
        let site = try TestSite.sample()
        let report = try site.build(baseURL: baseURL)
        return (site, try LinkChecker(files: site.outputFiles()), report)
    }

    private var site: TestSite { get throws { try Self.built.get().0 } }
    private var checker: LinkChecker { get throws { try Self.built.get().1 } }
    private var report: Pipeline.Report { get throws { try Self.built.get().2 } }

    @Test func everyInternalLinkAndAnchorResolves() throws {
        let checker = try checker
        #expect(checker.pages.count == (try report.pages))
        #expect(checker.problems() == [])
    }

    @Test func theSampleShowsEverything() throws {
        let report = try report
        #expect(report.papers >= 60)
        #expect(report.days >= 9)
        #expect(report.topics >= 8)
        #expect(report.today?.description == "2026-11-20")
        let files = try checker.files
        #expect(files.keys.filter { $0.hasPrefix("days/") }.count == 7)
        #expect(files.keys.filter { $0.hasPrefix("papers/") }.count == report.papers)
        for required in ["index.html", "topics/index.html", "archive/index.html", "feed.xml", "sitemap.xml", "404.html", "assets/style.css", ".digest-site"] {
            #expect(files[required] != nil, "missing \(required)")
        }
    }

    @Test func everyPageHasTheEssentials() throws {
        let checker = try checker
        for path in checker.pages {
            let doc = try #require(checker.document(path))
            #expect(doc.nodes("/html[@lang='en']").count == 1, "\(path): lang")
            #expect(!(doc.nodes("//head/title").first?.text.isEmpty ?? true), "\(path): title")
            #expect(doc.nodes("//h1").count == 1, "\(path): one h1")
            #expect(doc.nodes("//main[@id='main']").count == 1, "\(path): main landmark")
            #expect(doc.nodes("//link[@rel='alternate'][@type='application/rss+xml']").count >= 1, "\(path): feed discovery")
            #expect(doc.nodes("//meta[@http-equiv='Content-Security-Policy']").count == 1, "\(path): CSP")
            #expect(doc.nodes("//script").isEmpty, "\(path): no scripts")
            if path != "404.html" {
                let canonical = doc.nodes("//link[@rel='canonical']").first?["href"] ?? ""
                let expected = Self.baseURL + (path == "index.html" ? "" : String(path.dropLast("index.html".count)))
                #expect(canonical == expected, "\(path): canonical")
            }
        }
    }

    @Test func theHomePageIsTodaysNumberedDigest() throws {
        let home = try #require(try checker.document("index.html"))
        let cards = home.nodes("//article[contains(@class,'card')]")
        let figures = home.nodes("//p[@class='figures']").first?.text ?? ""
        #expect(figures.hasPrefix("\(cards.count) papers today"))
        #expect(figures.contains("updated every 8h"))
        #expect(figures.contains("7 days of history"))
        // The table of contents numbers every paper once, in card order, grouped by topic.
        let entries = home.nodes("//nav[@class='toc']//ol[@class='toc-papers']/li/a")
        #expect(entries.count == cards.count)
        #expect(entries.compactMap { $0["href"] } == cards.compactMap { $0["id"].map { "#" + $0 } })
        let starts = home.nodes("//ol[@class='toc-papers']").compactMap { Int($0["start"] ?? "") }
        var expected = 1
        for (start, list) in zip(starts, home.nodes("//ol[@class='toc-papers']")) {
            #expect(start == expected)
            expected += list.nodes("li").count
        }
        let numbers = home.nodes("//span[@class='card-number']").map(\.text)
        #expect(numbers == (1...cards.count).map { "\($0)." })
        // Each card: a link to its page, topic tags, highlights and the summary behind "Read more".
        for card in cards {
            #expect(card.nodes(".//h3/a[starts-with(@href,'./papers/')]").count == 1)
            #expect(card.nodes(".//ul[@class='tags']/li/a[starts-with(@href,'./topics/')]").count >= 1)
            #expect(card.nodes(".//ul[@class='highlights']/li").count == 4)
            #expect(card.nodes(".//details/summary").first?.text == "Read more")
            #expect(card.nodes(".//details//h4").map(\.text).prefix(4) == ["Summary", "Methodology", "Results", "Implications"])
        }
        // The history lists the seven window days, today marked as current.
        let history = home.nodes("//nav[@class='history']//ol/li/a")
        #expect(history.count == 7)
        #expect(history.first?["aria-current"] == "page")
    }

    @Test func dayPagesLinkToTheirNeighbours() throws {
        let checker = try checker
        let day = try #require(checker.document("days/2026-11-17/index.html"))
        #expect(day.nodes("//a[@rel='prev']").first?["href"] == "../../days/2026-11-16/")
        #expect(day.nodes("//a[@rel='next']").first?["href"] == "../../days/2026-11-18/")
        #expect(day.nodes("//nav[@class='history']//a[@aria-current='page']").first?["href"] == "../../days/2026-11-17/")
        let oldest = try #require(checker.document("days/2026-11-14/index.html"))
        #expect(oldest.nodes("//a[@rel='prev']").isEmpty)
    }

    @Test func aRecollectedPaperHasOnePageOnItsFirstDay() throws {
        let checker = try checker
        // 2611.08566 appeared on 11-19 and again as v2 on 11-20.
        let page = try #require(checker.document("papers/2611.08566/index.html"))
        #expect(page.nodes("//p[@class='kicker']").first?.text.contains("2611.08566v2") == true)
        #expect(page.nodes("//p[@class='kicker']/a").first?["href"] == "../../days/2026-11-19/#paper-2611.08566")
        let today = try #require(checker.document("index.html"))
        #expect(today.nodes("//article[@id='paper-2611.08566']").isEmpty)
        #expect(checker.files.keys.filter { $0.hasPrefix("papers/2611.08566") }.count == 1)
    }

    @Test func paperPagesHaveLinksAndASummaryOutline() throws {
        let page = try #require(try checker.document("papers/2611.09061/index.html"))
        let links = page.nodes("//ul[@class='paper-links']/li/a")
        #expect(links.map(\.text).prefix(2) == ["arXiv", "PDF"])
        #expect(links.first?["href"] == "https://arxiv.org/abs/2611.09061")
        let outline = page.nodes("//nav[contains(@class,'paper-toc')]/ol/li/a")
        #expect(outline.map(\.text) == ["Summary", "Methodology", "Results", "Implications"])
        #expect(outline.compactMap { $0["href"] } == ["#summary", "#methodology", "#results", "#implications"])
        #expect(page.nodes("//section[@id='abstract']/p").first?.text.isEmpty == false)
    }

    @Test func papersOlderThanTheWindowKeepTheirPageAndAreInTheArchive() throws {
        let checker = try checker
        let archive = try #require(checker.document("archive/index.html"))
        #expect(archive.nodes("//section[@class='archive-day']").compactMap { $0["id"] } == ["day-2026-11-13", "day-2026-11-12", "day-2026-11-11"])
        let old = try #require(archive.nodes("//section[@id='day-2026-11-11']//a").first?["href"])
        #expect(old.hasPrefix("../papers/"))
        let page = try #require(checker.document(String(old.dropFirst(3)) + "index.html"))
        #expect(page.nodes("//p[@class='kicker']/a").first?["href"]?.hasPrefix("../../archive/#day-2026-11-11") == true)
        #expect(checker.files["days/2026-11-11/index.html"] == nil)
    }

    @Test func feedsAreRSS2WithUniqueGuidsAndDates() throws {
        let site = try site
        let files = try checker.files
        let feeds = files.keys.filter { $0.hasSuffix("feed.xml") }.sorted()
        #expect(feeds.count == (try report.feeds))
        let rfc822 = try Regex(#"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$"#)
        for path in feeds {
            let doc = try site.xml(path)
            #expect(doc.root?.name == "rss" && doc.root?["version"] == "2.0", "\(path)")
            let items = doc.nodes("/rss/channel/item")
            #expect(!items.isEmpty, "\(path): no items")
            let guids = items.map { $0.nodes("guid").first?.text ?? "" }
            #expect(Set(guids).count == guids.count, "\(path): duplicate guids")
            for item in items {
                let date = item.nodes("pubDate").first?.text ?? ""
                #expect(date.wholeMatch(of: rfc822) != nil, "\(path): pubDate \(date)")
                let link = item.nodes("link").first?.text ?? ""
                #expect(link.hasPrefix(Self.baseURL), "\(path): link \(link)")
                #expect(files[String(link.dropFirst(Self.baseURL.count)) + "index.html"] != nil, "\(path): \(link) has no page")
            }
            let selfLink = doc.nodes("/rss/channel/atom:link[@rel='self']", namespaces: ["atom": "http://www.w3.org/2005/Atom"])
            #expect(selfLink.first?["href"] == Self.baseURL + path)
        }
        let main = try site.xml("feed.xml")
        #expect(main.nodes("//item").count == min(50, try report.papers))
    }

    @Test func theSitemapListsEveryPage() throws {
        let doc = try site.xml("sitemap.xml")
        let locations = doc.nodes("//s:loc", namespaces: ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"]).map(\.text)
        let pages = try checker.pages.filter { $0 != "404.html" }
            .map { Self.baseURL + ($0 == "index.html" ? "" : String($0.dropLast("index.html".count))) }
        #expect(Set(locations) == Set(pages))
        #expect(locations.count == pages.count)
    }

    @Test func theSameInputGivesIdenticalBytes() throws {
        let site = try site
        let first = try checker.files
        let second = site.folder.appendingPathComponent("Second").path
        try site.build(baseURL: Self.baseURL, output: second)
        let again = site.outputFiles(second)
        #expect(first.keys.sorted() == again.keys.sorted())
        let differing = first.keys.filter { again[$0] != first[$0] }.sorted()
        #expect(differing == [], "these files differ between two builds")
    }
}
