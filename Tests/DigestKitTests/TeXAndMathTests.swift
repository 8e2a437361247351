import DigestXML
import Testing
@testable import DigestKit

@Suite struct TeXAccentTests {
    @Test(arguments: [
        (#"Wollschl\"ager"#, "Wollschläger"), (#"Gon\c{c}alo"#, "Gonçalo"), (#"{\l}ukasz"#, "łukasz"), (#"Pawe{\l}"#, "Paweł"),
        (#"Jos\'e"#, "José"), (#"Jos\'{e}"#, "José"), (#"{\'e}"#, "é"), (#"Mu\~noz"#, "Muñoz"), (#"Stra\ss e"#, "Straße"),
        (#"\v{S}koda"#, "Škoda"), (#"Erd\H{o}s"#, "Erdős"), (#"Dvo\v{r}\'ak"#, "Dvořák"), (#"S\o rensen"#, "Sørensen"),
        (#"\AA ngstr\"om"#, "Ångström"), (#"\c{S}eker"#, "Şeker"), (#"Y{\i}lmaz"#, "Yılmaz"), (#"\`a la"#, "à la"),
        (#"na\"{\i}ve"#, "naïve"), (#"\u{g}"#, "ğ"), (#"{\"O}zt{\"u}rk"#, "Öztürk"),
    ])
    func accentEscapesBecomeLetters(_ input: String, _ expected: String) {
        #expect(TeXAccents.decode(input) == expected)
    }

    @Test func mathAndUnknownCommandsAreLeftAlone() {
        #expect(TeXAccents.decode(#"R$^3$Mem"#) == #"R$^3$Mem"#)
        #expect(TeXAccents.decode(#"$\"a$ stays, \"a does not"#) == #"$\"a$ stays, ä does not"#)
        #expect(TeXAccents.decode(#"\(\c{c}\) and \c{c}"#) == #"\(\c{c}\) and ç"#)
        #expect(TeXAccents.decode(#"\mathcal{O}(n) \cite{x} \omega \in"#) == #"\mathcal{O}(n) \cite{x} \omega \in"#)
        #expect(TeXAccents.decode("no escapes at all") == "no escapes at all")
        #expect(TeXAccents.decode(#"trailing \"#) == #"trailing \"#)
        // Without math (most names) nothing is taken out; the placeholder marks still go.
        #expect(TeXAccents.decode(#"Gon\c{c}alo and Wollschl\"ager"#) == "Gonçalo and Wollschläger")
        #expect(TeXAccents.decode("M\\\"uller\u{E000}\u{E001}") == "Müller")
        #expect(TeXAccents.decode(#"\"o, $x$, \'e and $$y$$"#) == #"ö, $x$, é and $$y$$"#)
    }

    /// A quick pass skips text whose only commands are math or unknown ones; a known
    /// command after any number of those must still be found.
    @Test(arguments: [
        (#"$\tilde{O}(\sqrt{T})$ regret, by Gon\c{c}alo"#, #"$\tilde{O}(\sqrt{T})$ regret, by Gonçalo"#),
        (#"see \url{https://example.org} (Schr\"odinger)"#, #"see \url{https://example.org} (Schrödinger)"#),
        (#"$\alpha$-divergence and \cite{x}"#, #"$\alpha$-divergence and \cite{x}"#),
        (#"\ssx \cdot {\ss}"#, #"\ssx \cdot ß"#),
        (#"$x$ and Micha\l"#, #"$x$ and Michał"#),
        (#"\lambda \vec{v} \right) \dots"#, #"\lambda \vec{v} \right) \dots"#),
    ])
    func knownCommandsAreFoundAmongOthers(_ input: String, _ expected: String) {
        #expect(TeXAccents.decode(input) == expected)
    }
}

@Suite struct MathTests {
    private func html(_ markdown: String) throws -> XMLDocument {
        try XMLDocument.html(Array(("<body>" + Markdown.render(markdown).html + "</body>").utf8))
    }

    @Test func underscoresAndStarsInsideMathSurviveMarkdown() throws {
        let rendered = Markdown.render(#"Cost $a_1 * b_2 * c_3$ and *emphasis* outside."#)
        #expect(rendered.hasMath)
        let doc = try html(#"Cost $a_1 * b_2 * c_3$ and *emphasis* outside."#)
        #expect(doc.nodes("//code[@class='math math-inline']").map(\.text) == ["a_1 * b_2 * c_3"])
        #expect(doc.nodes("//em").map(\.text) == ["emphasis"])
    }

    @Test func everyDelimiterIsRecognised() throws {
        let doc = try html("Inline $x^2$, \\(y_i\\), and a block:\n\n$$\n\\sum_{i=1}^n i\n$$\n\nand \\[z\\] too.")
        #expect(doc.nodes("//code[contains(@class,'math-inline')]").map(\.text) == ["x^2", "y_i"])
        #expect(doc.nodes("//div[@class='math-block']/code[contains(@class,'math-display')]").map(\.text) == ["\\sum_{i=1}^n i"])
        #expect(doc.nodes("//p/code[contains(@class,'math-display')]").map(\.text) == ["z"])
    }

    @Test func pricesAndEscapedDollarsAreNotMath() {
        #expect(MathSpans.protect("It costs $5 and $10 today.").spans.isEmpty)
        #expect(MathSpans.protect(#"Escaped \$x\$ is text."#).spans.isEmpty)
        #expect(MathSpans.protect("$ spaced $ is not math").spans.isEmpty)
        #expect(MathSpans.protect("A paragraph with $x\n\ny$ across a blank line").spans.isEmpty)
        #expect(MathSpans.protect("$x$ is").spans == [MathSpans.Span(tex: "x", display: false)])
    }

    @Test func codeIsNeverMath() {
        #expect(MathSpans.protect("Shell `echo $HOME $PATH` here").spans.isEmpty)
        #expect(MathSpans.protect("```\nlet a = $b$\n```\n\nthen $c$").spans.map(\.tex) == ["c"])
        #expect(MathSpans.protect("``a ` $x$ ``").spans.isEmpty)
    }

    @Test func mathInAnAttributeStaysText() throws {
        let rendered = Markdown.render("![graph of $y=x^2$](https://img.example/p.png)")
        let doc = try XMLDocument.html(Array(rendered.html.utf8))
        #expect(doc.nodes("//img").first?["alt"] == "graph of y=x^2")
        #expect(doc.nodes("//code").isEmpty)
    }

    @Test func forgedPlaceholdersAreRemoved() {
        let forged = "A \u{E000}0\u{E001} B $x$"
        let rendered = Markdown.render(forged)
        #expect(!rendered.html.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E001}" })
        #expect(rendered.html.components(separatedBy: "class=\"math").count == 2)
    }

    @Test func headingsWithMathGetReadableIDsAndTeXInTheOutline() {
        let rendered = Markdown.render("## Bounds for $O(n \\log n)$\n\ntext")
        #expect(rendered.headings.first?.text == "Bounds for $O(n \\log n)$")
        #expect(rendered.headings.first?.id == "bounds-for-o-n-log-n")
    }

    @Test func titlesBecomeEscapedHTMLWithMath() {
        #expect(MathSpans.html("R$^3$Mem <b>") == "R<code class=\"math math-inline\">^3</code>Mem &lt;b&gt;")
        #expect(MathSpans.html("Plain & simple") == "Plain &amp; simple")
    }

    @Test func plainTextKeepsTeXBetweenDollars() {
        #expect(Markdown.plainText("A **bold** $k$-NN step with `code`") == "A bold $k$-NN step with code")
        #expect(Markdown.plainText("No markup here") == "No markup here")
    }
}

@Suite struct AuthorListTests {
    @Test func longAuthorListsAreShortenedOnCards() {
        #expect(PaperView.shortAuthors([], text: .english) == nil)
        #expect(PaperView.shortAuthors(["Alice Zhang", "Bo Li"], text: .english) == "Alice Zhang, Bo Li")
        let five = ["A", "B", "C", "D", "E"]
        #expect(PaperView.shortAuthors(five, text: .english) == "A, B, C, D, E")
        let fifteen = (1...15).map { "Author \($0)" }
        #expect(PaperView.shortAuthors(fifteen, text: .english) == "Author 1, Author 2, Author 3, … and 12 more")
    }
}
