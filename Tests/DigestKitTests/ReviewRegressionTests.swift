import DigestXML
import Testing
@testable import DigestKit

/// Cases a code review found; each failed before its fix.
@Suite struct ReviewRegressionTests {
    @Test func textCleaningTrimsEveryUnicodeSpaceAndWholeCharacters() {
        #expect(TextCleaning.clean("\u{1680}Title", singleLine: true) == "Title")
        #expect(TextCleaning.clean("a\u{1680}\u{1680}b", singleLine: true) == "a b")
        #expect(TextCleaning.clean("Hello \u{0301}", singleLine: false) == "Hello")
        #expect(TextCleaning.clean("Hello \u{0301}", singleLine: true) == "Hello")
    }

    @Test func backticksInTitlesDoNotHideMath() {
        let html = MathSpans.html("We study ``grokking'' in $O(n)$ models and ``double descent'' in $\\mathbb{R}^d$")
        #expect(html.components(separatedBy: "class=\"math").count == 3)
    }

    @Test func aStrayBacktickDoesNotSwallowTheRestOfTheDocument() {
        let spans = MathSpans.protect("A `stray backtick.\n\nThen $a_1 b_2$ here.\n\nAnd `code`.").spans
        #expect(spans.map(\.tex) == ["a_1 b_2"])
    }

    @Test func mathStopsAtABlankLine() {
        #expect(MathSpans.protect("$a\n   \n# Heading\nb$").spans.isEmpty)
        #expect(MathSpans.protect("\\(a\n\nb\\)").spans.isEmpty)
        #expect(MathSpans.protect("$$a\n\nb$$").spans.isEmpty)
        #expect(MathSpans.protect("$$a\nb$$").spans.map(\.tex) == ["a\nb"])
    }

    @Test func accentsAreDecodedAroundAnUnmatchedDollar() {
        #expect(TeXAccents.decode(#"Save $100 with M\"uller"#) == "Save $100 with Müller")
        #expect(TeXAccents.decode(#"$$\"a$$ and \"o"#) == #"$$\"a$$ and ö"#)
        #expect(TeXAccents.decode(#"open \( without close and \'e"#) == #"open \( without close and é"#)
    }

    @Test func canonicallyEquivalentKeysAreDifferentKeys() throws {
        let json = try JSONParser.parse(Array(#"{"caf\u00e9": 1, "cafe\u0301": 2}"#.utf8))
        guard case .object(let members) = json.value else { Issue.record("not an object"); return }
        #expect(members.count == 2)
    }

    @Test func headingsKeepOutOfTheFootnotesWay() {
        let rendered = Markdown.render("## fn 1\n\nText[^1].\n\n[^1]: Note.")
        #expect(rendered.headings.first?.id == "section-fn-1")
        #expect(rendered.html.components(separatedBy: "id=\"fn-1\"").count == 2)
    }

    @Test func highlightsHaveNoFootnotes() {
        let html = Markdown.renderInline("A claim[^1].\n\n[^1]: Source.")
        #expect(!html.contains("id=\"fn"))
    }

    @Test func forgedPlaceholdersFromCharacterReferencesAreDropped() throws {
        let rendered = Markdown.render("Real $x$, forged &#xE000;0&#xE001;, and ![alt &#xE000;](https://img.example/a.png)")
        #expect(rendered.html.components(separatedBy: "class=\"math").count == 2)
        #expect(!rendered.html.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E001}" })
        let doc = try XMLDocument.html(Array(rendered.html.utf8))
        #expect(doc.nodes("//img").first?["alt"] == "alt ")
    }

    @Test func manyErrorsInOneFileAreCappedWithANote() {
        let text = "[" + Array(repeating: "{}", count: 500).joined(separator: ",") + "]"
        let (_, diagnostics) = PaperFileDecoder.decode(SourceFile(path: "p.json", text: text), fileIndex: 0, timeZone: .utc)
        #expect(diagnostics.count == PaperFileDecoder.maxDiagnosticsPerFile + 1)
        #expect(diagnostics.last?.severity == .note)
        #expect(diagnostics.last?.message == "1900 more errors in this file are not shown")
        #expect(diagnostics.dropLast().allSatisfy { $0.line == 1 && $0.column != nil })
    }
}

/// `TextCleaning.clean` takes shortcuts; it must always agree with the scalar-by-scalar definition.
@Suite struct TextCleaningTests {
    static let pieces = [
        "a", "Z", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{7F}", "\u{85}", "\u{A0}", "é", "e\u{301}", " \u{301}",
        "—", "’", "\u{2009}", "\u{2028}", "\u{3000}", "\u{1680}", "\u{FEFF}", "\u{FFFD}", "日本", "👩‍🔬", "12345678", "abcdefghij",
        String(Unicode.Scalar(0xFDD0)!), String(Unicode.Scalar(0xFFFE)!), String(Unicode.Scalar(0x1FFFF)!), "\u{1}", "$x$", "<b>",
    ]

    @Test func theFastPathAgreesWithTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            for singleLine in [false, true] {
                #expect(TextCleaning.clean(text, singleLine: singleLine) == TextCleaning.rewrite(text, singleLine: singleLine),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) }) singleLine: \(singleLine)")
            }
        }
        // Long printable runs go through the eight-byte check.
        let long = String(repeating: "Plain words, digits 0-9 and (punctuation)! ", count: 50)
        #expect(TextCleaning.clean(long, singleLine: false) == long.trimmingWhitespace())
        #expect(TextCleaning.clean(long + "\u{7F}x", singleLine: false) == (long + "x").trimmingWhitespace())
    }
}
