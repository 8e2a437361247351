/// Every published paper's terms, counted once for both of their uses: the search index
/// and related papers.
///
/// Papers are numbered oldest first (by day, then id), so a date range is a range of
/// numbers and a new day only adds numbers.
struct PaperTerms: Sendable {
    let papers: [Paper]
    /// Topics in the order papers first use them, with their slugs.
    let topics: [(name: String, slug: String)]
    private(set) var postings: SearchPostings
    /// Term numbers in the order of their bytes: stable, unlike the numbers, which depend
    /// on how the papers were split between workers.
    let order: [Int32]

    /// `store` keeps months of terms between builds (see `SearchPostings`); `salt`, what else
    /// the terms depend on.
    init(_ digest: Digest, store: TermSegmentStore? = nil, salt: UInt64 = 0) {
        papers = digest.papers.sorted { ($0.day, $0.id.base) < ($1.day, $1.id.base) }
        var topics: [(name: String, slug: String)] = []
        var seen: Set<String> = []
        for paper in papers {
            for name in paper.topics where seen.insert(name).inserted {
                topics.append((name, digest.topic(named: name).slug))
            }
        }
        self.topics = topics
        let slugs = Dictionary(topics.map { ($0.name, $0.slug) }, uniquingKeysWith: { first, _ in first })
        postings = SearchPostings(papers, topicSlugs: slugs, store: store, salt: salt)
        order = Self.sortedTerms(postings.terms)
    }

    /// Lets go of the frequencies only related papers read, once they are found: two bytes a
    /// posting, 38 MB at 54,750 papers, that the search index's tiers need not sit on. Related
    /// papers cannot be found from these terms afterwards.
    mutating func forgetRelatedFrequencies() { postings.relatedOf = [] }

    /// Term numbers in the order of their bytes (UTF-8 order is code point order, which
    /// `search.js` compares by).
    private static func sortedTerms(_ terms: [[UInt8]]) -> [Int32] {
        // Most terms differ in their first eight bytes: compare those as one number first.
        let prefixes = terms.map { term -> UInt64 in
            var prefix: UInt64 = 0
            for index in 0..<8 { prefix = prefix << 8 | UInt64(index < term.count ? term[index] : 0) }
            return prefix
        }
        return (0..<Int32(terms.count)).sorted { left, right in
            let a = prefixes[Int(left)], b = prefixes[Int(right)]
            if a != b { return a < b }
            return terms[Int(left)].lexicographicallyPrecedes(terms[Int(right)])
        }
    }
}
