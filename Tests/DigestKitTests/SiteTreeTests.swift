import Foundation
import Testing

@testable import DigestKit

/// The writer's file operations where the cache's word and the disk disagree: a build
/// stopped part-way can leave a file where the cache says there is none, or a temporary
/// file beside it.
struct SiteTreeTests {
    /// Two empty trees in a new temporary folder.
    static func trees() throws -> (front: SiteTree, back: SiteTree, folder: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-tree-\(UUID().uuidString)").path
        for name in ["front", "back"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
        }
        return (SiteTree(root: folder + "/front"), SiteTree(root: folder + "/back"), folder)
    }

    static func text(_ tree: SiteTree, _ relative: String) -> String? {
        FileManager.default.contents(atPath: tree.path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test func aMissingFolderIsMadeForAFileThatAsks() throws {
        let (front, _, folder) = try Self.trees()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try front.makeFolders("papers")
        _ = try front.create("papers/2611.00001/index.html", Array("page".utf8), makingFolder: true)
        _ = try front.create("papers/2611.00001/cite.bib", Array("@misc{}".utf8), makingFolder: true)
        #expect(Self.text(front, "papers/2611.00001/index.html") == "page")
        #expect(Self.text(front, "papers/2611.00001/cite.bib") == "@misc{}")
        // Only the file's own folder is made, never its parents, and not without being asked.
        #expect(throws: DigestError.self) { try front.create("authors/ada/index.html", Array("a".utf8), makingFolder: true) }
        #expect(throws: DigestError.self) { try front.create("papers/2611.00002/index.html", Array("b".utf8)) }
        // And a file is never written over.
        #expect(throws: DigestError.self) { try front.create("papers/2611.00001/index.html", Array("again".utf8), makingFolder: true) }
        #expect(Self.text(front, "papers/2611.00001/index.html") == "page")
    }

    @Test func aVacantPathIsWrittenInPlaceAndAFileLeftThereIsReplaced() throws {
        let (_, back, folder) = try Self.trees()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stamp = try back.replace("index.html", Array("new".utf8), temporary: ".digest-tmp-0", vacant: true)
        #expect(Self.text(back, "index.html") == "new")
        #expect(stamp.inode == Self.inode(back.path("index.html")))
        // Left by a stopped build, unknown to the cache: both the file and its temporary.
        FileManager.default.createFile(atPath: back.path("feed.xml"), contents: Data("stale".utf8))
        FileManager.default.createFile(atPath: back.path(".digest-tmp-1"), contents: Data("half".utf8))
        let replaced = try back.replace("feed.xml", Array("fresh".utf8), temporary: ".digest-tmp-1", vacant: true)
        #expect(Self.text(back, "feed.xml") == "fresh")
        #expect(replaced.inode == Self.inode(back.path("feed.xml")))
        #expect(!FileManager.default.fileExists(atPath: back.path(".digest-tmp-1")))
    }

    @Test func aVacantPathIsLinkedInPlaceAndAFileLeftThereIsReplaced() throws {
        let (front, back, folder) = try Self.trees()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a.html", "b.html"] { _ = try front.create(name, Array(name.utf8)) }
        try back.link("a.html", from: front, temporary: ".digest-tmp-0", vacant: true)
        #expect(Self.inode(back.path("a.html")) == Self.inode(front.path("a.html")))
        FileManager.default.createFile(atPath: back.path("b.html"), contents: Data("stale".utf8))
        FileManager.default.createFile(atPath: back.path(".digest-tmp-1"), contents: Data("half".utf8))
        try back.link("b.html", from: front, temporary: ".digest-tmp-1", vacant: true)
        #expect(Self.inode(back.path("b.html")) == Self.inode(front.path("b.html")))
        #expect(Self.text(back, "b.html") == "b.html")
        #expect(!FileManager.default.fileExists(atPath: back.path(".digest-tmp-1")))
        // Not vacant: the temporary and a rename, over the file there.
        _ = try back.create("c.html", Array("old".utf8))
        _ = try front.create("c.html", Array("c.html".utf8))
        try back.link("c.html", from: front, temporary: ".digest-tmp-2")
        #expect(Self.inode(back.path("c.html")) == Self.inode(front.path("c.html")))
        #expect(!FileManager.default.fileExists(atPath: back.path(".digest-tmp-2")))
    }
}
