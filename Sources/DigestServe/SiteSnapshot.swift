import DigestKit

/// One build of the site, held in memory and never changed: a rebuild makes a new snapshot.
/// Requests can only name files that are in it, so nothing outside the site can be served.
struct SiteSnapshot: Sendable {
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
        /// A strong validator for `If-None-Match`: a hash of the bytes.
        var etag: String
    }

    enum Lookup: Equatable {
        case file(String)
        /// A folder asked for without its slash: the same URL with one.
        case redirect(String)
        case notFound
    }

    let files: [String: File]

    init(_ outputs: [OutputFile]) {
        var files: [String: File] = [:]
        for output in outputs {
            files[output.path] = File(bytes: output.bytes, contentType: Self.contentType(output.path), etag: Self.etag(output.bytes))
        }
        self.files = files
    }

    /// What a site-relative path (`days/2026-11-20/`, percent-decoding already done) resolves to.
    /// Paths with empty, `.` or `..` segments resolve to nothing.
    func lookup(_ path: String) -> Lookup {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let inner = path.hasSuffix("/") ? segments.dropLast() : segments[...]
        guard !inner.contains(where: { $0 == "." || $0 == ".." || $0.contains("\0") || $0.contains("\\") }),
            path.isEmpty || !inner.contains(where: \.isEmpty)
        else { return .notFound }
        if path.isEmpty || path.hasSuffix("/") {
            return files[path + "index.html"] != nil ? .file(path + "index.html") : .notFound
        }
        if files[path] != nil { return .file(path) }
        if files[path + "/index.html"] != nil { return .redirect(path + "/") }
        return .notFound
    }

    /// Content types by name; feeds by their format, so readers and browsers recognise them.
    static func contentType(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasPrefix("sitemaps/") { return "application/xml; charset=utf-8" }  // the sitemap index's parts
        switch name {
        case "atom.xml": return "application/atom+xml; charset=utf-8"
        case "sitemap.xml": return "application/xml; charset=utf-8"
        case "feed.json": return "application/feed+json; charset=utf-8"
        default: break
        }
        switch name.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "xml": return "application/rss+xml; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    static func etag(_ bytes: [UInt8]) -> String {
        // FNV-1a, 64 bits: plenty to tell builds apart, cheap enough for every file.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}
