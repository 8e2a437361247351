import Foundation

/// The full-text search index, written by the build from the records and read by
/// `Layouts/assets/search.js`: a manifest, term chunks and doc groups under `search/`.
/// docs/search.md describes the format, the ranking and why it is split this way; in
/// short, a query fetches the manifest, one chunk per term and tier, and the doc groups of
/// the results it shows, so its cost depends on the query, not on the size of the archive.
struct SearchIndex: Sendable {
    static let version = 4
    /// BM25 term-frequency parts are stored as one of this many levels.
    static let levels = 32
    /// The fewest papers of a tier a common term is in before it is written as the papers
    /// without it: below that its levels cost little.
    static let commonMinimum = 32
    /// Papers per doc group file.
    static let docGroup = 16
    /// A chunk is closed once it holds this many bytes (a chunk of one very common term is larger).
    static let chunkTarget = 24 * 1024
    /// Postings inverted at once when a tier is written (16 MB of them).
    static let blockPostings = 1 << 22
    /// How many authors a doc group lists before "et al.".
    static let authorCount = 8
    static let k1 = 1.2
    static let b = 0.75

    static let manifestPath = "search/index.json"

    struct File: Sendable, Equatable {
        var path: String
        /// A slice, so the files taken over from the build cache share the bytes read from it.
        var bytes: ArraySlice<UInt8>
    }

    let manifest: [UInt8]
    /// Term chunks, then doc groups.
    let files: [File]
    /// What the next build can take over (nil when the archive is one month: there is no base tier).
    let kept: Kept?
    /// Whether the base tier and its doc groups came from the `kept` given to `init`.
    let tookKept: Bool

    init(_ digest: Digest) { self.init(PaperTerms(digest)) }

    /// `kept`: what the last build kept, taken over when the months before the newest are as
    /// they were then.
    /// `blockPostings`: how many postings are inverted at once (smaller in tests, to check that
    /// blocks change nothing); `chunkTarget`, the bytes that close a chunk (smaller in tests).
    init(_ terms: PaperTerms, kept previous: Kept? = nil, blockPostings: Int = Self.blockPostings, chunkTarget: Int = Self.chunkTarget) {
        let papers = terms.papers, postings = terms.postings, topics = terms.topics
        var days: [(day: String, start: Int)] = []
        for (number, paper) in papers.enumerated() {
            let day = paper.day.description
            if days.last?.day != day { days.append((day, number)) }
        }
        let dayList = days
        let positions = Dictionary(topics.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })

        // The newest day's month is the recent tier; older papers are the base tier.
        let newestMonth = papers.last?.day.monthKey
        let recentStart = papers.firstIndex { $0.day.monthKey == newestMonth } ?? 0
        let tierRanges = [0..<recentStart, recentStart..<papers.count].filter { !$0.isEmpty }

        // The base tier and the doc groups of its papers depend on the months before the
        // newest alone: a build whose base months are as the last build's takes them over.
        let baseMonths = postings.months.filter { $0.range.upperBound <= recentStart }
        let fingerprint = recentStart == 0 ? nil : Kept.fingerprint(baseMonths.map(\.fingerprint), papers: recentStart)
        let taken = fingerprint != nil && previous?.fingerprint == fingerprint ? previous : nil
        tookKept = taken != nil

        let order = terms.order
        let tiers = Parallel.map(tierRanges.count) { index in
            if index == 0, let taken { return Tier(firstTerms: taken.firstTerms, chunks: taken.chunks) }
            // The recent tier (the second) writes a term as common only when it is common in the
            // whole archive too: a word of the month is not one of every month. The base tier is
            // most of the archive, and must not depend on the newest month, or it could not be
            // kept. (Counted here, beside the base tier's work, rather than before both.)
            let archiveCounts = index == 0 ? [] : postings.termOf.reduce(into: [Int32](repeating: 0, count: postings.terms.count)) { $0[Int($1)] += 1 }
            let common = { (term: Int32, count: Int) in
                Self.isCommon(count, in: tierRanges[index].count) && (index == 0 || Self.isCommon(Int(archiveCounts[Int(term)]), in: papers.count))
            }
            return Self.tier(
                tierRanges[index], postings: postings, order: order, blockPostings: blockPostings, chunkTarget: chunkTarget, isCommon: common)
        }

