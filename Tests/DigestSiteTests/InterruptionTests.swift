import Foundation
import Testing

/// Two builds at once, and builds killed at random moments: the output is always a
/// complete site, the previous one or the new one, never a mix.
@Suite(.serialized) struct InterruptionTests {
    /// A site large enough that a build takes about a second, so kills land mid-write.
    static func writeContent(_ folder: URL, papers: Int, variant: String) throws {
        let summary = "## Summary\\n\\n" + String(repeating: "Words about the method. ", count: 40)
            + "\\n\\n## Results\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\\n" + String(repeating: "Numbers. ", count: 40)
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("papers"), withIntermediateDirectories: true)
        try Data(siteJSON().utf8).write(to: folder.appendingPathComponent("site.json"))
        let perDay = 100
        for day in 0..<(papers / perDay) {
            let date = String(format: "2026-10-%02d", day + 1)
            let records = (0..<perDay).map { index in
                #"{"id": "2610.\#(String(format: "%02d%03d", day, index))", "title": "Paper \#(day)-\#(index) \#(variant)", "authors": ["Ada"], "topics": ["T\#(index % 5)"], "highlights": ["One.", "Two."], "summary": "\#(summary)"}"#
            }
            let file = #"{"date": "\#(date)", "papers": [\#(records.joined(separator: ","))]}"#
            try Data(file.utf8).write(to: folder.appendingPathComponent("papers/\(date).json"))
        }
    }

    struct Fixture {
        let site: TestSite
        let contentA: String
        let contentB: String
        let siteA: [String: [UInt8]]
        let siteB: [String: [UInt8]]
    }

    /// Two versions of the content and the complete site each builds to.
    static func fixture(papers: Int) throws -> Fixture {
        let site = try TestSite([:])
        let a = site.folder.appendingPathComponent("ContentA")
        let b = site.folder.appendingPathComponent("ContentB")
        try writeContent(a, papers: papers, variant: "old")
        try writeContent(b, papers: papers, variant: "new")
        for (content, output) in [(a, "ReferenceA"), (b, "ReferenceB")] {
            let run = try DigestProcess.run(["build", "--content", content.path, "--layouts", site.layouts, "--output", output], in: site.folder)
            #expect(run.status == 0, "\(run.stderr)")
        }
        return Fixture(
            site: site, contentA: a.path, contentB: b.path,
            siteA: site.outputFiles(site.folder.appendingPathComponent("ReferenceA").path),
            siteB: site.outputFiles(site.folder.appendingPathComponent("ReferenceB").path))
    }

    @Test func aSecondBuildWaitsForTheFirst() throws {
        let fixture = try Self.fixture(papers: 1000)
        defer { fixture.site.remove() }
        let arguments = { (content: String) in ["build", "--content", content, "--layouts", fixture.site.layouts] }
        let first = try DigestProcess.start(arguments(fixture.contentA), in: fixture.site.folder)
        Thread.sleep(forTimeInterval: 0.3)
        let second = try DigestProcess.run(arguments(fixture.contentB), in: fixture.site.folder)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("another build is writing to Site; waiting"))
        // The second build started later and finished last: its site is what remains, whole.
        #expect(fixture.site.outputFiles() == fixture.siteB)
    }

    @Test func aBuildKilledAtAnyMomentLeavesAWholeSite() throws {
        let fixture = try Self.fixture(papers: 1000)
        defer { fixture.site.remove() }
        let folder = fixture.site.folder
        let start = Date()
        var run = try DigestProcess.run(["build", "--content", fixture.contentA, "--layouts", fixture.site.layouts], in: folder)
        #expect(run.status == 0)
        let buildTime = Date().timeIntervalSince(start)
        var current = fixture.siteA
        var outcomes: [String] = []
        for attempt in 0..<20 {
            let (content, next) = current == fixture.siteA ? (fixture.contentB, fixture.siteB) : (fixture.contentA, fixture.siteA)
            let process = try DigestProcess.start(["build", "--content", content, "--layouts", fixture.site.layouts], in: folder)
            let moment = Double.random(in: 0...(buildTime * 1.2))
            Thread.sleep(forTimeInterval: moment)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = fixture.site.outputFiles()
            let whole = now == current || now == next
            #expect(whole, "attempt \(attempt): killed after \(String(format: "%.2f", moment)) s, the site is neither the old nor the new one")
            if now == next { current = next }
            outcomes.append(now == next ? "new" : "old")
        }
        // Both outcomes should have happened, or the kills did not cover the build.
        #expect(outcomes.contains("old"), "\(outcomes)")
        // The next build cleans up whatever the killed ones left behind.
        run = try DigestProcess.run(["build", "--content", fixture.contentA, "--layouts", fixture.site.layouts], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fixture.site.outputFiles() == fixture.siteA)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".staging-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
