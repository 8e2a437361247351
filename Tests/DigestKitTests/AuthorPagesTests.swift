import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Author pages: who gets one, their slugs for names in any script, the links to them
/// and their Atom feeds, checked against the records.
@Suite struct AuthorPagesTests {
    static func record(_ id: String, day: String, authors: [String], title: String? = nil) -> String {
        let json = try! JSONSerialization.data(
            withJSONObject: ["id": id, "date": day, "title": title ?? "Paper \(id)", "topics": ["Theory"], "authors": authors,
                             "highlights": ["A key point of \(id)."]],
            options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    static func plan(_ records: [String], authorPages: Int? = nil) throws -> SitePlan {
        let loaded = PaperFileDecoder.decode(SourceFile(path: "p.json", text: "[" + records.joined(separator: ",\n") + "]"), fileIndex: 0, timeZone: .utc)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        var config = SiteConfig(title: "T", baseURL: BaseURL("https://example.org/d/")!)
        if let authorPages { config.authorPages = authorPages }
        let digest = DigestBuilder.build(config: config, records: loaded.records, today: nil)
        let layouts = try FolderReader.readLayouts(LargeSiteTests.root.appendingPathComponent("Layouts").path)
        return SitePlan(digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts"))
    }

    static func slugs(_ plan: SitePlan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.digest.authors.authors.map { ($0.name, $0.slug) })
    }

    @Test func slugsForNamesInAnyScriptAreStableAndNeverShared() throws {
        let hard = ["Søren Ølund", "José García", "张伟", "Иван Петров", "Jürgen Straße"]
        var records = [Self.record("2611.00001", day: "2026-11-10", authors: hard), Self.record("2611.00002", day: "2026-11-11", authors: hard)]
        let before = Self.slugs(try Self.plan(records))
        #expect(before["Søren Ølund"] == "soren-olund")
        #expect(before["José García"] == "jose-garcia")
        #expect(before["Jürgen Straße"] == "jurgen-strasse")
        #expect(before["张伟"] == "author-" + StableHash.hex("张伟"))
        #expect(before["Иван Петров"] == "author-" + StableHash.hex("Иван Петров"))
        for slug in before.values { #expect(slug == Slug.make(slug), "\(slug) is not a safe folder name") }

        // A later author whose name folds alike gets a slug of their own; the earlier keeps theirs.
        records += [Self.record("2611.00003", day: "2026-11-12", authors: ["Jose Garcia"]), Self.record("2611.00004", day: "2026-11-13", authors: ["Jose Garcia"])]
        let after = Self.slugs(try Self.plan(records))
        #expect(after["José García"] == "jose-garcia")
        #expect(after["Jose Garcia"] == "jose-garcia-" + StableHash.hex("Jose Garcia"))
        for (name, slug) in before { #expect(after[name] == slug) }
        #expect(Set(after.values).count == after.count)
    }

    @Test func aNameWrittenInComposedOrDecomposedUnicodeIsOnePage() throws {
        let composed = "Zo\u{00EB} Lindqvist", decomposed = "Zoe\u{0308} Lindqvist"
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-10", authors: [composed]), Self.record("2611.00002", day: "2026-11-11", authors: [decomposed]),
        ])
        #expect(plan.digest.authors.authors.count == 1)
        #expect(plan.digest.authors.authors.first?.papers.count == 2)
        #expect(plan.digest.authors.slug(of: composed) == "zoe-lindqvist" && plan.digest.authors.slug(of: decomposed) == "zoe-lindqvist")
    }

    @Test func theThresholdIsASetting() throws {
        let records = [
            Self.record("2611.00001", day: "2026-11-10", authors: ["Ada Berg", "Bo Li", "Chen Wei"]),
            Self.record("2611.00002", day: "2026-11-11", authors: ["Ada Berg", "Bo Li"]),
            Self.record("2611.00003", day: "2026-11-12", authors: ["Ada Berg", "Ada Berg"]),  // a repeated name counts once
        ]
        #expect(Self.slugs(try Self.plan(records)).keys.sorted() == ["Ada Berg", "Bo Li"])
        #expect(Self.slugs(try Self.plan(records, authorPages: 3)).keys.sorted() == ["Ada Berg"])
        #expect(Self.slugs(try Self.plan(records, authorPages: 1)).keys.sorted() == ["Ada Berg", "Bo Li", "Chen Wei"])
        let off = try Self.plan(records, authorPages: 0)
        #expect(off.digest.authors.authors.isEmpty)
        #expect(!off.entries.contains { $0.path.hasPrefix("authors/") })
        #expect(try LargeSiteTests.page(off, "index.html").nodes("//a[@class='author']").isEmpty)
        #expect(off.digest.authors.authors.isEmpty)
    }

    @Test func authorPagesListTheirPapersNewestFirstAndNamesLinkToThem() throws {
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-10", authors: ["Ada Berg", "Bo Li"], title: "Oldest"),
            Self.record("2611.00002", day: "2026-11-12", authors: ["Chen Wei", "Ada Berg"], title: "Newest"),
            Self.record("2611.00003", day: "2026-11-11", authors: ["Ada Berg"], title: "Middle"),
        ])
        let page = try LargeSiteTests.page(plan, "authors/ada-berg/index.html")
        #expect(page.nodes("//h1").first?.text == "Ada Berg")
        #expect(page.nodes("//ol[contains(@class,'author-papers')]/li/a").map(\.text) == ["Newest", "Middle", "Oldest"])
        #expect(page.nodes("//link[@rel='alternate'][@type='application/atom+xml']").contains { $0["href"] == "../../authors/ada-berg/atom.xml" })

        // Cards and paper pages link the names with pages, and only those.
        let home = try LargeSiteTests.page(plan, "index.html")
        let card = try #require(home.nodes("//article[contains(@class,'card')]").first)
        #expect(card.nodes(".//p[@class='authors']/a[@class='author']").map { $0.text } == ["Ada Berg"])
        #expect(card.nodes(".//p[@class='authors']/a[@class='author']").first?["href"] == "./authors/ada-berg/")
        #expect(card.nodes(".//p[@class='authors']/span[@class='author']").map(\.text) == ["Chen Wei"])
        let paper = try LargeSiteTests.page(plan, "papers/2611.00002/index.html")
        #expect(paper.nodes("//p[@class='authors']/a[@class='author']").map { $0["href"] ?? "" } == ["../../authors/ada-berg/"])
    }

