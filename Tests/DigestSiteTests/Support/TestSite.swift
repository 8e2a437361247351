import DigestKit
import DigestXML
import Foundation

/// The repository checkout, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A site in a fresh temporary folder: content written inline, the repository's layouts unless given.
struct TestSite {
    let folder: URL
    var content: String { folder.appendingPathComponent("Content").path }
    var output: String { folder.appendingPathComponent("Site").path }
    var layouts: String

    /// `files` maps paths inside `Content/` to their text.
    init(_ files: [String: String], layouts: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("digest-test-\(UUID().uuidString)")
        self.layouts = layouts ?? repositoryRoot.appendingPathComponent("Layouts").path
        for (path, text) in files { try write("Content/" + path, text) }
    }

    /// A copy of the repository's sample content.
    static func sample() throws -> TestSite {
        let site = try TestSite([:])
        try FileManager.default.createDirectory(at: site.folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Content").path, toPath: site.content)
        return site
    }

    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @discardableResult
    func build(baseURL: String? = nil, today: String? = nil, output: String? = nil) throws -> Pipeline.Report {
        var options = Pipeline.Options()
        options.content = content
        options.layouts = layouts
        options.output = output ?? self.output
        options.baseURL = baseURL.flatMap(BaseURL.init)
        options.today = today.flatMap { CalendarDay($0) }
        return try Pipeline.build(options)
    }

    /// Every file of the built site: relative path → bytes.
    func outputFiles(_ root: String? = nil) -> [String: [UInt8]] {
        let root = root ?? output
        var files: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [:] }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = root + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full).map { [UInt8]($0) }
            }
        }
        return files
    }

    func html(_ path: String) throws -> XMLDocument {
        try XMLDocument.html(FileManager.default.contents(atPath: output + "/" + path).map { [UInt8]($0) } ?? [])
    }

    func xml(_ path: String) throws -> XMLDocument {
        try XMLDocument.xml(FileManager.default.contents(atPath: output + "/" + path).map { [UInt8]($0) } ?? [])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A minimal valid `site.json`.
func siteJSON(_ extra: String = "") -> String {
    #"{"title": "Test Digest", "baseURL": "https://example.org/digest/"\#(extra)}"#
}

/// One paper record as JSON.
func paperJSON(_ id: String, day: String? = nil, topics: [String] = ["Theory"], extra: String = "") -> String {
    let date = day.map { ", \"date\": \"\($0)\"" } ?? ""
    let topicList = topics.map { "\"\($0)\"" }.joined(separator: ", ")
    let summary = "## Summary\\n\\nText.\\n\\n## Results\\n\\nMore."
    return "{\"id\": \"\(id)\", \"title\": \"Paper \(id)\", \"authors\": [\"Ada Lovelace\"]\(date), "
        + "\"topics\": [\(topicList)], \"highlights\": [\"A key point.\"], \"summary\": \"\(summary)\"\(extra)}"
}
