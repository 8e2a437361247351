/// One month of papers cut into terms, with a vocabulary of its own: the unit the build
/// cache keeps between builds, so a build cuts into terms only the months whose papers
/// changed (a new day: its month; an edited summary: that paper's month), and in them only
/// the new and changed papers (`keys`).
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

    /// Where term `number` is in `vocabulary`.
    func termRange(_ number: Int) -> Range<Int> {
        (number == 0 ? 0 : Int(vocabularyEnds[number - 1]))..<Int(vocabularyEnds[number])
    }
    /// How many postings each paper of the month has, in the papers' order.
    var counts: [Int32] = []
    /// The postings, as in `SearchPostings`, with term numbers of this vocabulary.
    var termOf: [Int32] = []
    var frequencyOf: [UInt16] = []
    var relatedOf: [UInt16] = []
    var lengths: [Int32] = []
    /// Each paper's key (its id, content and topic slugs), in the papers' order: a month cut
    /// again takes the postings of a paper whose key is here instead of cutting it.
    var keys: [UInt64] = []

    // MARK: Bytes, for the build cache

    /// Bumped whenever the layout changes; an old segment then does not decode, and is cut again.
    static let magic = Array("DIGEST-TERMS-3\n".utf8)

    /// The segment as a file (`ByteWriter`'s form, sealed): the magic, the month and
    /// fingerprint, then each array.
    var bytes: [UInt8] {
        var writer = ByteWriter()
        writer.bytes = Self.magic
        writer.string(month)
        writer.int(fingerprint)
        writer.array(vocabulary)
        writer.array(vocabularyEnds)
        writer.array(counts)
        writer.array(termOf)
        writer.array(frequencyOf)
        writer.array(relatedOf)
        writer.array(lengths)
        writer.array(keys)
        writer.seal()
        return writer.bytes
    }

    /// The segment `bytes` wrote, or nil when they are anything else: damaged, cut short, of
    /// another version, or inconsistent (a term number past the vocabulary).
    init?(bytes: [UInt8]) {
        let read = ByteReader.whole(bytes, magic: Self.magic) { reader throws(ByteReader.Malformed) in
            var segment = TermSegment(month: try reader.string(), fingerprint: try reader.unsigned())
            segment.vocabulary = try reader.array(UInt8.self)
            segment.vocabularyEnds = try reader.array(Int32.self)
            segment.counts = try reader.array(Int32.self)
            segment.termOf = try reader.array(Int32.self)
            segment.frequencyOf = try reader.array(UInt16.self)
            segment.relatedOf = try reader.array(UInt16.self)
            segment.lengths = try reader.array(Int32.self)
            segment.keys = try reader.array(UInt64.self)
            return segment
        }
        guard let read, read.isConsistent else { return nil }
        self = read
    }

    /// Whether nothing built from the segment reads out of bounds.
    private var isConsistent: Bool {
        var previous: Int32 = 0
        for end in vocabularyEnds {
            guard end >= previous else { return false }
            previous = end
        }
        return Int(previous) <= vocabulary.count && counts.count == lengths.count && keys.count == counts.count && counts.allSatisfy { $0 >= 0 }
            && counts.reduce(0, { $0 + Int($1) }) == termOf.count && frequencyOf.count == termOf.count && relatedOf.count == termOf.count
            && termOf.allSatisfy { $0 >= 0 && Int($0) < vocabularyEnds.count }
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
