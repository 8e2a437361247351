/// Reads typed fields out of one JSON object and records a diagnostic for every problem,
/// so a single pass reports everything wrong with a record.
struct FieldReader {
    let file: SourceFile
    let object: JSON
    var record: Diagnostic.Record?
    /// Where a field name is prefixed, e.g. `links.` for the members of `links`.
    var fieldPrefix = ""
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile, object: JSON, record: Diagnostic.Record? = nil) {
        self.file = file
        self.object = object
        self.record = record
    }

    /// Records a problem at a byte offset; `PaperFileDecoder.located` turns offsets into
    /// lines and columns for the whole file at once.
    mutating func fail(at offset: Int, field: String?, _ message: String, severity: Diagnostic.Severity = .error) {
        var diagnostic = Diagnostic(
            severity, file: file.path, record: record, field: field.map { fieldPrefix + $0 }, message: message)
        diagnostic.offset = offset
        diagnostics.append(diagnostic)
    }

    /// The member's value, or nil when it is absent or `null` (reporting it when required).
    mutating func value(_ key: String, required: Bool) -> JSON? {
        guard let member = object[key] else {
            if required { fail(at: object.offset, field: key, "is required but missing") }
            return nil
        }
        if case .null = member.value.value {
            if required { fail(at: member.value.offset, field: key, "is required but is null") }
            return nil
        }
        return member.value
    }

    /// The longest string any field may hold. A summary is a few kilobytes; a megabyte is a
    /// runaway collector, and rendering it into every page and feed would be worse than an error.
    static let maxFieldBytes = 1 << 20

    /// A string with control characters removed and surrounding whitespace trimmed.
    mutating func string(_ key: String, required: Bool = false, nonEmpty: Bool = false, singleLine: Bool = false) -> String? {
        guard let json = value(key, required: required) else { return nil }
        guard case .string(let raw) = json.value else {
            fail(at: json.offset, field: key, "expected a string, found \(json.kindDescription)")
            return nil
        }
        guard checkSize(raw, at: json.offset, field: key) else { return nil }
        let text = TextCleaning.clean(raw, singleLine: singleLine)
        if text.isEmpty, nonEmpty || required {
            fail(at: json.offset, field: key, "must not be empty")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    /// An array of non-empty single-line strings.
    mutating func stringArray(_ key: String, required: Bool = false, singleLine: Bool = true) -> [String]? {
        guard let json = value(key, required: required) else { return nil }
        guard case .array(let elements) = json.value else {
            fail(at: json.offset, field: key, "expected an array of strings, found \(json.kindDescription)")
            return nil
        }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        var ok = true
        for (index, element) in elements.enumerated() {
            guard case .string(let raw) = element.value else {
                fail(at: element.offset, field: "\(key)[\(index)]", "expected a string, found \(element.kindDescription)")
                ok = false
                continue
            }
            guard checkSize(raw, at: element.offset, field: "\(key)[\(index)]") else {
                ok = false
                continue
            }
            let text = TextCleaning.clean(raw, singleLine: singleLine)
            guard !text.isEmpty else {
                fail(at: element.offset, field: "\(key)[\(index)]", "must not be empty or only whitespace")
                ok = false
                continue
            }
            result.append(text)
        }
        return ok ? result : nil
    }

    private mutating func checkSize(_ raw: String, at offset: Int, field: String) -> Bool {
        let size = raw.utf8.count
        guard size > Self.maxFieldBytes else { return true }
        let megabytes = (Double(size) / Double(1 << 20) * 10).rounded() / 10
        fail(at: offset, field: field, "is \(megabytes) MB long; a field may hold at most 1 MB")
        return false
    }

    /// A whole number within a range.
    mutating func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let json = value(key, required: required) else { return nil }
        guard case .number(let number) = json.value else {
            fail(at: json.offset, field: key, "expected a whole number, found \(json.kindDescription)")
            return nil
        }
        guard number.rounded() == number, let integer = Int(exactly: number) else {
            fail(at: json.offset, field: key, "expected a whole number, found \(number)")
            return nil
        }
        guard range.contains(integer) else {
            fail(at: json.offset, field: key, "must be between \(range.lowerBound) and \(range.upperBound), found \(integer)")
            return nil
        }
        return integer
    }

    /// An absolute http or https URL.
    mutating func url(_ key: String) -> String? {
        guard let text = string(key, singleLine: true) else { return nil }
        guard URLPolicy.isSafeWebURL(text) else {
            fail(at: object[key]!.value.offset, field: key, "must be an absolute http or https URL, found \"\(text.prefix(80))\"")
            return nil
        }
        return text
    }

    /// A nested object, read by a reader whose field names carry the parent's name.
    mutating func nested(_ key: String) -> FieldReader? {
        guard let json = value(key, required: false) else { return nil }
        guard case .object = json.value else {
            fail(at: json.offset, field: key, "expected an object, found \(json.kindDescription)")
            return nil
        }
        var reader = FieldReader(file: file, object: json, record: record)
        reader.fieldPrefix = fieldPrefix + key + "."
        return reader
    }
}

