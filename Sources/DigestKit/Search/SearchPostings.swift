import Foundation

/// Every paper's terms and how often each occurs, weighted by field: the first half of
/// building the search index, and what related papers compare.
///
/// Papers are cut into terms a month at a time (`TermSegment`), and each month keeps its
/// own vocabulary (word → term number), so a word is folded, checked against the stop words
/// and stemmed once per month, not once per occurrence; the vocabularies are merged into one
/// at the end. The build cache keeps the months, so a build cuts only those that changed,
/// and in those only the papers that are new or changed.
struct SearchPostings {
    /// Weights of the fields in a term's frequency (docs/search.md, "Ranking").
    enum Weight {
        static let title = 5, authors = 5, topics = 3, highlights = 2, organization = 2, abstract = 1, summary = 1, comment = 1
    }

    /// Weights of the fields related papers compare (docs/related.md): what a paper is
    /// about, not who wrote it or why it was picked.
    enum RelatedWeight {
        static let title: UInt16 = 3, topics: UInt16 = 2, highlights: UInt16 = 2, abstract: UInt16 = 1, summary: UInt16 = 1
    }

    static let notAWord = UInt16.max

    /// Terms, each once, in no particular order.
    var terms: [[UInt8]]
    /// For paper `n`, its postings are `termOf[starts[n]..<starts[n + 1]]`, with frequencies
    /// in `frequencyOf`; `notAWord` marks a term that is not a word (`#id`, `$code`…).
    var starts: [Int]
    var termOf: [Int32]
    /// Two bytes, not four: 38 MB less at 54,750 papers. A frequency stops at `notAWord - 1`,
    /// where BM25's term-frequency part has long reached the top level.
    var frequencyOf: [UInt16]
    /// The same postings' frequencies in the fields related papers compare (0 when a term
    /// is only in the others).
    var relatedOf: [UInt16]
    /// Each paper's length in words (stop words left out), for BM25's length normalisation.
    var lengths: [Int32]
    /// Each month's run of papers and the fingerprint of its segment, oldest first: what
    /// anything made from a range of months depends on (`SearchIndex.Kept`).
    var months: [(range: Range<Int>, fingerprint: UInt64)]
    /// How many papers this build cut into terms; the others' postings were kept.
    var papersCut: Int

    /// The papers in the order given (their numbers), which is by day: each month is a run
    /// of them. A month whose papers are as when `store` kept it is taken from there; the
    /// others are cut into terms, a month per task on every core, taking the postings of
    /// their unchanged papers from the kept month, and given to `store`.
    /// `salt` is everything else the terms depend on (the Digest executable).
    init(_ papers: [Paper], topicSlugs: [String: String], store: TermSegmentStore? = nil, salt: UInt64 = 0) {
        let months = Self.months(papers)
        let seed = KeyHasher(0x5465_726D_7301 ^ salt).value  // "Terms", format 1
        let cut = Parallel.map(months.count) { number -> (segment: TermSegment, cut: Int) in
            let (month, range) = months[number]
            let keys = range.map { index in
                var hasher = KeyHasher(seed)
                hasher.add(papers[index].id.base)
                hasher.add(papers[index].hashes.content)
                for topic in papers[index].topics { hasher.add(topicSlugs[topic]) }
                return hasher.value
            }
            var hasher = KeyHasher(seed)
            hasher.add(month)
            for key in keys { hasher.add(key) }
            let kept = store?.segment(month)
            if let kept, kept.fingerprint == hasher.value, kept.counts.count == range.count { return (kept, 0) }
            // A month cut again (a new day, an edit) takes its unchanged papers' postings from
            // the kept segment; what it makes is what cutting every paper would make.
            var part = Part(reusing: kept)
            var cut = 0
            for (index, key) in zip(range, keys) where !part.reuse(key) {
                part.add(papers[index], topicSlugs: topicSlugs, key: key)
                cut += 1
            }
            let segment = part.segment(month: month, fingerprint: hasher.value)
            store?.keep(segment)
            return (segment, cut)
        }
        papersCut = cut.reduce(0) { $0 + $1.cut }
        var segments = cut.map(\.segment)
        self.months = zip(months, segments).map { ($0.range, $1.fingerprint) }
        var global = WordTable()
        terms = []
        starts = [0]
        termOf = []
        frequencyOf = []
        relatedOf = []
        lengths = []
        termOf.reserveCapacity(segments.reduce(0) { $0 + $1.termOf.count })
        frequencyOf.reserveCapacity(termOf.capacity)
        relatedOf.reserveCapacity(termOf.capacity)
        starts.reserveCapacity(papers.count + 1)
        for index in segments.indices {
            // Each segment is let go once copied, so the postings are never held twice over.
            let segment = segments[index]
            segments[index] = TermSegment(month: "", fingerprint: 0)
            let mapping = segment.vocabulary.withUnsafeBufferPointer { vocabulary in
                segment.vocabularyEnds.indices.map { number -> Int32 in
                    let term = UnsafeBufferPointer(rebasing: vocabulary[segment.termRange(number)])
                    let hash = WordTable.hash(term)
                    if let number = global.value(for: term, hash: hash) { return number }
                    global.insert(term, hash: hash, value: Int32(terms.count))
                    terms.append(Array(term))
                    return Int32(terms.count - 1)
                }
            }
            termOf.append(contentsOf: segment.termOf.lazy.map { mapping[Int($0)] })
            frequencyOf.append(contentsOf: segment.frequencyOf)
            relatedOf.append(contentsOf: segment.relatedOf)
            for count in segment.counts { starts.append(starts[starts.count - 1] + Int(count)) }
            lengths.append(contentsOf: segment.lengths)
        }
    }

