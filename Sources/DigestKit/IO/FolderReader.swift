import Foundation

/// Reads the content and layouts folders into memory. With `SiteWriter`, the only code that touches the disk.
public enum FolderReader {
    /// The files of a content folder: `site.json` and every `papers/**/*.json` and `*.jsonl`, in path order.
    /// Paper files are only listed here; each is read when it is decoded (`paper(_:)`), so a
    /// large archive is never in memory all at once.
    public struct Content: Sendable {
        public var site: SourceFile
        /// The paper files' paths.
        public var paperPaths: [String]
        /// `runs/**/*.json`: collector run records.
        public var runs: [SourceFile] = []
        /// `pages/*.md`, each with its name (the file name without `.md`).
        public var pages: [(name: String, file: SourceFile)] = []
        /// Symbolic links that lead outside the folder, which are never followed.
        public var skipped: [String]
        /// Where paper files are read through, when the build tracks its reads.
        var reads: InputReads?

        /// Reads the paper file at `index` of `paperPaths`.
        public func paper(_ index: Int) throws(DigestError) -> SourceFile {
            try FolderReader.readOrFail(paperPaths[index], reads: reads)
        }

        /// Reads every paper file.
        public func allPapers() throws(DigestError) -> [SourceFile] {
            try paperPaths.indices.map { index throws(DigestError) in try paper(index) }
        }
    }

    /// The templates (`**/*.mustache`, named by their path inside the folder) and assets
    /// (`assets/**`, by path inside `assets/`) of a layouts folder.
    public struct Layouts: Sendable {
        public var templates: [SourceFile]
        public var assets: [SourceFile]
        /// The site's interface strings, `strings/<language>.json` (see `Interface`).
        public var strings: [SourceFile] = []
        public var skipped: [String]
    }

    /// Warnings for the links a read skipped.
    public static func skippedWarnings(_ paths: [String]) -> [Diagnostic] {
        paths.map { Diagnostic(.warning, file: $0, message: "is a symbolic link that leads outside its folder; it was not read") }
    }

    /// `reads`: what the build's change check already read, and where loading's reads are
    /// hashed (`InputFingerprint`); nil outside a build.
    public static func readContent(_ folder: String, reads: InputReads? = nil) throws(DigestError) -> Content {
        guard isDirectory(folder) else {
            throw DigestError("content folder \(folder) does not exist; pass --content or run from a folder that has Content/")
        }
        let sitePath = join(folder, "site.json")
        guard !isOutside(sitePath, root: folder) else {
            throw DigestError("\(sitePath) is a symbolic link that leads outside \(folder); copy the file instead")
        }
        guard let site = reads?.read(sitePath) ?? read(sitePath) else {
            throw DigestError("\(sitePath) is missing: every site needs one (see docs/content-format.md)")
        }
        let papersFolder = join(folder, "papers")
        let listing = try listPaperFiles(papersFolder)
        let papers = listing.files.map { join(papersFolder, $0) }
        let runsFolder = join(folder, "runs")
        let runListing = try listFiles(runsFolder, withExtension: "json")
        let runs = try runListing.files.map { relative throws(DigestError) in try readOrFail(join(runsFolder, relative), reads: reads) }
        let pagesFolder = join(folder, "pages")
        let pageListing = try listFiles(pagesFolder, withExtension: "md")
        let pages = try pageListing.files.filter { !$0.contains("/") }.map { relative throws(DigestError) in
            (name: String(relative.dropLast(3)), file: try readOrFail(join(pagesFolder, relative), reads: reads))
        }
        return Content(
            site: SourceFile(path: sitePath, bytes: site), paperPaths: papers, runs: runs, pages: pages,
            skipped: listing.skipped + runListing.skipped + pageListing.skipped, reads: reads)
    }

    public static func readLayouts(_ folder: String, reads: InputReads? = nil) throws(DigestError) -> Layouts {
        guard isDirectory(folder) else {
            throw DigestError("layouts folder \(folder) does not exist; pass --layouts or run from a folder that has Layouts/")
        }
        let templateListing = try listFiles(folder, withExtension: "mustache")
        let templates = try templateListing.files.map { relative throws(DigestError) in
            SourceFile(path: relative, bytes: try readOrFail(join(folder, relative), reads: reads).bytes)
        }
        let assetsFolder = join(folder, "assets")
        let assetListing = try listFiles(assetsFolder, withExtension: nil)
        let assets = try assetListing.files.map { relative throws(DigestError) in
            SourceFile(path: relative, bytes: try readOrFail(join(assetsFolder, relative), reads: reads).bytes)
        }
        let stringsFolder = join(folder, Interface.folder)
        let stringsListing = try listFiles(stringsFolder, withExtension: "json")
        let strings = try stringsListing.files.map { relative throws(DigestError) in
            SourceFile(path: Interface.folder + "/" + relative, bytes: try readOrFail(join(stringsFolder, relative), reads: reads).bytes)
        }
        return Layouts(
            templates: templates, assets: assets, strings: strings,
            skipped: templateListing.skipped + assetListing.skipped + stringsListing.skipped)
    }