/// Normalisation applied to every string read from content.
enum TextCleaning {
    /// Removes characters that are not allowed in HTML or XML text (C0/C1 controls other than
    /// tab and newline, noncharacters), turns CRLF into LF, and trims surrounding whitespace.
    /// `singleLine` also folds every run of whitespace into one space (titles, names).
    static func clean(_ raw: String, singleLine: Bool) -> String {
        var text = raw
        switch text.withUTF8({ scan($0, singleLine: singleLine) }) {
        case .clean: return raw
        case .trimASCII: return text.withUTF8 { String(decoding: trimmedASCII($0), as: UTF8.self) }
        case .rewrite: return rewrite(raw, singleLine: singleLine)
        case .cleanUnlessEndsAreWhitespace:
            // Whole characters, as trimming sees them: "a \u{301}" ends in a space with an accent on it.
            let trimmable = (raw.first?.isWhitespace ?? false) || (raw.last?.isWhitespace ?? false)
            return trimmable ? rewrite(raw, singleLine: singleLine) : raw
        }
    }

    /// The definition of cleaning, scalar by scalar; `clean` gives the same result faster.
    static func rewrite(_ raw: String, singleLine: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            if singleLine, scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            guard isAllowed(scalar) else { continue }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars).trimmingWhitespace()
    }

    enum Verdict { case clean, trimASCII, rewrite, cleanUnlessEndsAreWhitespace }

    /// What `rewrite` would do to a string: nothing, only trim ASCII whitespace from its
    /// ends, or more. Text is checked eight bytes at a time while they are all printable
    /// ASCII (almost all of a summary), then byte by byte; of non-ASCII characters only
    /// those `rewrite` changes (controls, noncharacters, and spaces in single-line text)
    /// need the slow path, so typographic quotes and dashes do not.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> Verdict {
        guard let first = bytes.first, let last = bytes.last else { return .clean }
        var ascii = true
        var index = 0
        var previousWasSpace = true  // a leading space folds away
        while index < bytes.count {
            if !singleLine, index + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                // No byte below 0x20 and none above 0x7E: eight printable ASCII characters.
                let low: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                if (word &- low &* 0x20) & ~word & high == 0, ((word &+ low &* 1) | word) & high == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F {
                    if singleLine || (byte != 0x0A && byte != 0x09) { return .rewrite }
                }
                if singleLine {
                    if byte == 0x20, previousWasSpace { return .rewrite }
                    previousWasSpace = byte == 0x20
                }
                index += 1
                continue
            }
            ascii = false
            previousWasSpace = false
            let (scalar, length) = decode(bytes, at: index)
            if !isAllowed(scalar) || (singleLine && scalar.properties.isWhitespace) { return .rewrite }
            index += length
        }
        if singleLine, previousWasSpace { return ascii ? .trimASCII : .rewrite }
        guard ascii else { return .cleanUnlessEndsAreWhitespace }
        return isASCIIWhitespace(first) || isASCIIWhitespace(last) ? .trimASCII : .clean
    }

    /// The scalar starting at `index` of valid UTF-8 (Swift strings always are), and its length.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let (length, bits): (Int, UInt32) = lead >= 0xF0 ? (4, lead & 0x07) : lead >= 0xE0 ? (3, lead & 0x0F) : (2, lead & 0x1F)
        var value = bits
        for offset in 1..<length { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x0D: false  // CRLF becomes LF; a lone CR is dropped
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0xFDD0...0xFDEF: false
        default: scalar.value & 0xFFFE != 0xFFFE
        }
    }
}

/// Which URLs from content may appear as links.
public enum URLPolicy {
    /// Absolute `http:` or `https:` URLs with a host and no characters that need escaping to be safe.
    public static func isSafeWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = url.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/" else { return false }
        return !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" }
    }

    /// A path within the site (`../criteria/`, `#scores`): no scheme, no `//` host, no backslash.
    public static func isRelativeLink(_ url: String) -> Bool {
        guard let first = url.unicodeScalars.first, first != "/" || !url.hasPrefix("//") else { return false }
        let beforePath = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !beforePath.contains(":") && !url.hasPrefix("//")
            && !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" }
    }

    /// Links inside Markdown: web URLs and `mailto:`.
    public static func isAllowedLink(_ url: String) -> Bool {
        if isSafeWebURL(url) { return true }
        let lower = url.lowercased()
        return lower.hasPrefix("mailto:") && lower.count > 7
            && !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" }
    }
}
