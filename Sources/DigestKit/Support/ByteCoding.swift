/// Digest's own binary files in the build cache (the manifest, decoded records, months of
/// search terms, the search index's base tier, related lists, template skeletons):
/// little-endian integers, length-prefixed UTF-8 strings and arrays, read back by
/// `ByteReader`, which refuses anything cut short or out of range rather than trusting it.
/// Files that are rewritten without a flush end in a seal (`seal()`), so one a crash cut
/// short or the disk damaged is told from a good one.
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

    /// The count, then the elements as they are in memory (little-endian: `ByteReader(sealed:)`
    /// refuses anything on a big-endian machine).
    mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// The count, then the bytes (read back by `ByteReader.slice()`).
    mutating func slice(_ values: ArraySlice<UInt8>) {
        int(values.count)
        bytes.append(contentsOf: values)
    }

    /// What `write` appends, as `slice(_:)` writes bytes (the count first), without the copy.
    mutating func slice(_ write: (inout ByteWriter) -> Void) {
        let countAt = bytes.count
        int(0)
        write(&self)
        withUnsafeBytes(of: Int64(bytes.count - countAt - 8).littleEndian) { count in
            bytes.replaceSubrange(countAt..<countAt + 8, with: count)
        }
    }

    /// Ends the bytes with their `XXH64`.
    mutating func seal() { int(ContentHash.of(bytes)) }

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
    /// Where the bytes to read end (before a seal).
    let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    /// A reader of sealed bytes (`ByteWriter.seal()`) after `magic`, or nil when they do not
    /// start with it or their seal does not match: they were damaged or cut short.
    init?(sealed bytes: [UInt8], magic: [UInt8]) {
        guard 1.littleEndian == 1, bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        let body = bytes.count - 8
        let seal = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: body, as: UInt64.self)) }
        guard bytes.withUnsafeBytes({ ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[..<body])) }) == seal else { return nil }
        self.bytes = bytes
        offset = magic.count
        end = body
    }

    var isAtEnd: Bool { offset == end }

    /// What `read` makes of sealed bytes after `magic`, when it reads them to their end; nil
    /// when they are damaged, cut short, of another version, longer than what `read` takes,
    /// or `read` finds them malformed or returns nil. The one way the cache's own files
    /// (months of terms, decoded records, the search index's base tier, related lists) are
    /// read back.
    static func whole<Value>(_ bytes: [UInt8], magic: [UInt8], _ read: (inout ByteReader) throws(Malformed) -> Value?) -> Value? {
        guard var reader = ByteReader(sealed: bytes, magic: magic), let value = try? read(&reader), reader.isAtEnd else { return nil }
        return value
    }

    mutating func int() throws(Malformed) -> Int64 {
        guard offset + 8 <= end else { throw Malformed() }
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        offset += 8
        return value
    }

    mutating func count() throws(Malformed) -> Int {
        let value = try int()
        guard value >= 0, value <= end else { throw Malformed() }
        return Int(value)
    }

    mutating func unsigned() throws(Malformed) -> UInt64 { UInt64(bitPattern: try int()) }

    mutating func bool() throws(Malformed) -> Bool {
        guard offset < end else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= end else { throw Malformed() }
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

    /// An array `ByteWriter.array` wrote.
    mutating func array<T: FixedWidthInteger>(_: T.Type) throws(Malformed) -> [T] {
        let count = try count()
        guard count <= (end - offset) / MemoryLayout<T>.stride else { throw Malformed() }
        let size = count * MemoryLayout<T>.stride
        defer { offset += size }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + size]))
            }
            initialized = count
        }
    }

    /// Bytes `ByteWriter.slice` wrote, not copied: they share the bytes read.
    mutating func slice() throws(Malformed) -> ArraySlice<UInt8> {
        let count = try count()
        guard count <= end - offset else { throw Malformed() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func diagnostic() throws(Malformed) -> Diagnostic {
        guard offset < end, bytes[offset] <= 2 else { throw Malformed() }
        let severity: Diagnostic.Severity = [.error, .warning, .note][Int(bytes[offset])]
        offset += 1
        let file = try string(), line = try optionalInt(), column = try optionalInt()
        let number = try optionalInt(), id = try optionalString()
        return Diagnostic(
            severity, file: file, line: line, column: column, record: number.map { Diagnostic.Record(number: $0, id: id) },
            field: try optionalString(), message: try string())
    }
}
