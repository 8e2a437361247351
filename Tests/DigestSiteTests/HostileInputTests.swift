import Foundation
import Testing

/// The corpus in Tests/Fixtures/HostileInputs: each invalid or hostile input gives either a
/// clear error naming where it is, or a safe, correct site; none crashes `digest` or writes
/// outside its output folder. Expected outcomes are in the corpus's expectations.json.
@Suite struct HostileInputTests {
    struct Expectation: Decodable {
        var outcome: String
        var messages: [String]?
        var files: [String]?
        var pages: Int?
        var topicPages: Int?
        var maxPathComponent: Int?
        var title: String?
        var author: String?
        var text: String?
    }

    static let corpus = repositoryRoot.appendingPathComponent("Tests/Fixtures/HostileInputs")
    static let expectations: [String: Expectation] = {
        let data = (try? Data(contentsOf: corpus.appendingPathComponent("expectations.json"))) ?? Data()
        return (try? JSONDecoder().decode([String: Expectation].self, from: data)) ?? [:]
    }()

    @Test func theCorpusIsLargeAndEveryFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0 != "expectations.json" }
        #expect(files.count >= 40)
        #expect(Set(files) == Set(Self.expectations.keys))
    }

    @Test(arguments: expectations.keys.sorted())
    func hostileInput(_ name: String) throws {
        let expectation = try #require(Self.expectations[name])
        let site = try TestSite([:])
        defer { site.remove() }
        try write(name, into: site)

        let result = try DigestProcess.run(["build", "--layouts", site.layouts], in: site.folder)
        #expect(result.exitedNormally, "digest crashed on \(name): \(result.stderr.suffix(500))")
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: site.folder.path))
        #expect(entries.isSubset(of: ["Content", "Site", ".Site.lock", ".Site.cache"]), "unexpected files beside the output: \(entries)")

        if expectation.outcome == "error" {
            #expect(result.status == 1)
            #expect(!FileManager.default.fileExists(atPath: site.output), "a failed build must not create the output")
            for message in expectation.messages ?? [] {
                #expect(result.stderr.contains(message), "missing message: \(message)\nstderr: \(result.stderr.prefix(1500))")
            }
            // Every error names its file and position.
            let located = try Regex(#"^Content/[^:]+\.json:\d+:\d+: error: "#)
            for line in result.stderr.split(separator: "\n") where line.contains(": error: ") {
                #expect(line.firstMatch(of: located) != nil, "no location: \(line)")
            }
        } else {
            #expect(result.status == 0, "\(name) should build: \(result.stderr.prefix(1500))")
            try checkSafeSite(site, expectation)
        }
    }

    private func checkSafeSite(_ site: TestSite, _ expectation: Expectation) throws {
        let files = site.outputFiles()
        let checker = try LinkChecker(files: files)
        #expect(checker.problems() == [])
        #expect(OutputSafety.problems(in: files, baseURL: "https://example.org/digest/") == [])
        let root = URL(fileURLWithPath: site.output).resolvingSymlinksInPath().path
        for path in files.keys {
            let resolved = URL(fileURLWithPath: site.output + "/" + path).resolvingSymlinksInPath().path
            #expect(resolved.hasPrefix(root + "/"), "\(path) resolves outside the output")
        }
        for path in expectation.files ?? [] { #expect(files[path] != nil, "missing \(path)") }
        let paperPages = files.keys.filter { $0.hasPrefix("papers/") && $0.hasSuffix("/index.html") }
        if let pages = expectation.pages { #expect(paperPages.count == pages) }
        if let topics = expectation.topicPages {
            #expect(files.keys.filter { $0.hasPrefix("topics/") && $0.hasSuffix("/index.html") && $0 != "topics/index.html" }.count == topics)
        }
        if let longest = expectation.maxPathComponent {
            #expect(files.keys.flatMap { $0.split(separator: "/") }.allSatisfy { $0.count <= longest })
        }
        let home = try #require(checker.document("index.html"))
        if let title = expectation.title { #expect(home.nodes("//h3[@class='card-title']/a").first?.text == title) }
        if let author = expectation.author { #expect(home.nodes("//p[@class='authors']").first?.text == author) }
        if let text = expectation.text { #expect(home.nodes("//main").first?.text.contains(text) == true, "home lacks \(text)") }
    }

    /// Puts a corpus entry into the site: paper files as they are, `.site` files as site.json,
    /// `.gen` entries made here because they are too large to keep in git.
    private func write(_ name: String, into site: TestSite) throws {
        let valid = #"[{"id": "2611.00001", "title": "Valid", "authors": ["Ada"], "date": "2026-11-20"}]"#
        let source = Self.corpus.appendingPathComponent(name)
        let papers = site.folder.appendingPathComponent("Content/papers")
        try FileManager.default.createDirectory(at: papers, withIntermediateDirectories: true)
        if name.hasSuffix(".site") {
            try FileManager.default.copyItem(at: source, to: site.folder.appendingPathComponent("Content/site.json"))
            try site.write("Content/papers/case.json", valid)
            return
        }
        try site.write("Content/site.json", siteJSON())
        let target = papers.appendingPathComponent("case.json")
        switch name {
        case "deep-nesting.gen":
            try Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8).write(to: target)
        case "huge-summary.gen":
            let summary = String(repeating: "A long summary line that goes on. ", count: 50 * (1 << 20) / 34 + 1)
            try Data(#"[{"id": "1", "title": "T", "authors": [], "date": "2026-11-20", "summary": "\#(summary)"}]"#.utf8).write(to: target)
        case "unclosed-math.gen":
            let summary = String(repeating: #"\\("#, count: 250_000)
            try Data(#"[{"id": "1", "title": "T", "authors": [], "date": "2026-11-20", "summary": "\#(summary)"}]"#.utf8).write(to: target)
        case "many-keys.gen":
            let keys = (0..<90_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
            try Data(#"[{"id": "1", "title": "T", "authors": [], "date": "2026-11-20", \#(keys)}]"#.utf8).write(to: target)
        case "many-errors.gen":
            try Data(("[" + Array(repeating: "{}", count: 100_000).joined(separator: ",") + "]").utf8).write(to: target)
        case "many-authors.gen":
            let authors = (0..<100_000).map { "\"Author \($0)\"" }.joined(separator: ",")
            try Data(#"[{"id": "1", "title": "T", "authors": [\#(authors)], "date": "2026-11-20"}]"#.utf8).write(to: target)
        default:
            try FileManager.default.copyItem(at: source, to: target)
        }
    }
}
