/// One language's interface strings: a flat JSON object of keys, each a string or, for a
/// counted phrase, an object of CLDR plural forms (`{"one": "{count} paper", "other": …}`).
/// `{name}` in a string is a placeholder the page fills in (docs/languages.md lists them).
struct StringTable: Sendable {
    enum Entry: Sendable, Equatable {
        case text(String)
        /// Forms by CLDR category; always has `other`.
        case plural([String: String])

        /// Every form's text.
        var texts: [String] {
            switch self {
            case .text(let text): [text]
            case .plural(let forms): forms.keys.sorted().map { forms[$0]! }
            }
        }
    }

    var entries: [String: Entry]
    /// Where each key is written, for messages about it.
    var locations: [String: (file: String, line: Int, column: Int)] = [:]

    init(entries: [String: Entry] = [:]) { self.entries = entries }

    subscript(key: String) -> Entry? { entries[key] }

    /// Parses a table; every problem is reported with the file, line, column and key.
    static func parse(_ file: SourceFile) throws(DiagnosticsError) -> StringTable {
        if let bad = file.firstInvalidUTF8Offset() {
            let (line, column) = file.lineColumn(of: bad)
            throw DiagnosticsError([Diagnostic(file: file.path, line: line, column: column, message: "is not valid UTF-8")])
        }
        let json: JSON
        do {
            json = try JSONParser.parse(file.bytes)
        } catch {
            let (line, column) = file.lineColumn(of: error.offset)
            throw DiagnosticsError([Diagnostic(file: file.path, line: line, column: column, message: error.message)])
        }
        guard case .object(let members) = json.value else {
            let (line, column) = file.lineColumn(of: json.offset)
            throw DiagnosticsError([
                Diagnostic(file: file.path, line: line, column: column, message: "must be an object of interface strings, found \(json.kindDescription)")
            ])
        }
        var table = StringTable()
        var problems: [(offset: Int, key: String, message: String)] = []
        for member in members {
            switch member.value.value {
            case .string(let text):
                table.entries[member.key] = .text(text)
            case .object(let forms):
                var plural: [String: String] = [:]
                for form in forms {
                    guard PluralRules.categories.contains(form.key) else {
                        problems.append((form.keyOffset, member.key, "\"\(form.key.prefix(20))\" is not a plural category (zero, one, two, few, many, other)"))
                        continue
                    }
                    guard case .string(let text) = form.value.value else {
                        problems.append((form.value.offset, member.key, "the \"\(form.key)\" form must be a string, found \(form.value.kindDescription)"))
                        continue
                    }
                    plural[form.key] = text
                }
                if plural["other"] == nil, !forms.contains(where: { $0.key == "other" }) {
                    problems.append((member.value.offset, member.key, "a plural needs an \"other\" form, the one most numbers take"))
                }
                table.entries[member.key] = .plural(plural)
            default:
                problems.append((member.value.offset, member.key, "must be a string, or an object of plural forms, found \(member.value.kindDescription)"))
            }
        }
        let places = file.lineColumns(of: members.map(\.keyOffset) + problems.map(\.offset))
        for member in members {
            let (line, column) = places[member.keyOffset] ?? (1, 1)
            table.locations[member.key] = (file.path, line, column)
        }
        guard problems.isEmpty else {
            throw DiagnosticsError(
                problems.map { problem in
                    let (line, column) = places[problem.offset] ?? (1, 1)
                    return Diagnostic(file: file.path, line: line, column: column, field: problem.key, message: problem.message)
                })
        }
        return table
    }

    /// The placeholders a text uses: `{count}` → `count`. Braces around anything else are text.
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        for case .placeholder(let name) in pieces(text) { names.insert(String(name)) }
        return names
    }

    /// A string's text and its `{name}` placeholders, in order. Braces around anything but a
    /// name (`{}`, `{a b}`) are text.
    enum Piece {
        case text(Substring)
        case placeholder(Substring)
    }

    /// The one scanner of `{name}`: for checking tables, filling strings and turning them
    /// into Mustache.
    static func pieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = text.startIndex
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            if isPlaceholderName(after[..<close]) {
                if textStart < open { pieces.append(.text(text[textStart..<open])) }
                pieces.append(.placeholder(after[..<close]))
                rest = after[after.index(after: close)...]
                textStart = rest.startIndex
            } else {
                rest = after
            }
        }
        if textStart < text.endIndex { pieces.append(.text(text[textStart...])) }
        return pieces
    }

    static func isPlaceholderName(_ name: Substring) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// `text` with each `{name}` replaced by `value(name)`; other text is kept as it is.
    static func fill(_ text: String, _ value: (Substring) -> String?) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var result = ""
        for piece in pieces(text) {
            switch piece {
            case .text(let part): result += part
            case .placeholder(let name): result += value(name) ?? "{" + name + "}"
            }
        }
        return result
    }
}
