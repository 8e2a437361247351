@testable import DigestKit
import Foundation
import Testing

/// A build that runs out of space fails cleanly, gives the space back, and the next build
/// works without help. Runs on a small tmpfs, which only root can mount: elsewhere it is
/// skipped, saying why.
@Suite struct FullDiskTests {
    /// Whether this process may mount a tmpfs (root, with the capability).
    static let canMount: Bool = {
        guard let folder = try? makeFolder() else { return false }
        defer { rmdir(folder) }
        guard run("/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder) else { return false }
        return run("/bin/umount", folder)
    }()

    static func makeFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "digest-full-disk-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @discardableResult
    static func run(_ command: String, _ arguments: String...) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func freeBytes(_ path: String) -> Int {
        var info = statvfs()
        return statvfs(path, &info) == 0 ? Int(info.f_bavail) * Int(info.f_frsize) : -1
    }

    @Test(.enabled(if: canMount, "mounting a tmpfs needs root; this test is skipped"))
    func aFullDiskFailsCleanlyGivesItsSpaceBackAndTheNextBuildWorks() throws {
        let site = try IncrementalBuildTests.site()
        defer { site.remove() }
        // The site's size, from a build elsewhere; the small disk holds it once and a third,
        // beside what the cache keeps besides its trees (decoded records, search terms,
        // template skeletons).
        let measure = site.folder.appendingPathComponent("Measure").path
        try site.build(output: measure)
        let blocks = { (files: [String: [UInt8]]) in files.values.reduce(0) { $0 + ($1.count + 4095) / 4096 * 4096 } }
        let kept = ["records", "terms", "skeletons"].map { blocks(site.outputFiles(site.folder.appendingPathComponent(".Measure.cache/" + $0).path)) }
        let size = blocks(site.outputFiles(measure)) + kept.reduce(0, +) * 3 / 4
        let disk = try Self.makeFolder()
        defer {
            Self.run("/bin/umount", disk)
            rmdir(disk)
        }
        try #require(Self.run("/bin/mount", "-t", "tmpfs", "-o", "size=\((size + size / 3) / 1024)k", "tmpfs", disk))
        let output = disk + "/Site"
        try site.build(output: output)
        let built = site.outputFiles(output)
        let freeBefore = Self.freeBytes(disk)

        // Every page changes: more than the disk has left.
        try IncrementalBuildTests.edit(site, "Layouts/base.mustache") { $0.replacingOccurrences(of: "<body", with: "<!-- every page -->\n<body") }
        do {
            try site.build(output: output)
            Issue.record("the build should have run out of space")
        } catch let error as DigestError {
            #expect(error.message.contains(String(cString: strerror(ENOSPC))), "\(error.message)")
            #expect(error.message.contains("needs up to"), "\(error.message)")
            #expect(error.message.contains("free"), "\(error.message)")
        }
        #expect(site.outputFiles(output) == built, "the site is as the last build left it")
        #expect(abs(Self.freeBytes(disk) - freeBefore) < 64 * 1024, "the failed build gave back what it took")

        // A smaller change builds at once, and makes what a clean build makes.
        try IncrementalBuildTests.edit(site, "Layouts/base.mustache") { $0.replacingOccurrences(of: "<!-- every page -->\n", with: "") }
        try IncrementalBuildTests.edit(site, "Content/papers/2026-11/2026-11-18.json") { $0.replacingOccurrences(of: "## Results", with: "## Findings") }
        try site.build(output: output)
        let reference = site.folder.appendingPathComponent("Reference").path
        try site.build(output: reference)
        #expect(site.outputFiles(output) == site.outputFiles(reference))
    }
}
