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

    @Test func nothingInTheSampleCanRunScript() throws {
        #expect(OutputSafety.problems(in: try checker.files, baseURL: Self.baseURL) == [])
    }

    @Test func theSampleShowsEverything() throws {
        let report = try report
        #expect(report.papers >= 60)
        #expect(report.days >= 9)
        #expect(report.topics >= 8)
        #expect(report.today?.description == "2026-11-20")
        let files = try checker.files
        #expect(files.keys.filter { $0.hasPrefix("days/") }.count == 7)
        #expect(files.keys.filter { $0.hasPrefix("papers/") && $0.hasSuffix("/index.html") }.count == report.papers)
        #expect(files.keys.filter { $0.hasPrefix("papers/") && $0.hasSuffix("/cite.bib") }.count == report.papers)
        #expect(files.keys.filter { $0.hasPrefix("bib/") }.count == (try report.days))
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
            // Only the site's own script (and KaTeX's) from assets/, and JSON-LD data.
            for script in doc.nodes("//script") {
                #expect(script["src"]?.contains("assets/") == true || script["type"] == "application/ld+json", "\(path): a foreign script")
            }
            #expect(doc.nodes("//head/meta[@property='og:title']").first?["content"]?.isEmpty == false, "\(path): og:title")
            #expect(doc.nodes("//head/meta[@name='twitter:card']").count == 1, "\(path): twitter card")
            // An author page also announces the author's own Atom feed.
            #expect(doc.nodes("//head/link[@rel='alternate'][@type='application/atom+xml']").count == (path.hasPrefix("authors/") ? 2 : 1),
                    "\(path): Atom discovery")
            #expect(doc.nodes("//head/link[@rel='alternate'][@type='application/feed+json']").count == 1, "\(path): JSON Feed discovery")
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
        #expect(checker.files.keys.filter { $0.hasPrefix("papers/2611.08566") }.sorted() == ["papers/2611.08566/cite.bib", "papers/2611.08566/index.html"])
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

    @Test func paperPagesCarryScholarlyArticleMetadata() throws {
        let page = try #require(try checker.document("papers/2611.09061/index.html"))
        let blocks = page.nodes("//script[@type='application/ld+json']")
        #expect(blocks.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data((blocks.first?.text ?? "").utf8)) as? [String: Any])
        #expect(json["@context"] as? String == "https://schema.org")
        #expect(json["@type"] as? String == "ScholarlyArticle")
        #expect(json["name"] as? String == page.nodes("//h1").first?.text)
        #expect(json["identifier"] as? String == "arXiv:2611.09061")
        #expect(json["url"] as? String == Self.baseURL + "papers/2611.09061/")
        #expect((json["author"] as? [[String: Any]])?.first?["name"] as? String == "Karim Haddad")
        #expect(page.nodes("//meta[@property='og:type']").first?["content"] == "article")
    }

    @Test func paperPagesLinkToTheirNeighboursInTheDay() throws {
        let checker = try checker
        let home = try #require(checker.document("index.html"))
        // The day's order is the table of contents: each paper links to the one before and after it.
        let order = home.nodes("//ol[@class='toc-papers']/li/a").compactMap { $0["href"]?.replacingOccurrences(of: "#paper-", with: "") }
        #expect(order.count > 2)
        for (index, id) in order.enumerated() {
            let page = try #require(checker.document("papers/\(id)/index.html"))
            let previous = page.nodes("//nav[@class='paper-nav']/a[@rel='prev']").first?["href"]
            let next = page.nodes("//nav[@class='paper-nav']/a[@rel='next']").first?["href"]
            #expect(previous == (index > 0 ? "../../papers/\(order[index - 1])/" : nil))
            #expect(next == (index + 1 < order.count ? "../../papers/\(order[index + 1])/" : nil))
        }
    }

    @Test func dayPagesOfferATopicFilterThatNeedsNoScriptToReadThePage() throws {
        let home = try #require(try checker.document("index.html"))
        let bar = try #require(home.nodes("//div[contains(@class,'topic-filter')]").first)
        #expect(bar["hidden"] != nil)  // shown by the script only; every card is visible without it
        let chips = bar.nodes(".//button[@data-topic!='']").compactMap { $0["data-topic"] }
        let cards = home.nodes("//article[contains(@class,'card')]")
        let cardTopics = Set(cards.flatMap { ($0["data-topics"] ?? "").split(separator: " ").map(String.init) })
        #expect(Set(chips) == cardTopics)
        #expect(cards.allSatisfy { $0["hidden"] == nil })
    }

    @Test func theSearchIndexHasEveryPaperAndEveryFileItNames() throws {
        let files = try checker.files
        let manifestBytes = try #require(files["search/index.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
        #expect(manifest["version"] as? Int == 4)
        let papers = try #require(manifest["papers"] as? Int)
        #expect(papers == (try report.papers))
        let days = try #require(manifest["days"] as? [String])
        let topics = try #require(manifest["topics"] as? [[String]])
        var rows: [[Any]] = []
        for group in 0..<(papers + 15) / 16 {
            let data = Data(try #require(files["search/d/\(group).json"], "doc group \(group) is missing"))
            rows += try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        }
        #expect(rows.count == papers)
        for row in rows {
            let slug = try #require(row[1] as? String)
            #expect(files["papers/\(slug)/index.html"] != nil, "index entry \(slug) has no page")
        }
        let braided = try #require(rows.first { $0[0] as? String == "2611.09061" })
        #expect(braided[2] as? String == "Braided Speculation: Multi-Draft Decoding with a Shared Verifier Cache")
        #expect((braided[3] as? String)?.hasPrefix("Karim Haddad, Julia Nowak") == true)
        #expect((braided[5] as? [Int])?.map { topics[$0][0] } == ["Efficient ML", "Language Models"])
        #expect(days[braided[4] as? Int ?? 0] == "2026-11-20")
        var listed: Set<String> = []
        for tier in try #require(manifest["tiers"] as? [[String: Any]]) {
            let chunks = try #require(tier["chunks"] as? [String])
            for pair in stride(from: 1, to: chunks.count, by: 2) { listed.insert("search/t/\(chunks[pair]).json") }
        }
        #expect(listed == Set(files.keys.filter { $0.hasPrefix("search/t/") }))
    }

    @Test func theFeedsPageListsEveryFeedWithItsAddress() throws {
        let page = try #require(try checker.document("feeds/index.html"))
        let addresses = page.nodes("//input[contains(@class,'feed-url-input')]").compactMap { $0["value"] }
        // Author feeds are announced on their author pages, not listed here: a site has thousands.
        let feeds = try checker.files.keys.filter { $0.hasSuffix(".xml") && !$0.hasPrefix("sitemap") && !$0.hasPrefix("authors/") || $0 == "feed.json" }
        #expect(Set(addresses) == Set(feeds.map { Self.baseURL + $0 }))
        #expect(page.nodes("//main//label[@for]").count == addresses.count)
    }

    @Test func thereIsASearchPageThatExplainsItselfWithoutScript() throws {
        let page = try #require(try checker.document("search/index.html"))
        #expect(page.nodes("//input[@id='search-page-input'][@name='q']").count == 1)
        let fallback = page.nodes("//div[@class='search-nojs']").first?.text ?? ""
        #expect(fallback.contains("Search needs JavaScript"))
        #expect(page.nodes("//div[@class='search-nojs']//a").compactMap { $0["href"] }.contains("../topics/"))
        // Every other page has the header search, which submits to this page.
        let home = try #require(try checker.document("index.html"))
        #expect(home.nodes("//form[@role='search']").first?["action"] == "./search/")
    }

    @Test func theReadingListPageExplainsItselfWithoutScriptAndIsLinkedForScriptsToShow() throws {
        let checker = try checker
        let page = try #require(checker.document("reading-list/index.html"))
        #expect(page.nodes("//h1").first?.text == "Reading list")
        #expect(page.nodes("//head/meta[@name='robots']").first?["content"] == "noindex")
        let fallback = page.nodes("//div[@data-reader-nojs]").first?.text ?? ""
        #expect(fallback.contains("needs JavaScript"))
        // What the scripts fill stays hidden without them.
        for frame in ["data-reading-list", "data-reader-settings", "data-reader-transfer"] {
            #expect(page.nodes("//section[@\(frame)][@hidden]").count == 1, "\(frame) is not hidden")
        }
        // A mute button per topic, and the page's own script after the shared ones.
        #expect(page.nodes("//button[@data-mute-topic][@aria-pressed='false']").count == (try report.topics))
        let scripts = page.nodes("//script[@src]").compactMap { $0["src"] }
        #expect(scripts.last?.hasPrefix("../assets/list.js?v=") == true)
        #expect(scripts.contains { $0.hasPrefix("../assets/store.js?v=") })
        // Every page links to it, hidden until the reader's script shows it with its count.
        for path in ["index.html", "topics/index.html", "papers/2611.09061/index.html"] {
            let item = try #require(checker.document(path)?.nodes("//li[@data-reader-nav]").first, "\(path): no link")
            #expect(item["hidden"] != nil)
            #expect(item.nodes("a/span[@data-saved-count]").count == 1)
            #expect(item.nodes("a").first?["href"]?.hasSuffix("reading-list/") == true)
        }
        #expect(try checker.document("index.html")?.nodes("//script[contains(@src,'list.js')]").isEmpty == true)
    }

    @Test func cardsAndPaperPagesCarryWhatTheReaderScriptsRead() throws {
        let checker = try checker
        let home = try #require(checker.document("index.html"))
        let cards = home.nodes("//article[contains(@class,'card')]")
        #expect(!cards.isEmpty)
        for card in cards {
            let slug = try #require(card["data-paper"])
            #expect(card.nodes(".//h3/a").first?["href"] == "./papers/\(slug)/")
            #expect(card["data-day"] == "2026-11-20")
            #expect(card["data-title"]?.isEmpty == false)
        }
        let braided = try #require(cards.first { $0["data-paper"] == "2611.09061" })
        #expect(braided["data-title"] == "Braided Speculation: Multi-Draft Decoding with a Shared Verifier Cache")
        let paper = try #require(checker.document("papers/2611.09061/index.html")?.nodes("//article[@class='paper']").first)
        #expect(paper["data-paper"] == "2611.09061")
        #expect(paper["data-day"] == "2026-11-20")
        #expect(paper["data-title"] == braided["data-title"])
        // Day pages hold the bar the scripts fill, named by the day its list is of.
        #expect(home.nodes("//div[@data-reader-bar='2026-11-20'][@hidden]").count == 1)
        #expect(try checker.document("days/2026-11-19/index.html")?.nodes("//div[@data-reader-bar='2026-11-19']").count == 1)
    }

    @Test func daysShowWhatTheCollectorDid() throws {
        let home = try #require(try checker.document("index.html"))
        let line = try #require(home.nodes("//details[@class='run-stats']/summary").first?.text)
        #expect(line.contains(" on arXiv · ") && line.contains(" scanned · ") && line.contains("3 runs") && line.contains(" tokens · $"))
        #expect(home.nodes("//table[@class='run-table']/tbody/tr").count == 3)
        #expect(home.nodes("//p[@class='figures']").first?.text.contains("updated every 8h, last at 16:00 UTC") == true)
        // The day's "selected" adds up the runs.
        let selected = home.nodes("//table[@class='run-table']/tbody/tr/td[5]").compactMap { Int($0.text) }.reduce(0, +)
        #expect(line.contains("\(selected) selected"))
    }

    @Test func markdownPagesAreInTheNavigationAndTheSitemap() throws {
        let checker = try checker
        let nav = try #require(checker.document("index.html")).nodes("//nav[@class='site-nav']//a")
        #expect(
            nav.map { $0.text.trimmingCharacters(in: .whitespaces) }
                == ["Today", "Week", "Topics", "Archive", "Feeds", "About Gradient Notes", "Selection criteria", "Reading list"])
        let criteria = try #require(checker.document("criteria/index.html"))
        #expect(criteria.nodes("//h1").first?.text == "Selection criteria")
        #expect(criteria.nodes("//nav[contains(@class,'toc')]//a").map(\.text) == ["The prompt", "Scores", "What is left out"])
        #expect(criteria.nodes("//div[@class='prose']//table//tr").count == 5)
        #expect(criteria.nodes("//a[@aria-current='page']").first?.text == "Selection criteria")
        let sitemap = try sitemapLocations()
        #expect(sitemap.contains(Self.baseURL + "about/") && sitemap.contains(Self.baseURL + "criteria/"))
    }

    @Test func theWeekPageListsTheMostUpvotedPapers() throws {
        let checker = try checker
        let week = try #require(checker.document("week/index.html"))
        let items = week.nodes("//ol[@class='best-list']/li")
        #expect(items.count == 20)
        let votes = items.compactMap { item in item.nodes(".//span[contains(@class,'badge-upvotes')]").first.flatMap { Int($0.text.filter(\.isNumber)) } }
        #expect(votes == votes.sorted(by: >))
        // The archive links each month to its best papers.
        let archive = try #require(checker.document("archive/index.html"))
        #expect(archive.nodes("//li[@id='month-2026-11']/a[.='Best of the month']").first?["href"] == "../month/2026-11/")
        #expect(checker.files["month/2026-11/index.html"] != nil)
    }

    @Test func theSubscribeLinkIsNextToTheFeeds() throws {
        let home = try #require(try checker.document("index.html"))
        #expect(home.nodes("//footer//a[.='Subscribe']").first?["href"] == "https://example.org/digest/subscribe")
    }

    @Test func theArchiveHasAPagePerMonthWithEveryDay() throws {
        let checker = try checker
        let archive = try #require(checker.document("archive/index.html"))
        let months = archive.nodes("//ul[@class='archive-months']/li")
        #expect(months.map { $0["id"] } == ["month-2026-11"])
        #expect(months.first?.nodes("a").first?["href"] == "../archive/2026-11/")
        #expect(months.first?.text.contains("10 days · 72 papers") == true)
        let month = try #require(checker.document("archive/2026-11/index.html"))
        let days = month.nodes("//section[@class='archive-day']").compactMap { $0["id"] }
        #expect(days == (11...20).reversed().map { "day-2026-11-\($0)" })
        // Days in the window link to their page; older ones are only here.
        #expect(month.nodes("//section[@id='day-2026-11-20']/h2/a").first?["href"] == "../../days/2026-11-20/")
        #expect(month.nodes("//section[@id='day-2026-11-13']/h2/a").isEmpty)
        #expect(month.nodes("//section[@class='archive-day']//li").count == (try report.papers))
    }

    @Test func papersOlderThanTheWindowKeepTheirPageAndAreInTheArchive() throws {
        let checker = try checker
        let month = try #require(checker.document("archive/2026-11/index.html"))
        let old = try #require(month.nodes("//section[@id='day-2026-11-11']//a").first?["href"])
        #expect(old.hasPrefix("../../papers/"))
        let page = try #require(checker.document(String(old.dropFirst(6)) + "index.html"))
        #expect(page.nodes("//p[@class='kicker']/a").first?["href"] == "../../archive/2026-11/#day-2026-11-11")
        #expect(checker.files["days/2026-11-11/index.html"] == nil)
    }

    @Test func feedsAreRSS2WithUniqueGuidsAndDates() throws {
        let site = try site
        let files = try checker.files
        let feeds = files.keys.filter { $0.hasSuffix("feed.xml") || $0 == "daily.xml" }.sorted()
        // And atom.xml and feed.json, checked in FeedTests, and the authors' Atom feeds (AuthorPagesTests).
        let authorFeeds = files.keys.filter { $0.hasPrefix("authors/") && $0.hasSuffix("/atom.xml") }.count
        #expect(authorFeeds > 0)
        #expect(feeds.count + 2 + authorFeeds == (try report.feeds))
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

    /// Every page the sitemap index leads to, through the sitemaps it lists.
    func sitemapLocations() throws -> [String] {
        let ns: KeyValuePairs = ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"]
        let index = try site.xml("sitemap.xml")
        #expect(index.root?.name == "sitemapindex")
        return try index.nodes("/s:sitemapindex/s:sitemap/s:loc", namespaces: ns).flatMap { sitemap in
            #expect(sitemap.text.hasPrefix(Self.baseURL))
            let path = String(sitemap.text.dropFirst(Self.baseURL.count))
            return try site.xml(path).nodes("/s:urlset/s:url/s:loc", namespaces: ns).map(\.text)
        }
    }

    @Test func theSitemapListsEveryPage() throws {
        // (every page but 404.html and the reading list, including feeds/ and search/)
        let locations = try sitemapLocations()
        // (the reading list is the reader's own, in their browser: nothing to index)
        let pages = try checker.pages.filter { $0 != "404.html" && $0 != "reading-list/index.html" }
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
