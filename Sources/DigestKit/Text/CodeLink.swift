import Foundation

/// The code repository an abstract names, for papers whose record has no code link.
///
/// arXiv abstracts end with the repository more often than collectors record it:
/// `\url{https://github.com/owner/repo}`, "Code: https://…", "Our code is available at
/// https://…". Taken, in order of preference: the first GitHub or GitLab repository
/// (`host/owner/repo`), else the first web address with "code" just before it.
enum CodeLink {
    static let forges: Set<String> = ["github.com", "gitlab.com"]

    static func find(in text: String) -> String? {
        // Most abstracts have no address at all; a byte search says so before any string work.
        guard text.containsBytes("://") else { return nil }
        let urls = addresses(in: text)
        if let repository = urls.first(where: { isRepository($0.url) }) { return repository.url }
        return urls.first { $0.before.lowercased().split { !$0.isLetter }.contains("code") }?.url
    }

    /// Every http(s) address with the 40 characters before it.
    private static func addresses(in text: String) -> [(url: String, before: Substring)] {
        var found: [(url: String, before: Substring)] = []
        var rest = text[...]
        while let start = http(in: rest) {
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { $0.isWhitespace || "}{)]>\"'<,\\".contains($0) } ?? tail.endIndex
            var url = String(tail[..<end])
            while let last = url.last, ".;:!?".contains(last) { url.removeLast() }
            rest = tail[end...]
            guard URLPolicy.isSafeWebURL(url) else { continue }
            let from = text.index(start.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
            found.append((url, text[from..<start.lowerBound]))
        }
        return found
    }

    /// The first `http` in any case, found on the bytes (Foundation's case-insensitive
    /// search was most of finding a code link in an abstract).
    private static func http(in text: Substring) -> Range<String.Index>? {
        let utf8 = text.utf8
        var from = utf8.startIndex
        while let start = utf8[from...].firstIndex(where: { $0 | 0x20 == UInt8(ascii: "h") }) {
            guard let end = utf8.index(start, offsetBy: 4, limitedBy: utf8.endIndex) else { return nil }
            if utf8[start..<end].elementsEqual("http".utf8, by: { $0 | 0x20 == $1 }) { return start..<end }
            from = utf8.index(after: start)
        }
        return nil
    }

    /// `https://github.com/owner/repo…` (or GitLab): an owner and a repository, not a site page.
    static func isRepository(_ url: String) -> Bool {
        let afterScheme = url.split(separator: "://", maxSplits: 1).last ?? ""
        let parts = afterScheme.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return false }
        var host = parts[0].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return forges.contains(host)
    }
}
