import Foundation

/// What the last build left to make the next one quick, kept beside the output in
/// `.<output>.cache/manifest`: the inputs it read, and for each of the two site trees (the
/// output and the previous build's, kept in `.<output>.cache/tree`) every file with the key
/// of what it was made from, the hash of its bytes, and where it is on disk.
///
/// The manifest is only ever trusted as far as the disk agrees with it: a tree is used when
/// its folder is the one recorded, and a file when its inode, size and modification time
/// are. Anything else is rebuilt.
struct BuildCache: Sendable, Equatable {
    /// Everything about the build that is not in an input file: the digest executable itself,
    /// the options, and where the folders are.
    var settings: UInt64
    var inputs: [InputFile]
    var front: TreeState
    /// The previous build's tree; nil when there is none, or when a build stopped while
    /// changing it (it is then rebuilt from the output).
    var back: TreeState?
    /// The last build's report, for a build that finds nothing to do.
    var summary: Summary

    struct InputFile: Sendable, Equatable {
        var path: String
        var stamp: FileStamp
        var hash: UInt64
    }

    /// A file's identity on disk: if any of these changed, so may its bytes.
    struct FileStamp: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
    }

    struct TreeState: Sendable, Equatable {
        /// Which folder the tree is: an exchange swaps the two folders' places, not their inodes.
        var folderInode: UInt64
        var files: [String: FileState]
        /// Each folder's modification time: a file added or removed inside changes it.
        var folders: [String: FileStamp]
    }

    struct FileState: Sendable, Equatable {
        /// `SitePlan.keys()`: what the file was made from.
        var key: UInt64
        /// `ContentHash` of its bytes.
        var hash: UInt64
        var stamp: FileStamp
    }

    struct Summary: Sendable, Equatable {
        var pages = 0, feeds = 0, files = 0, bytes = 0, papers = 0, days = 0, topics = 0, unpublished = 0
        var today: String?
        var katex = false
        var warnings: [Diagnostic] = []
    }

    // MARK: Reading and writing

    static let magic = Array("DIGEST-CACHE-4\n".utf8)

    /// The manifest in `folder`, or nil when there is none or it cannot be read (a build
    /// without a cache is only slower).
    static func load(from folder: String) -> BuildCache? {
        let path = folder + "/manifest"
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        close(fd)
        guard let bytes = FolderReader.read(path) else { return nil }
        var reader = ByteReader(bytes)
        guard var cache = try? reader.cache() else { return nil }
        // A build stopped while it changed the back tree: the manifest no longer describes it.
        if access(folder + "/" + backChangingName, F_OK) == 0 { cache.back = nil }
        return cache
    }

    /// The file that says a build is changing the back tree. Writing it is cheaper than
    /// saving the whole manifest without the back tree (at 50,000 files, a tenth of a second).
    static let backChangingName = "back-changing"

    static func markBackChanging(in folder: String) throws(DigestError) {
        let fd = open(folder + "/" + backChangingName, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DigestError("cannot write to the build cache \(folder): \(errnoText())") }
        close(fd)
    }

    func save(to folder: String) throws(DigestError) {
        var writer = ByteWriter()
        writer.cache(self)
        try ContentWriter.replace(folder + "/manifest", with: writer.bytes)
        // The manifest just written describes the back tree as it is (or has none).
        unlink(folder + "/" + Self.backChangingName)
    }
}

extension BuildCache.FileStamp {
    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if os(Linux)
        seconds = Int64(info.st_mtim.tv_sec)
        nanoseconds = Int64(info.st_mtim.tv_nsec)
        #else
        seconds = Int64(info.st_mtimespec.tv_sec)
        nanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #endif
    }

    /// The stamp of the file or folder at `path` (symbolic links are not followed), or nil.
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}

/// The manifest's binary form (`ByteWriter`'s: little-endian integers and length-prefixed
/// UTF-8 strings). Tree entries are in dictionary order: the manifest is Digest's own, and
/// never compared. Each tree is a length-prefixed run of bytes, so the two trees (192,000
/// files each at 54,750 papers) are encoded and decoded on two cores at once.
extension ByteWriter {
    mutating func stamp(_ stamp: BuildCache.FileStamp) {
        int(stamp.inode)
        int(stamp.size)
        int(stamp.seconds)
        int(stamp.nanoseconds)
    }

    /// How many bytes `tree` writes: the manifest reserves them before writing (a tree is
    /// 18 MB at 54,750 papers, and growing it by doubling came at the top of the build's memory).
    static func size(of tree: BuildCache.TreeState) -> Int {
        let files = tree.files.keys.reduce(0) { $0 + $1.utf8.count } + tree.files.count * (8 + 16 + 32)
        let folders = tree.folders.keys.reduce(0) { $0 + $1.utf8.count } + tree.folders.count * (8 + 32)
        return 24 + files + folders
    }

