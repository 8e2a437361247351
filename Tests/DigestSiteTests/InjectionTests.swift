import DigestKit
import DigestXML
import Foundation
import Testing

/// Script-injection payloads in every field of a record and of site.json: in the built site
/// (pages, feeds, sitemap, every JSON file) nothing can run, and the payloads are still
/// there as visible text, so the test cannot pass by dropping them.
@Suite struct InjectionTests {
    static let payloads = [
        #"<script>alert(1)</script>"#,
        #""><img src=x onerror=alert(1)>"#,
        #"' onmouseover='alert(1)"#,
        #"</script><script>alert(1)</script>"#,
        #"]]><script>alert(1)</script>"#,
        #"javascript:alert(1)"#,
        #"JaVaScRiPt:alert(1)"#,
        #"&#106;avascript:alert(1)"#,
        #"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="#,
        #"{{siteTitle}} {{{summary}}}"#,
    ]

    /// Markdown that tries every way cmark-gfm knows to make a link, image or raw HTML.
    static let markdownPayloads = [
        "[a](javascript:alert(1))", "[b](JaVaScRiPt:alert(1))", "[c](javascript&#58;alert(1))", "[d](&#x6A;avascript:alert(1))",
        "<javascript:alert(1)>", "[e](data:text/html,<script>alert(1)</script>)", "![f](data:image/svg+xml,<svg onload=alert(1)>)",
        "[g]( javascript:alert(1) )", "[h][ref]\n\n[ref]: javascript:alert(1)", "<a href=\"javascript:alert(1)\">raw</a>",
        "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<iframe src=\"https://evil.example\"></iframe>",
        "<svg><script>alert(1)</script></svg>", "www.example.com/\"onmouseover=\"alert(1)", "[i](vbscript:msgbox(1))",
        "<style>body{display:none}</style>", "<form action=\"https://evil.example\"><input></form>",
    ]

    static var text: String { payloads.joined(separator: " ") }

    static func record(_ id: String, day: String) -> [String: Any] {
        let markdown = (markdownPayloads + payloads).joined(separator: "\n\n")
        return [
            "id": id, "date": day, "title": "Title " + text, "authors": payloads,
            "topics": ["Topic <script>alert(1)</script>", #"Topic "><img src=x onerror=alert(1)>"#],
            "highlights": markdownPayloads + payloads, "summary": "## Heading " + text + "\n\n" + markdown,
            "abstract": text, "organization": text, "comment": text,
            "links": ["code": "https://example.org/a'onmouseover='alert(1)", "project": "https://example.org/?q=1&amp;x=y"],
            "upvotes": 3, "relevance": 5, "novelty": 5,
        ]
    }

    static func build() throws -> (TestSite, [String: [UInt8]]) {
        let site: [String: Any] = [
            "title": "Site " + text, "tagline": text, "description": text, "updateEvery": text,
            "baseURL": "https://example.org/it's/", "topics": ["Topic <script>alert(1)</script>"],
        ]
        let papers = [record("2611.00001", day: "2026-11-20"), record(#"x"><script>alert(1)</script>"#, day: "2026-11-19"),
                      record("2611.00003", day: "2026-10-01")]
        let encode = { (value: Any) in String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
        let test = try TestSite(["site.json": try encode(site), "papers/injection.json": try encode(papers)])
        try test.build()
        return (test, test.outputFiles())
    }

    @Test func nothingFromContentCanRunAnywhereInTheSite() throws {
        let (site, files) = try Self.build()
        defer { site.remove() }
        #expect(files.keys.contains("feed.xml"))
        #expect(OutputSafety.problems(in: files, baseURL: "https://example.org/it's/") == [])
    }

    @Test func thePayloadsAreShownAsText() throws {
        let (site, files) = try Self.build()
        defer { site.remove() }
        let page = try XMLDocument.html(try #require(files["papers/2611.00001/index.html"]))
        #expect(page.nodes("//h1").first?.text == "Title " + Self.text)
        #expect(page.nodes("//section[@id='abstract']/p").first?.text == Self.text)
        #expect(page.nodes("//head/title").first?.text.contains("<script>alert(1)</script>") == true)
        // Links without a safe scheme survive only as their text.
        let summary = page.nodes("//div[contains(@class,'paper-summary')]").first?.text ?? ""
        for label in ["a", "b", "c", "d", "e", "g", "h", "i"] { #expect(summary.contains(label)) }
        let feed = try XMLDocument.xml(try #require(files["feed.xml"]))
        #expect(feed.nodes("//item/title").map(\.text).contains("Title " + Self.text))
        #expect(feed.nodes("/rss/channel/title").first?.text == "Site " + Self.text)
    }

    @Test func everyPageCarriesAContentSecurityPolicy() throws {
        let (site, files) = try Self.build()
        defer { site.remove() }
        for (path, bytes) in files where path.hasSuffix(".html") {
            let doc = try XMLDocument.html(bytes)
            let policy = doc.nodes("//head/meta[@http-equiv='Content-Security-Policy']").first?["content"] ?? ""
            #expect(policy.contains("script-src 'self'"), "\(path)")
            #expect(policy.contains("style-src 'self'"), "\(path)")
            #expect(policy.contains("object-src 'none'"), "\(path)")
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(path)")
        }
    }
}
