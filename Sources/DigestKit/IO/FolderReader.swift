import Foundation

/// Reads the content and layouts folders into memory. With `SiteWriter`, the only code that touches the disk.
public enum FolderReader {
    /// The files of a content folder: `site.json` and every `papers/**/*.json`, in path order.
    public struct Content: Sendable {
        public var site: SourceFile
        public var papers: [SourceFile]
    }

    public static func readContent(_ folder: String) throws(DigestError) -> Content {
        guard isDirectory(folder) else {
            throw DigestError("content folder \(folder) does not exist; pass --content or run from a folder that has Content/")
        }
        let sitePath = join(folder, "site.json")
        guard let site = read(sitePath) else {
            throw DigestError("\(sitePath) is missing: every site needs one (see docs/content-format.md)")
        }
        let papersFolder = join(folder, "papers")
        let papers = try listFiles(papersFolder, withExtension: "json")
            .map { relative throws(DigestError) in try readOrFail(join(papersFolder, relative)) }
        return Content(site: SourceFile(path: sitePath, bytes: site), papers: papers)
    }

    /// Templates (`**/*.mustache`, named by their path inside the folder) and assets (`assets/**`, by path inside `assets/`).
    public static func readLayouts(_ folder: String) throws(DigestError) -> (templates: [SourceFile], assets: [SourceFile]) {
        guard isDirectory(folder) else {
            throw DigestError("layouts folder \(folder) does not exist; pass --layouts or run from a folder that has Layouts/")
        }
        let templates = try listFiles(folder, withExtension: "mustache").map { relative throws(DigestError) in
            SourceFile(path: relative, bytes: try readOrFail(join(folder, relative)).bytes)
        }
        let assetsFolder = join(folder, "assets")
        let assets = try listFiles(assetsFolder, withExtension: nil).map { relative throws(DigestError) in
            SourceFile(path: relative, bytes: try readOrFail(join(assetsFolder, relative)).bytes)
        }
        return (templates, assets)
    }

    /// Regular files below `folder` (relative paths, sorted bytewise), skipping hidden names.
    /// Symbolic links are followed only when they resolve inside `folder`.
    static func listFiles(_ folder: String, withExtension ext: String?) throws(DigestError) -> [String] {
        guard isDirectory(folder) else { return [] }
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        var result: [String] = []
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
                guard resolved == root || resolved.hasPrefix(root + "/") else { continue }
                if isDirectory(full) {
                    pending.append(child)
                } else if ext.map({ name.hasSuffix("." + $0) }) ?? true {
                    result.append(child)
                }
            }
        }
        return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    private static func readOrFail(_ path: String) throws(DigestError) -> SourceFile {
        guard let bytes = read(path) else { throw DigestError("cannot read \(path)") }
        return SourceFile(path: path, bytes: bytes)
    }
}
