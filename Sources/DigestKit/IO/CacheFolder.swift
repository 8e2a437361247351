import Foundation

/// A folder of the build cache whose files a build reads and writes again by name: months
/// of search terms (`TermSegmentFolder`), decoded paper files (`RecordFolder`), related
/// lists, the search index's base tier and template skeletons (each a `KeptFile`).
///
/// Nothing in it is trusted: each kind of file carries a checksum and says what it was made
/// from, and one that does not decode or match is made again. Files are written without a
/// flush, since one cut short by a crash fails its checksum.
final class CacheFolder: @unchecked Sendable {
    let path: String
    /// False for `--full`: nothing kept is used, and everything made is kept for the next build.
    let reads: Bool
    private let lock = NSLock()
    private var asked: Set<String> = []

    init(path: String, reads: Bool) {
        self.path = path
        self.reads = reads
    }

    /// The file's bytes, when the build may use them.
    func read(_ name: String) -> [UInt8]? {
        lock.withLock { _ = asked.insert(name) }
        return reads ? FolderReader.read(path + "/" + name) : nil
    }

    /// Writes the file (called from any thread; a failure only costs the next build time).
    func write(_ name: String, _ bytes: [UInt8]) {
        lock.withLock { _ = asked.insert(name) }
        try? ContentWriter.replace(path + "/" + name, with: bytes, durable: false)
    }

    func remove(_ name: String) { unlink(path + "/" + name) }

    /// Removes every file no one read or wrote since the folder was opened: what it was
    /// made from is gone.
    func removeOthers() {
        let asked = lock.withLock { self.asked }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !asked.contains(name) { unlink(path + "/" + name) }
    }
}
