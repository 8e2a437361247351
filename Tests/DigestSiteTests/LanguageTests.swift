import DigestKit
import DigestXML
import Foundation
import Testing

/// The sample site built in other languages: no English interface string is left on any
/// page or feed, dates are the language's, and the language is declared everywhere.
struct LanguageTests {
    /// English strings (each form of a plural), from Digest's table, with what `tag` says instead.
    static func strings(_ tag: String) throws -> [(key: String, english: String, translated: String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources/DigestKit/Language/Strings")
        func load(_ name: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("\(name).json"))) as! [String: Any]
        }
        let english = try load("en"), translated = try load(tag)
        func texts(_ value: Any?) -> [String] {
            if let text = value as? String { return [text] }
            return ((value as? [String: String]) ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        }
        return english.keys.sorted().flatMap { key in
            let own = texts(translated[key]).joined(separator: "\u{0}")
            return texts(english[key]).map { (key, $0, own) }
        }
    }

    /// The literal parts of an English string, long enough not to be mistaken for content
    /// ("Key points", "papers today"), skipping those the language writes alike ("Code").
    static func englishFragments(_ tag: String) throws -> [(key: String, fragment: String)] {
        try strings(tag).filter { !$0.key.hasPrefix("js.") }.flatMap { entry in
            entry.english.split(separator: "{").map { part in
                String(part.split(separator: "}", maxSplits: 1).last ?? "")
            }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
            .filter { $0.count >= 7 && $0.contains(" ") && !entry.translated.contains($0) }
            .map { (entry.key, $0) }
        }
    }

    /// Text a reader sees that the interface wrote: every text node and label attribute
    /// outside the content (titles, names, topics, summaries, abstracts, BibTeX).
    static func interfaceText(_ page: XMLDocument) -> [String] {
        let content = "ancestor::*[contains(@class,'prose') or contains(@class,'highlights') or contains(@class,'card-title') or contains(@class,'authors') or contains(@class,'tags') or contains(@class,'abstract-text') or contains(@class,'toc-papers') or contains(@class,'related-list') or contains(@class,'comment') or contains(@class,'bibtex') or contains(@class,'paper-nav-title') or contains(@class,'best-title') or self::h1 or self::title or self::script or contains(@class,'author-papers') or contains(@class,'archive-day') or contains(@class,'older') or contains(@class,'tagline') or contains(@class,'site-title')]"
        let texts = page.nodes("//body//text()[not(\(content))]").map(\.text)
        let labels = page.nodes("//*[@aria-label or @placeholder or @title][not(\(content))]").flatMap { node in
            ["aria-label", "placeholder", "title"].compactMap { node[$0] }
        }
        return texts + labels
    }

    /// A copy of the sample site with `language` set to `tag`.
    static func sample(in tag: String) throws -> TestSite {
        let site = try TestSite.sample()
        let settings = site.content + "/site.json"
        let json = try String(contentsOfFile: settings, encoding: .utf8)
        try Data(json.replacingOccurrences(of: "\"language\": \"en\"", with: "\"language\": \"\(tag)\"").utf8).write(to: URL(fileURLWithPath: settings))
        return site
    }

    @Test(arguments: ["de", "zh-CN"])
    func theSampleSiteHasNoEnglishInterfaceLeft(_ tag: String) throws {
        let site = try Self.sample(in: tag)
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let fragments = try Self.englishFragments(tag)
        #expect(fragments.count > 100, "too few English strings to look for: \(fragments.count)")
        let files = site.outputFiles()
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 100)
        var left: [String] = []
        for path in pages {
            let page = try XMLDocument.html(files[path]!)
            #expect(page.nodes("/html").first?["lang"] == tag, "\(path) lang")
            let text = Self.interfaceText(page).joined(separator: "\n")
            for (key, fragment) in fragments where text.contains(fragment) { left.append("\(path): \(key) \"\(fragment)\"") }
        }
        #expect(left.isEmpty, "English left: \(left.prefix(20))")