        var files: [File] = []
        var seen: Set<String> = []
        for tier in tiers {
            for chunk in tier.chunks where seen.insert(chunk.path).inserted { files.append(chunk) }
        }
        let groups = (papers.count + Self.docGroup - 1) / Self.docGroup
        // Whole groups of older papers; a group with newer papers in it is made each time.
        let baseGroups = recentStart / Self.docGroup
        let keptGroups = taken?.groups ?? []
        let groupFiles = Parallel.map(groups) { group in
            if group < keptGroups.count { return keptGroups[group] }
            let range = group * Self.docGroup..<min(papers.count, (group + 1) * Self.docGroup)
            return File(path: "search/d/\(group).json", bytes: Self.docGroupJSON(papers[range], days: dayList, topicPosition: positions)[...])
        }
        files += groupFiles
        self.files = files
        kept = fingerprint.map { fingerprint in
            Kept(fingerprint: fingerprint, firstTerms: tiers[0].firstTerms, chunks: tiers[0].chunks, groups: Array(groupFiles.prefix(baseGroups)))
        }

        var json = JSONBytes(capacity: 4096 + tiers.reduce(0) { $0 + $1.chunks.count * 32 })
        json.object { json in
            json.member("version", Self.version)
            json.member("papers", papers.count)
            json.member("levels", Self.levels)
            json.key("days")
            json.array(days.map(\.day))
            json.key("dayStarts")
            json.array(days.map(\.start))
            json.key("topics")
            json.array { json in
                for topic in topics { json.array([topic.name, topic.slug]) }
            }
            json.member("docGroup", Self.docGroup)
            json.key("tiers")
            json.array { json in
                for (range, tier) in zip(tierRanges, tiers) {
                    json.object { json in
                        json.member("first", range.lowerBound)
                        json.member("count", range.count)
                        json.key("chunks")
                        json.array { json in
                            for (first, chunk) in zip(tier.firstTerms, tier.chunks) {
                                json.string(utf8: first)
                                json.string(String(chunk.path.dropFirst("search/t/".count).dropLast(".json".count)))
                            }
                        }
                    }
                }
            }
        }
        manifest = json.bytes
    }

    private struct Tier: Sendable {
        var firstTerms: [[UInt8]] = []
        var chunks: [File] = []
    }

    /// Whether a term in `count` of `papers` papers is written as the papers without it.
    static func isCommon(_ count: Int, in papers: Int) -> Bool { count * 2 > papers && count >= commonMinimum }

    /// One tier's postings, levelled, in chunks of terms.
    ///
    /// Inverted a block of terms at a time, the terms taken in chunk order: all of a tier's
    /// postings in one flat array were 76 MB at 54,750 papers, held at the top of the build's
    /// memory while the chunks were written. A block holds at most `blockPostings` (or one
    /// term's); each block reads the tier's postings again (a few tens of milliseconds each at
    /// that size), and the chunks come out as from one block.
    ///
    /// `isCommon(term, papers)`: whether a term in that many of the tier's papers is written
    /// as the papers without it.
    private static func tier(
        _ range: Range<Int>, postings: SearchPostings, order: [Int32], blockPostings: Int, chunkTarget: Int, isCommon: (Int32, Int) -> Bool
    ) -> Tier {
        var counts = [Int32](repeating: 0, count: postings.terms.count)
        var totalLength = 0
        for paper in range {
            totalLength += Int(postings.lengths[paper])
            for index in postings.starts[paper]..<postings.starts[paper + 1] { counts[Int(postings.termOf[index])] += 1 }
        }
        let averageLength = max(1, Double(totalLength) / Double(range.count))
        // A term's next place in its block's `values`; -1 for a term outside the block.
        var next = [Int32](repeating: -1, count: postings.terms.count)

        var tier = Tier()
        var json = JSONBytes(capacity: chunkTarget + 4096)
        var open = false
        func close() {
            json.closeArray()
            let bytes = json.bytes
            tier.chunks.append(File(path: "search/t/\(hex(ContentHash.of(bytes))).json", bytes: bytes[...]))
            json = JSONBytes(capacity: chunkTarget + 4096)
            open = false
        }
        var blockStart = 0
        while blockStart < order.count {
            var blockEnd = blockStart, size = 0
            while blockEnd < order.count {
                let count = Int(counts[Int(order[blockEnd])])
                if size > 0, size + count > blockPostings { break }
                next[Int(order[blockEnd])] = Int32(size)
                size += count
                blockEnd += 1
            }
            // The block's postings, each term's in paper order.
            var values = [UInt32](repeating: 0, count: size)
            for paper in range {
                let norm = k1 * (1 - b + b * Double(postings.lengths[paper]) / averageLength)
                for index in postings.starts[paper]..<postings.starts[paper + 1] {
                    let term = Int(postings.termOf[index])
                    let place = next[term]
                    guard place >= 0 else { continue }
                    let frequency = postings.frequencyOf[index]
                    var level = levels
                    if frequency != SearchPostings.notAWord {
                        let tf = Double(frequency)
                        let part = tf * (k1 + 1) / (tf + norm)
                        level = min(levels, max(1, Int((part / (k1 + 1) * Double(levels)).rounded())))
                    }
                    values[Int(place)] = UInt32(paper) << 5 | UInt32(level - 1)
                    next[term] = place + 1
                }
            }
            for term in order[blockStart..<blockEnd] {
                let end = Int(next[Int(term)])
                next[Int(term)] = -1
                let postingRange = (end - Int(counts[Int(term)]))..<end
                guard !postingRange.isEmpty else { continue }
                let papers = values[postingRange]
                // A term in more than half of the tier's papers is written as the papers without
                // it (docs/search.md, "Common terms").
                let common = isCommon(term, papers.count)
                let written = common ? range.count - papers.count : papers.count
                // A term with a chunk's worth of postings (at three bytes each, about the fewest)
                // starts a chunk of its own. Otherwise it shared one with the rarer terms before it,
                // and a query for those (a prefix, most often) fetched its postings too: 117 kB
                // compressed of "audio" for "attention" at 200,000 papers.
                if open, written * 3 >= chunkTarget { close() }
                if !open {
                    json.openArray()
                    tier.firstTerms.append(tier.firstTerms.isEmpty ? [] : postings.terms[Int(term)])
                    open = true
                }
                json.array { json in
                    json.string(utf8: postings.terms[Int(term)])
                    if common {
                        writeCommon(papers, tier: range, into: &json)
                        return
                    }
                    json.array { json in
                        var previous = -1
                        for value in papers {
                            let paper = Int(value >> 5)
                            json.number((paper - previous) * levels + Int(value & 31))
                            previous = paper
                        }
                    }
                }
                if json.bytes.count >= chunkTarget { close() }
            }
            blockStart = blockEnd
        }
        if open { close() }
        return tier
    }

    /// A common term's row after its name: the gaps between the tier's papers that do not
    /// have it (from -1, as postings are), then the median of its levels, which every paper
    /// that has it scores at. Its BM25 weight is about ln 2 at most, against 5 to 12 for the rare
    /// words that decide a ranking, and its levels were most of a query's bytes: about
    /// 116 kB compressed for each of "robust", "policy" and "reward" at 200,000 papers.
    private static func writeCommon(_ papers: ArraySlice<UInt32>, tier: Range<Int>, into json: inout JSONBytes) {
        json.array { json in
            // The papers before each that has the term, and before the tier's end, lack it.
            var previous = -1, next = tier.lowerBound
            for position in 0...papers.count {
                let end = position < papers.count ? Int(papers[papers.startIndex + position] >> 5) : tier.upperBound
                while next < end {
                    json.number(next - previous)
                    previous = next
                    next += 1
                }
                next = end + 1
            }
        }
        var histogram = [Int](repeating: 0, count: levels)
        for value in papers { histogram[Int(value & 31)] += 1 }
        var seen = 0, median = 0
        while seen * 2 < papers.count {
            seen += histogram[median]
            median += 1
        }
        json.number(median)
    }

    /// `[id, slug, title, authors, day index, [topic positions], has code]` for each paper.
    private static func docGroupJSON(
        _ papers: ArraySlice<Paper>, days: [(day: String, start: Int)], topicPosition: [String: Int]
    ) -> [UInt8] {
        var json = JSONBytes(capacity: papers.count * 320)
        json.array { json in
            for (number, paper) in zip(papers.indices, papers) {
                let fields = paper.fields
                var authors = fields.authors.prefix(authorCount).joined(separator: ", ")
                if fields.authors.count > authorCount { authors += " et al. (\(fields.authors.count) authors)" }
                // The last day starting at or before this paper's number.
                var low = 0, high = days.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if days[middle].start <= number { low = middle } else { high = middle - 1 }
                }
                json.array { json in
                    json.string(fields.id.description)
                    json.string(fields.slug)
                    json.string(fields.title)
                    json.string(authors)
                    json.number(low)
                    json.array(fields.topics.compactMap { topicPosition[$0] })
                    json.number(fields.links.code == nil ? 0 : 1)
                }
            }
        }
        return json.bytes
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
