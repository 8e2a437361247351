import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Every feed format, rendered by the planner and parsed back (libxml2 for XML, JSONSerialization for JSON Feed).
@Suite struct FeedTests {
    static let twoDays = """
        [{"id": "2611.00001", "title": "Old <b>one</b> with $O(n \\\\log n)$", "authors": ["A"], "date": "2026-11-19", "topics": ["Theory"],
          "highlights": ["Point *one*"], "summary": "## Summary\\n\\nBody[^1].\\n\\n[^1]: Note."},
         {"id": "2611.00002", "title": "New\\u0001 one", "authors": ["B", "C"], "date": "2026-11-20T08:30:00Z", "topics": ["Theory", "Robotics"]},
         {"id": "2611.00003", "title": "Third ]]> one", "authors": [], "date": "2026-11-20"}]
        """

    /// A plan whose pages are empty: these tests only look at feeds.
    static func plan(_ json: String = twoDays, feedItems: Int = 50) throws -> SitePlan {
        var config = SiteConfig(title: "Notes & <Things>", baseURL: BaseURL("https://example.org/digest")!)
        config.feedItems = feedItems
        config.description = "About <notes>"
        let records = PaperFileDecoder.decode(SourceFile(path: "p.json", text: json), fileIndex: 0, timeZone: .utc).records
        let digest = DigestBuilder.build(config: config, records: records, today: nil)
        let templates = Theme.requiredTemplates.map { SourceFile(path: "\($0).mustache", text: "") }
        return SitePlan(digest: digest, theme: try Theme(templates: templates, assets: [], folder: ""))
    }

    static func file(_ plan: SitePlan, _ path: String) throws -> [UInt8] {
        try #require(plan.entries.first { $0.path == path }.map { plan.render($0).bytes })
    }

    static let atom: KeyValuePairs = ["a": "http://www.w3.org/2005/Atom"]