        // Feeds say their language, and their titles are translated.
        let rss = try site.xml("feed.xml")
        #expect(rss.nodes("/rss/channel/language").first?.text == tag)
        let daily = try site.xml("daily.xml")
        let dailyTitle = daily.nodes("/rss/channel/title").first?.text ?? ""
        #expect(!dailyTitle.contains("daily digest") && !dailyTitle.isEmpty)
        let atom = try site.xml("atom.xml")
        #expect(atom.root?["xml:lang"] == tag || atom.nodes("/*[@xml:lang]").first != nil)
        let feed = try JSONSerialization.jsonObject(with: Data(files["feed.json"]!)) as! [String: Any]
        #expect(feed["language"] as? String == tag)
        let scripts = String(decoding: files["assets/strings.js"] ?? [], as: UTF8.self)
        #expect(scripts.contains("\"lang\":\"\(tag)\""))
    }

    /// Dates on the sample's latest day (20 November 2026), as the issue spells them.
    @Test func datesAreLocalised() throws {
        let expected = [("de", "Freitag, 20. November 2026", "20. November 2026"), ("zh-CN", "2026年11月20日 星期五", "2026年11月20日")]
        for (tag, long, medium) in expected {
            let site = try Self.sample(in: tag)
            defer { site.remove() }
            try site.build()
            let home = try site.html("index.html")
            #expect(home.nodes("//main//h1").first?.text == long)
            let paper = try site.html("papers/" + firstPaperSlug(site) + "/index.html")
            #expect(paper.nodes("//p[@class='kicker']/a").first?.text == medium)
        }
    }

    private func firstPaperSlug(_ site: TestSite) throws -> String {
        let home = try site.html("index.html")
        let href = home.nodes("//h3[@class='card-title']/a").first?["href"] ?? ""
        return href.split(separator: "/").last.map(String.init) ?? ""
    }

    /// A Chinese summary on an English site is marked `lang="zh-CN"`; an English one is not marked.
    @Test func aSummaryInAnotherLanguageIsMarked() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/2026-11-20.json": "[" + paperJSON("2611.00001", day: "2026-11-20", extra: #", "language": "zh-CN""#)
                + ", " + paperJSON("2611.00002", day: "2026-11-20", extra: #", "language": "en""#) + "]",
        ])
        defer { site.remove() }
        try site.build()
        let home = try site.html("index.html")
        #expect(home.nodes("//article[@data-paper='2611.00001']//ul[@class='highlights']").first?["lang"] == "zh-CN")
        #expect(home.nodes("//article[@data-paper='2611.00001']//div[contains(@class,'prose')]").first?["lang"] == "zh-CN")
        #expect(home.nodes("//article[@data-paper='2611.00002']//ul[@class='highlights']").first?["lang"] == nil)
        let paper = try site.html("papers/2611.00001/index.html")
        #expect(paper.nodes("//div[contains(@class,'paper-summary')]").first?["lang"] == "zh-CN")
    }

    /// A bad language tag on a record is an error naming the file, line, column, record and field.
    @Test func aBadRecordLanguageIsAnError() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/2026-11-20.json": "[\n" + paperJSON("2611.00001", day: "2026-11-20", extra: #", "language": "Chinese!""#) + "\n]",
        ])
        defer { site.remove() }
        let message = try buildErrors(site, accepting: "a bad language tag")
        #expect(message.contains("2026-11-20.json:2:"), "\(message)")
        #expect(message.contains("record 1 (2611.00001), field \"language\""), "\(message)")
    }

    /// A template's `{{t.key}}` that names no string is an error at its line and column.
    @Test func anUnknownStringInATemplateIsAnError() throws {
        let layouts = FileManager.default.temporaryDirectory.appendingPathComponent("digest-layouts-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Layouts"), to: layouts)
        defer { try? FileManager.default.removeItem(at: layouts) }
        let page = layouts.appendingPathComponent("404.mustache")
        let text = try String(contentsOf: page, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{t.notFound.lede}}", with: "{{t.notFound.missing}}").utf8).write(to: page)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("{{t.notFound.lede}}") }! + 1
        let site = try TestSite(["site.json": siteJSON(), "papers/a.json": "[" + paperJSON("2611.00001", day: "2026-11-20") + "]"], layouts: layouts.path)
        defer { site.remove() }
        let message = try buildErrors(site, accepting: "an unknown string")
        #expect(message.contains("404.mustache:\(line):"), "\(message)")
        #expect(message.contains("\"notFound.missing\""), "\(message)")
    }

    /// The problems a build that must fail reported, one a line; empty, with the test
    /// failed, when it built `what` without complaint.
    private func buildErrors(_ site: TestSite, accepting what: String) throws -> String {
        do {
            try site.build()
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description).joined(separator: "\n")
        }
        Issue.record("the build accepted \(what)")
        return ""
    }
}
