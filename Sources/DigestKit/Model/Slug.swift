import Foundation

/// URL path segments made from untrusted names.
///
/// A slug is lowercase ASCII letters, digits, `-` and `.` (never leading or trailing,
/// never `..`), so it is safe as a folder name on every file system and host and
/// cannot climb out of the output folder.
public enum Slug {
    /// The longest slug we produce; longer names are cut and made unique with a hash.
    static let maxLength = 80

    /// `Speech & Audio` → `speech-audio`, `hep-th/9901001` → `hep-th-9901001`.
    /// Names with no usable characters (emoji, punctuation) get a stable hash-based slug.
    public static func make(_ name: String, fallbackPrefix: String = "item") -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingDash = false
        func add(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(byte + 32)
            case UInt8(ascii: "."):
                // Keep dots between alphanumerics (`2502.15969`), never runs of them.
                if let last = bytes.last, last != UInt8(ascii: "."), !pendingDash { bytes.append(byte) } else { pendingDash = true }
            default:
                pendingDash = true
            }
        }
        for scalar in name.unicodeScalars {
            // ASCII (almost every id and topic) needs no folding, nor a string per character.
            if scalar.isASCII {
                add(UInt8(scalar.value))
            } else {
                for byte in fold(scalar).utf8 { add(byte) }
            }
        }
        while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        var slug = String(decoding: bytes, as: UTF8.self)
        if slug.isEmpty {
            return "\(fallbackPrefix)-\(StableHash.hex(name))"
        }
        if slug.utf8.count > maxLength {
            slug = String(slug.prefix(maxLength - 9)) + "-" + StableHash.hex(name)
        }
        // Windows cannot create these names (with any extension), and sites get copied there.
        if reservedOnWindows.contains(String(slug.prefix { $0 != "." })) {
            slug = "\(fallbackPrefix)-\(slug)"
        }
        return slug
    }

    private static let reservedOnWindows: Set<String> = Set(
        ["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Latin letters with diacritics fold to their base letter (`é` → `e`, `ß` → `ss`);
    /// everything else passes through and is dropped by `make` if not ASCII.
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar) }
        if scalar.value < 0x250 { return latinFolds[Int(scalar.value) - 0x80] }
        if scalar.value < foldsEnd { return otherFolds[Int(scalar.value) - 0x250] }
        return ""
    }

    /// The folds of Latin-1 and Latin Extended A and B, where nearly every accented name's
    /// letters are, made once: decomposing each letter of each name through Foundation
    /// showed in profiles of grouping.
    private static let latinFolds: [String] = (0x80..<0x250).map { decompose(Unicode.Scalar($0)!) }

    /// No character from here on decomposes into anything with an ASCII letter in it (the
    /// last that does is U+226F, `≯`; `SlugTests` checks every character past it), so
    /// Chinese, Japanese and Korean names fold to nothing without asking Foundation.
    static let foldsEnd: UInt32 = 0x2300

    /// The folds of the rest before `foldsEnd` (Greek, Cyrillic, Vietnamese…), made the first
    /// time a name needs one: 8,368 decompositions once, rather than one for every such
    /// letter of every name (tens of thousands of names in a large archive).
    private static let otherFolds: [String] = (0x250..<foldsEnd).map { value in
        Unicode.Scalar(value).map(decompose) ?? ""
    }

    static func decompose(_ scalar: Unicode.Scalar) -> String {
        if let special = specialFolds[scalar] { return special }
        // Canonical decomposition splits `é` into `e` + combining accent; keep the base letter.
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping
        return String(decomposed.unicodeScalars.filter(\.isASCII).map(Character.init))
    }

    private static let specialFolds: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]
}

/// A 64-bit FNV-1a hash: stable across runs and machines, unlike `Hasher`.
enum StableHash {
    static func value(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The first 8 hex digits of the hash of a string.
    static func hex(_ text: String) -> String { hex(bytes: text.utf8) }

    static func hex(bytes: some Sequence<UInt8>) -> String {
        let digits = String(value(bytes) >> 32, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
