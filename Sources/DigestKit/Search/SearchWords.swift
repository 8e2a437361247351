import Foundation

/// Cuts text into the words the search index stores, by the rules of docs/search.md
/// ("Words"), which `Layouts/assets/words.js` applies to queries in the browser: fold
/// (NFD, no combining accents, lowercase), split on everything but letters and digits, CJK
/// runs into overlapping pairs, drop one-letter words, over-long words and stop words, and
/// stem plain English words with Porter's algorithm.
///
/// Works on UTF-8 bytes: ASCII (nearly all of an arXiv abstract) is folded by table, and
/// only other characters go through Foundation, once each per instance (the cache). An
/// instance is not shared between threads; make one per worker.
struct SearchWords {
    /// Longer words (in code points) are left out: they are base64, hashes or URLs run together.
    static let maxLength = 40

    static let stopWords: Set<[UInt8]> = Set(
        ("a an and are as at be been but by can for from has have in into is it its not of on or our than that the their "
            + "these this those to was we were which with").split(separator: " ").map { Array($0.utf8) })

    private var foldCache: [UInt32: [Unicode.Scalar]] = [:]

    init() {}

    /// Longest word kept, in bytes, with room for a CJK pair after it; longer words have
    /// more than `maxLength` code points and are left out anyway.
    private static let wordBytes = 256

