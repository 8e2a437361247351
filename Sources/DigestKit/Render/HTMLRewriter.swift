/// Small, exact rewrites of HTML that cmark-gfm produced.
///
/// They are safe as plain byte scans because content cannot produce the patterns they
/// look for: raw HTML is omitted and cmark escapes `<` and `"` in text, so `<h2>`,
/// `id="` and `href="#` only ever come from the renderer itself.
enum HTMLRewriter {
    /// Gives the n-th heading outside the footnotes the n-th id, and replaces the obsolete
    /// `align` attribute of table cells with a class (`align-center`) the stylesheet styles.
    static func addingHeadingIDs(_ html: String, ids: [String]) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ids.count * 24)
        var nextID = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "h"),
                (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i + 2]), bytes[i + 3] == UInt8(ascii: ">"),
                nextID < ids.count
            {
                out.append(contentsOf: bytes[i..<i + 3])
                out.append(contentsOf: " id=\"".utf8)
                out.append(contentsOf: ids[nextID].utf8)
                out.append(contentsOf: "\">".utf8)
                nextID += 1
                i += 4
                continue
            }
            if byte == UInt8(ascii: " "), matches(bytes, at: i, " align=\"") {
                let valueStart = i + 8
                if let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) {
                    out.append(contentsOf: " class=\"align-".utf8)
                    out.append(contentsOf: bytes[valueStart...end])
                    i = end + 1
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Shifts heading levels (clamped to 1…6) and prefixes ids and fragment links.
    static func embed(_ html: String, headingShift: Int, anchorPrefix: String) -> String {
        if headingShift == 0, anchorPrefix.isEmpty { return html }
        let bytes = Array(html.utf8)
        let prefix = Array(anchorPrefix.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), headingShift != 0 {
                // `<hN` followed by `>` or space, or `</hN>`.
                let slash = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") ? 1 : 0
                let h = i + 1 + slash
                if h + 2 < bytes.count, bytes[h] == UInt8(ascii: "h"),
                    (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]),
                    bytes[h + 2] == UInt8(ascii: ">") || bytes[h + 2] == UInt8(ascii: " ")
                {
                    let level = min(6, max(1, Int(bytes[h + 1] - UInt8(ascii: "0")) + headingShift))
                    out.append(contentsOf: bytes[i...h])
                    out.append(UInt8(ascii: "0") + UInt8(level))
                    i = h + 2
                    continue
                }
            }
            if !prefix.isEmpty, byte == UInt8(ascii: " ") {
                if matches(bytes, at: i, " id=\"") {
                    out.append(contentsOf: " id=\"".utf8)
                    out.append(contentsOf: prefix)
                    i += 5
                    continue
                }
                if matches(bytes, at: i, " href=\"#") {
                    out.append(contentsOf: " href=\"#".utf8)
                    out.append(contentsOf: prefix)
                    i += 8
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = pattern.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }
}
