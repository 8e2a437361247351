import Testing
@testable import DigestKit

@Suite struct SlugTests {
    @Test func idsAndTopicsBecomeSafeFolderNames() {
        #expect(Slug.make("2502.15969") == "2502.15969")
        #expect(Slug.make("hep-th/9901001") == "hep-th-9901001")
        #expect(Slug.make("math.GT/0309136") == "math.gt-0309136")
        #expect(Slug.make("Speech & Audio") == "speech-audio")
        #expect(Slug.make("Équité Algorithmique") == "equite-algorithmique")
        #expect(Slug.make("Straße") == "strasse")
    }

    @Test func slugsCannotClimbOutOfTheirFolder() {
        for hostile in ["../../etc/passwd", "..", ".", "/abs", "a/../../b", "...hidden", "a\\b"] {
            let slug = Slug.make(hostile)
            #expect(!slug.isEmpty)
            #expect(!slug.contains("/"))
            #expect(!slug.contains(".."))
            #expect(!slug.hasPrefix("."))
            #expect(OutputFile.isConfined("papers/\(slug)/index.html"))
        }
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
    }

    @Test func lettersOfEveryScriptFoldAsTheirDecompositionSays() {
        #expect(Slug.make("Nguyễn Thị Ánh") == "nguyen-thi-anh")
        #expect(Slug.make("Ὀδυσσεύς Kelvin\u{212A}") == "kelvink")
        #expect(Slug.make("Пётр Ильич", fallbackPrefix: "author").hasPrefix("author-"))
        #expect(Slug.make("王小明 Wang") == "wang")
        // Past `foldsEnd` a letter folds to nothing without being decomposed: nothing there
        // decomposes into ASCII (in the basic plane and the two after it, where characters
        // with decompositions are).
        let past = (Slug.foldsEnd..<0x30000).compactMap(Unicode.Scalar.init).filter { scalar in
            Slug.decompose(scalar).unicodeScalars.contains { $0.isASCII }
        }
        #expect(past.isEmpty, "\(past.prefix(5).map { String($0.value, radix: 16) })")
        // And just before it, one does.
        #expect(Slug.decompose(Unicode.Scalar(0x226F)!).unicodeScalars.contains { $0.isASCII })
    }

    @Test func namesWithoutLettersGetAStableHashSlug() {
        let slug = Slug.make("🤖🧠", fallbackPrefix: "topic")
        #expect(slug.hasPrefix("topic-"))
        #expect(slug == Slug.make("🤖🧠", fallbackPrefix: "topic"))
        #expect(slug != Slug.make("🦾", fallbackPrefix: "topic"))
    }

    @Test func longNamesAreCutAndStayUnique() {
        let a = Slug.make(String(repeating: "a", count: 300))
        let b = Slug.make(String(repeating: "a", count: 299) + "b")
        #expect(a.count <= Slug.maxLength)
        #expect(a != b)
    }

    @Test func confinedPathsRejectTraversal() {
        #expect(OutputFile.isConfined("papers/x/index.html"))
        #expect(!OutputFile.isConfined("../x"))
        #expect(!OutputFile.isConfined("/etc/passwd"))
        #expect(!OutputFile.isConfined("a//b"))
        #expect(!OutputFile.isConfined("a/./b"))
        #expect(!OutputFile.isConfined(""))
        for path in ["a/..", "a/.", "..", ".", "a/", "/", "a/../b", "a\\b", "a/\u{7F}", "a\u{0}b", "a/b\n"] {
            #expect(!OutputFile.isConfined(path), "\(path)")
        }
        for path in ["...", "a/.../b", "a/b..c", ".well-known/x", "a/..b/.c", "é/中.html"] {
            #expect(OutputFile.isConfined(path), "\(path)")
        }
    }

    @Test func paperIDsSplitOffTheirVersion() {
        #expect(PaperID("2502.15969v2").base == "2502.15969")
        #expect(PaperID("2502.15969v2").version == 2)
        #expect(PaperID("2502.15969").version == nil)
        #expect(PaperID("hep-th/9901001v3").base == "hep-th/9901001")
        #expect(PaperID("openreview-abcv").base == "openreview-abcv")
        #expect(PaperID("2502.15969").isArXiv)
        #expect(PaperID("hep-th/9901001").isArXiv)
        #expect(PaperID("math.GT/0309136").isArXiv)
        #expect(!PaperID("my-paper").isArXiv)
        #expect(!PaperID("../../etc/passwd").isArXiv)
    }
}
