import Testing

/// What the build cache's readers must refuse, for bytes a writer made: `read` (true when
/// it accepts the bytes) must refuse them with about a hundred single bytes changed, cut
/// short anywhere, or with a byte added.
func expectOnlyWholeBytesRead(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation, _ read: ([UInt8]) -> Bool) {
    #expect(read(bytes), "the bytes as written", sourceLocation: sourceLocation)
    for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
        var damaged = bytes
        damaged[offset] ^= 0x20
        #expect(!read(damaged), "byte \(offset) changed", sourceLocation: sourceLocation)
    }
    for count in [0, 10, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
        #expect(!read(Array(bytes.prefix(count))), "cut to \(count) bytes", sourceLocation: sourceLocation)
    }
    #expect(!read(bytes + [0]), "a byte added", sourceLocation: sourceLocation)
}
