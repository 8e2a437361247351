@testable import DigestKit
import Foundation
import Testing

/// Builds that reuse the last build's cache: after any change they make exactly the site a
/// clean build makes; they rewrite only files whose bytes changed (the others keep their
/// inode and modification time); and with nothing changed they touch nothing.
@Suite struct IncrementalBuildTests {
    /// A copy of the sample site with its own copy of the layouts, so both can be edited.
    static func site() throws -> TestSite {
        var site = try TestSite.sample()
        let layouts = site.folder.appendingPathComponent("Layouts").path
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Layouts").path, toPath: layouts)
        site.layouts = layouts
        return site
    }

    /// Where each file is on disk: inode and modification time.
    static func stamps(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root)! {
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[path] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }

    /// Builds the site as it is into a new folder, without any cache, and compares.
    /// What the cache's files were made with: the settings the last build recorded.
    static func salt(_ site: TestSite) throws -> UInt64 {
        try #require(BuildCache.load(from: site.folder.path + "/.Site.cache")).settings
    }

    static func expectSameAsACleanBuild(_ site: TestSite, _ step: String, today: String? = nil) throws {
        let reference = site.folder.appendingPathComponent("Reference-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: reference) }
        try site.build(today: today, output: reference)
        let built = site.outputFiles()
        let expected = site.outputFiles(reference)
        let extra = Set(built.keys).subtracting(expected.keys).sorted(), missing = Set(expected.keys).subtracting(built.keys).sorted()
        #expect(extra.isEmpty && missing.isEmpty, "\(step): files a clean build does not make \(extra), files it makes \(missing)")
        let differing = expected.keys.filter { built[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(step): \(differing.prefix(5)) differ from a clean build")
    }

    static func edit(_ site: TestSite, _ relative: String, _ change: (String) -> String) throws {
        let path = site.folder.appendingPathComponent(relative).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(relative) changed nothing")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func afterEveryKindOfChangeTheSiteIsTheOneACleanBuildMakes() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        let day = "Content/papers/2026-11/2026-11-18.json"
        let steps: [(String, () throws -> Void)] = [
            ("a summary edited", { try Self.edit(site, day) { $0.replacingOccurrences(of: "## Results", with: "## Findings") } }),
            ("one title edited (its neighbours show it)", {
                try Self.edit(site, day) { text in
                    guard let first = text.range(of: "\"title\": \"") else { return text }
                    return text.replacingCharacters(in: first, with: "\"title\": \"New: ")
                }
            }),
            ("a new day added", {
                try site.write("Content/papers/2026-11/2026-11-21.json", """
                    {"date": "2026-11-21", "papers": [\(paperJSON("2611.19001", topics: ["Robotics"])), \(paperJSON("2611.19002", topics: ["Theory"], extra: #", "upvotes": 999"#))]}
                    """)
            }),
            ("a day removed", { try FileManager.default.removeItem(atPath: site.folder.appendingPathComponent(day).path) }),
            ("the site title changed", { try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: "Gradient Notes", with: "Gradient Letters") } }),
            ("a template changed", { try Self.edit(site, "Layouts/partials/card.mustache") { $0.replacingOccurrences(of: "{{t.card.readMore}}", with: "More") } }),
            ("an interface string overridden", { try site.write("Layouts/strings/en.json", #"{"paper.keyPoints": "Highlights"}"#) }),
            ("the language changed", { try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: "\"language\": \"en\"", with: "\"language\": \"de\"") } }),
            ("a stylesheet changed", { try Self.edit(site, "Layouts/assets/style.css") { $0 + "\n.card { outline: 0; }\n" } }),
            ("a page added", { try site.write("Content/pages/colophon.md", "# Colophon\n\nSet in the system font.\n") }),
            ("the runs changed", { try Self.edit(site, "Content/runs/2026-11/2026-11-20.json") { $0.replacingOccurrences(of: "\"scanned\": ", with: "\"scanned\": 1") } }),
        ]
        for (name, change) in steps {
            try change()
            let report = try site.build()
            #expect(!report.upToDate, "\(name)")
            try Self.expectSameAsACleanBuild(site, name)
        }
        // Another today is another site, built from the same cache.
        try site.build(today: "2026-11-19")
        try Self.expectSameAsACleanBuild(site, "an earlier today", today: "2026-11-19")
        try site.build()
        try Self.expectSameAsACleanBuild(site, "back to the newest day")
    }

    /// An asset that was a file becomes a folder of the same name, and back: each build
    /// works the first time.
    @Test func aPathThatTurnsFromFileToFolderAndBackBuildsAtOnce() throws {
        let site = try Self.site()
        defer { site.remove() }
        let assets = site.layouts + "/assets"
        try Data("first".utf8).write(to: URL(fileURLWithPath: assets + "/extra"))
        try site.build()
        // A second build that writes something: the cache's second tree now has the file too.
        let day = "Content/papers/2026-11/2026-11-18.json"
        try Self.edit(site, day) { $0.replacingOccurrences(of: "## Results", with: "## Findings") }
        try site.build()
        try FileManager.default.removeItem(atPath: assets + "/extra")
        try FileManager.default.createDirectory(atPath: assets + "/extra", withIntermediateDirectories: false)
        try Data("second".utf8).write(to: URL(fileURLWithPath: assets + "/extra/inner.css"))
        try site.build()
        try Self.expectSameAsACleanBuild(site, "a file became a folder")
        try Self.edit(site, day) { $0.replacingOccurrences(of: "## Findings", with: "## Results") }
        try site.build()
        try FileManager.default.removeItem(atPath: assets + "/extra")
        try Data("third".utf8).write(to: URL(fileURLWithPath: assets + "/extra"))
        try site.build()
        try Self.expectSameAsACleanBuild(site, "a folder became a file")
        #expect(FileManager.default.contents(atPath: site.output + "/assets/extra") == Data("third".utf8))
    }

    @Test func onlyFilesWhoseBytesChangedAreRewritten() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        try site.build()  // the cache's second tree now exists too
        let beforeFiles = site.outputFiles()
        let beforeStamps = Self.stamps(site.output)
        try Self.edit(site, "Content/papers/2026-11/2026-11-12.json") { $0.replacingOccurrences(of: "## Summary", with: "## Overview") }
        let report = try site.build()
        let afterFiles = site.outputFiles()
        let afterStamps = Self.stamps(site.output)
        let changedBytes = Set(afterFiles.keys.filter { afterFiles[$0] != beforeFiles[$0] })
        let newStamps = Set(afterStamps.keys.filter { afterStamps[$0] != beforeStamps[$0] })
        #expect(!changedBytes.isEmpty)
        #expect(newStamps == changedBytes, "a file keeps its inode and time exactly when its bytes are the same")
        // Search chunks are named by their bytes: a changed one is a new file and a removed one.
        let removed = beforeFiles.keys.filter { afterFiles[$0] == nil }
        #expect(removed.allSatisfy { $0.hasPrefix("search/t/") }, "\(removed)")
        #expect(report.changed == changedBytes.count + removed.count)
        // An old day's summaries are on their papers' pages and in the feeds, not on every page.
        #expect(changedBytes.count < afterFiles.count / 4, "\(changedBytes.sorted())")
        #expect(changedBytes.contains { $0.hasPrefix("papers/") })
    }

    /// The cache keeps each paper file's records and each month's search terms; a build
    /// decodes and cuts again only what changed, and anything damaged is made again, never used.
    @Test func recordsAndSearchTermsAreKept() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write("Content/papers/2026-10/2026-10-30.json", #"{"date": "2026-10-30", "papers": [\#(paperJSON("2610.19001"))]}"#)
        try site.build()
        let terms = site.folder.path + "/.Site.cache/terms"
        let files = { try FileManager.default.contentsOfDirectory(atPath: terms).sorted() }
        #expect(try files() == ["2026-10", "2026-11"])
        for month in try files() {
            let segment = try #require(TermSegment(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: terms + "/" + month)))))
            #expect(segment.month == month && !segment.termOf.isEmpty)
        }
        let october = Self.stamps(terms)["2026-10"]
        let records = site.folder.path + "/.Site.cache/records"
        let paperFiles = try FolderReader.listPaperFiles(site.content + "/papers").files
        #expect(try FileManager.default.contentsOfDirectory(atPath: records).count == paperFiles.count)
        let recordStamps = Self.stamps(records)
        let related = site.folder.path + "/.Site.cache/related/" + RelatedPapers.Kept.fileName
        let kept = try #require(RelatedPapers.Kept(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: related))), salt: try Self.salt(site)))
        #expect(kept.ids.contains("2610.19001") && kept.starts.count == kept.ids.count + 1)
        let search = site.folder.path + "/.Site.cache/search/" + SearchIndex.Kept.fileName
        let base = { SearchIndex.Kept(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: search))), salt: try Self.salt(site)) }
        #expect(try #require(try base()).chunks.contains { String(decoding: $0.bytes, as: UTF8.self).contains("#2610.19001") })
        let baseStamp = Self.stamps(site.folder.path + "/.Site.cache/search")[SearchIndex.Kept.fileName]
        let skeletons = site.folder.path + "/.Site.cache/skeletons/" + TemplateSkeletons.Kept.fileName
        #expect(FileManager.default.fileExists(atPath: skeletons))

        let edited = "Content/papers/2026-11/2026-11-12.json"
        try Self.edit(site, edited) { $0.replacingOccurrences(of: "## Summary", with: "## Overview") }
        let editedReport = try site.build()
        #expect(editedReport.templatePages.rendered == 0, "every page changed has a shape the last build kept a skeleton of")
        #expect(editedReport.templatePages.spliced > 0)
        #expect(Self.stamps(terms)["2026-10"] == october, "October's papers did not change")
        #expect(Self.stamps(site.folder.path + "/.Site.cache/search")[SearchIndex.Kept.fileName] == baseStamp, "nor did the base tier")
        let editedEntry = RecordFolder.name(site.folder.path + "/" + edited)
        #expect(Set(Self.stamps(records).filter { recordStamps[$0.key] != $0.value }.keys) == [editedEntry], "only the edited file is decoded again")
        try Self.expectSameAsACleanBuild(site, "a November summary edited")

        // A damaged month and a damaged file's records are made again.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: terms + "/2026-10")))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: terms + "/2026-10"))
        let other = records + "/" + RecordFolder.name(site.content + "/papers/2026-11/2026-11-18.json")
        var entry = Array(try Data(contentsOf: URL(fileURLWithPath: other)))
        entry[entry.count / 3] ^= 0xFF
        try Data(entry).write(to: URL(fileURLWithPath: other))
        var lists = Array(try Data(contentsOf: URL(fileURLWithPath: related)))
        lists[lists.count / 2] ^= 0xFF
        try Data(lists).write(to: URL(fileURLWithPath: related))
        var tier = Array(try Data(contentsOf: URL(fileURLWithPath: search)))
        tier[tier.count / 2] ^= 0xFF
        try Data(tier).write(to: URL(fileURLWithPath: search))
        var skeletonBytes = Array(try Data(contentsOf: URL(fileURLWithPath: skeletons)))
        skeletonBytes[skeletonBytes.count / 2] ^= 0xFF
        try Data(skeletonBytes).write(to: URL(fileURLWithPath: skeletons))
        try Self.edit(site, "Content/papers/2026-11/2026-11-12.json") { $0.replacingOccurrences(of: "## Overview", with: "## Summary") }
        #expect(try site.build().templatePages.rendered > 0, "a damaged file of skeletons is not read")
        #expect(TermSegment(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: terms + "/2026-10")))) != nil)
        #expect(RelatedPapers.Kept(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: related))), salt: try Self.salt(site)) != nil)
        #expect(try base() != nil)
        try Self.expectSameAsACleanBuild(site, "after a damaged month, file of records, related lists, base tier and skeletons")

        // A month without papers leaves the cache, with its files' records.
        try FileManager.default.removeItem(atPath: site.folder.path + "/Content/papers/2026-10")
        try site.build()
        #expect(try files() == ["2026-11"])
        #expect(!FileManager.default.fileExists(atPath: search), "one month has no base tier")
        #expect(try FileManager.default.contentsOfDirectory(atPath: records).count == paperFiles.count - 1)
        try Self.expectSameAsACleanBuild(site, "October removed")
    }

    @Test func withNothingChangedNothingIsReadOrWritten() throws {
        let site = try Self.site()
        defer { site.remove() }
        let first = try site.build()
        let before = Self.stamps(site.output)
        let again = try site.build()
        #expect(again.upToDate)
        #expect(again.pages == first.pages && again.papers == first.papers && again.files == first.files)
        #expect(Self.stamps(site.output) == before)
        // A file written again with the same bytes (a collector's rerun) changes nothing either.
        let day = site.folder.appendingPathComponent("Content/papers/2026-11/2026-11-20.json")
        let bytes = try Data(contentsOf: day)
        Thread.sleep(forTimeInterval: 0.01)
        try bytes.write(to: day)
        #expect(try site.build().upToDate)
        #expect(Self.stamps(site.output) == before)
    }

    @Test func anOutputSomeoneChangedIsPutRight() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        try site.build()
        let fm = FileManager.default
        let precious = site.folder.appendingPathComponent("precious")
        try fm.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: precious.appendingPathComponent("keep.txt"))
        // Edited in place (the same file is in the cache's tree), deleted, added, linked out.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: site.output + "/index.html"))
        try handle.seekToEnd()
        handle.write(Data("<!-- edited -->".utf8))
        try handle.close()
        try fm.removeItem(atPath: site.output + "/feed.xml")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: site.output + "/papers/notes.txt"))
        try fm.createDirectory(atPath: site.output + "/extra/deeper", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.output + "/topics/link", withDestinationPath: precious.path)
        let report = try site.build()
        #expect(!report.upToDate)
        try Self.expectSameAsACleanBuild(site, "after the output was changed by hand")
        #expect(fm.contents(atPath: precious.path + "/keep.txt") == Data("keep".utf8))
        // And the next build has nothing to do.
        #expect(try site.build().upToDate)
        try Self.expectSameAsACleanBuild(site, "the build after")
    }

    /// The manifest reads back as it was written, both trees of it; cut short, it is not read.
    @Test func theManifestReadsBackAsWritten() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        try Self.edit(site, "Content/papers/2026-11/2026-11-12.json") { $0.replacingOccurrences(of: "## Summary", with: "## Overview") }
        try site.build()
        let cache = try #require(BuildCache.load(from: site.folder.path + "/.Site.cache"))
        let back = try #require(cache.back, "a rebuild leaves the previous tree")
        #expect(cache.front.files.count > 50 && back.files.count > 50 && cache.front.files.keys.contains("index.html"))
        let copy = site.folder.path + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try cache.save(to: copy)
        #expect(BuildCache.load(from: copy) == cache)
        let bytes = try #require(FileManager.default.contents(atPath: copy + "/manifest"))
        for count in [bytes.count - 1, bytes.count / 2, 40] {
            try bytes.prefix(count).write(to: URL(fileURLWithPath: copy + "/manifest"))
            #expect(BuildCache.load(from: copy) == nil, "cut to \(count) bytes")
        }
    }

    @Test func aBrokenOrForeignCacheOnlyCostsTime() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        let cache = site.folder.path + "/.Site.cache"
        try Data("not a manifest".utf8).write(to: URL(fileURLWithPath: cache + "/manifest"))
        try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: "Gradient Notes", with: "Gradient Letters") }
        let report = try site.build()
        #expect(report.changed == nil)  // the whole site was written
        try Self.expectSameAsACleanBuild(site, "after a broken manifest")
        #expect(try site.build().upToDate)

        // A folder of the user's where the cache would go is left alone.
        try FileManager.default.removeItem(atPath: cache)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: cache + "/manifest"))
        let withForeign = try site.build()
        #expect(withForeign.warnings.contains { $0.message.contains("is not Digest's build cache") })
        #expect(FileManager.default.contents(atPath: cache + "/manifest") == Data("mine".utf8))
        #expect(!FileManager.default.fileExists(atPath: cache + "/terms"))
        try Self.expectSameAsACleanBuild(site, "beside a foreign cache folder")
    }

    /// A page edited by hand in the output (so also in the cached tree, which shares its
    /// inode) whose paper then leaves the content must go, in this build and the next ones.
    @Test func aPageChangedByHandThatTheSiteNoLongerHasDoesNotComeBack() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        let day = "Content/papers/2026-11/2026-11-18.json"
        try Self.edit(site, day) { $0.replacingOccurrences(of: "## Results", with: "## Findings") }
        try site.build()  // now the cached tree shares the unchanged pages with the output
        let page = site.output + "/papers/2611.08112/index.html"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: page))
        try handle.seekToEnd()
        handle.write(Data("<!-- edited -->".utf8))
        try handle.close()
        try Self.edit(site, day) { $0.replacingOccurrences(of: "\"2611.08112\"", with: "\"2611.08999\"") }
        try site.build()
        try Self.expectSameAsACleanBuild(site, "the paper gone")
        #expect(!FileManager.default.fileExists(atPath: page))
        // Two more builds, so each of the two trees has been the output once more.
        for title in ["Gradient Letters", "Gradient Notes"] {
            try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: title == "Gradient Letters" ? "Gradient Notes" : "Gradient Letters", with: title) }
            try site.build()
            try Self.expectSameAsACleanBuild(site, "a build later (\(title))")
        }
    }

    /// A build killed while it changed the back tree leaves the `back-changing` flag: the
    /// next build must not trust what the manifest says of that tree, even where a file
    /// there still looks as recorded (same inode, size and time).
    @Test func aBackTreeLeftHalfChangedIsNotTrusted() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: "Gradient Notes", with: "Gradient Letters") }
        try site.build()  // now the back tree holds the first build's site
        let cache = site.folder.path + "/.Site.cache"
        // Garble a back-tree file without changing its size or time, as a half-done build might leave it.
        let garbled = cache + "/tree/index.html"
        var before = stat()
        #expect(lstat(garbled, &before) == 0)
        let original = try #require(FileManager.default.contents(atPath: garbled))
        try Data(repeating: UInt8(ascii: "x"), count: original.count).write(to: URL(fileURLWithPath: garbled))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, garbled, &times, 0) == 0)
        var after = stat()
        #expect(lstat(garbled, &after) == 0 && after.st_ino == before.st_ino && after.st_size == before.st_size)
        FileManager.default.createFile(atPath: cache + "/" + BuildCache.backChangingName, contents: nil)

        // Back to the first build's settings: its files are exactly what the back tree is recorded to hold.
        try Self.edit(site, "Content/site.json") { $0.replacingOccurrences(of: "Gradient Letters", with: "Gradient Notes") }
        try site.build()
        try Self.expectSameAsACleanBuild(site, "after a build stopped while changing the back tree")
        #expect(!FileManager.default.fileExists(atPath: cache + "/" + BuildCache.backChangingName))
    }

    /// Keys cover what a file is made from, not the code that makes it: after a new Digest
    /// (here: the recorded settings differ, as they do when the executable changed) every
    /// file is rendered again, and a page the old one made differently is replaced.
    @Test func aNewDigestRendersEveryFileAgain() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.build()
        let cacheFolder = site.folder.path + "/.Site.cache"
        // The home page as an older Digest might have made it, recorded as such.
        let index = site.output + "/index.html"
        try Data("<!doctype html><title>older</title>".utf8).write(to: URL(fileURLWithPath: index))
        var cache = try #require(BuildCache.load(from: cacheFolder))
        var state = try #require(cache.front.files["index.html"])
        state.hash = ContentHash.of(Array(try #require(FileManager.default.contents(atPath: index))))
        state.stamp = try #require(BuildCache.FileStamp(path: index))
        cache.front.files["index.html"] = state
        cache.settings &+= 1
        try cache.save(to: cacheFolder)

        let report = try site.build()
        #expect(!report.upToDate)
        #expect(report.changed == 1)
        try Self.expectSameAsACleanBuild(site, "after Digest changed")
    }

    @Test func thePaperHashCoversEveryField() throws {
        let records = PaperFileDecoder.decode(
            SourceFile(path: "p.json", text: "[\(paperJSON("2611.00001", day: "2026-11-20"))]"), fileIndex: 0, timeZone: .utc
        ).records
        let paper = try #require(records.first)
        // Every field but `origin` is hashed; a new field must be added to `Paper.hashes`.
        #expect(Mirror(reflecting: paper.fields).children.count == Paper.hashedFieldCount + 1)
    }
}

