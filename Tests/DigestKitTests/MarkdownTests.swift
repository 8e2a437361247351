import DigestXML
import Dispatch
import Synchronization
import Testing
@testable import DigestKit

/// Markdown through cmark-gfm, checked by parsing the HTML back with libxml2.
@Suite struct MarkdownTests {
    private func html(_ markdown: String) throws -> XMLDocument {
        try XMLDocument.html(Array(("<body>" + Markdown.render(markdown).html + "</body>").utf8))
    }

    @Test func rendersGitHubTablesWithAlignmentClasses() throws {
        let doc = try html("| Model | Score |\n|:--|--:|\n| A | 1.0 |\n| B | 2.0 |\n")
        #expect(doc.nodes("//table/thead/tr/th").map(\.text) == ["Model", "Score"])
        #expect(doc.nodes("//table/tbody/tr").count == 2)
        #expect(doc.nodes("//td[@class='align-right']").map(\.text) == ["1.0", "2.0"])
        #expect(doc.nodes("//*[@align]").isEmpty)  // obsolete in HTML5
    }

    @Test func rendersFootnotesStrikethroughTasksAndAutolinks() throws {
        let doc = try html("Claim[^1] ~~old~~ see www.example.org\n\n- [x] done\n\n[^1]: Source.\n")
        let reference = try #require(doc.nodes("//sup/a").first)
        #expect(reference["href"] == "#fn-1")
        #expect(doc.nodes("//*[@id='fn-1']").first?.text.contains("Source.") == true)
        #expect(doc.nodes("//del").map(\.text) == ["old"])
        #expect(doc.nodes("//a[@href='http://www.example.org']").count == 1)
        #expect(doc.nodes("//input[@type='checkbox'][@checked]").count == 1)
    }

    @Test func rawHTMLIsNeverRendered() throws {
        let doc = try html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <b>bold</b>.\n\n<iframe src=\"https://evil\"></iframe>")
        #expect(doc.nodes("//script | //img | //b | //iframe").isEmpty)
        #expect(doc.nodes("//@*[starts-with(name(), 'on')]").isEmpty)
        #expect(doc.nodes("//p").first?.text.contains("Text") == true)
    }

    @Test func onlyWebAndMailLinksSurvive() throws {
        let doc = try html("""
            [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](javascript&#58;alert(1)) [d](data:text/html,x)
            [e](vbscript:x) [f](/relative) [g](#frag) [h](https://ok.example/) [i](mailto:me@example.org)
            ![img](javascript:x) ![pic](https://img.example/p.png)
            """)
        #expect(doc.nodes("//a").compactMap { $0["href"] } == ["https://ok.example/", "mailto:me@example.org"])
        #expect(doc.nodes("//img").compactMap { $0["src"] } == ["https://img.example/p.png"])
        // The text of a removed link stays readable.
        let text = doc.nodes("//p").first?.text ?? ""
        for label in ["a", "b", "c", "d", "e", "f", "g", "img"] { #expect(text.contains(label)) }
    }

    @Test func headingsGetUniqueReadableIDs() throws {
        let rendered = Markdown.render("## Results\n\n### Ablation: *depth*\n\n## Results\n\n## Abstract\n", reservedIDs: ["abstract"])
        #expect(rendered.headings.map(\.id) == ["results", "ablation-depth", "results-2", "abstract-2"])
        #expect(rendered.headings.map(\.text) == ["Results", "Ablation: depth", "Results", "Abstract"])
        let doc = try XMLDocument.html(Array(rendered.html.utf8))
        #expect(doc.nodes("//h2").compactMap { $0["id"] } == ["results", "results-2", "abstract-2"])
        #expect(doc.nodes("//h3").compactMap { $0["id"] } == ["ablation-depth"])
    }

    @Test func embeddingShiftsHeadingsAndPrefixesAnchors() throws {
        let rendered = Markdown.render("## Summary\n\nA note[^n].\n\n### Detail\n\n[^n]: Here.\n")
        let embedded = rendered.html(topLevel: 4, anchorPrefix: "2611.00001--")
        let doc = try XMLDocument.html(Array(embedded.utf8))
        #expect(doc.nodes("//h4").compactMap { $0["id"] } == ["2611.00001--summary"])
        #expect(doc.nodes("//h5").compactMap { $0["id"] } == ["2611.00001--detail"])
        #expect(doc.nodes("//h2 | //h3").isEmpty)
        // Every fragment link still points at an element of the same fragment.
        let ids = Set(doc.nodes("//*[@id]").compactMap { $0["id"] })
        let targets = doc.nodes("//a[starts-with(@href, '#')]").compactMap { $0["href"]?.dropFirst() }.map(String.init)
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "dangling #\(target)") }
    }

    @Test func headingShiftIsClampedToSix() {
        let embedded = Markdown.render("## A\n\n###### B\n").html(topLevel: 5, anchorPrefix: "")
        #expect(embedded.contains("<h5 id=\"a\">"))
        #expect(embedded.contains("<h6 id=\"b\">"))
    }

    @Test func inlineRenderingDropsTheParagraphWrapper() {
        #expect(Markdown.renderInline("A **bold** `step`") == "A <strong>bold</strong> <code>step</code>")
        #expect(Markdown.renderInline("- a\n- b").hasPrefix("<ul>"))
        #expect(Markdown.renderInline("<script>x</script>").contains("<script>") == false)
    }

    @Test func textThatLooksLikeMarkupIsEscaped() throws {
        let rendered = Markdown.render(#"Use `<h2>` and "quotes" & id="x" here."#)
        #expect(!rendered.html.contains("<h2"))
        #expect(rendered.html.contains("&lt;h2&gt;"))
        #expect(rendered.headings.isEmpty)
        #expect(!rendered.html(topLevel: 4, anchorPrefix: "p-").contains("id=\"p-"))
    }
}

/// cmark-gfm 0.29.0.gfm.6 shares its extension character table between threads; CCmarkSupport fixes that.
@Suite struct MarkdownConcurrencyTests {
    @Test func theConcurrencyFixIsActiveInThisProcess() {
        #expect(Markdown.concurrencySafe)
    }

    @Test func renderingOnManyThreadsGivesTheSameHTML() {
        let documents = (0..<16).map { index in
            """
            ## Part \(index)

            See https://example.org/\(index) and ~~old~~ text, www.example.com too.

            | a | b |
            |---|---|
            | \(index) | x |
            """
        }
        let expected = documents.map { Markdown.render($0).html }
        for html in expected {
            #expect(html.contains("<a href=\"https://example.org/"))
            #expect(html.contains("<del>old</del>"))
            #expect(html.contains("<table>"))
        }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4000) { iteration in
            let index = iteration % documents.count
            if Markdown.render(documents[index]).html != expected[index] { mismatches.withLock { $0 += 1 } }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}
