import Foundation

/// Every file a build reads (content, layouts, KaTeX) with a hash of its bytes, and the
/// settings that are not in a file. When both are what the last build recorded, and the
/// output is as it left it, there is nothing to do.
///
/// A file whose inode, size and modification time are unchanged is not read again; one
/// whose stamp changed is read and hashed, so a collector that rewrites a file with the
/// same bytes does not cause a rebuild.
enum InputFingerprint {
    /// What `scan` found: every input with its hash, except those of a first build (no
    /// cache to compare with), which loading hashes as it reads them (`reads`).
    struct Scan {
        var inputs: [BuildCache.InputFile]
        /// Positions in `inputs` whose hash is not known yet.
        var pending: [Int]
        let reads: InputReads

        /// The hashes known before loading: of files unchanged since the last build, and of
        /// those whose stamps changed, read here.
        var knownHashes: [String: UInt64] {
            Dictionary(inputs.filter { $0.hash != 0 }.map { ($0.path, $0.hash) }, uniquingKeysWith: { first, _ in first })
        }

        /// The inputs with every hash: from what loading read, else read now.
        func completed() -> [BuildCache.InputFile] {
            var inputs = inputs
            for index in pending {
                let path = inputs[index].path
                inputs[index].hash = reads.hash(of: path) ?? FolderReader.read(path).map { ContentHash.of($0) } ?? 0
            }
            return inputs
        }
    }

    /// Changed files read here are kept for loading, up to this many bytes in all (a checkout
    /// that touches every file of a large archive is read twice rather than held at once).
    static let keptBytes = 64 << 20

    static func scan(_ options: Pipeline.Options, katex: String?, previous: BuildCache?) throws(DigestError) -> Scan {
        var paths = [FolderReader.join(options.content, "site.json")]
        let papers = FolderReader.join(options.content, "papers")
        paths += try FolderReader.listPaperFiles(papers).files.map { FolderReader.join(papers, $0) }
        let runs = FolderReader.join(options.content, "runs")
        paths += try FolderReader.listFiles(runs, withExtension: "json").files.map { FolderReader.join(runs, $0) }
        let pages = FolderReader.join(options.content, "pages")
        paths += try FolderReader.listFiles(pages, withExtension: "md").files.map { FolderReader.join(pages, $0) }
        paths += try FolderReader.listFiles(options.layouts, withExtension: nil).files.map { FolderReader.join(options.layouts, $0) }
        if let katex { paths += FolderReader.katexFiles(katex) }

        let known = Dictionary((previous?.inputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let files = paths
        let stamps = Parallel.map(files.count) { index -> BuildCache.FileStamp in
            var info = stat()
            return stat(files[index], &info) == 0 ? BuildCache.FileStamp(info) : .missing
        }
        var inputs: [BuildCache.InputFile] = []
        var changed: [Int] = []
        var pending: [Int] = []
        for (index, (path, stamp)) in zip(files, stamps).enumerated() {
            if stamp == .missing {
                inputs.append(BuildCache.InputFile(path: path, stamp: stamp, hash: 0))
            } else if let old = known[path], old.stamp == stamp {
                inputs.append(old)
            } else {
                // Without a cache nothing can be up to date: loading hashes the file as it reads it.
                inputs.append(BuildCache.InputFile(path: path, stamp: stamp, hash: 0))
                if previous == nil { pending.append(index) } else { changed.append(index) }
            }
        }
        // A stamp changed: the bytes decide, so a file rewritten with the same bytes causes no
        // rebuild. Read here, and kept so loading does not read them again.
        let keep = changed.reduce(0) { $0 + Int(stamps[$1].size) } <= keptBytes
        let changedFiles = changed
        let read = Parallel.map(changedFiles.count) { FolderReader.read(files[changedFiles[$0]]) }
        var kept: [String: [UInt8]] = [:]
        for (index, bytes) in zip(changedFiles, read) {
            inputs[index].hash = bytes.map { ContentHash.of($0) } ?? 0
            if keep, let bytes { kept[files[index]] = bytes }
        }
        return Scan(inputs: inputs, pending: pending, reads: InputReads(kept: kept))
    }

    /// What else decides the output: this executable (a new version may render differently),
    /// and the options.
    static func settings(_ options: Pipeline.Options, katex: String?) -> UInt64 {
        var hasher = KeyHasher(0x5365_7474_696E_6773)
        var info = stat()
        if let path = Bundle.main.executablePath, stat(path, &info) == 0 {
            let executable = BuildCache.FileStamp(info)
            hasher.add(path)
            for value in [executable.inode, UInt64(bitPattern: executable.size)] { hasher.add(value) }
            hasher.add(Int(executable.seconds))
            hasher.add(Int(executable.nanoseconds))
        }
        for folder in [options.content, options.layouts, katex ?? ""] {
            hasher.add(URL(fileURLWithPath: folder).standardizedFileURL.path)
        }
        hasher.add(options.baseURL?.absolute)
        hasher.add(options.today?.description)
        return hasher.value
    }
}

extension BuildCache.FileStamp {
    /// A file that could not be found.
    static let missing = BuildCache.FileStamp(inode: 0, size: -1, seconds: 0, nanoseconds: 0)
}

/// Each input file is read once a build: bytes the change check read are handed to loading,
/// and loading hashes what it reads for the next build's check.
public final class InputReads: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: [UInt8]]
    private var hashes: [String: UInt64] = [:]

    init(kept: [String: [UInt8]] = [:]) { self.kept = kept }

    /// The file's bytes: those already read (handed over once), else read and hashed now.
    func read(_ path: String) -> [UInt8]? {
        if let bytes = lock.withLock({ kept.removeValue(forKey: path) }) { return bytes }
        guard let bytes = FolderReader.read(path) else { return nil }
        let hash = ContentHash.of(bytes)
        lock.withLock { hashes[path] = hash }
        return bytes
    }

    func hash(of path: String) -> UInt64? { lock.withLock { hashes[path] } }
}
