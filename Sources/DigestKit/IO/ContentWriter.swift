import Foundation

/// Writes content files for `digest import`: each one whole or not at all.
enum ContentWriter {
    /// Writes the bytes to a new temporary file beside the target, flushes it, then renames
    /// it over the target, so a reader (or a crash) sees the old file or the new, never half.
    /// `durable: false` skips the flush, for cache files that carry their own checksum.
    static func replace(_ path: String, with bytes: [UInt8], durable: Bool = true) throws(DigestError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !FolderReader.isDirectory(folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw DigestError("cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DigestError("cannot write \(temporary): \(errnoText())") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else {
                let reason = errnoText()
                close(fd)
                unlink(temporary)
                throw DigestError("cannot write \(temporary): \(reason)")
            }
            written += result
        }
        // The data must be on disk before the rename makes it the file.
        guard !durable || fsync(fd) == 0, close(fd) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw DigestError("cannot write \(temporary): \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw DigestError("cannot replace \(path): \(reason)")
        }
    }
}