    /// Each month's key (`YYYY-MM`) and its run of papers.
    private static func months(_ papers: [Paper]) -> [(month: String, range: Range<Int>)] {
        var months: [(month: String, range: Range<Int>)] = []
        var start = 0
        for index in papers.indices where index + 1 == papers.count
            || (papers[index + 1].day.year, papers[index + 1].day.month) != (papers[index].day.year, papers[index].day.month)
        {
            let day = papers[index].day
            months.append((String(format: "%04d-%02d", day.year, day.month), start..<index + 1))
            start = index + 1
        }
        return months
    }

    /// One month's papers, with term numbers of its own vocabulary.
    private struct Part: Sendable {
        var terms: [[UInt8]] = []
        var starts: [Int] = [0]
        var termOf: [Int32] = []
        var frequencyOf: [UInt16] = []
        var relatedOf: [UInt16] = []
        var lengths: [Int32] = []
        var keys: [UInt64] = []

        private var words = SearchWords()
        /// A folded word → its term's number, or -1 for a stop word.
        private var wordTerms = WordTable()
        private var termNumbers: [[UInt8]: Int32] = [:]
        /// The current paper's frequency of each term, and which are set.
        private var frequency: [Int32] = []
        private var related: [UInt16] = []
        private var touched: [Int32] = []
        private var length: Int32 = 0

        /// The segment a month's papers were cut into last time, each paper's postings found
        /// by its key, and its term numbers as this part's, once met.
        private var kept: TermSegment?
        private var keptPapers: [UInt64: Int] = [:]
        private var keptStarts: [Int] = []
        private var keptTerms: [Int32] = []

        init(reusing kept: TermSegment? = nil) {
            guard let kept, kept.keys.count == kept.counts.count else { return }
            self.kept = kept
            keptPapers = Dictionary(zip(kept.keys, kept.keys.indices), uniquingKeysWith: { first, _ in first })
            keptStarts = [0]
            keptStarts.reserveCapacity(kept.counts.count + 1)
            for count in kept.counts { keptStarts.append(keptStarts[keptStarts.count - 1] + Int(count)) }
            keptTerms = Array(repeating: -1, count: kept.vocabularyEnds.count)
        }

        /// Adds the paper of `key` as the kept segment has it, if it does: its terms in the
        /// order cutting it finds them, so the vocabulary is numbered as cutting would number it.
        mutating func reuse(_ key: UInt64) -> Bool {
            guard let kept, let paper = keptPapers[key] else { return false }
            for posting in keptStarts[paper]..<keptStarts[paper + 1] {
                let keptTerm = Int(kept.termOf[posting])
                var number = keptTerms[keptTerm]
                if number < 0 {
                    number = termNumber(Array(kept.vocabulary[kept.termRange(keptTerm)]))
                    keptTerms[keptTerm] = number
                }
                termOf.append(number)
            }
            frequencyOf.append(contentsOf: kept.frequencyOf[keptStarts[paper]..<keptStarts[paper + 1]])
            relatedOf.append(contentsOf: kept.relatedOf[keptStarts[paper]..<keptStarts[paper + 1]])
            starts.append(termOf.count)
            lengths.append(kept.lengths[paper])
            keys.append(key)
            return true
        }

