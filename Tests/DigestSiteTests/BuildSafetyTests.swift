import DigestKit
import DigestXML
import Foundation
import Testing

/// A build never leaves a half-written site and never replaces a folder it did not create.
@Suite struct BuildSafetyTests {
    private func goodSite() throws -> TestSite {
        try TestSite([
            "site.json": siteJSON(),
            "papers/a.json": "[\(paperJSON("2611.00001", day: "2026-11-20"))]",
        ])
    }

    /// Paths, bytes and modification times of every file under a folder.
    private func snapshot(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder)! {
            let attributes = try? fm.attributesOfItem(atPath: folder + "/" + path)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let bytes = fm.contents(atPath: folder + "/" + path).map { "\($0.hashValue)/\($0.count)" } ?? "dir"
            result[path] = "\(bytes)@\(modified)"
        }
        return result
    }

    @Test func aFailedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.build()
        let before = snapshot(site.output)
        #expect(before["index.html"] != nil)

        try site.write("Content/papers/b.json", #"[{"id": "2611.00002", "title": "Broken", "authors": [], "date": "2026-02-30"}"#)
        #expect(throws: DiagnosticsError.self) { try site.build() }
        #expect(snapshot(site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func aBrokenTemplateIsReportedWithFileAndLine() throws {
        let layouts = try TestSite([:])
        defer { layouts.remove() }
        let fm = FileManager.default
        try fm.createDirectory(at: layouts.folder, withIntermediateDirectories: true)
        try fm.copyItem(atPath: repositoryRoot.appendingPathComponent("Layouts").path, toPath: layouts.folder.path + "/Layouts")
        try layouts.write("Layouts/topics.mustache", "<h1>Topics</h1>\n{{#topics}}\n<p>{{name}}</p>\n{{/topic}}\n")

        var site = try goodSite()
        defer { site.remove() }
        site.layouts = layouts.folder.path + "/Layouts"
        do {
            try site.build()
            Issue.record("the build should fail")
        } catch let error as DiagnosticsError {
            let problem = try #require(error.diagnostics.first)
            #expect(problem.file.hasSuffix("Layouts/topics.mustache"))
            #expect(problem.line == 4)
            #expect(problem.message.contains("does not match"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func aFolderDigestDidNotCreateIsNeverReplaced() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.write("Site/notes.txt", "my own file")
        do {
            try site.build()
            Issue.record("the build should refuse")
        } catch let error as DigestError {
            #expect(error.message.contains("was not created by Digest"))
        }
        #expect(FileManager.default.contents(atPath: site.output + "/notes.txt") == Data("my own file".utf8))
    }

    @Test func theOutputCannotBeTheContentOrAnAncestorOfIt() throws {
        let site = try goodSite()
        defer { site.remove() }
        for output in [site.content, site.folder.path, site.content + "/papers"] {
            #expect(throws: DigestError.self) { try site.build(output: output) }
        }
        #expect(FileManager.default.fileExists(atPath: site.content + "/papers/a.json"))
    }

    @Test func anEmptyFolderIsAcceptedAndMarked() throws {
        let site = try goodSite()
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.output, withIntermediateDirectories: true)
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/" + SiteWriter.markerName))
        // A second build replaces the first without complaint.
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test func leftoversOfAKilledBuildAreCleanedUp() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.write(".Site.staging-99999/index.html", "half")
        try site.build()
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
        #expect(!entries.contains { $0.hasPrefix(".Site.staging-") })
    }

    @Test func anEmptySiteStillBuilds() throws {
        let site = try TestSite(["site.json": siteJSON()])
        defer { site.remove() }
        let report = try site.build()
        #expect(report.papers == 0)
        let home = try site.html("index.html")
        #expect(home.nodes("//h1").first?.text == "No papers yet")
        let checker = try LinkChecker(files: site.outputFiles())
        #expect(checker.problems() == [])
    }

    @Test func papersAfterTodayAreLeftOut() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/a.json": "[\(paperJSON("1", day: "2026-11-19")), \(paperJSON("2", day: "2026-11-21"))]",
        ])
        defer { site.remove() }
        let report = try site.build(today: "2026-11-20")
        #expect(report.papers == 1)
        #expect(report.unpublished == 1)
        #expect(!FileManager.default.fileExists(atPath: site.output + "/papers/2/index.html"))
        let home = try site.html("index.html")
        #expect(home.nodes("//p[@class='kicker']").first?.text == "Latest digest")
    }
}
