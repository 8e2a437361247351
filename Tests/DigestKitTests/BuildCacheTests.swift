import Testing

@testable import DigestKit

struct BuildCacheTests {
    static func tree(_ count: Int, inode: UInt64) -> BuildCache.TreeState {
        var files: [String: BuildCache.FileState] = [:]
        for number in 0..<count {
            let stamp = BuildCache.FileStamp(inode: inode + UInt64(number), size: Int64(number * 7), seconds: 1_790_000_000, nanoseconds: Int64(number))
            files["papers/2611.\(10000 + number)/index.html"] = BuildCache.FileState(key: UInt64(number) &* 31, hash: UInt64(number) &* 17, stamp: stamp)
        }
        let folder = BuildCache.FileStamp(inode: inode, size: 4096, seconds: 1_790_000_000, nanoseconds: 0)
        return BuildCache.TreeState(folderInode: inode, files: files, folders: ["": folder, "papers": folder])
    }

    /// The manifest reads back as it was written, and its bytes are reserved whole rather than
    /// grown by doubling (at 54,750 papers each tree is 18 MB, written near the build's peak).
    @Test func theManifestRoundTripsInBytesReservedWhole() throws {
        let input = BuildCache.InputFile(path: "papers/2026-11/2026-11-20.json", stamp: BuildCache.FileStamp(inode: 9, size: 10, seconds: 11, nanoseconds: 12), hash: 13)
        var summary = BuildCache.Summary(pages: 3, files: 20_000, papers: 2, today: "2026-11-20")
        summary.warnings = (0..<40).map { Diagnostic(.warning, file: "papers/\($0).json", message: String(repeating: "a long warning ", count: 20)) }
        for back in [nil, Self.tree(20_000, inode: 500_000)] {
            let cache = BuildCache(settings: 42, inputs: [input], front: Self.tree(20_000, inode: 1), back: back, summary: summary)
            var writer = ByteWriter()
            writer.cache(cache)
            let bytes = writer.bytes
            #expect(bytes.count > 1_000_000, "too small to show anything")
            #expect(bytes.capacity - bytes.count < 64 * 1024, "\(bytes.capacity) reserved for \(bytes.count) bytes")
            var reader = ByteReader(bytes)
            #expect(try reader.cache() == cache)
        }
    }
}