        mutating func add(_ paper: Paper, topicSlugs: [String: String], key: UInt64) {
            let fields = paper.fields
            add(fields.title, Weight.title, RelatedWeight.title)
            for author in fields.authors { add(author, Weight.authors, 0) }
            if let organization = fields.organization { add(organization, Weight.organization, 0) }
            for topic in fields.topics { add(topic, Weight.topics, RelatedWeight.topics) }
            for highlight in fields.highlights { add(highlight, Weight.highlights, RelatedWeight.highlights) }
            if let abstract = fields.abstract { add(abstract, Weight.abstract, RelatedWeight.abstract) }
            if let summary = fields.summary { add(summary, Weight.summary, RelatedWeight.summary) }
            if let comment = fields.comment { add(comment, Weight.comment, 0) }
            // Filters and ids: terms no word can be, since words have no `#`, `$` or `:`.
            special(Array(("#" + fields.id.base.lowercased()).utf8))
            for topic in fields.topics { special(Array(("$topic:" + (topicSlugs[topic] ?? Slug.make(topic, fallbackPrefix: "topic"))).utf8)) }
            if fields.links.code != nil { special(Array("$code".utf8)) }

            for term in touched {
                termOf.append(term)
                let count = frequency[Int(term)]
                frequencyOf.append(count < 0 ? SearchPostings.notAWord : UInt16(min(count, Int32(SearchPostings.notAWord) - 1)))
                relatedOf.append(related[Int(term)])
                frequency[Int(term)] = 0
                related[Int(term)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            starts.append(termOf.count)
            lengths.append(length)
            keys.append(key)
            length = 0
        }

        /// What was gathered, as a segment (the working tables are left behind).
        consuming func segment(month: String, fingerprint: UInt64) -> TermSegment {
            var segment = TermSegment(month: month, fingerprint: fingerprint)
            segment.vocabulary.reserveCapacity(terms.reduce(0) { $0 + $1.count })
            for term in terms {
                segment.vocabulary.append(contentsOf: term)
                segment.vocabularyEnds.append(Int32(segment.vocabulary.count))
            }
            segment.counts = zip(starts, starts.dropFirst()).map { Int32($1 - $0) }
            // Moved, not copied: the part's buffers are unique.
            swap(&segment.termOf, &termOf)
            swap(&segment.frequencyOf, &frequencyOf)
            swap(&segment.relatedOf, &relatedOf)
            swap(&segment.lengths, &lengths)
            swap(&segment.keys, &keys)
            return segment
        }

        private mutating func add(_ text: String, _ weight: Int, _ relatedWeight: UInt16) {
            // `words` is swapped out (not copied: its buffers stay unique) so the closure
            // can change the vocabulary in `self`.
            var words = SearchWords()
            swap(&words, &self.words)
            defer { swap(&words, &self.words) }
            words.forEachWord(in: text) { word, plain in
                let hash = WordTable.hash(word)
                let number: Int32
                if let known = wordTerms.value(for: word, hash: hash) {
                    number = known
                } else {
                    if let term = SearchWords.term(word, plain: plain) { number = termNumber(term) } else { number = -1 }
                    wordTerms.insert(word, hash: hash, value: number)
                }
                guard number >= 0 else { return }
                length += 1
                if frequency[Int(number)] == 0 { touched.append(number) }
                frequency[Int(number)] += Int32(weight)
                related[Int(number)] &+= related[Int(number)] < UInt16.max - 8 ? relatedWeight : 0
            }
        }

        private mutating func special(_ term: [UInt8]) {
            let number = termNumber(term)
            if frequency[Int(number)] == 0 { touched.append(number) }
            frequency[Int(number)] = -1  // not a word: `SearchIndex` gives it the top level
        }

        private mutating func termNumber(_ term: [UInt8]) -> Int32 {
            if let number = termNumbers[term] { return number }
            let number = Int32(terms.count)
            terms.append(term)
            termNumbers[term] = number
            frequency.append(0)
            related.append(0)
            return number
        }
    }
}
