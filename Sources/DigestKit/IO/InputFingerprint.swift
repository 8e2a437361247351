import Foundation

/// Every file a build reads (content, layouts, KaTeX) with a hash of its bytes, and the
/// settings that are not in a file. When both are what the last build recorded, and the
/// output is as it left it, there is nothing to do.
///
/// A file whose inode, size and modification time are unchanged is not read again; one
/// whose stamp changed is read and hashed, so a collector that rewrites a file with the
/// same bytes does not cause a rebuild.
enum InputFingerprint {
    static func scan(_ options: Pipeline.Options, katex: String?, previous: BuildCache?) throws(DigestError) -> [BuildCache.InputFile] {
        var paths = [FolderReader.join(options.content, "site.json")]
        for folder in ["papers", "runs"] {
            let root = FolderReader.join(options.content, folder)
            paths += try FolderReader.listFiles(root, withExtension: "json").files.map { FolderReader.join(root, $0) }
        }
        let pages = FolderReader.join(options.content, "pages")
        paths += try FolderReader.listFiles(pages, withExtension: "md").files.map { FolderReader.join(pages, $0) }
        paths += try FolderReader.listFiles(options.layouts, withExtension: nil).files.map { FolderReader.join(options.layouts, $0) }
        if let katex { paths += FolderReader.katexFiles(katex) }

        let known = Dictionary((previous?.inputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let files = paths
        return Parallel.map(files.count) { index in
            let path = files[index]
            var info = stat()
            guard stat(path, &info) == 0 else { return BuildCache.InputFile(path: path, stamp: .missing, hash: 0) }
            let stamp = BuildCache.FileStamp(info)
            if let old = known[path], old.stamp == stamp { return old }
            return BuildCache.InputFile(path: path, stamp: stamp, hash: FolderReader.read(path).map { ContentHash.of($0) } ?? 0)
        }
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