    /// A file that may be absent (nil); one that exists but cannot be read is an error.
    public static func readOptional(_ path: String) throws(DigestError) -> SourceFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try readOrFail(path)
    }

    /// Input files for `digest import`, with their modification times.
    public static func readInputs(_ paths: [String]) throws(DigestError) -> [ImportPipeline.Input] {
        try paths.map { path throws(DigestError) in
            let file = try readOrFail(path)
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            return ImportPipeline.Input(file: file, modified: Timestamp(secondsSinceEpoch: Int64(modified.timeIntervalSince1970)))
        }
    }

    /// Where Debian's libjs-katex and fonts-katex put KaTeX.
    public static let debianKaTeX = "/usr/share/javascript/katex"

    /// KaTeX's script, stylesheet and fonts, by path inside its folder. Debian's `fonts/` is a
    /// link into /usr/share/fonts; it is followed because this folder is the system's, not content.
    public static func readKaTeX(_ folder: String, reads: InputReads? = nil) throws(DigestError) -> [SourceFile] {
        var files: [SourceFile] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let bytes = reads?.read(join(folder, name)) ?? read(join(folder, name)) else {
                throw DigestError("\(folder) has no \(name); install libjs-katex or point --katex at a KaTeX folder")
            }
            files.append(SourceFile(path: name, bytes: bytes))
        }
        let fonts = katexFonts(folder)
        guard !fonts.isEmpty else { throw DigestError("\(folder)/fonts has no fonts; install fonts-katex") }
        for path in fonts {
            guard let bytes = reads?.read(path) ?? read(path) else { throw DigestError("cannot read \(path)") }
            files.append(SourceFile(path: "fonts/" + (path as NSString).lastPathComponent, bytes: bytes))
        }
        return files
    }

    /// The paths of the KaTeX files `readKaTeX` reads.
    static func katexFiles(_ folder: String) -> [String] {
        [join(folder, "katex.min.js"), join(folder, "katex.min.css")] + katexFonts(folder)
    }

    private static func katexFonts(_ folder: String) -> [String] {
        let fonts = URL(fileURLWithPath: join(folder, "fonts")).resolvingSymlinksInPath().path
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.map { join(fonts, $0) }
    }

    /// Regular files below `folder` (relative paths, sorted bytewise), skipping hidden names.
    /// Symbolic links are followed only when they resolve inside `folder`; the others are returned as skipped.
    /// Paper files: JSON (`.json`) and JSON Lines (`.jsonl`, one record a line, as collectors append them).
    static func listPaperFiles(_ folder: String) throws(DigestError) -> (files: [String], skipped: [String]) {
        let listing = try listFiles(folder, withExtension: nil)
        return (listing.files.filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }, listing.skipped)
    }

    static func listFiles(_ folder: String, withExtension ext: String?) throws(DigestError) -> (files: [String], skipped: [String]) {
        guard isDirectory(folder) else { return ([], []) }
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        var result: [String] = []
        var skipped: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : join(folder, relative)
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: directory)
            } catch {
                throw DigestError("cannot read the folder \(directory): \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = join(folder, child)
                let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                guard resolved == root || resolved.hasPrefix(root + "/") else {
                    skipped.append(full)
                    continue
                }
                if isDirectory(full) {
                    pending.append(child)
                } else if ext.map({ name.hasSuffix("." + $0) }) ?? true {
                    result.append(child)
                }
            }
        }
        let bytewise = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        return (result.sorted(by: bytewise), skipped.sorted(by: bytewise))
    }

    /// Whether `path` resolves (through symbolic links) to somewhere outside `root`.
    static func isOutside(_ path: String, root: String) -> Bool {
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return !(resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/"))
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A whole file, read straight into bytes (nil if it cannot be opened or read).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // One byte more than the file, so the read that finds its end has room and a file
        // read whole is never copied into a larger array; bytes are written by `read` before
        // they are read, so they are not zeroed first (the search index's kept base tier is
        // 56 MB at 54,750 papers).
        let size = Int(info.st_size) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }  // the file grew
            let count = bytes.withUnsafeMutableBytes { buffer in Foundation.read(fd, buffer.baseAddress! + filled, buffer.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    private static func readOrFail(_ path: String, reads: InputReads? = nil) throws(DigestError) -> SourceFile {
        guard let bytes = reads?.read(path) ?? read(path) else { throw DigestError("cannot read \(path)") }
        return SourceFile(path: path, bytes: bytes)
    }
}
