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
        guard !path.isEmpty, !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) else { return false }
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && !segment.elementsEqual(".".utf8) && !segment.elementsEqual("..".utf8)
        }
    }
}
