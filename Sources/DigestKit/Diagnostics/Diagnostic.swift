/// A problem found in the content or layouts, with where it is and what to do about it.
///
/// Printed as `path:line:column: error: record 3 (2502.15969), field "authors": message`,
/// the format compilers use, so editors and terminals can jump to the spot.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    /// A record inside a file: its position in the file's list (counted from 1) and its id when it has one.
    public struct Record: Sendable, Hashable {
        public var number: Int
        public var id: String?
        public init(number: Int, id: String?) {
            self.number = number
            self.id = id
        }
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var column: Int?
    public var record: Record?
    public var field: String?
    public var message: String
    /// The byte offset in the file, until it is turned into `line` and `column`.
    var offset: Int?

    public init(
        _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
        record: Record? = nil, field: String? = nil, message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var subject: [String] = []
        if let record {
            subject.append(record.id.map { "record \(record.number) (\($0))" } ?? "record \(record.number)")
        }
        if let field { subject.append("field \"\(field)\"") }
        let prefix = subject.isEmpty ? "" : subject.joined(separator: ", ") + ": "
        return "\(location): \(severity.rawValue): \(prefix)\(message)"
    }
}

/// Thrown when a build or check found errors; carries every one of them.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A failure outside the content (a folder that cannot be read or written), with a message a user can act on.
public struct DigestError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
