import DigestXML
import Foundation

/// Follows every internal link of a built site the way a static host would serve it.
struct LinkChecker {
    let files: [String: [UInt8]]
    private var documents: [String: XMLDocument] = [:]

    init(files: [String: [UInt8]]) throws {
        self.files = files
        for (path, bytes) in files where path.hasSuffix(".html") {
            documents[path] = try XMLDocument.html(bytes)
        }
    }

    var pages: [String] { documents.keys.sorted() }

    func document(_ path: String) -> XMLDocument? { documents[path] }

    /// Problems: links to missing files, fragments without a target, and duplicate ids.
    func problems(skipping: Set<String> = ["404.html"]) -> [String] {
        var problems: [String] = []
        for path in pages where !skipping.contains(path) {
            let doc = documents[path]!
            let ids = doc.nodes("//*[@id]").compactMap { $0["id"] }
            for id in Set(ids) where ids.filter({ $0 == id }).count > 1 { problems.append("\(path): duplicate id \(id)") }
            for node in doc.nodes("//a[@href] | //link[@href]") {
                let href = node["href"]!
                if let problem = check(href, from: path) { problems.append("\(path): \(problem)") }
            }
        }
        return problems
    }

    private func check(_ href: String, from page: String) -> String? {
        if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") { return nil }
        var target = href
        var fragment: String?
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...])
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        let resolved: String
        if target.isEmpty {
            resolved = page
        } else {
            guard let path = Self.resolve(target, from: page) else { return "link \(href) leaves the site" }
            if path.isEmpty || path.hasSuffix("/") {
                resolved = path + "index.html"
            } else {
                resolved = path
            }
        }
        guard files[resolved] != nil else { return "broken link \(href) (no \(resolved))" }
        if let fragment, !fragment.isEmpty {
            guard let doc = documents[resolved], !doc.nodes("//*[@id='\(fragment)']").isEmpty else {
                return "link \(href) points at a missing anchor"
            }
        }
        return nil
    }

    /// Resolves a relative reference against the folder of `page`; nil if it climbs above the root.
    static func resolve(_ reference: String, from page: String) -> String? {
        var parts = page.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        let trailingSlash = reference.hasSuffix("/")
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        return trailingSlash && !joined.isEmpty ? joined + "/" : joined
    }
}
