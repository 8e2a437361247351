import Foundation
import Testing

/// The `digest` executable: exit status, messages on the right stream, the summary line.
@Suite struct CommandLineTests {
    private func run(_ arguments: [String], in folder: URL) throws -> DigestProcess.Run {
        try DigestProcess.run(arguments, in: folder)
    }

    @Test func buildPrintsAOneLineSummary() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/2026-11-20.json": #"{"date": "2026-11-20", "papers": [\#(paperJSON("2611.00001")), \#(paperJSON("2611.00002", topics: ["Robotics"]))]}"#,
        ])
        defer { site.remove() }
        let result = try run(["build", "--layouts", site.layouts], in: site.folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let summary = try #require(lines.first)
        #expect(summary.hasPrefix("Built 14 pages and 7 feeds from 2 papers (1 day, 2 topics) in "))
        #expect(summary.hasSuffix("→ Site/"))
    }

    @Test func badContentExitsNonZeroAndNamesEveryProblem() throws {
        let site = try TestSite([
            "site.json": siteJSON(#", "timeZone": "Nowhere/City""#),
            "papers/a.json": "[\n" + #"  {"id": "2611.00001", "title": "T", "authors": "Ada", "date": "2026-11-20"}"# + "\n]",
            "papers/b.json": #"[{"id": "2611.00002", "title": "T", "authors": [] "date": "2026-11-20"}]"#,
        ])
        defer { site.remove() }
        for command in [["check"], ["build", "--layouts", site.layouts]] {
            let result = try run(command, in: site.folder)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("Content/site.json:1:") && $0.contains("field \"timeZone\": unknown time zone \"Nowhere/City\"") })
            #expect(lines.contains("Content/papers/a.json:2:49: error: record 1 (2611.00001), field \"authors\": expected an array of strings, found a string"))
            #expect(lines.contains("Content/papers/b.json:1:51: error: malformed JSON: expected ',' or '}' after the value of \"authors\", found '\"'"))
            #expect(lines.last?.hasPrefix("3 errors found") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let site = try TestSite(["site.json": siteJSON()])
        defer { site.remove() }
        let badDate = try run(["build", "--today", "2026-02-30"], in: site.folder)
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("--today must be a valid date"))
        let badURL = try run(["build", "--base-url", "ftp://x"], in: site.folder)
        #expect(badURL.status != 0)
        #expect(badURL.stderr.contains("--base-url must be an absolute http or https URL"))
    }

    @Test func helpExplainsEveryCommand() throws {
        let folder = FileManager.default.temporaryDirectory
        let top = try run(["--help"], in: folder)
        #expect(top.status == 0)
        #expect(top.stdout.contains("build") && top.stdout.contains("check"))
        let build = try run(["build", "--help"], in: folder)
        for option in ["--content", "--layouts", "--output", "--base-url", "--today"] {
            #expect(build.stdout.contains(option), "build --help lacks \(option)")
        }
    }
}
