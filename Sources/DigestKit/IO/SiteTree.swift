import Foundation

/// File operations inside a site tree Digest owns: writing a file, taking over the same file
/// from the other tree (a hard link, so its bytes and modification time stay), removing, and
/// checking a tree against what the cache says of it. Paths are relative to `root`; no
/// operation follows a symbolic link.
struct SiteTree: Sendable {
    let root: String

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes a new file (none may be there) and returns its stamp.
    func create(_ relative: String, _ bytes: [UInt8]) throws(DigestError) -> BuildCache.FileStamp {
        let full = path(relative)
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DigestError("cannot write \(full): \(errnoText())") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw DigestError("cannot write \(full): \(errnoText())")
            }
            written += result
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DigestError("cannot read back \(full): \(errnoText())") }
        return BuildCache.FileStamp(info)
    }

    /// Puts `bytes` at `relative`, replacing what is there in one rename.
    func replace(_ relative: String, _ bytes: [UInt8], temporary: String) throws(DigestError) -> BuildCache.FileStamp {
        unlink(path(temporary))
        let stamp = try create(temporary, bytes)
        try rename(temporary, over: relative)
        return stamp
    }

    /// Makes `relative` the very file `other` has there (a second name for it).
    func link(_ relative: String, from other: SiteTree, temporary: String) throws(DigestError) {
        unlink(path(temporary))
        guard Foundation.link(other.path(relative), path(temporary)) == 0 else {
            throw DigestError("cannot link \(other.path(relative)) into \(root): \(errnoText())")
        }
        try rename(temporary, over: relative)
    }

    private func rename(_ temporary: String, over relative: String) throws(DigestError) {
        guard Foundation.rename(path(temporary), path(relative)) == 0 else {
            let reason = errnoText()
            unlink(path(temporary))
            throw DigestError("cannot replace \(path(relative)): \(reason)")
        }
    }

    /// Creates the folder and its parents inside the tree (they may exist).
    /// Makes one folder inside an existing one; a folder already there (made by another
    /// thread for a sibling file) is fine.
    func makeFolder(_ relative: String) throws(DigestError) {
        if mkdir(path(relative), 0o755) != 0, errno != EEXIST {
            throw DigestError("cannot create the folder \(path(relative)): \(errnoText())")
        }
    }

    func makeFolders(_ relative: String) throws(DigestError) {
        var current = ""
        for part in relative.split(separator: "/") {
            current += current.isEmpty ? String(part) : "/" + part
            if mkdir(path(current), 0o755) != 0, errno != EEXIST {
                throw DigestError("cannot create the folder \(path(current)): \(errnoText())")
            }
        }
    }

    /// Removes a file, link or (whole) folder; a link is removed, never followed.
    func remove(_ relative: String) {
        let full = path(relative)
        var info = stat()
        guard lstat(full, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            try? FileManager.default.removeItem(atPath: full)  // does not follow links inside
        } else {
            unlink(full)
        }
    }

    /// Removes a folder if it is empty, then its parents while they are; returns those removed.
    @discardableResult
    func removeEmptyFolders(from relative: String) -> [String] {
        var removed: [String] = []
        var current = relative
        while !current.isEmpty, rmdir(path(current)) == 0 {
            removed.append(current)
            current = Self.parent(of: current)
        }
        return removed
    }

    /// The folder a relative path is in ("" for the root).
    static func parent(of relative: String) -> String {
        relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relative[..<$0]) } ?? ""
    }

    /// `name` in the folder of `relative`.
    static func sibling(of relative: String, named name: String) -> String {
        let folder = parent(of: relative)
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// Every folder that holds one of `files` (relative paths), parents included (not the root).
    static func folders(of files: some Sequence<String>) -> Set<String> {
        var folders = Set<String>()
        for file in files {
            var folder = parent(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = parent(of: folder)
            }
        }
        return folders
    }

    // MARK: Checking a tree against the cache

    /// How far a tree on disk still is what the cache recorded.
    struct Check: Sendable {
        /// Recorded files that are missing or were changed (another inode, size or time).
        var damaged: Set<String> = []
        /// Entries that are not Digest's, found in folders whose contents changed.
        var untracked: [String] = []
        var isIntact: Bool { damaged.isEmpty && untracked.isEmpty }
    }

    /// Stats every recorded file and folder (in parallel); lists a folder only when its
    /// modification time says an entry was added or removed.
    func check(_ state: BuildCache.TreeState) -> Check {
        let files = Array(state.files)
        let damaged = Parallel.map(files.count) { index -> String? in
            let (relative, file) = files[index]
            return BuildCache.FileStamp(path: path(relative)) == file.stamp ? nil : relative
        }
        let folders = Array(state.folders)
        let changedFolders = Parallel.map(folders.count) { index -> String? in
            let (relative, stamp) = folders[index]
            return BuildCache.FileStamp(path: relative.isEmpty ? root : path(relative)) == stamp ? nil : relative
        }
        var check = Check(damaged: Set(damaged.compactMap { $0 }))
        for folder in changedFolders.compactMap({ $0 }) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? root : path(folder))) ?? []
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                if state.files[relative] == nil, state.folders[relative] == nil, relative != SiteWriter.markerName {
                    check.untracked.append(relative)
                }
            }
        }
        check.untracked.sort()
        return check
    }

    /// The stamps of `folders` (relative; "" is the root) as they are now.
    func folderStamps(_ folders: some Collection<String>) -> [String: BuildCache.FileStamp] {
        let list = Array(folders)
        let stamps = Parallel.map(list.count) { BuildCache.FileStamp(path: list[$0].isEmpty ? root : path(list[$0])) }
        var result: [String: BuildCache.FileStamp] = [:]
        for (folder, stamp) in zip(list, stamps) { result[folder] = stamp }
        return result
    }
}
