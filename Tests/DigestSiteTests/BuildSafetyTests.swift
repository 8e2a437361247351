@testable import DigestKit
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

    /// Every file and folder under `folder`, recursively (names only).
    private func listing(_ folder: String) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? [])
    }

    @Test func aRefusedBuildCreatesNothingNotEvenALockFile() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.write("Site/notes.txt", "my own file")
        let before = listing(site.folder.path)
        for output in [site.content, site.output, site.content + "/papers"] {
            #expect(throws: DigestError.self) { try site.build(output: output) }
        }
        #expect(listing(site.folder.path) == before)
        #expect(!before.contains { $0.hasSuffix(".lock") })
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

    @Test func leftoversOfAKilledBuildAreCleanedUpButLookAlikesAreKept() throws {
        let site = try goodSite()
        defer { site.remove() }
        // A killed build leaves a staging folder with the marker (written first) and half the files.
        try site.write(".Site.staging-99999/\(SiteWriter.markerName)", "")
        try site.write(".Site.staging-99999/index.html", "half")
        try site.write(".Site.old-backup/notes.txt", "the user's own")
        try site.build()
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
        #expect(!entries.contains { $0.hasPrefix(".Site.staging-") })
        #expect(FileManager.default.contents(atPath: site.folder.path + "/.Site.old-backup/notes.txt") == Data("the user's own".utf8))
    }

    @Test func aPreviousSiteStrandedByAKilledFallbackSwapIsPutBack() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.build()
        // Killed between the two renames of the non-atomic fallback: no Site/, the old one aside.
        try FileManager.default.moveItem(atPath: site.output, toPath: site.folder.path + "/.Site.old-4242")
        try site.write("Content/papers/b.json", #"[{"id": "2611.00009", "title": "Broken", "authors": [], "date": "2026-02-30"}]"#)
        #expect(throws: DiagnosticsError.self) { try site.build() }  // fails before touching the output…
        try FileManager.default.removeItem(atPath: site.content + "/papers/b.json")
        try site.build()  // …and the next good build finds the stranded site first, then replaces it
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: site.folder.path)).contains { $0.hasPrefix(".Site.old-") })
    }

    @Test func protectedFoldersAreRecognisedWhateverTheirSpelling() throws {
        let site = try goodSite()
        defer { site.remove() }
        // Another path to the content folder (a symbolic link in the middle of the path).
        let alias = site.folder.appendingPathComponent("alias").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: site.folder.path)
        for output in [alias + "/Content", alias + "/Content/papers/..", site.folder.path + "/./Content"] {
            #expect(throws: DigestError.self, "\(output)") { try site.build(output: output) }
        }
        #expect(FileManager.default.fileExists(atPath: site.content + "/papers/a.json"))
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

    @Test func forceReplacesAFolderOfTheUsersButNothingProtected() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.write("Site/notes.txt", "my own file")
        var options = Pipeline.Options()
        options.content = site.content
        options.layouts = site.layouts
        options.output = site.output
        options.force = true
        try Pipeline.build(options)
        #expect(!FileManager.default.fileExists(atPath: site.output + "/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
        options.output = site.content
        #expect(throws: DigestError.self) { try Pipeline.build(options) }
    }

    @Test func theHomeFolderTheRootAndTheCurrentFolderAreRefused() throws {
        for output in ["/", NSHomeDirectory(), FileManager.default.currentDirectoryPath, ".", "..", "/tmp/.."] {
            let writer = SiteWriter(output: output, protected: [], force: true)
            #expect(throws: DigestError.self, "\(output) must be refused") { _ = try writer.checkedTarget() }
        }
    }

    @Test func symbolicLinksOutOfTheContentAreNotFollowed() throws {
        let site = try goodSite()
        defer { site.remove() }
        let outside = site.folder.appendingPathComponent("outside.json")
        try Data(#"[{"id": "secret", "title": "Secret", "authors": [], "date": "2026-11-20"}]"#.utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: site.content + "/papers/link.json", withDestinationPath: outside.path)
        let report = try site.build()
        #expect(report.papers == 1)
        #expect(report.warnings.contains { $0.file.hasSuffix("papers/link.json") && $0.message.contains("leads outside") })
        #expect(!FileManager.default.fileExists(atPath: site.output + "/papers/secret/index.html"))
    }

    @Test func anOutputThatIsASymbolicLinkIsRefused() throws {
        let site = try goodSite()
        defer { site.remove() }
        let elsewhere = site.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("keep.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.output, withDestinationPath: elsewhere.path)
        #expect(throws: DigestError.self) { try site.build() }
        #expect(FileManager.default.contents(atPath: elsewhere.path + "/keep.txt") == Data("keep".utf8))
    }

    @Test func linksInsideThePreviousSiteAreRemovedNotFollowed() throws {
        let site = try goodSite()
        defer { site.remove() }
        try site.build()
        let precious = site.folder.appendingPathComponent("precious")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: precious.appendingPathComponent("keep.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.output + "/papers/link", withDestinationPath: precious.path)
        try site.build()
        #expect(FileManager.default.contents(atPath: precious.path + "/keep.txt") == Data("keep".utf8))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/papers/link"))
    }

    @Test func aPlantedLockLinkCannotRedirectTheLock() throws {
        let site = try goodSite()
        defer { site.remove() }
        let victim = site.folder.appendingPathComponent("victim.txt")
        try Data("untouched".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: site.folder.path + "/.Site.lock", withDestinationPath: victim.path)
        #expect(throws: DigestError.self) { try site.build() }
        #expect(FileManager.default.contents(atPath: victim.path) == Data("untouched".utf8))
    }

    @Test func aSiteWithoutRunsScoresOrPagesShowsNoneOfThem() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/a.json": #"[{"id": "1", "title": "Plain", "authors": [], "date": "2026-11-20"}, {"id": "2", "title": "Also plain", "authors": [], "date": "2026-11-20"}]"#,
        ])
        defer { site.remove() }
        try site.build()
        let home = try site.html("index.html")
        #expect(home.nodes("//details[@class='run-stats']").isEmpty)
        #expect(home.nodes("//p[@class='figures']").first?.text.contains("last at") == false)
        // (the reading list is always last: hidden, shown by the reader's script)
        #expect(
            home.nodes("//nav[@class='site-nav']//a").map { $0.text.trimmingCharacters(in: .whitespaces) }
                == ["Today", "Topics", "Archive", "Feeds", "Reading list"])
        #expect(home.nodes("//a[.='Subscribe']").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.output + "/week/index.html"))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/month"))
    }

    @Test func badRunsAndPagesAreReportedWithThePapersProblems() throws {
        let site = try TestSite([
            "site.json": siteJSON(),
            "papers/a.json": #"[{"id": "1", "title": "", "authors": [], "date": "2026-11-20"}]"#,
            "runs/r.json": #"{"date": "2026-11-20T08:00:00Z", "selected": -1}"#,
        ])
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.content + "/pages", withIntermediateDirectories: true)
        try Data([0x23, 0x20, 0xFF]).write(to: URL(fileURLWithPath: site.content + "/pages/bad.md"))
        do {
            try site.build()
            Issue.record("the build should fail")
        } catch let error as DiagnosticsError {
            let text = error.diagnostics.map(\.description)
            #expect(text.contains { $0.contains("papers/a.json:1:") && $0.contains("field \"title\"") })
            #expect(text.contains { $0.contains("runs/r.json:1:") && $0.contains("field \"selected\": must be between 0") })
            #expect(text.contains { $0.contains("pages/bad.md:1:3: error: invalid UTF-8 at byte offset 2") })
        }
    }
}