    /// Calls `body` with each word of `text`, folded, before stop words and stemming, and
    /// whether it is plain (a–z only). CJK pairs come as words of their own. The buffer is
    /// valid only during the call.
    mutating func forEachWord(in text: String, _ body: (_ word: UnsafeBufferPointer<UInt8>, _ plain: Bool) -> Void) {
        var text = text
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.wordBytes + 8) { scratch in
            let word = scratch.baseAddress!
            let pair = word + Self.wordBytes
            var length = 0  // bytes in `word`
            var scalars = 0
            var plain = true
            var cjkPrevious: Unicode.Scalar?
            var cjkRun = 0

            func endWord() {
                if length > 0 {
                    if scalars > 1 && scalars <= Self.maxLength && length <= Self.wordBytes {
                        body(UnsafeBufferPointer(start: word, count: length), plain)
                    }
                    length = 0
                    scalars = 0
                    plain = true
                }
            }
            func append(_ byte: UInt8) {
                if length < Self.wordBytes { word[length] = byte }
                length += 1
            }
            func write(_ scalar: Unicode.Scalar, at start: UnsafeMutablePointer<UInt8>) -> Int {
                var count = 0
                for byte in UTF8.encode(scalar)! {
                    start[count] = byte
                    count += 1
                }
                return count
            }
            // A run of one CJK character is a word; longer runs were given as pairs as they came.
            func endCJK() {
                if let previous = cjkPrevious {
                    if cjkRun == 1 { body(UnsafeBufferPointer(start: pair, count: write(previous, at: pair)), false) }
                    cjkPrevious = nil
                    cjkRun = 0
                }
            }
            func add(_ scalar: Unicode.Scalar) {
                guard Self.isWordCharacter(scalar) else {
                    endWord()
                    endCJK()
                    return
                }
                if Self.isCJK(scalar.value) {
                    endWord()
                    if let previous = cjkPrevious {
                        let first = write(previous, at: pair)
                        body(UnsafeBufferPointer(start: pair, count: first + write(scalar, at: pair + first)), false)
                    }
                    cjkPrevious = scalar
                    cjkRun += 1
                } else {
                    endCJK()
                    for byte in UTF8.encode(scalar)! { append(byte) }
                    scalars += 1
                    if !(scalar.value >= 0x61 && scalar.value <= 0x7A) { plain = false }
                }
            }

            // Read once, unchecked: a static in the loop costs a check per byte.
            Self.byteClass.withUnsafeBufferPointer { classes in
            text.withUTF8 { utf8 in
                var index = 0
                let count = utf8.count
                while index < count {
                    let byte = utf8[index]
                    let kind = classes[Int(byte)]
                    if kind == 0 {
                        endWord()
                        if cjkPrevious != nil { endCJK() }
                        index += 1
                        continue
                    }
                    if kind != Self.nonASCII {
                        // A run of ASCII letters and digits: nearly every word is one whole.
                        if cjkPrevious != nil { endCJK() }
                        let start = index
                        var kinds: UInt8 = 0
                        repeat {
                            kinds |= classes[Int(utf8[index])]
                            index += 1
                        } while index < count && classes[Int(utf8[index])] & 7 != 0
                        let runLength = index - start
                        if length == 0 && (index == count || utf8[index] < 0x80) {
                            // The whole word, straight from the text when it has no capitals.
                            guard runLength > 1 && runLength <= Self.maxLength else { continue }
                            let isPlain = kinds & 4 == 0
                            if kinds & 2 == 0 {
                                body(UnsafeBufferPointer(rebasing: utf8[start..<index]), isPlain)
                            } else {
                                for offset in 0..<runLength { word[offset] = utf8[start + offset] | (classes[Int(utf8[start + offset])] & 2) << 4 }
                                body(UnsafeBufferPointer(start: word, count: runLength), isPlain)
                            }
                            continue
                        }
                        // Part of a word with other letters: gathered in `word`.
                        for offset in start..<index { append(utf8[offset] | (classes[Int(utf8[offset])] & 2) << 4) }
                        scalars += runLength
                        if kinds & 4 != 0 { plain = false }
                        continue
                    }
                    // A multi-byte scalar (the text is valid UTF-8).
                    var value: UInt32
                    let size: Int
                    if byte >= 0xF0 {
                        value = UInt32(byte & 0x07)
                        size = 4
                    } else if byte >= 0xE0 {
                        value = UInt32(byte & 0x0F)
                        size = 3
                    } else {
                        value = UInt32(byte & 0x1F)
                        size = 2
                    }
                    for offset in 1..<size where index + offset < count {
                        value = value << 6 | UInt32(utf8[index + offset] & 0x3F)
                    }
                    index += size
                    for folded in fold(value) { add(folded) }
                }
            }
            }
            endWord()
            endCJK()
        }
    }

    /// 1: a–z, 2: A–Z (2 << 4 is the lowercase bit), 4: 0–9, `nonASCII`: a byte of a longer
    /// scalar, 0: anything else.
    private static let byteClass: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 1
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 2
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 4
        case 0x80...: nonASCII
        default: 0
        }
    }
    private static let nonASCII: UInt8 = 8

    /// The term a word is stored as, or nil for a stop word.
    static func term(_ word: UnsafeBufferPointer<UInt8>, plain: Bool) -> [UInt8]? {
        let word = Array(word)
        if stopWords.contains(word) { return nil }
        guard plain else { return word }
        var stemmed = word
        PorterStemmer.stem(&stemmed)
        return stemmed
    }

    /// Every term of `text`, in order (for tests and small jobs; the index caches terms).
    static func terms(_ text: String) -> [String] {
        var words = SearchWords()
        var terms: [String] = []
        words.forEachWord(in: text) { word, plain in
            if let term = term(word, plain: plain) { terms.append(String(decoding: term, as: UTF8.self)) }
        }
        return terms
    }

    /// Letters that NFD leaves whole but readers type without their stroke or as two
    /// letters (`Soren` for Søren, `Lukasz` for Łukasz), and final sigma, which JavaScript
    /// lowercases by context and Swift does not.
    static let letters: [UInt32: String] = [
        0xF8: "o", 0x111: "d", 0xF0: "d", 0x142: "l", 0x127: "h", 0x167: "t", 0x131: "i", 0xE6: "ae", 0x153: "oe", 0xDF: "ss",
        0xFE: "th", 0x3C2: "σ",
    ]

    /// NFD, without the combining marks U+0300–U+036F and the kana voicing marks
    /// U+3099–U+309A, lowercased, then `letters`: what `words.js` does with
    /// `normalize("NFD")`, a replace, `toLowerCase()` and the same table.
    private mutating func fold(_ value: UInt32) -> [Unicode.Scalar] {
        if let cached = foldCache[value] { return cached }
        var result: [Unicode.Scalar] = []
        if let scalar = Unicode.Scalar(value) {
            for part in String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars {
                if (0x300...0x36F).contains(part.value) || (0x3099...0x309A).contains(part.value) { continue }
                for lower in part.properties.lowercaseMapping.unicodeScalars {
                    if let letters = Self.letters[lower.value] {
                        result += letters.unicodeScalars
                    } else {
                        result.append(lower)
                    }
                }
            }
        }
        foldCache[value] = result
        return result
    }

    /// Letters (general category L) and digits (N).
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Han, Hiragana and Katakana: written without spaces, so cut into pairs.
    static func isCJK(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x20000...0x2FFFF).contains(value)
    }
}
