import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// What reference managers read: Highwire tags, COinS and BibTeX, checked against the records.
@Suite struct CitationTests {
    static func record(_ id: String, day: String, title: String, authors: [String], published: String? = nil) -> String {
        var fields: [String: Any] = ["id": id, "date": day, "title": title, "authors": authors, "topics": ["Theory"]]
        if let published { fields["published"] = published }
        return String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func paperPagesCarryHighwireTagsInTheRecordsOrder() throws {
        let plan = try SearchIndexTests.plan([
            Self.record("2611.00001v2", day: "2026-11-20", title: "Sparse & Dense: $O(n^2)$ Attention",
                        authors: [#"Mira Wollschl\"ager"#, "Zoë Lindqvist", "Wei Zhang"], published: "2026-11-18T10:00:00Z")
        ])
        let page = try LargeSiteTests.page(plan, "papers/2611.00001/index.html")
        let tags = page.nodes("//meta[starts-with(@name,'citation_')]").map { ($0["name"] ?? "", $0["content"] ?? "") }
        #expect(tags.filter { $0.0 == "citation_author" }.map(\.1) == ["Mira Wollschläger", "Zoë Lindqvist", "Wei Zhang"])
        #expect(tags.first { $0.0 == "citation_title" }?.1 == "Sparse & Dense: $O(n^2)$ Attention")
        #expect(tags.first { $0.0 == "citation_publication_date" }?.1 == "2026/11/18")
        #expect(tags.first { $0.0 == "citation_online_date" }?.1 == "2026/11/20")
        #expect(tags.first { $0.0 == "citation_arxiv_id" }?.1 == "2611.00001")
        #expect(tags.first { $0.0 == "citation_pdf_url" }?.1 == "https://arxiv.org/pdf/2611.00001")
        // The Cite block shows the same entry as cite.bib beside the page.
        let shown = page.nodes("//pre[@id='bibtex']").first?.text ?? ""
        let file = try #require(plan.entries.first { $0.path == "papers/2611.00001/cite.bib" })
        #expect(shown == String(decoding: plan.render(file).bytes, as: UTF8.self))
        #expect(shown.hasPrefix("@misc{wollschlager2026sparse,"))
        #expect(shown.contains("author        = {Mira Wollschläger and Zoë Lindqvist and Wei Zhang}"))
        #expect(shown.contains("title         = {Sparse \\& Dense: $O(n^2)$ Attention}"))
        #expect(shown.contains("month         = nov") && shown.contains("eprint        = {2611.00001}"))
    }

    @Test func cardsCarryCOinSWithTitleAndAuthors() throws {
        let plan = try SearchIndexTests.plan([
            Self.record("2611.00001", day: "2026-11-20", title: "Graphs, Tokens & Ünïcode", authors: ["Ada Berg", "Bo Li"])
        ])
        let home = try LargeSiteTests.page(plan, "index.html")
        let spans = home.nodes("//article[contains(@class,'card')]/span[@class='Z3988']")
        #expect(spans.count == 1)
        let pairs = (spans.first?["title"] ?? "").split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1].removingPercentEncoding ?? "" : "")
        }
        #expect(pairs.first { $0.0 == "rft.atitle" }?.1 == "Graphs, Tokens & Ünïcode")
        #expect(pairs.filter { $0.0 == "rft.au" }.map(\.1) == ["Ada Berg", "Bo Li"])
        #expect(pairs.contains { $0 == ("rft_id", "info:arxiv/2611.00001") })
        #expect(pairs.first { $0.0 == "ctx_ver" }?.1 == "Z39.88-2004")
    }

    @Test func keysAreUniqueWithinADayAndNeverChange() throws {
        let first = Self.record("2611.00001", day: "2026-11-20", title: "Graph Priors", authors: ["Ada Berg"])
        let second = Self.record("2611.00002", day: "2026-11-20", title: "Graph Priors Again", authors: ["Ada Berg"])
        let other = Self.record("2611.00003", day: "2026-11-19", title: "Graph Priors", authors: ["Ada Berg"])
        let before = BibTeX.keys(try SearchIndexTests.plan([first, second, other]).digest)
        #expect(before["2611.00001"] == "berg2026graph")
        #expect(before["2611.00002"] == "berg2026graphb")
        #expect(before["2611.00003"] == "berg2026graph")  // another day, another file
        let third = Self.record("2611.00004", day: "2026-11-20", title: "Graph Priors III", authors: ["Ada Berg"])
        let after = BibTeX.keys(try SearchIndexTests.plan([first, second, other, third]).digest)
        #expect(after["2611.00001"] == before["2611.00001"] && after["2611.00002"] == before["2611.00002"])
        #expect(after["2611.00004"] == "berg2026graphc")
        // No author: the key starts with "paper" and has no stand-in for the name.
        let anonymous = Self.record("2611.00005", day: "2026-11-18", title: "Graph Priors", authors: [])
        #expect(BibTeX.keys(try SearchIndexTests.plan([anonymous]).digest)["2611.00005"] == "paper2026graph")
        let day = try #require(try SearchIndexTests.plan([first, second, other, third]).entries.first { $0.path == "bib/2026-11-20.bib" })
        #expect(String(decoding: try SearchIndexTests.plan([first, second, other, third]).render(day).bytes, as: UTF8.self)
            .components(separatedBy: "@misc{").count == 4)
    }

    /// The key's word is the title's first word of three letters or more that is not a stop
    /// word, folded to ASCII, whatever the title's script; none when the title has no terms.
    @Test func keysTakeTheFirstWordOfAnyTitle() throws {
        let titles = [
            "On the Use of $O(n^2)$ Attention": "use",
            "A Café for Transformers": "cafe",
            "Élan: Fast Search": "elan",
            "An 8-bit Optimizer": "bit",
            "Of the and: it is": "",
            String(repeating: "x", count: 45) + " Models": "x" + String(repeating: "x", count: 44),
            "Über 3D Scenes": "uber",
        ]
        var records: [String] = []
        for (index, title) in titles.keys.sorted().enumerated() {
            records.append(Self.record("2611.\(String(format: "%05d", index + 1))", day: "2026-11-20", title: title, authors: ["Ada Berg"]))
        }
        let keys = BibTeX.keys(try SearchIndexTests.plan(records).digest)
        for (index, title) in titles.keys.sorted().enumerated() {
            #expect(keys["2611.\(String(format: "%05d", index + 1))"] == "berg2026" + titles[title]!, "\(title)")
        }
    }

    @Test func valuesAreEscapedForBibTeX() {
        #expect(BibTeX.value("50% & #1 of a_b") == ##"50\% \& \#1 of a\_b"##)
        #expect(BibTeX.value("math $x_1 \\% y$ stays") == "math $x_1 \\% y$ stays")
        #expect(BibTeX.value("already \\& escaped") == "already \\& escaped")
        #expect(BibTeX.value("an {unbalanced brace") == "an unbalanced brace")
        #expect(BibTeX.value("kept {BERT} braces") == "kept {BERT} braces")
        #expect(BibTeX.value("two\nlines") == "two lines")
    }

    @Test func aNameWithAndStaysOneAuthor() throws {
        let plan = try SearchIndexTests.plan([Self.record("2611.00001", day: "2026-11-20", title: "X", authors: ["Research and Development Team", "Bo Li"])])
        let entry = BibTeX.entry(plan.digest.papers[0], key: "k", config: plan.digest.config)
        #expect(entry.contains("author        = {{Research and Development Team} and Bo Li}"))
    }
}
