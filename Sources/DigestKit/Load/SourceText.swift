/// The bytes of one content file and how to turn a byte offset into a line and column.
public struct SourceFile: Sendable {
    /// The path shown in messages, relative to the working folder when possible.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// 1-based line and column of a byte offset; columns count characters, not bytes.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        lineColumns(of: [offset])[offset] ?? (1, 1)
    }

    /// Lines and columns of many offsets in one pass over the file (offsets in any order).
    public func lineColumns(of offsets: [Int]) -> [Int: (line: Int, column: Int)] {
        var result: [Int: (line: Int, column: Int)] = [:]
        let sorted = Set(offsets).sorted()
        guard !sorted.isEmpty else { return result }
        var next = 0
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while next < sorted.count {
            let target = min(sorted[next], bytes.count)
            while index < target {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
            result[sorted[next]] = (line, column)
            next += 1
        }
        return result
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when the whole file is valid.
    public func firstInvalidUTF8Offset() -> Int? {
        var index = 0
        while index < bytes.count {
            // Eight ASCII bytes at a time (most of a content file), then one character at a time.
            if index + 8 <= bytes.count,
                bytes.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) }) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            if String(validating: bytes[index..<index + length], as: UTF8.self) == nil { return index }
            index += length
        }
        return nil
    }
}
