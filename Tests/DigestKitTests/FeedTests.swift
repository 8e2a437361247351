import DigestXML
import Testing
@testable import DigestKit

/// RSS and sitemap output, parsed back with libxml2.
@Suite struct FeedTests {
    private func digest(_ json: String, feedItems: Int = 50) -> Digest {
        var config = SiteConfig(title: "Notes & <Things>", baseURL: BaseURL("https://example.org/digest")!)
        config.feedItems = feedItems
        let records = PaperFileDecoder.decode(SourceFile(path: "p.json", text: json), fileIndex: 0, timeZone: .utc).records
        return DigestBuilder.build(config: config, records: records, today: nil)
    }

    private let twoDays = """
        [{"id": "2611.00001", "title": "Old <b>one</b>", "authors": ["A"], "date": "2026-11-19", "topics": ["Theory"],
          "highlights": ["Point *one*"], "summary": "## Summary\\n\\nBody."},
         {"id": "2611.00002", "title": "New\\u0001 one", "authors": ["B", "C"], "date": "2026-11-20T08:30:00Z", "topics": ["Theory", "Robotics"]},
         {"id": "2611.00003", "title": "Third ]]> one", "authors": [], "date": "2026-11-20"}]
        """

    private func feed(_ digest: Digest, papers: [Paper]) throws -> XMLDocument {
        let rendered = RenderedPapers([:])
        let bytes = RSSFeed.render(
            title: digest.config.title, description: "d", path: "feed.xml", pageURL: digest.config.baseURL.absolute,
            papers: papers, rendered: rendered, config: digest.config)
        return try XMLDocument.xml(bytes)
    }

    @Test func itemsHaveAbsoluteLinksUniqueGuidsAndRFC822Dates() throws {
        let digest = digest(twoDays)
        let doc = try feed(digest, papers: digest.papers)
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
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() throws {
        let digest = digest(twoDays)
        let doc = try feed(digest, papers: digest.papers)
        #expect(doc.nodes("/rss/channel/title").first?.text == "Notes & <Things>")
        let titles = doc.nodes("//item/title").map(\.text)
        #expect(titles.contains("Old <b>one</b>"))
        #expect(titles.contains("New one"))
        #expect(titles.contains("Third ]]> one"))
        // The description is HTML carried as text: rendered highlights and summary.
        let description = doc.nodes("//item[guid='https://example.org/digest/papers/2611.00001/']/description").first?.text ?? ""
        #expect(description.contains("<li>Point <em>one</em></li>"))
        #expect(description.contains("<h3 id=\"summary\">Summary</h3>"))
    }

    @Test func theFeedLinksToItselfAndLimitsItsItems() throws {
        let digest = digest(twoDays, feedItems: 2)
        let papers = Array(digest.papers.prefix(digest.config.feedItems))
        let doc = try feed(digest, papers: papers)
        #expect(doc.nodes("//item").count == 2)
        let selfLink = doc.nodes("/rss/channel/atom:link", namespaces: ["atom": "http://www.w3.org/2005/Atom"]).first
        #expect(selfLink?["href"] == "https://example.org/digest/feed.xml")
        #expect(selfLink?["rel"] == "self")
    }

    @Test func sitemapListsAbsoluteURLs() throws {
        let bytes = Sitemap.render(
            [.init(path: "", lastModified: CalendarDay("2026-11-20")), .init(path: "papers/x/", lastModified: nil)],
            baseURL: BaseURL("https://example.org/digest/")!)
        let doc = try XMLDocument.xml(bytes)
        let ns: KeyValuePairs = ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"]
        #expect(doc.nodes("/s:urlset/s:url/s:loc", namespaces: ns).map(\.text) == [
            "https://example.org/digest/", "https://example.org/digest/papers/x/",
        ])
        #expect(doc.nodes("//s:lastmod", namespaces: ns).map(\.text) == ["2026-11-20"])
    }
}
