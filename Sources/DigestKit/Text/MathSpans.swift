import Foundation

/// TeX math in text: `$…$`, `$$…$$`, `\(…\)` and `\[…\]`.
///
/// The rules follow Pandoc's `tex_math_dollars`, so prices stay prices: an opening `$`
/// must be followed by a non-space, a closing `$` must follow a non-space and must not be
/// followed by a digit, and `\$` is a dollar sign. Nothing inside backticks or fenced code
/// blocks is math.
public enum MathSpans {
    public struct Span: Sendable, Equatable {
        /// The TeX between the delimiters.
        public var tex: String
        public var display: Bool
        /// The span as written, delimiters included.
        public var source: String = ""

        public static func == (lhs: Span, rhs: Span) -> Bool { lhs.tex == rhs.tex && lhs.display == rhs.display }
    }

    /// Marks a span inside Markdown: private-use characters that cmark treats as plain text.
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// The text with every math span replaced by a placeholder, and the spans. `markdown`
    /// says whether backticks and fences mark code (in Markdown) or are just characters
    /// (in a title or abstract, where arXiv writes ``quotes'' with them).
    ///
    /// A placeholder is `\u{E000}` + a hash of the document + `:` + the span's number +
    /// `\u{E001}`. Those characters already in the text are removed; a character reference
    /// (`&#xE000;`) that cmark decodes into one cannot carry the right hash, so content can
    /// never forge a placeholder.
    public static func protect(_ text: String, markdown: Bool = true) -> (text: String, spans: [Span], key: String) {
        var text = text
        // Both marks are EE 80 8x in UTF-8; text without an EE byte has neither.
        if text.containsByte(0xEE), text.unicodeScalars.contains(where: { $0 == open || $0 == close }) {
            text.unicodeScalars.removeAll { $0 == open || $0 == close }
        }
        let bytes = Array(text.utf8)
        // Math opens only at `$`, `\(` or `\[`: text without one (most names, many titles) is
        // left as it is without a pass of the scanner.
        guard mayOpenMath(bytes) else { return (text, [], "") }
        let key = key(for: text)
        var scanner = Scanner(bytes: bytes, markdown: markdown)
        let (out, spans) = scanner.run(key: key)
        return (String(decoding: out, as: UTF8.self), spans, key)
    }

