import Foundation

/// arXiv-style BibTeX entries (`@misc` with `eprint` and `archivePrefix`), the way arXiv's
/// own "Export BibTeX citation" writes them, for the Cite block of a paper's page, its
/// `cite.bib` and each day's `.bib`.
enum BibTeX {
    /// Each paper's key, by id: `haddad2026braided` (first author's last name, year, first
    /// word of the title that is not a stop word), unique within its day: papers collected
    /// later that day that would share a key get `b`, `c`… A paper keeps its day, and papers
    /// are only ever added to a day, so a key never changes once given.
    static func keys(_ digest: Digest) -> [String: String] {
        // Days are independent, so they are keyed on every core (every build keys every
        // paper: pages' output keys include them).
        let days = Parallel.map(digest.days.count) { index in
            var keys: [(id: String, key: String)] = []
            var used: [String: Int] = [:]
            for paper in digest.days[index].papers.sorted(by: { $0.origin < $1.origin }) {
                let stem = baseKey(paper)
                let count = used[stem, default: 0]
                used[stem] = count + 1
                keys.append((paper.id.base, count == 0 ? stem : stem + suffix(count)))
            }
            return keys
        }
        var keys: [String: String] = Dictionary(minimumCapacity: digest.papers.count)
        for day in days {
            for (id, key) in day { keys[id] = key }
        }
        return keys
    }

    /// `b` for the second paper with a key, `c` for the third…, `ba` after `z`.
    private static func suffix(_ count: Int) -> String {
        var count = count
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(97 + count % 26))) + letters
            count /= 26
        } while count > 0
        return letters
    }

    private static func baseKey(_ paper: Paper) -> String {
        let name = paper.authors.first.map(lastName) ?? ""
        let year = paper.published.map { $0.utcComponents.day.year } ?? paper.day.year
        let word = asciiFirstWord(paper.title) ?? (SearchWords.terms(paper.title).isEmpty ? "" : firstWord(paper.title))
        let key = ascii(name) + String(year) + ascii(word)
        return key.first?.isLetter == true ? key : "paper" + key
    }

    /// "Karim Haddad" → "Haddad"; "Haddad, Karim" → "Haddad"; "Zhang Wei" → "Wei" (as written).
    private static func lastName(_ name: String) -> String {
        if let comma = name.firstIndex(of: ",") { return String(name[..<comma]) }
        return name.split(separator: " ").last.map(String.init) ?? name
    }

    /// `firstWord` of an ASCII title, read byte by byte: every build keys every paper, and
    /// cutting each title into search terms and `Character`s was more than half of it. nil when the title is not ASCII, or
    /// when its first word is too long to be a search term (then `terms` decides, as for others).
    private static func asciiFirstWord(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            var word: [UInt8] = []
            var index = 0
            while index <= bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                if byte >= 0x80 { return nil }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default:
                    if word.count > 2, !SearchWords.stopWords.contains(word) {
                        return word.count <= SearchWords.maxLength ? String(decoding: word, as: UTF8.self) : nil
                    }
                    word.removeAll(keepingCapacity: true)
                }
                index += 1
            }
            return ""
        }
    }

    private static func firstWord(_ title: String) -> String {
        for word in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let folded = word.lowercased()
            if folded.count > 2, !SearchWords.stopWords.contains(Array(folded.utf8)) { return folded }
        }
        return ""
    }

    /// Lowercase ASCII letters and digits only (`Wollschläger` → `wollschlager`); a name
    /// with none gets the hash `Slug` gives it, and no name stays empty.
    private static func ascii(_ text: String) -> String {
        if text.isEmpty { return "" }
        // Filtered as bytes: Foundation's `replacingOccurrences` was half of keying a paper.
        return String(decoding: Slug.make(text, fallbackPrefix: "").utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") }, as: UTF8.self)
    }

    /// The entry, fields in a fixed order, ending in a newline.
    static func entry(_ paper: Paper, key: String, config: SiteConfig) -> String {
        var fields: [(String, String)] = [("title", "{" + value(paper.title) + "}")]
        if !paper.authors.isEmpty {
            let names = paper.authors.map { name in
                // A name with the word "and" in it would read as two authors.
                let escaped = value(name)
                return hasWordAnd(escaped) ? "{" + escaped + "}" : escaped
            }
            fields.append(("author", "{" + names.joined(separator: " and ") + "}"))
        }
        let day = paper.published.map { $0.utcComponents.day } ?? paper.day
        fields.append(("year", "{\(day.year)}"))
        fields.append(("month", months[day.month - 1]))
        if paper.id.isArXiv {
            fields.append(("eprint", "{" + value(paper.id.base) + "}"))
            fields.append(("archivePrefix", "{arXiv}"))
        }
        let url = paper.links.arxiv ?? (paper.id.isArXiv ? "https://arxiv.org/abs/\(paper.id.base)" : config.baseURL.resolve(PaperPage.urlPath(paper)))
        fields.append(("url", "{" + value(url) + "}"))
        let width = fields.map(\.0.count).max() ?? 0
        let lines = fields.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + " = " + $0.1 }
        return "@misc{" + key + ",\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Text as a braced BibTeX value: `&`, `%`, `#` and `_` escaped outside math (`$…$`),
    /// line breaks as spaces, and braces kept only when they balance (BibTeX counts every
    /// brace, escaped or not, so an unbalanced one would end the field).
    static func value(_ text: String) -> String {
        // Every character it looks at is ASCII, so it works on UTF-8 bytes: the other
        // bytes of a name or title are copied as they are.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var inMath = false
        var previous: UInt8 = 0x20
        var depth = 0
        var balanced = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$") where previous != UInt8(ascii: "\\"):
                inMath.toggle()
                out.append(byte)
            case UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "_"):
                // (A `where` would apply to the last pattern only.)
                if !inMath && previous != UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                // CRLF becomes one space, as it is one character.
                if !(byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) { out.append(0x20) }
            case UInt8(ascii: "{"):
                depth += 1
                out.append(byte)
            case UInt8(ascii: "}"):
                depth -= 1
                if depth < 0 { balanced = false }
                out.append(byte)
            default:
                out.append(byte)
            }
            previous = byte
        }
        if depth != 0 { balanced = false }
        if !balanced { out.removeAll { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a name has the word "and" in it (any case), which BibTeX would read as
    /// the start of another author.
    static func hasWordAnd(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isLetter(_ index: Int) -> Bool {
            guard bytes.indices.contains(index) else { return false }
            let byte = bytes[index] | 0x20
            return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || bytes[index] >= 0x80
        }
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] | 0x20 == UInt8(ascii: "a"), bytes[index + 1] | 0x20 == UInt8(ascii: "n"), bytes[index + 2] | 0x20 == UInt8(ascii: "d"),
                !isLetter(index - 1), !isLetter(index + 3)
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// Every entry of a day, in the day's order, separated by blank lines.
    static func file(_ papers: [Paper], keys: [String: String], config: SiteConfig) -> [UInt8] {
        Array(papers.map { entry($0, key: keys[$0.id.base] ?? baseKey($0), config: config) }.joined(separator: "\n").utf8)
    }
}
