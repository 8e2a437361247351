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
        if isClean(raw, singleLine: singleLine) { return raw }
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

    /// The fast check that lets most strings through without a copy.
    private static func isClean(_ text: String, singleLine: Bool) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        for byte in text.utf8 {
            if byte < 0x20 {
                if singleLine || (byte != 0x0A && byte != 0x09) { return false }
            } else if byte == 0x7F || byte >= 0x80 {
                // Lead bytes of C1 controls, Unicode spaces, BOM and noncharacters: check them slowly.
                switch byte {
                case 0x7F, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0...0xF4: return false  // E1: U+1680 OGHAM SPACE MARK
                default: break
                }
            }
            if singleLine {
                if byte == 0x20, previousWasSpace { return false }
                previousWasSpace = byte == 0x20
            }
        }
        if singleLine, previousWasSpace, !text.isEmpty { return false }
        // Whole characters, as trimming sees them: "a \u{301}" ends in a space with an accent on it.
        return !(text.first?.isWhitespace ?? false) && !(text.last?.isWhitespace ?? false)
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
