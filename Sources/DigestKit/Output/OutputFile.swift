/// One file of the built site: where it goes, relative to the output folder, and its bytes.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A relative path that stays inside the folder it is resolved against:
    /// no leading `/`, no empty, `.` or `..` segments, no backslashes or control characters.
    public static func isConfined(_ path: String) -> Bool {
        // One pass over the bytes: every build checks each of its 190,000 paths, and
        // splitting them into arrays of segments had been most of that check's time.
        var path = path
        return path.withUTF8 { bytes in
            var segment = 0  // the current segment's length
            var dots = 0  // how many of its bytes are dots
            for byte in bytes {
                if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "/") {
                    if segment == 0 || (segment == dots && dots <= 2) { return false }
                    segment = 0
                    dots = 0
                } else {
                    segment += 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                }
            }
            return segment > 0 && !(segment == dots && dots <= 2)
        }
    }
}
