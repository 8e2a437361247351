import Foundation

/// File operations inside a site tree Digest owns: writing a file, taking over the same file
/// from the other tree (a hard link, so its bytes and modification time stay), removing, and
/// checking a tree against what the cache says of it. Paths are relative to `root`; no
/// operation follows a symbolic link.
struct SiteTree: Sendable {
    let root: String

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes a new file (none may be there) and returns its stamp. With `makingFolder`, a
    /// missing folder for it is made, its parent being there: a build of tens of thousands
    /// of folders asks for each folder only when its first file finds it missing, rather
    /// than once per file (a `mkdir` that finds the folder there still locks its parent).
    func create(_ relative: String, _ bytes: [UInt8], makingFolder: Bool = false) throws(DigestError) -> BuildCache.FileStamp {
        let fd = try openNew(relative, makingFolder: makingFolder)
        guard fd >= 0 else { throw DigestError("cannot write \(path(relative)): \(errnoText())") }
        return try write(bytes, to: fd, at: relative)
    }

    /// `create`, or nil when something is at `relative` already.
    private func createUnlessTaken(_ relative: String, _ bytes: [UInt8]) throws(DigestError) -> BuildCache.FileStamp? {
        let fd = try openNew(relative, makingFolder: false)
        guard fd >= 0 else {
            if errno == EEXIST { return nil }
            throw DigestError("cannot write \(path(relative)): \(errnoText())")
        }
        return try write(bytes, to: fd, at: relative)
    }

    /// A new file's descriptor, or -1 with `errno` saying why not.
    private func openNew(_ relative: String, makingFolder: Bool) throws(DigestError) -> Int32 {
        let full = path(relative)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let fd = open(full, flags, 0o644)
        guard fd < 0, errno == ENOENT, makingFolder, case let folder = Self.parent(of: relative), !folder.isEmpty else { return fd }
        try makeFolder(folder)
        return open(full, flags, 0o644)
    }

    /// Writes all of `bytes` to the new file `fd`, closes it and returns its stamp.
    private func write(_ bytes: [UInt8], to fd: Int32, at relative: String) throws(DigestError) -> BuildCache.FileStamp {
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw DigestError("cannot write \(path(relative)): \(errnoText())")
            }
            written += result
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DigestError("cannot read back \(path(relative)): \(errnoText())") }
        return BuildCache.FileStamp(info)
    }

    /// Puts `bytes` at `relative`, replacing what is there in one rename. `vacant`: the
    /// cache says nothing is there, so the file is made in place, in one call instead of
    /// three (a file left there by an interrupted build is still replaced).
    func replace(_ relative: String, _ bytes: [UInt8], temporary: String, vacant: Bool = false) throws(DigestError) -> BuildCache.FileStamp {
        var stamp: BuildCache.FileStamp?
        try place(relative, temporary: temporary, vacant: vacant) { name throws(DigestError) in
            stamp = try createUnlessTaken(name, bytes)
            return stamp != nil
        }
        return stamp!
    }

    /// Makes `relative` the very file `other` has there (a second name for it). `vacant`: as
    /// for `replace`.
    func link(_ relative: String, from other: SiteTree, temporary: String, vacant: Bool = false) throws(DigestError) {
        try place(relative, temporary: temporary, vacant: vacant) { name throws(DigestError) in
            try linkUnlessTaken(relative, from: other, at: name)
        }
    }

    /// Has `make` make a new file (it returns false when something is at the name it is
    /// given): at `relative` itself when `vacant` and nothing is there, else at `temporary`
    /// (in place of one an interrupted build left), then renamed over `relative`.
    private func place(
        _ relative: String, temporary: String, vacant: Bool, _ make: (String) throws(DigestError) -> Bool
    ) throws(DigestError) {
        if vacant, try make(relative) { return }
        if !(try make(temporary)) {
            unlink(path(temporary))
            guard try make(temporary) else { throw DigestError("cannot write \(path(temporary)): something is in the way") }
        }
        try rename(temporary, over: relative)
    }

    /// Links `other`'s `relative` at `name`; false when something is there already.
    private func linkUnlessTaken(_ relative: String, from other: SiteTree, at name: String) throws(DigestError) -> Bool {
        if Foundation.link(other.path(relative), path(name)) == 0 { return true }
        guard errno == EEXIST else {
            throw DigestError("cannot link \(other.path(relative)) into \(root): \(errnoText())")
        }
        return false
    }

    private func rename(_ temporary: String, over relative: String) throws(DigestError) {
        guard Foundation.rename(path(temporary), path(relative)) == 0 else {
            let reason = errnoText()
            unlink(path(temporary))
            throw DigestError("cannot replace \(path(relative)): \(reason)")
        }
    }

    /// Makes one folder inside an existing one; a folder already there (made by another
    /// thread for a sibling file) is fine.
    func makeFolder(_ relative: String) throws(DigestError) {
        if mkdir(path(relative), 0o755) != 0, errno != EEXIST {
            throw DigestError("cannot create the folder \(path(relative)): \(errnoText())")
        }
    }

    /// Creates the folder and its parents inside the tree (they may exist).
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
