/// A fast 64-bit hash of bytes (the XXH64 algorithm), stable across runs and machines, for
/// the build cache: fingerprints of input files, of papers and of rendered pages. Not a
/// defence against someone crafting collisions: whoever can write the content controls the
/// site anyway, and the worst a collision does is keep a stale page.
enum ContentHash {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var hash: UInt64
        func read64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while offset + 32 <= count {
                v1 = round(v1, read64(offset))
                v2 = round(v2, read64(offset + 8))
                v3 = round(v3, read64(offset + 16))
                v4 = round(v4, read64(offset + 24))
                offset += 32
            }
            hash = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            hash = (hash ^ round(0, v1)) &* p1 &+ p4
            hash = (hash ^ round(0, v2)) &* p1 &+ p4
            hash = (hash ^ round(0, v3)) &* p1 &+ p4
            hash = (hash ^ round(0, v4)) &* p1 &+ p4
        } else {
            hash = seed &+ p5
        }
        hash = hash &+ UInt64(count)
        while offset + 8 <= count {
            hash ^= round(0, read64(offset))
            hash = rotl(hash, 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            hash ^= UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* p1
            hash = rotl(hash, 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            hash ^= UInt64(bytes[offset]) &* p5
            hash = rotl(hash, 11) &* p1
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* p2
        hash ^= hash >> 29
        hash = hash &* p3
        hash ^= hash >> 32
        return hash
    }

    static func of(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { of($0, seed: seed) }
    }

    static func of(_ bytes: ArraySlice<UInt8>, seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { of($0, seed: seed) }
    }

    static func of(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0), seed: seed) }
    }

    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotl(accumulator &+ input &* p2, 31) &* p1
    }

    private static func rotl(_ value: UInt64, _ bits: UInt64) -> UInt64 { value << bits | value >> (64 - bits) }
}

/// Folds many values into one key: each is hashed with the key so far as its seed, so order
/// matters and `("ab", "c")` and `("a", "bc")` differ (the length is part of each hash).
struct KeyHasher {
    private(set) var value: UInt64

    init(_ seed: UInt64 = 0) { value = seed }

    mutating func add(_ text: String) { value = ContentHash.of(text, seed: value) }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { add(UInt64(0xA5A5_5A5A_0000_0001)) }
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { value = ContentHash.of($0, seed: value) }
    }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    mutating func add(_ number: Int?) {
        if let number { add(number) } else { add(UInt64(0xA5A5_5A5A_0000_0002)) }
    }

    mutating func add(_ flag: Bool) { add(flag ? UInt64(1) : UInt64(2)) }

    mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }
}
