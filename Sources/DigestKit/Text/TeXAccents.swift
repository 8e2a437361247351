import Foundation

/// Turns the TeX accent escapes that arXiv metadata is full of into the characters they
/// stand for: `Wollschl\"ager` → Wollschläger, `Gon\c{c}alo` → Gonçalo, `{\l}` → ł.
///
/// Math (`$…$`, `\(…\)`, `\[…\]`) is left alone, and so is anything that is not a known
/// accent or letter command, so `R$^3$Mem` and `\mathcal{O}` survive untouched.
public enum TeXAccents {
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }  // (not Foundation's slow contains(String))
        // Math is found the way pages find it, taken out, and put back untouched.
        let (protected, spans, key) = MathSpans.protect(text, markdown: false)
        let chars = Array(protected)
        var output = ""
        output.reserveCapacity(protected.utf8.count)
        var i = 0
        while i < chars.count {
            if let (replacement, length) = match(chars, at: i) {
                output += replacement
                i += length
            } else {
                output.append(chars[i])
                i += 1
            }
        }
        return spans.isEmpty ? output : MathSpans.restoreSource(output, spans: spans, key: key)
    }

    /// A command at `index` (`\"a`, `\"{a}`, `{\"a}`, `\ss`, `{\l}`…): its text and how many characters it spans.
    private static func match(_ chars: [Character], at index: Int) -> (String, Int)? {
        // `{\cmd…}` as a whole group: decode the inside, drop the braces.
        if chars[index] == "{", index + 1 < chars.count, chars[index + 1] == "\\",
            let (inner, length) = command(chars, at: index + 1),
            index + 1 + length < chars.count, chars[index + 1 + length] == "}"
        {
            return (inner, length + 2)
        }
        if chars[index] == "\\" { return command(chars, at: index) }
        return nil
    }

    private static func command(_ chars: [Character], at index: Int) -> (String, Int)? {
        guard index + 1 < chars.count else { return nil }
        let name = chars[index + 1]
        // Accents written with a symbol: \"a, \'e, \`e, \^o, \~n, \=a, \.z
        if let accent = symbolAccents[name] {
            guard let (base, length) = argument(chars, at: index + 2) else { return nil }
            return compose(base, accent).map { ($0, 2 + length) }
        }
        // Letter commands: \ss, \o, \l, \ae, \aa, \i … and accents written with a letter: \c{c}, \v{s}, \u{g}, \H{o}, \k{a}, \r{a}
        var end = index + 1
        while end < chars.count, chars[end].isASCII, chars[end].isLetter { end += 1 }
        let word = String(chars[(index + 1)..<end])
        guard !word.isEmpty else { return nil }
        if let accent = letterAccents[word] {
            guard let (base, length) = argument(chars, at: end) else { return nil }
            return compose(base, accent).map { ($0, end - index + length) }
        }
        if let letter = letters[word] {
            // `\ss{}` and `\l ` end the command; the space or empty group is not text.
            var length = end - index
            if end + 1 < chars.count, chars[end] == "{", chars[end + 1] == "}" {
                length += 2
            } else if end < chars.count, chars[end] == " " {
                length += 1
            }
            return (letter, length)
        }
        return nil
    }

    /// The letter an accent applies to: `a`, `{a}`, ` a` (after a letter command), or `\i`.
    private static func argument(_ chars: [Character], at index: Int) -> (Character, Int)? {
        var i = index
        var skipped = 0
        while i < chars.count, chars[i] == " " {
            i += 1
            skipped += 1
        }
        guard i < chars.count else { return nil }
        if chars[i] == "{" {
            if i + 2 < chars.count, chars[i + 2] == "}", chars[i + 1].isLetter { return (chars[i + 1], skipped + 3) }
            if i + 3 < chars.count, chars[i + 1] == "\\", chars[i + 2] == "i" || chars[i + 2] == "j", chars[i + 3] == "}" {
                return (chars[i + 2], skipped + 4)  // {\i} is a dotless i, accented as i
            }
            return nil
        }
        if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "i" || chars[i + 1] == "j" { return (chars[i + 1], skipped + 2) }
        return chars[i].isLetter ? (chars[i], skipped + 1) : nil
    }

    private static func compose(_ base: Character, _ accent: Unicode.Scalar) -> String? {
        let composed = (String(base) + String(accent)).precomposedStringWithCanonicalMapping
        return composed.count == 1 ? composed : nil
    }

    private static let symbolAccents: [Character: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}",
        "~": "\u{0303}", "=": "\u{0304}", ".": "\u{0307}",
    ]

    private static let letterAccents: [String: Unicode.Scalar] = [
        "c": "\u{0327}", "v": "\u{030C}", "u": "\u{0306}", "H": "\u{030B}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}",
    ]

    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    ]
}