    @Test func eachAuthorHasAnAtomFeedOfTheirNewestPapers() throws {
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-10", authors: ["Ada Berg"], title: "Oldest"),
            Self.record("2611.00002", day: "2026-11-12", authors: ["Ada Berg"], title: "Newest & <best>"),
        ])
        let entry = try #require(plan.entries.first { $0.path == "authors/ada-berg/atom.xml" })
        let feed = try XMLDocument.xml(plan.render(entry).bytes)
        let atom: KeyValuePairs<String, String> = ["a": "http://www.w3.org/2005/Atom"]
        #expect(feed.nodes("/a:feed/a:entry/a:title", namespaces: atom).map(\.text) == ["Newest & <best>", "Oldest"])
        #expect(feed.nodes("/a:feed/a:entry/a:id", namespaces: atom).map(\.text)
            == ["https://example.org/d/papers/2611.00002/", "https://example.org/d/papers/2611.00001/"])
        #expect(feed.nodes("/a:feed/a:link[@rel='self']", namespaces: atom).first?["href"] == "https://example.org/d/authors/ada-berg/atom.xml")
        #expect(feed.nodes("/a:feed/a:entry/a:author/a:name", namespaces: atom).map(\.text) == ["Ada Berg", "Ada Berg"])
        // The sitemap lists the page.
        let sitemap = try #require(plan.entries.first { $0.path == "sitemaps/authors-1.xml" })
        let urls = try XMLDocument.xml(plan.render(sitemap).bytes).nodes("//s:loc", namespaces: ["s": "http://www.sitemaps.org/schemas/sitemap/0.9"])
        #expect(urls.map(\.text) == ["https://example.org/d/authors/ada-berg/"])
    }
}
