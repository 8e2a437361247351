import Foundation

/// The build cache's `terms` folder: a file per month of papers cut into terms
/// (`TermSegment`), so the next build cuts only the months that changed.
///
/// Nothing in it is trusted: a segment is used only when it decodes whole and its
/// fingerprint is the one the papers give now. Its files are written without a flush: one
/// cut short by a crash fails its checksum and is cut again.
final class TermSegmentFolder: TermSegmentStore, @unchecked Sendable {
    let path: String
    /// False for `--full`: every month is cut again, and kept for the next build.
    private let reads: Bool
    private let lock = NSLock()
    private var asked: Set<String> = []

    init(path: String, reads: Bool) {
        self.path = path
        self.reads = reads
    }

    func segment(_ month: String) -> TermSegment? {
        lock.withLock { _ = asked.insert(month) }
        guard reads, let bytes = FolderReader.read(file(month)), let segment = TermSegment(bytes: bytes), segment.month == month else {
            return nil
        }
        return segment
    }

    func keep(_ segment: TermSegment) {
        try? ContentWriter.replace(file(segment.month), with: segment.bytes, durable: false)
    }

    /// Removes the files of months no build asked for since this folder was opened (their
    /// papers are gone), and anything else a segment file would not be called.
    func removeOthers() {
        let asked = lock.withLock { self.asked }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !asked.contains(name) { unlink(path + "/" + name) }
    }

    private func file(_ month: String) -> String { path + "/" + month }
}
