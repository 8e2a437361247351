/// Porter's stemming algorithm as published in 1980 ("An algorithm for suffix stripping"),
/// without the later changes of his C implementation (no "logi", "bli" for "abli", nor the
/// rule that leaves words of two letters alone): the same stems as NLTK's
/// `PorterStemmer(mode=ORIGINAL_ALGORITHM)` and as `words.js`, which the browser uses on
/// queries. The two must agree or a query misses its own paper; `make verify` checks it.
///
/// Works on lowercase ASCII letters only (`SearchWords` stems nothing else), in place.
enum PorterStemmer {
    static func stem(_ word: inout [UInt8]) {
        guard !word.isEmpty else { return }
        step1a(&word)
        step1b(&word)
        step1c(&word)
        step2(&word)
        step3(&word)
        step4(&word)
        step5a(&word)
        step5b(&word)
    }

    static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: conditions, on the first `count` letters of `w`

    private static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
        case UInt8(ascii: "y"): return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// m: the number of vowel-consonant sequences in `w[0..<count]`.
    private static func measure(_ w: [UInt8], _ count: Int) -> Int {
        var m = 0
        var previousVowel = false
        for i in 0..<count {
            let consonant = isConsonant(w, i)
            if consonant && previousVowel { m += 1 }
            previousVowel = !consonant
        }
        return m
    }

    private static func hasVowel(_ w: [UInt8], _ count: Int) -> Bool {
        (0..<count).contains { !isConsonant(w, $0) }
    }

    private static func endsDoubleConsonant(_ w: [UInt8], _ count: Int) -> Bool {
        count >= 2 && w[count - 1] == w[count - 2] && isConsonant(w, count - 1)
    }

    /// *o: ends consonant-vowel-consonant, the last not w, x or y.
    private static func endsCVC(_ w: [UInt8], _ count: Int) -> Bool {
        guard count >= 3, isConsonant(w, count - 3), !isConsonant(w, count - 2), isConsonant(w, count - 1) else { return false }
        let last = w[count - 1]
        return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
    }

    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let s = suffix.utf8Start
        for i in 0..<n where w[w.count - n + i] != s[i] { return false }
        return true
    }

    private static func replace(_ w: inout [UInt8], _ suffix: StaticString, _ replacement: StaticString) {
        w.removeLast(suffix.utf8CodeUnitCount)
        w.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
    }

    /// The first rule whose suffix `w` ends with decides: applied when the stem's measure
    /// exceeds `minimum`, else nothing changes (later rules are not tried).
    private static func applyFirst(_ w: inout [UInt8], _ rules: [(StaticString, StaticString)], minimum: Int) {
        for (suffix, replacement) in rules where ends(w, suffix) {
            if measure(w, w.count - suffix.utf8CodeUnitCount) > minimum { replace(&w, suffix, replacement) }
            return
        }
    }

    // MARK: steps

    private static func step1a(_ w: inout [UInt8]) {
        if ends(w, "sses") { replace(&w, "sses", "ss") }
        else if ends(w, "ies") { replace(&w, "ies", "i") }
        else if ends(w, "ss") { return }
        else if ends(w, "s") { w.removeLast() }
    }

    private static func step1b(_ w: inout [UInt8]) {
        if ends(w, "eed") {
            if measure(w, w.count - 3) > 0 { w.removeLast() }
            return
        }
        if ends(w, "ed"), hasVowel(w, w.count - 2) {
            w.removeLast(2)
        } else if ends(w, "ing"), hasVowel(w, w.count - 3) {
            w.removeLast(3)
        } else {
            return
        }
        if ends(w, "at") { replace(&w, "at", "ate") }
        else if ends(w, "bl") { replace(&w, "bl", "ble") }
        else if ends(w, "iz") { replace(&w, "iz", "ize") }
        else if endsDoubleConsonant(w, w.count) {
            let last = w[w.count - 1]
            if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") { w.removeLast() }
        } else if measure(w, w.count) == 1 && endsCVC(w, w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    private static func step1c(_ w: inout [UInt8]) {
        if ends(w, "y"), hasVowel(w, w.count - 1) { w[w.count - 1] = UInt8(ascii: "i") }
    }

    private static let step2Rules: [(StaticString, StaticString)] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ]

    private static func step2(_ w: inout [UInt8]) { applyFirst(&w, step2Rules, minimum: 0) }

    private static let step3Rules: [(StaticString, StaticString)] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ]

    private static func step3(_ w: inout [UInt8]) { applyFirst(&w, step3Rules, minimum: 0) }

    private static let step4Suffixes: [StaticString] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ]

    private static func step4(_ w: inout [UInt8]) {
        for suffix in step4Suffixes where ends(w, suffix) {
            let stem = w.count - suffix.utf8CodeUnitCount
            guard measure(w, stem) > 1 else { return }
            if suffix.utf8CodeUnitCount == 3, ends(w, "ion") {
                // (m>1 and (*S or *T)) ION
                guard stem > 0, w[stem - 1] == UInt8(ascii: "s") || w[stem - 1] == UInt8(ascii: "t") else { return }
            }
            w.removeLast(suffix.utf8CodeUnitCount)
            return
        }
    }

    private static func step5a(_ w: inout [UInt8]) {
        guard ends(w, "e") else { return }
        let m = measure(w, w.count - 1)
        if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
    }

    private static func step5b(_ w: inout [UInt8]) {
        if ends(w, "ll"), measure(w, w.count - 1) > 1 { w.removeLast() }
    }
}
