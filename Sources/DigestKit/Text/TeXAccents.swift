import Foundation

/// Turns the TeX accent escapes that arXiv metadata is full of into the characters they
/// stand for: `Wollschl\"ager` → Wollschläger, `Gon\c{c}alo` → Gonçalo, `{\l}` → ł.
///
/// Math (`$…$`, `\(…\)`, `\[…\]`) is left alone, and so is anything that is not a known
/// accent or letter command, so `R$^3$Mem` and `\mathcal{O}` survive untouched.
public enum TeXAccents {
    public static func decode(_ text: String) -> String {
        guard mayHaveCommand(text) else { return text }
        // Math is found the way pages find it, taken out, and put back untouched.
        let (protected, spans, key) = MathSpans.protect(text, markdown: false)
        // On UTF-8 bytes: commands are ASCII, and text between them is copied in runs. (This
        // walked `Character`s, which cost more than the rest of checking a record whenever an
        // abstract had a backslash, as most real ones do.)
        let bytes = Array(protected.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0  // bytes before this are in `output`
        var index = 0
        while let slash = bytes[index...].firstIndex(of: UInt8(ascii: "\\")) {
            // `{\cmd…}` as a whole group: decode the inside, drop the braces.
            if slash > copied, bytes[slash - 1] == UInt8(ascii: "{"), let (inner, length) = command(bytes, at: slash),
                slash + length < bytes.count, bytes[slash + length] == UInt8(ascii: "}")
            {
                output += bytes[copied..<(slash - 1)]
                output += inner.utf8
                copied = slash + length + 1
            } else if let (replacement, length) = command(bytes, at: slash) {
                output += bytes[copied..<slash]
                output += replacement.utf8
                copied = slash + length
            } else {
                index = slash + 1
                continue
            }
            index = copied
            if index >= bytes.count { break }
        }
        output += bytes[copied...]
        let decoded = String(decoding: output, as: UTF8.self)
        return spans.isEmpty ? decoded : MathSpans.restoreSource(decoded, spans: spans, key: key)
    }

    /// Whether a backslash in `text` starts a command `command(_:at:)` knows. Most real
    /// abstracts with a backslash have only math (`\alpha`, `\tilde{O}`) or `\url`, and
    /// for those this one pass over the bytes replaces taking the math out, copying the
    /// text and putting the math back.
    private static func mayHaveCommand(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while let found = bytes[index...].firstIndex(of: UInt8(ascii: "\\")) {
                index = found + 1
                guard index < bytes.count else { return false }
                if symbolAccents[bytes[index]] != nil { return true }
                var end = index
                while end < bytes.count, end - index < 3, isASCIILetter(bytes[end]) { end += 1 }
                guard end > index, end - index < 3 else { continue }  // every known command has one or two letters
                let word = String(decoding: bytes[index..<end], as: UTF8.self)
                if letterAccents[word] != nil || letters[word] != nil { return true }
            }
            return false
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A command at `index` (`\"a`, `\"{a}`, `\ss`, `\l`…): its text and how many bytes it spans.
    private static func command(_ bytes: [UInt8], at index: Int) -> (String, Int)? {
        guard index + 1 < bytes.count else { return nil }
        let name = bytes[index + 1]
        // Accents written with a symbol: \"a, \'e, \`e, \^o, \~n, \=a, \.z
        if let accent = symbolAccents[name] {
            guard let (base, length) = argument(bytes, at: index + 2) else { return nil }
            return compose(base, accent).map { ($0, 2 + length) }
        }
        // Letter commands: \ss, \o, \l, \ae, \aa, \i … and accents written with a letter: \c{c}, \v{s}, \u{g}, \H{o}, \k{a}, \r{a}
        var end = index + 1
        while end < bytes.count, isASCIILetter(bytes[end]) { end += 1 }
        guard end > index + 1 else { return nil }
        let word = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        if let accent = letterAccents[word] {
            guard let (base, length) = argument(bytes, at: end) else { return nil }
            return compose(base, accent).map { ($0, end - index + length) }
        }
        if let letter = letters[word] {
            // `\ss{}` and `\l ` end the command; the space or empty group is not text.
            var length = end - index
            if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "{"), bytes[end + 1] == UInt8(ascii: "}") {
                length += 2
            } else if end < bytes.count, bytes[end] == UInt8(ascii: " ") {
                length += 1
            }
            return (letter, length)
        }
        return nil
    }

    /// The letter at `index` (one scalar, ASCII or not) and its length in bytes, if it is a letter.
    private static func letter(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first < 0x80 { return isASCIILetter(first) ? (Unicode.Scalar(first), 1) : nil }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count,
            let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first,
            Character(scalar).isLetter
        else { return nil }
        return (scalar, length)
    }

    /// The letter an accent applies to: `a`, `{a}`, ` a` (after a letter command), or `\i`.
    private static func argument(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        var i = index
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let skipped = i - index
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "{") {
            if let (base, length) = letter(bytes, at: i + 1), i + 1 + length < bytes.count, bytes[i + 1 + length] == UInt8(ascii: "}") {
                return (base, skipped + length + 2)
            }
            if i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "i") || bytes[i + 2] == UInt8(ascii: "j"),
                bytes[i + 3] == UInt8(ascii: "}")
            {
                return (Unicode.Scalar(bytes[i + 2]), skipped + 4)  // {\i} is a dotless i, accented as i
            }
            return nil
        }
        if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "i") || bytes[i + 1] == UInt8(ascii: "j") {
            return (Unicode.Scalar(bytes[i + 1]), skipped + 2)
        }
        return letter(bytes, at: i).map { ($0.0, skipped + $0.1) }
    }

    private static func compose(_ base: Unicode.Scalar, _ accent: Unicode.Scalar) -> String? {
        let composed = (String(base) + String(accent)).precomposedStringWithCanonicalMapping
        return composed.count == 1 ? composed : nil
    }

    private static let symbolAccents: [UInt8: Unicode.Scalar] = [
        UInt8(ascii: "\""): "\u{0308}", UInt8(ascii: "'"): "\u{0301}", UInt8(ascii: "`"): "\u{0300}", UInt8(ascii: "^"): "\u{0302}",
        UInt8(ascii: "~"): "\u{0303}", UInt8(ascii: "="): "\u{0304}", UInt8(ascii: "."): "\u{0307}",
    ]

    private static let letterAccents: [String: Unicode.Scalar] = [
        "c": "\u{0327}", "v": "\u{030C}", "u": "\u{0306}", "H": "\u{030B}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}",
    ]

    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    ]
}