    mutating func tree(_ tree: BuildCache.TreeState) {
        bytes.reserveCapacity(bytes.count + Self.size(of: tree))
        int(tree.folderInode)
        int(tree.files.count)
        for (path, file) in tree.files {
            string(path)
            int(file.key)
            int(file.hash)
            stamp(file.stamp)
        }
        int(tree.folders.count)
        for (path, folder) in tree.folders {
            string(path)
            stamp(folder)
        }
    }

    mutating func cache(_ cache: BuildCache) {
        // Two trees are encoded on two cores; the front one straight into the bytes, so its
        // 18 MB are not held twice when the build's memory is near its top. Every byte is
        // reserved first (the summary's warnings are the only other part of any size).
        let back = cache.back.map { back in Parallel.start { () -> [UInt8] in
            var writer = ByteWriter()
            writer.tree(back)
            return writer.bytes
        } }
        let inputs = cache.inputs.reduce(0) { $0 + $1.path.utf8.count + 48 }
        let warnings = cache.summary.warnings.reduce(0) { $0 + $1.file.utf8.count + $1.message.utf8.count + 256 }
        let trees = Self.size(of: cache.front) + 8 + (cache.back.map { Self.size(of: $0) + 8 } ?? 0)
        bytes.reserveCapacity(bytes.count + 4096 + inputs + trees + warnings)
        bytes.append(contentsOf: BuildCache.magic)
        int(cache.settings)
        int(cache.inputs.count)
        for input in cache.inputs {
            string(input.path)
            stamp(input.stamp)
            int(input.hash)
        }
        slice { $0.tree(cache.front) }
        bool(back != nil)
        if let back { slice(back()[...]) }
        let summary = cache.summary
        for value in [summary.pages, summary.feeds, summary.files, summary.bytes, summary.papers, summary.days, summary.topics, summary.unpublished] {
            int(value)
        }
        bool(summary.today != nil)
        string(summary.today ?? "")
        bool(summary.katex)
        int(summary.warnings.count)
        for warning in summary.warnings { diagnostic(warning) }
    }
}

extension ByteReader {
    mutating func stamp() throws(Malformed) -> BuildCache.FileStamp {
        BuildCache.FileStamp(inode: try unsigned(), size: try int(), seconds: try int(), nanoseconds: try int())
    }

    mutating func tree() throws(Malformed) -> BuildCache.TreeState {
        let folderInode = try unsigned()
        var files: [String: BuildCache.FileState] = [:]
        let fileCount = try count()
        files.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            let path = try string()
            files[path] = BuildCache.FileState(key: try unsigned(), hash: try unsigned(), stamp: try stamp())
        }
        var folders: [String: BuildCache.FileStamp] = [:]
        for _ in 0..<(try count()) {
            let path = try string()
            folders[path] = try stamp()
        }
        return BuildCache.TreeState(folderInode: folderInode, files: files, folders: folders)
    }

    mutating func cache() throws(Malformed) -> BuildCache {
        guard bytes.starts(with: BuildCache.magic) else { throw Malformed() }
        offset = BuildCache.magic.count
        let settings = try unsigned()
        var inputs: [BuildCache.InputFile] = []
        for _ in 0..<(try count()) {
            inputs.append(BuildCache.InputFile(path: try string(), stamp: try stamp(), hash: try unsigned()))
        }
        let parts = [try slice()] + (try bool() ? [try slice()] : [])
        let trees = Parallel.map(parts.count) { index -> BuildCache.TreeState? in
            var reader = ByteReader(Array(parts[index]))
            guard let tree = try? reader.tree(), reader.isAtEnd else { return nil }
            return tree
        }
        guard let front = trees[0], trees.allSatisfy({ $0 != nil }) else { throw Malformed() }
        let back = trees.count > 1 ? trees[1] : nil
        var summary = BuildCache.Summary()
        summary.pages = Int(try int())
        summary.feeds = Int(try int())
        summary.files = Int(try int())
        summary.bytes = Int(try int())
        summary.papers = Int(try int())
        summary.days = Int(try int())
        summary.topics = Int(try int())
        summary.unpublished = Int(try int())
        let hasToday = try bool()
        let today = try string()
        summary.today = hasToday ? today : nil
        summary.katex = try bool()
        for _ in 0..<(try count()) { summary.warnings.append(try diagnostic()) }
        guard isAtEnd else { throw Malformed() }
        return BuildCache(settings: settings, inputs: inputs, front: front, back: back, summary: summary)
    }
}
