/// One month of papers cut into terms, with a vocabulary of its own: the unit the build
/// cache keeps between builds, so a build cuts into terms only the months whose papers
/// changed (a new day: its month; an edited summary: that paper's month).
///
/// `fingerprint` says what the postings were made from (every paper of the month, the topic
/// slugs, the Digest executable); a segment whose fingerprint is not the one the papers give
/// now is cut again.
struct TermSegment: Sendable, Equatable {
    /// `YYYY-MM`.
    var month: String
    var fingerprint: UInt64
    /// The vocabulary's terms, one after another; term `n` ends at `vocabularyEnds[n]`.
    var vocabulary: [UInt8] = []
    var vocabularyEnds: [Int32] = []
    /// How many postings each paper of the month has, in the papers' order.
    var counts: [Int32] = []
    /// The postings, as in `SearchPostings`, with term numbers of this vocabulary.
    var termOf: [Int32] = []
    var frequencyOf: [Int32] = []
    var relatedOf: [UInt16] = []
    var lengths: [Int32] = []

    // MARK: Bytes, for the build cache

    /// Bumped whenever the layout changes; an old segment then does not decode, and is cut again.
    static let magic = Array("DIGEST-TERMS-1\n".utf8)

    /// The segment as a file: the magic, the month and fingerprint, each array as its count
    /// and its little-endian elements, and an `XXH64` of all that, so damage is caught.
    var bytes: [UInt8] {
        var bytes = Self.magic
        func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func array<T: FixedWidthInteger>(_ values: [T]) {
            int(Int64(values.count))
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }  // little-endian machines only; see `init?(bytes:)`
        }
        int(Int64(month.utf8.count))
        bytes.append(contentsOf: month.utf8)
        int(Int64(bitPattern: fingerprint))
        array(vocabulary)
        array(vocabularyEnds)
        array(counts)
        array(termOf)
        array(frequencyOf)
        array(relatedOf)
        array(lengths)
        int(Int64(bitPattern: ContentHash.of(bytes)))
        return bytes
    }

    /// The segment `bytes` wrote, or nil when they are anything else: damaged, cut short, of
    /// another version, or inconsistent (a term number past the vocabulary).
    init?(bytes: [UInt8]) {
        guard 1.littleEndian == 1, bytes.count >= Self.magic.count + 8, bytes.starts(with: Self.magic) else { return nil }
        let body = bytes.count - 8
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: body, as: UInt64.self)) }
        guard bytes.withUnsafeBytes({ ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[..<body])) }) == stored else { return nil }
        var offset = Self.magic.count
        func int() -> Int64? {
            guard offset + 8 <= body else { return nil }
            defer { offset += 8 }
            return bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        }
        func array<T: FixedWidthInteger>(_: T.Type) -> [T]? {
            guard let count = int(), count >= 0, count <= (body - offset) / MemoryLayout<T>.stride else { return nil }
            let size = Int(count) * MemoryLayout<T>.stride
            defer { offset += size }
            return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
                bytes.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + size]))
                }
                initialized = Int(count)
            }
        }
        guard let monthBytes = array(UInt8.self), let fingerprint = int(), let vocabulary = array(UInt8.self),
            let vocabularyEnds = array(Int32.self), let counts = array(Int32.self), let termOf = array(Int32.self),
            let frequencyOf = array(Int32.self), let relatedOf = array(UInt16.self), let lengths = array(Int32.self), offset == body
        else { return nil }
        // Consistent, so that nothing built from it reads out of bounds.
        var previous: Int32 = 0
        for end in vocabularyEnds {
            guard end >= previous else { return nil }
            previous = end
        }
        guard Int(previous) <= vocabulary.count, counts.count == lengths.count, counts.allSatisfy({ $0 >= 0 }),
            counts.reduce(0, { $0 + Int($1) }) == termOf.count, frequencyOf.count == termOf.count, relatedOf.count == termOf.count,
            termOf.allSatisfy({ $0 >= 0 && Int($0) < vocabularyEnds.count })
        else { return nil }
        self.month = String(decoding: monthBytes, as: UTF8.self)
        self.fingerprint = UInt64(bitPattern: fingerprint)
        self.vocabulary = vocabulary
        self.vocabularyEnds = vocabularyEnds
        self.counts = counts
        self.termOf = termOf
        self.frequencyOf = frequencyOf
        self.relatedOf = relatedOf
        self.lengths = lengths
    }

    init(month: String, fingerprint: UInt64) {
        self.month = month
        self.fingerprint = fingerprint
    }
}

/// Where segments are kept between builds: the build cache's `terms` folder, or nowhere.
protocol TermSegmentStore: Sendable {
    /// The segment kept for `month`, if there is one that decodes.
    func segment(_ month: String) -> TermSegment?
    /// Keeps a segment just cut (called from any thread; a failure only costs the next build time).
    func keep(_ segment: TermSegment)
}