/// A build reads each input file once: loading hashes what it reads for the next build's
/// check, and takes over the bytes the check already read.
@Suite struct InputReadsTests {
    @Test func aFirstBuildHashesEveryInputAsItLoadsIt() throws {
        let site = try IncrementalBuildTests.site()
        defer { site.remove() }
        var options = Pipeline.Options()
        options.content = site.content
        options.layouts = site.layouts
        let scan = try InputFingerprint.scan(options, katex: nil, previous: nil)
        #expect(scan.pending.count == scan.inputs.count)
        let content = try FolderReader.readContent(site.content, reads: scan.reads)
        _ = try content.allPapers()
        _ = try FolderReader.readLayouts(site.layouts, reads: scan.reads)
        for input in scan.completed() {
            let bytes = try #require(FolderReader.read(input.path))
            #expect(scan.reads.hash(of: input.path) == ContentHash.of(bytes), "\(input.path) was not hashed as it was loaded")
            #expect(input.hash == ContentHash.of(bytes))
        }
    }

    @Test func bytesTheCheckReadAreNotReadAgain() throws {
        let reads = InputReads(kept: ["/nonexistent/kept.json": Array("kept".utf8)])
        #expect(reads.read("/nonexistent/kept.json") == Array("kept".utf8))
        #expect(reads.read("/nonexistent/kept.json") == nil)  // handed over once; the disk has no such file
    }
}
