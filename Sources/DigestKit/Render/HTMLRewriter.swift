import Foundation

/// Small, exact rewrites of HTML that cmark-gfm produced.
///
/// They are safe as plain byte scans because content cannot produce the patterns they
/// look for: raw HTML is omitted and cmark escapes `<` and `"` in text, so `<h2>`,
/// `id="` and `href="#` only ever come from the renderer itself.
enum HTMLRewriter {
    /// Gives the n-th heading outside the footnotes the n-th id, and replaces the obsolete
    /// `align` attribute of table cells with a class (`align-center`) the stylesheet styles.
    static func addingHeadingIDs(_ html: String, ids: [String]) -> String {
        var nextID = 0
        return rewritingTags(html, extra: ids.count * 24) { tag, out in
            if tag.count == 4, tag[1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(tag[2]), nextID < ids.count {
                out.append(contentsOf: tag[0..<3])
                out.append(contentsOf: " id=\"".utf8)
                out.append(contentsOf: ids[nextID].utf8)
                out.append(contentsOf: "\">".utf8)
                nextID += 1
                return
            }
            var i = 0
            while i < tag.count {
                if tag[i] == UInt8(ascii: " "), matches(tag, at: i, " align=\"") {
                    out.append(contentsOf: " class=\"align-".utf8)
                    i += 8
                    continue
                }
                out.append(tag[i])
                i += 1
            }
        }
    }

    /// Shifts heading levels (clamped to 1…6) and prefixes ids and fragment links.
    /// `fragmentBase`, when given, goes before every `#…` link (feeds: a reader resolves a bare
    /// fragment against the feed, not against the paper's page).
    static func embed(_ html: String, headingShift: Int, anchorPrefix: String, fragmentBase: String = "") -> String {
        if headingShift == 0, anchorPrefix.isEmpty, fragmentBase.isEmpty { return html }
        let prefix = Array(anchorPrefix.utf8), base = Array(fragmentBase.utf8)
        return rewritingTags(html, extra: 256) { tag, out in
            var i = 0
            // `<hN` followed by `>` or space, or `</hN>`.
            let slash = tag.count > 1 && tag[1] == UInt8(ascii: "/") ? 1 : 0
            let h = 1 + slash
            if headingShift != 0, h + 2 < tag.count, tag[h] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(tag[h + 1]),
                tag[h + 2] == UInt8(ascii: ">") || tag[h + 2] == UInt8(ascii: " ")
            {
                let level = min(6, max(1, Int(tag[h + 1] - UInt8(ascii: "0")) + headingShift))
                out.append(contentsOf: tag[0...h])
                out.append(UInt8(ascii: "0") + UInt8(level))
                i = h + 2
            }
            while i < tag.count {
                if !prefix.isEmpty || !base.isEmpty, tag[i] == UInt8(ascii: " ") {
                    if !prefix.isEmpty, matches(tag, at: i, " id=\"") {
                        out.append(contentsOf: " id=\"".utf8)
                        out.append(contentsOf: prefix)
                        i += 5
                        continue
                    }
                    if matches(tag, at: i, " href=\"#") {
                        out.append(contentsOf: " href=\"".utf8)
                        out.append(contentsOf: base)
                        out.append(UInt8(ascii: "#"))
                        out.append(contentsOf: prefix)
                        i += 8
                        continue
                    }
                }
                out.append(tag[i])
                i += 1
            }
        }
    }

    /// Copies `html`, handing each tag (`<` to `>`) to `rewrite` and copying the text between
    /// tags as it is, a run at a time.
    private static func rewritingTags(
        _ html: String, extra: Int, _ rewrite: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void
    ) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + extra)
            var i = 0
            while i < bytes.count {
                guard let lt = find(UInt8(ascii: "<"), in: bytes, from: i) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<lt]))
                let end = find(UInt8(ascii: ">"), in: bytes, from: lt).map { $0 + 1 } ?? bytes.count
                rewrite(UnsafeBufferPointer(rebasing: bytes[lt..<end]), &out)
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, Int32(byte), bytes.count - start) else { return nil }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = pattern.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }
}
