import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Code links: found in abstracts when the record has none, shown as a badge with stars,
/// and counted by the day page's "Has code" chip.
@Suite struct CodeLinkTests {
    @Test func abstractsNameTheirRepository() {
        #expect(CodeLink.find(in: #"We release it. Code: \url{https://github.com/lab/echo}."#) == "https://github.com/lab/echo")
        #expect(CodeLink.find(in: "Available at https://gitlab.com/group/project/-/tree/main, with data.") == "https://gitlab.com/group/project/-/tree/main")
        #expect(CodeLink.find(in: "See https://www.github.com/a/b.") == "https://www.github.com/a/b")
        // A repository beats an earlier address that is not one.
        #expect(CodeLink.find(in: "Demo at https://example.org/demo; code: https://github.com/x/y") == "https://github.com/x/y")
        // Without a repository, an address right after "code" is the code.
        #expect(CodeLink.find(in: "Our code is available at https://example.org/release.") == "https://example.org/release")
        // Not code: a user page, a site, an address not introduced as code, a bad scheme.
        #expect(CodeLink.find(in: "Profile: https://github.com/someone") == nil)
        #expect(CodeLink.find(in: "We encode it; see https://example.org/paper") == nil)
        #expect(CodeLink.find(in: "Code: javascript:alert(1) and ftp://github.com/a/b") == nil)
        #expect(CodeLink.find(in: "No address here, just a/b testing.") == nil)
    }

    @Test func recordsWithoutACodeLinkTakeTheAbstracts() throws {
        func record(_ id: String, abstract: String, code: String? = nil) -> String {
            var fields: [String: Any] = ["id": id, "date": "2026-11-20", "title": "T \(id)", "authors": ["A B"], "abstract": abstract]
            if let code { fields["links"] = ["code": code] }
            return String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        let plan = try SearchIndexTests.plan([
            record("2611.00001", abstract: #"Code: \url{https://github.com/lab/one}"#),
            record("2611.00002", abstract: "Code: https://github.com/lab/ignored", code: "https://example.org/given"),
            record("2611.00003", abstract: "Nothing to see."),
        ])
        let links = Dictionary(uniqueKeysWithValues: plan.digest.papers.map { ($0.id.base, $0.links.code) })
        #expect(links["2611.00001"] == "https://github.com/lab/one")
        #expect(links["2611.00002"] == "https://example.org/given")
        #expect(links["2611.00003"] == .some(nil))
    }

    @Test func cardsShowACodeBadgeWithStarsAndDaysAHasCodeChip() throws {
        func record(_ id: String, code: Bool, stars: Int? = nil) -> String {
            var fields: [String: Any] = ["id": id, "date": "2026-11-20", "title": "T \(id)", "authors": ["A B"], "topics": ["Theory"]]
            if code { fields["links"] = ["code": "https://github.com/lab/\(id)"] }
            if let stars { fields["codeStars"] = stars }
            return String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        let plan = try SearchIndexTests.plan([
            record("2611.00001", code: true, stars: 15_300), record("2611.00002", code: true), record("2611.00003", code: false),
        ])
        let home = try LargeSiteTests.page(plan, "index.html")
        let badges = home.nodes("//article[contains(@class,'card')]//li[contains(@class,'badge-code')]")
        #expect(badges.count == 2)
        #expect(badges.map { $0.nodes("./a").first?["href"] ?? "" }.sorted() == ["https://github.com/lab/2611.00001", "https://github.com/lab/2611.00002"])
        #expect(badges.contains { $0.text.contains("15.3k") && $0.text.contains("stars") })
        #expect(home.nodes("//article[@data-code='yes']").count == 2 && home.nodes("//article[@data-code='no']").count == 1)
        let chip = try #require(home.nodes("//button[@data-code-only]").first)
        #expect(chip["aria-pressed"] == "false")
        #expect(chip.nodes(".//span[@class='chip-count']").first?.text == "2")
        // The contents list carries the same mark, so the filter hides both.
        #expect(home.nodes("//ol[@class='toc-papers']/li[@data-code='yes']").count == 2)
    }

    @Test func starsReadLikeTheCodeHostsShowThem() {
        #expect(PaperView.compactCount(950) == "950")
        #expect(PaperView.compactCount(1000) == "1k")
        #expect(PaperView.compactCount(1240) == "1.2k")
        #expect(PaperView.compactCount(15_300) == "15.3k")
        #expect(PaperView.compactCount(153_000) == "153k")
        #expect(PaperView.compactCount(2_450_000) == "2.4M")
    }
}