    @Test func rssItemsHaveAbsoluteLinksUniqueGuidsAndRFC822Dates() throws {
        let doc = try XMLDocument.xml(try Self.file(try Self.plan(), "feed.xml"))
        #expect(doc.root?.name == "rss")
        #expect(doc.root?["version"] == "2.0")
        let items = doc.nodes("/rss/channel/item")
        #expect(items.count == 3)
        let guids = items.map { $0.nodes("guid").first?.text ?? "" }
        #expect(Set(guids).count == 3)
        #expect(guids.allSatisfy { $0.hasPrefix("https://example.org/digest/papers/") })
        #expect(items.map { $0.nodes("link").first?.text } == guids.map { Optional($0) })
        #expect(items.map { $0.nodes("pubDate").first?.text ?? "" } == [
            "Fri, 20 Nov 2026 08:30:00 +0000", "Fri, 20 Nov 2026 00:00:00 +0000", "Thu, 19 Nov 2026 00:00:00 +0000",
        ])
        #expect(items[0].nodes("category").map(\.text) == ["Theory", "Robotics"])
        #expect(doc.nodes("/rss/channel/lastBuildDate").first?.text == "Fri, 20 Nov 2026 08:30:00 +0000")
        let selfLink = doc.nodes("/rss/channel/a:link", namespaces: Self.atom).first
        #expect(selfLink?["href"] == "https://example.org/digest/feed.xml")
        #expect(selfLink?["rel"] == "self")
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() throws {
        let doc = try XMLDocument.xml(try Self.file(try Self.plan(), "feed.xml"))
        #expect(doc.nodes("/rss/channel/title").first?.text == "Notes & <Things>")
        // The channel description is HTML like every description: escaped text.
        #expect(doc.nodes("/rss/channel/description").first?.text == "About &lt;notes&gt;")
        let titles = doc.nodes("//item/title").map(\.text)
        #expect(titles.contains("Old <b>one</b> with $O(n \\log n)$"))
        #expect(titles.contains("New one"))
        #expect(titles.contains("Third ]]> one"))
        let description = doc.nodes("//item[guid='https://example.org/digest/papers/2611.00001/']/description").first?.text ?? ""
        #expect(description.contains("<li>Point <em>one</em></li>"))
        #expect(description.contains("<h3 id=\"summary\">Summary</h3>"))
    }

    @Test func feedsCarryTheNewestFeedItems() throws {
        let plan = try Self.plan(feedItems: 2)
        #expect(try XMLDocument.xml(try Self.file(plan, "feed.xml")).nodes("//item").count == 2)
        #expect(try XMLDocument.xml(try Self.file(plan, "atom.xml")).nodes("//a:entry", namespaces: Self.atom).count == 2)
        let json = try JSONSerialization.jsonObject(with: Data(try Self.file(plan, "feed.json"))) as? [String: Any]
        #expect((json?["items"] as? [Any])?.count == 2)
    }

    @Test func atomFeedHasTheRequiredElements() throws {
        let doc = try XMLDocument.xml(try Self.file(try Self.plan(), "atom.xml"))
        let ns = Self.atom
        #expect(doc.root?.name == "feed")
        #expect(doc.nodes("/a:feed/a:id", namespaces: ns).first?.text == "https://example.org/digest/atom.xml")
        #expect(doc.nodes("/a:feed/a:updated", namespaces: ns).first?.text == "2026-11-20T08:30:00Z")
        #expect(doc.nodes("/a:feed/a:link[@rel='self']", namespaces: ns).first?["href"] == "https://example.org/digest/atom.xml")
        #expect(doc.nodes("/a:feed/a:author/a:name", namespaces: ns).first?.text == "Notes & <Things>")
        let entries = doc.nodes("/a:feed/a:entry", namespaces: ns)
        #expect(entries.count == 3)
        for entry in entries {
            #expect(entry.nodes("a:id", namespaces: ns).first?.text.hasPrefix("https://example.org/digest/papers/") == true)
            #expect(entry.nodes("a:title[@type='text']", namespaces: ns).count == 1)
            #expect(entry.nodes("a:updated", namespaces: ns).first?.text.hasSuffix("Z") == true)
            #expect(entry.nodes("a:content[@type='html']", namespaces: ns).count == 1)
            #expect(entry.nodes("a:link[@rel='alternate']", namespaces: ns).first?["href"] == entry.nodes("a:id", namespaces: ns).first?.text)
        }
        #expect(entries[0].nodes("a:author/a:name", namespaces: ns).map(\.text) == ["B", "C"])
        #expect(entries[0].nodes("a:category", namespaces: ns).compactMap { $0["term"] } == ["Theory", "Robotics"])
    }

    /// A reader resolves `#fn-1` against the feed, so fragment links point into the paper's page.
    @Test func footnoteLinksInItemsPointAtThePapersPage() throws {
        let data = Data(try Self.file(try Self.plan(), "feed.json"))
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require(feed["items"] as? [[String: Any]])
        let item = try #require(items.first { ($0["id"] as? String)?.hasSuffix("/2611.00001/") == true })
        let html = try XMLDocument.html(Array(("<body>" + (item["content_html"] as? String ?? "") + "</body>").utf8))
        let links = html.nodes("//a").compactMap { $0["href"] }.filter { $0.contains("#") }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.hasPrefix("https://example.org/digest/papers/2611.00001/#fn") }, "\(links)")
        #expect(html.nodes("//*[@id='fn-1']").count == 1)  // the ids themselves are unchanged
    }

    @Test func jsonFeedHasItsRequiredFields() throws {
        let data = Data(try Self.file(try Self.plan(), "feed.json"))
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "Notes & <Things>")
        #expect(feed["home_page_url"] as? String == "https://example.org/digest/")
        #expect(feed["feed_url"] as? String == "https://example.org/digest/feed.json")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.count == 3)
        for item in items {
            // JSON Feed 1.1 requires an id and content_html or content_text on every item.
            #expect((item["id"] as? String)?.isEmpty == false)
            #expect(item["content_html"] is String)
            let date = try #require(item["date_published"] as? String)
            #expect(Timestamp(rfc3339: date) != nil)
        }
        #expect((items[0]["tags"] as? [String]) == ["Theory", "Robotics"])
        #expect((items[2]["summary"] as? String) == "Point one")
        #expect(String(decoding: data, as: UTF8.self).contains("\"version\":\"https://jsonfeed.org/version/1.1\""))
    }

    @Test func theDailyFeedHasOneItemPerDayWithItsContents() throws {
        let doc = try XMLDocument.xml(try Self.file(try Self.plan(), "daily.xml"))
        let items = doc.nodes("/rss/channel/item")
        #expect(items.map { $0.nodes("title").first?.text ?? "" } == ["Friday, 20 November 2026: 2 papers", "Thursday, 19 November 2026: 1 paper"])
        #expect(items.map { $0.nodes("link").first?.text ?? "" } == [
            "https://example.org/digest/days/2026-11-20/", "https://example.org/digest/days/2026-11-19/",
        ])
        #expect(items.allSatisfy { $0.nodes("guid[@isPermaLink='false']").count == 1 })
        let contents = try XMLDocument.html(Array(("<div>" + (items[1].nodes("description").first?.text ?? "") + "</div>").utf8))
        #expect(contents.nodes("//h3").map(\.text) == ["Theory"])
        #expect(contents.nodes("//ol/li/a").first?["href"] == "https://example.org/digest/papers/2611.00001/")
        #expect(contents.nodes("//ol/li/ul/li").map(\.text) == ["Point one"])
    }

    @Test func theSitemapIsAnIndexOfAPageSitemapAndOnePerMonth() throws {
        let plan = try Self.plan()
        let ns: KeyValuePairs = ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"]
        let index = try XMLDocument.xml(try Self.file(plan, "sitemap.xml"))
        #expect(index.nodes("/s:sitemapindex/s:sitemap/s:loc", namespaces: ns).map(\.text) == [
            "https://example.org/digest/sitemaps/pages.xml", "https://example.org/digest/sitemaps/papers-2026-11.xml",
        ])
        #expect(index.nodes("//s:sitemap/s:lastmod", namespaces: ns).map(\.text) == ["2026-11-20", "2026-11-20"])
        let pages = try XMLDocument.xml(try Self.file(plan, "sitemaps/pages.xml"))
        let pageLocations = pages.nodes("/s:urlset/s:url/s:loc", namespaces: ns).map(\.text)
        #expect(pageLocations.first == "https://example.org/digest/")
        #expect(pageLocations.contains("https://example.org/digest/archive/2026-11/"))
        #expect(!pageLocations.contains { $0.contains("/papers/") })
        let papers = try XMLDocument.xml(try Self.file(plan, "sitemaps/papers-2026-11.xml"))
        let paperLocations = papers.nodes("/s:urlset/s:url/s:loc", namespaces: ns).map(\.text)
        #expect(paperLocations == [2, 3, 1].map { "https://example.org/digest/papers/2611.0000\($0)/" })  // as the days list them
        #expect(papers.nodes("//s:url[s:loc='https://example.org/digest/papers/2611.00001/']/s:lastmod", namespaces: ns).first?.text == "2026-11-19")
    }

    @Test func xmlSafeRemovesExactlyWhatXMLForbids() throws {
        let kept = "tab\tline\nreturn\r é 中 \u{FFFD} \u{1F600} \u{E000}"
        #expect(XMLWriter.xmlSafe(kept) == kept)
        #expect(XMLWriter.xmlSafe("a\u{1}b\u{1F}c\u{FFFE}d\u{FFFF}e") == "abcde")
        let writer = XMLWriter()
        writer.element("t", "x\u{0B}y\u{FFFF}z")
        #expect(try XMLDocument.xml(writer.finish()).nodes("/t").first?.text == "xyz")
    }
}
