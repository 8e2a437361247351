/// Digest's own binary files in the build cache (the manifest, decoded records): little-endian
/// integers and length-prefixed UTF-8 strings, read back by `ByteReader`, which refuses
/// anything cut short or out of range rather than trusting it.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ value: Int) { int(Int64(value)) }
    mutating func int(_ value: UInt64) { int(Int64(bitPattern: value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func string(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func int(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        bytes.append(diagnostic.severity == .error ? 0 : diagnostic.severity == .warning ? 1 : 2)
        string(diagnostic.file)
        int(diagnostic.line)
        int(diagnostic.column)
        int(diagnostic.record?.number)
        string(diagnostic.record?.id)
        string(diagnostic.field)
        string(diagnostic.message)
    }
}

struct ByteReader {
    struct Malformed: Error {}

    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() throws(Malformed) -> Int64 {
        guard offset + 8 <= bytes.count else { throw Malformed() }
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        offset += 8
        return value
    }

    mutating func count() throws(Malformed) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count else { throw Malformed() }
        return Int(value)
    }

    mutating func unsigned() throws(Malformed) -> UInt64 { UInt64(bitPattern: try int()) }

    mutating func bool() throws(Malformed) -> Bool {
        guard offset < bytes.count else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= bytes.count else { throw Malformed() }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func optionalString() throws(Malformed) -> String? { try bool() ? try string() : nil }

    mutating func optionalInt() throws(Malformed) -> Int? { try bool() ? Int(try int()) : nil }

    mutating func strings() throws(Malformed) -> [String] {
        var values: [String] = []
        for _ in 0..<(try count()) { values.append(try string()) }
        return values
    }

    mutating func diagnostic() throws(Malformed) -> Diagnostic {
        guard offset < bytes.count, bytes[offset] <= 2 else { throw Malformed() }
        let severity: Diagnostic.Severity = [.error, .warning, .note][Int(bytes[offset])]
        offset += 1
        let file = try string(), line = try optionalInt(), column = try optionalInt()
        let number = try optionalInt(), id = try optionalString()
        return Diagnostic(
            severity, file: file, line: line, column: column, record: number.map { Diagnostic.Record(number: $0, id: id) },
            field: try optionalString(), message: try string())
    }
}