    private static func mayOpenMath(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "$"): return true
            case UInt8(ascii: "\\") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: "[")):
                return true
            default: index += 1
            }
        }
        return false
    }

    /// The document's key: placeholders of other documents (or forged ones) do not match it.
    static func key(for text: String) -> String { StableHash.hex(text) }

    /// Plain text (a title, an abstract) as HTML: escaped, with math marked up.
    public static func html(_ text: String) -> String {
        let (protected, spans, key) = protect(text, markdown: false)
        return restore(HTMLEscape.escape(protected), spans: spans, key: key)
    }

    /// Whether plain text (a title) has any math.
    public static func containsMath(_ text: String) -> Bool { !protect(text, markdown: false).spans.isEmpty }

    /// Puts the math back into rendered HTML: a placeholder alone in a paragraph becomes a
    /// display block, any other becomes inline markup, and one inside a tag (an image's alt
    /// text) becomes escaped TeX. Anything that looks like a placeholder but does not carry
    /// this document's key is removed.
    static func restore(_ html: String, spans: [Span], key: String) -> String {
        guard !spans.isEmpty || html.containsByte(0xEE) else { return html }
        var html = html
        return html.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + spans.count * 48)
            var rest = 0  // where the text not yet copied starts
            var insideTag = false
            while let start = find(openBytes, in: bytes, from: rest) {
                let segment = UnsafeBufferPointer(rebasing: bytes[rest..<start])
                if let lastOpen = segment.lastIndex(of: UInt8(ascii: "<")) {
                    insideTag = segment.lastIndex(of: UInt8(ascii: ">")).map { $0 < lastOpen } ?? true
                } else if segment.contains(UInt8(ascii: ">")) {
                    insideTag = false
                }
                let afterOpen = start + openBytes.count
                guard let end = find(closeBytes, in: bytes, from: afterOpen) else {
                    // No closer anywhere after: no placeholder can follow; drop the stray opener.
                    result.append(contentsOf: segment)
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[afterOpen...]))
                    return String(decoding: result, as: UTF8.self)
                }
                let afterClose = end + closeBytes.count
                let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[afterOpen..<end]), as: UTF8.self)
                rest = afterClose
                guard let span = placeholderSpan(label, key: key, spans: spans) else {
                    result.append(contentsOf: segment)  // a forged or foreign placeholder: its characters are dropped
                    continue
                }
                if insideTag {
                    result.append(contentsOf: segment)
                    result.append(contentsOf: HTMLEscape.escape(span.tex).utf8)
                } else if span.display, segment.count >= 3, segment.suffix(3).elementsEqual("<p>".utf8),
                    UnsafeBufferPointer(rebasing: bytes[afterClose...]).starts(with: "</p>".utf8) {
                    result.append(contentsOf: segment.dropLast(3))
                    result.append(contentsOf: "<div class=\"math-block\">".utf8)
                    result.append(contentsOf: markup(span).utf8)
                    result.append(contentsOf: "</div>".utf8)
                    rest = afterClose + 4
                } else {
                    result.append(contentsOf: segment)
                    result.append(contentsOf: markup(span).utf8)
                }
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest...]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The marks in UTF-8 (EE 80 80 and EE 80 81).
    private static let openBytes = Array(String(open).utf8)
    private static let closeBytes = Array(String(close).utf8)

    /// The first place at or after `from` where `pattern` (three bytes) starts.
    private static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var index = from
        while index + pattern.count <= bytes.count {
            guard let base = bytes.baseAddress, let hit = memchr(base + index, Int32(pattern[0]), bytes.count - index) else { return nil }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if index + pattern.count <= bytes.count, bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2] { return index }
            index += 1
        }
        return nil
    }

    private static func placeholderSpan(_ label: String, key: String, spans: [Span]) -> Span? {
        guard label.hasPrefix(key + ":"), let index = Int(label.dropFirst(key.count + 1)), spans.indices.contains(index) else {
            return nil
        }
        return spans[index]
    }

    /// Replaces placeholders in plain text (heading text, search, feed summaries) with their
    /// TeX between dollars, the most widely understood way to write it as text.
    static func restorePlain(_ text: String, spans: [Span], key: String) -> String {
        guard text.containsByte(0xEE), text.unicodeScalars.contains(open) else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.unicodeScalars.firstIndex(of: open) {
            result += rest[..<start]
            let afterOpen = rest.unicodeScalars.index(after: start)
            guard let end = rest.unicodeScalars[afterOpen...].firstIndex(of: close) else {
                rest = rest[afterOpen...]
                break
            }
            if let span = placeholderSpan(String(rest.unicodeScalars[afterOpen..<end]), key: key, spans: spans) {
                let delimiter = span.display ? "$$" : "$"
                result += delimiter + span.tex + delimiter
            }
            rest = rest[rest.unicodeScalars.index(after: end)...]
        }
        return result + rest
    }

    /// Puts each span back exactly as it was written (for text that is not rendered yet).
    /// On the bytes, as `restore` does: walking `unicodeScalars` was a quarter of decoding
    /// the TeX accents of an abstract with math.
    static func restoreSource(_ text: String, spans: [Span], key: String) -> String {
        guard text.containsByte(0xEE) else { return text }
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + spans.reduce(0) { $0 + $1.source.utf8.count })
            var rest = 0  // where the text not yet copied starts
            while let start = find(openBytes, in: bytes, from: rest), let end = find(closeBytes, in: bytes, from: start + openBytes.count) {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<start]))
                let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + openBytes.count)..<end]), as: UTF8.self)
                // A forged or foreign placeholder's characters are dropped.
                if let span = placeholderSpan(label, key: key, spans: spans) { result.append(contentsOf: span.source.utf8) }
                rest = end + closeBytes.count
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest...]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// `<code class="math math-inline">…</code>`: readable TeX without JavaScript, typeset by KaTeX with it.
    static func markup(_ span: Span) -> String {
        "<code class=\"math \(span.display ? "math-display" : "math-inline")\">" + HTMLEscape.escape(span.tex) + "</code>"
    }

    // MARK: Scanning

    /// One left-to-right pass. Every search for a closing delimiter stops at a blank line
    /// (as cmark's paragraphs do), and a search that failed is remembered, so the pass is
    /// linear even on a megabyte of unclosed `\(`.
    private struct Scanner {
        let bytes: [UInt8]
        let markdown: Bool
        /// Where a search for `\)`, `\]` or `$$` last failed: every later search fails too.
        var failedParen = Int.max
        var failedBracket = Int.max
        var failedDisplay = Int.max
        var failedBackticks: [Int: Int] = [:]

        init(bytes: [UInt8], markdown: Bool) {
            self.bytes = bytes
            self.markdown = markdown
        }

        mutating func run(key: String) -> ([UInt8], [Span]) {
            let b = bytes
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var spans: [Span] = []
            var i = 0
            var lineStart = true
            var inFence: [UInt8]? = nil
            while i < b.count {
                let byte = b[i]
                if lineStart, markdown {
                    lineStart = false
                    if let fence = fenceAt(i) {
                        if inFence == nil {
                            inFence = fence
                        } else if let current = inFence, fence.first == current.first, fence.count >= current.count {
                            inFence = nil
                        }
                    }
                }
                if byte == UInt8(ascii: "\n") {
                    lineStart = true
                    out.append(byte)
                    i += 1
                    continue
                }
                if inFence != nil {
                    out.append(byte)
                    i += 1
                    continue
                }
                if markdown, byte == UInt8(ascii: "`") {
                    // Copy a code span whole: a run of backticks up to the same run, within the paragraph.
                    let run = b[i...].prefix { $0 == UInt8(ascii: "`") }.count
                    let end = closingBackticks(from: i + run, run: run)
                    let stop = end ?? (i + run)
                    out.append(contentsOf: b[i..<stop])
                    i = stop
                    continue
                }
                if let (found, end) = math(at: i) {
                    var span = found
                    span.source = text(i, end)
                    out.append(contentsOf: String(open).utf8)
                    out.append(contentsOf: "\(key):\(spans.count)".utf8)
                    out.append(contentsOf: String(close).utf8)
                    spans.append(span)
                    i = end
                    continue
                }
                if byte == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] != UInt8(ascii: "\n") {
                    out.append(contentsOf: b[i...(i + 1)])  // an escape is never an opening delimiter
                    i += 2
                    continue
                }
                out.append(byte)
                i += 1
            }
            return (out, spans)
        }

        /// Whether a blank line (only spaces or tabs) starts at `i`, which ends any span.
        private func blankLine(after newline: Int) -> Bool {
            var j = newline + 1
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: "\r") { j += 1 }
            return j >= bytes.count || bytes[j] == UInt8(ascii: "\n")
        }

        /// A math span starting at `i`, and the index just after it.
        private mutating func math(at i: Int) -> (Span, Int)? {
            let b = bytes
            let dollar = UInt8(ascii: "$")
            if b[i] == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "(") || b[i + 1] == UInt8(ascii: "[") {
                let paren = b[i + 1] == UInt8(ascii: "(")
                guard i < (paren ? failedParen : failedBracket) else { return nil }
                let closer = paren ? UInt8(ascii: ")") : UInt8(ascii: "]")
                var j = i + 2
                while j + 1 < b.count {
                    if b[j] == UInt8(ascii: "\n"), blankLine(after: j) { return nil }
                    if b[j] == UInt8(ascii: "\\"), b[j + 1] == closer {
                        guard j > i + 2 else { return nil }
                        return (Span(tex: text(i + 2, j), display: !paren), j + 2)
                    }
                    j += 1
                }
                if paren { failedParen = i } else { failedBracket = i }
                return nil
            }
            guard b[i] == dollar, i == 0 || b[i - 1] != UInt8(ascii: "\\") else { return nil }
            if i + 1 < b.count, b[i + 1] == dollar {
                guard i < failedDisplay else { return nil }
                var j = i + 2
                while j + 1 < b.count {
                    if b[j] == UInt8(ascii: "\n"), blankLine(after: j) { return nil }
                    if b[j] == dollar, b[j + 1] == dollar, b[j - 1] != UInt8(ascii: "\\") {
                        let tex = text(i + 2, j).trimmingWhitespace()
                        return tex.isEmpty ? nil : (Span(tex: tex, display: true), j + 2)
                    }
                    j += 1
                }
                failedDisplay = i
                return nil
            }
            // $ … $ within a paragraph: no space after the opener, none before the closer, no digit after it.
            guard i + 1 < b.count, !isSpace(b[i + 1]) else { return nil }
            var j = i + 1
            while j < b.count {
                if b[j] == UInt8(ascii: "\n"), blankLine(after: j) { return nil }
                if b[j] == UInt8(ascii: "\\") {
                    j += 2
                    continue
                }
                if b[j] == dollar {
                    guard !isSpace(b[j - 1]) else { return nil }
                    if j + 1 < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[j + 1]) { return nil }
                    return (Span(tex: text(i + 1, j), display: false), j + 1)
                }
                j += 1
            }
            return nil
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: bytes[start..<end], as: UTF8.self)
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        /// A code fence (three or more backticks or tildes, at most three spaces in) at a line start.
        private func fenceAt(_ start: Int) -> [UInt8]? {
            let b = bytes
            var i = start
            while i < b.count, i - start < 3, b[i] == UInt8(ascii: " ") { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "`") || b[i] == UInt8(ascii: "~") else { return nil }
            let run = b[i...].prefix { $0 == b[i] }
            return run.count >= 3 ? Array(run) : nil
        }

        /// The end of the backtick run of the same length that closes a code span, within the paragraph.
        private mutating func closingBackticks(from start: Int, run: Int) -> Int? {
            if let failed = failedBackticks[run], start <= failed { return nil }
            let b = bytes
            var i = start
            while i < b.count {
                if b[i] == UInt8(ascii: "`") {
                    let length = b[i...].prefix { $0 == UInt8(ascii: "`") }.count
                    if length == run { return i + length }
                    i += length
                } else {
                    if b[i] == UInt8(ascii: "\n"), blankLine(after: i) { return nil }
                    i += 1
                }
            }
            failedBackticks[run] = start
            return nil
        }
    }
}
