import Foundation

/// Up to six papers like each paper, from the whole archive.
///
/// Each paper is a TF-IDF vector over the fields `SearchPostings.RelatedWeight` names
/// (sublinear term frequency, `log(N / df)`), normalised over all its terms and then cut
/// to its `termsPerPaper` strongest terms; two papers' score is the dot product of their
/// cut vectors. Scores come from an inverted list of the cut vectors, so a paper meets
/// only the papers it shares a strong term with, never all the others. `N` and `df` come
/// from the archive as it was at a month's start (`weightingBase`), so a new day leaves
/// old papers' vectors as they were. docs/related.md gives the cost and why the vectors
/// are cut.
struct RelatedPapers: Sendable {
    /// How many related papers a page lists at most.
    static let count = 6
    /// The strongest terms kept of each paper's vector.
    static let termsPerPaper = 20
    /// A term in more than one paper in `commonShare` (and in more than 200 papers) names a
    /// field, not a subject, and its list would be long: it is left out of the cut vectors,
    /// which bounds the work per paper by `termsPerPaper` lists of that length.
    static let commonShare = 100
    /// Below this, two papers share a word or two by chance, not a subject.
    static let minimumScore: Float = 0.03

    /// Related papers of each paper, by its number in `PaperTerms` order, best first, with
    /// their scores.
    private let lists: [[(paper: Int32, score: Float)]]
    private let papers: [Paper]
    private let numberByID: [String: Int32]

    /// The papers related to `paper`, best first (none for a paper the build did not number).
    func related(to paper: Paper) -> [Paper] { scored(paper).map(\.paper) }

    /// The same, with the cosine similarity of each (between 0 and 1).
    func scored(_ paper: Paper) -> [(paper: Paper, score: Float)] {
        guard let number = numberByID[paper.id.base] else { return [] }
        return lists[Int(number)].map { (papers[Int($0.paper)], $0.score) }
    }

    /// For each paper, in `PaperTerms` order, a hash of what its entry in a list shows (slug,
    /// title, day, primary topic): `listHash` takes them, so output keys hash each paper's
    /// entry once rather than once per list it is on.
    func entryHashes() -> [UInt64] {
        Parallel.map(papers.count) { number in
            let paper = papers[number]
            var hasher = KeyHasher()
            hasher.add(paper.slug)
            hasher.add(paper.title)
            hasher.add(paper.day.daysSinceEpoch)
            hasher.add(paper.primaryTopic)
            return hasher.value
        }
    }

    /// A hash of what the list of `paper` shows, from `entryHashes()`.
    func listHash(of paper: Paper, entries: [UInt64]) -> UInt64 {
        var hasher = KeyHasher()
        if let number = numberByID[paper.id.base] {
            for entry in lists[Int(number)] { hasher.add(entries[Int(entry.paper)]) }
        }
        return hasher.value
    }

    /// Every paper's vector hash and list, for the next build (`init`'s `previous`).
    let kept: Kept
    /// How many lists were brought up to date from `previous` rather than computed.
    let keptLists: Int

    /// `previous`: what the last build kept. A paper whose vector is as it was then, and
    /// none of whose listed papers changed or went, keeps its list, brought up to date with
    /// its scores against the papers whose vectors are new or changed; only those papers
    /// are scored against the whole archive. The lists are the ones a build without
    /// `previous` makes, score for score: the old list was the best six of the papers that
    /// did not change, whose scores with it are the same as then.
    init(_ terms: PaperTerms, previous: Kept? = nil) {
        papers = terms.papers
        let numberByID = Dictionary(terms.papers.enumerated().map { ($1.id.base, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        self.numberByID = numberByID
        let vectors = Self.vectors(terms)
        let hashes = Self.hashes(vectors, terms: terms.postings.terms)
        let ids = terms.papers.map(\.id.base)
        let update = previous.map { Update(previous: $0, ids: ids, hashes: hashes, numberByID: numberByID) }
        let lists = Self.invert(vectors, termCount: terms.postings.terms.count)
        let changedLists = update.map { Self.invert(vectors, termCount: terms.postings.terms.count, only: $0.changed) }
        let count = terms.papers.count
        let workers = min(count, 16)
        let computed = Parallel.map(workers) { worker in
            let range = (count * worker / workers)..<(count * (worker + 1) / workers)
            var scores = [Float](repeating: 0, count: count)
            var touched: [Int32] = []
            var result: [[(paper: Int32, score: Float)]] = []
            result.reserveCapacity(range.count)
            for paper in range {
                // Against every paper, or, for a kept list, against the changed ones only:
                // either way in this paper's term order, so each score is the same float.
                let kept = update?.lists[paper]
                let against = kept == nil ? lists : changedLists!
                for index in vectors.starts[paper]..<vectors.starts[paper + 1] {
                    let term = Int(vectors.terms[index]), weight = vectors.weights[index]
                    for entry in against.starts[term]..<against.starts[term + 1] {
                        let other = Int(against.papers[entry])
                        if scores[other] == 0 { touched.append(Int32(other)) }
                        scores[other] += weight * against.weights[entry]
                    }
                }
                scores[paper] = 0
                for (other, score) in kept ?? [] {
                    if scores[Int(other)] == 0 { touched.append(other) }
                    scores[Int(other)] = score
                }
                result.append(Self.best(touched, scores: scores, ids: ids).map { ($0, scores[Int($0)]) })
                for other in touched { scores[Int(other)] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            return result
        }.flatMap { $0 }
        self.lists = computed
        kept = Kept(ids: ids, hashes: hashes, lists: computed)
        keptLists = update?.lists.reduce(0) { $0 + ($1 == nil ? 0 : 1) } ?? 0
    }

    /// Which of the last build's lists still hold, in this build's numbers.
    private struct Update {
        /// Papers whose vectors are new or not as they were.
        var changed: Set<Int32> = []
        /// For each paper, its last list when it can be brought up to date, else nil.
        var lists: [[(paper: Int32, score: Float)]?]

        init(previous: Kept, ids: [String], hashes: [UInt64], numberByID: [String: Int32]) {
            let oldNumber = Dictionary(previous.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let old = ids.map { oldNumber[$0] }
            for (number, previousNumber) in old.enumerated() where previousNumber.map({ previous.hashes[$0] }) != hashes[number] {
                changed.insert(Int32(number))
            }
            let changed = changed
            lists = old.enumerated().map { number, previousNumber -> [(paper: Int32, score: Float)]? in
                guard let previousNumber, !changed.contains(Int32(number)) else { return nil }
                var list: [(paper: Int32, score: Float)] = []
                for entry in Int(previous.starts[previousNumber])..<Int(previous.starts[previousNumber + 1]) {
                    guard let other = numberByID[previous.ids[Int(previous.others[entry])]], !changed.contains(other) else { return nil }
                    list.append((other, Float(bitPattern: previous.scores[entry])))
                }
                return list
            }
        }
    }

    /// A hash of each paper's cut vector: its terms' bytes and their weights, which say
    /// everything its scores depend on (term numbers change from build to build).
    private static func hashes(_ vectors: Vectors, terms: [[UInt8]]) -> [UInt64] {
        Parallel.map(vectors.starts.count - 1) { paper in
            var hasher = KeyHasher(0x5265_6C61_7465_6401)  // "Related", format 1
            for index in vectors.starts[paper]..<vectors.starts[paper + 1] {
                hasher.add(ContentHash.of(terms[Int(vectors.terms[index])]))
                hasher.add(UInt64(vectors.weights[index].bitPattern))
            }
            return hasher.value
        }
    }

    /// The `count` best-scoring of `candidates`, ties broken by id.
    private static func best(_ candidates: [Int32], scores: [Float], ids: [String]) -> [Int32] {
        var best: [Int32] = []
        func better(_ a: Int32, _ b: Int32) -> Bool {
            let scoreA = scores[Int(a)], scoreB = scores[Int(b)]
            return scoreA != scoreB ? scoreA > scoreB : ids[Int(a)] < ids[Int(b)]
        }
        for candidate in candidates where scores[Int(candidate)] >= minimumScore {
            if best.count == count, !better(candidate, best[count - 1]) { continue }
            var position = best.count
            while position > 0, better(candidate, best[position - 1]) { position -= 1 }
            best.insert(candidate, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Every paper's cut, normalised vector: for paper `n`, `terms[starts[n]..<starts[n + 1]]`.
    private struct Vectors: Sendable {
        var starts: [Int] = [0]
        var terms: [Int32] = []
        var weights: [Float] = []
    }

    private static func vectors(_ terms: PaperTerms) -> Vectors {
        let postings = terms.postings
        let count = terms.papers.count
        // How many papers use each term: those of the weighting base, and all of them.
        let base = weightingBase(terms.papers)
        let (baseFrequency, documentFrequency) = {
            var inBase = [Int32](repeating: 0, count: postings.terms.count)
            var frequency = inBase
            let baseEnd = postings.starts[base]
            for (index, term) in postings.termOf.enumerated() where postings.relatedOf[index] > 0 {
                frequency[Int(term)] += 1
                if index < baseEnd { inBase[Int(term)] += 1 }
            }
            return (inBase, frequency)
        }()
        // A term the base does not have is weighted by the papers that use it now; one used
        // by more papers than the base holds weighs nothing (it is common anyway).
        let weighting = zip(baseFrequency, documentFrequency).map { inBase, now in inBase > 0 ? inBase : now }
        let idf = weighting.map { $0 > 0 ? Float(max(0, log(Double(base) / Double($0)))) : 0 }
        // Ties between equally strong terms go to the term first in byte order, not to the
        // lower term number: numbers change as the archive grows, bytes do not.
        let rank = {
            var rank = [Int32](repeating: 0, count: postings.terms.count)
            for (position, term) in terms.order.enumerated() { rank[Int(term)] = Int32(position) }
            return rank
        }()

        let common = Int32(max(200, base / commonShare))
        let workers = min(count, 16)
        let parts = Parallel.map(workers) { worker in
            let range = (count * worker / workers)..<(count * (worker + 1) / workers)
            var part = Vectors()
            var candidates: [(term: Int32, weight: Float)] = []
            for paper in range {
                var norm: Float = 0
                for index in postings.starts[paper]..<postings.starts[paper + 1] {
                    let frequency = postings.relatedOf[index]
                    guard frequency > 0 else { continue }
                    let term = postings.termOf[index]
                    let weight = (1 + Float(log(Double(frequency)))) * idf[Int(term)]
                    norm += weight * weight
                    // A term only this paper has relates it to nothing.
                    if documentFrequency[Int(term)] > 1, weighting[Int(term)] <= common, weight > 0 {
                        candidates.append((term, weight))
                    }
                }
                candidates.sort { $0.weight != $1.weight ? $0.weight > $1.weight : rank[Int($0.term)] < rank[Int($1.term)] }
                let scale = norm > 0 ? 1 / norm.squareRoot() : 0
                for candidate in candidates.prefix(termsPerPaper) {
                    part.terms.append(candidate.term)
                    part.weights.append(candidate.weight * scale)
                }
                part.starts.append(part.terms.count)
                candidates.removeAll(keepingCapacity: true)
            }
            return part
        }
        var vectors = Vectors()
        for part in parts {
            let offset = vectors.terms.count
            vectors.terms += part.terms
            vectors.weights += part.weights
            vectors.starts += part.starts.dropFirst().map { $0 + offset }
        }
        return vectors
    }

    /// How many of the oldest papers (`papers` are numbered oldest first) the terms' weights
    /// come from: those before the start of a month, so that a new day, which adds papers
    /// after it, changes no weight. Were the weights taken from every paper, each day would
    /// move all of them a little, reorder thousands of lists whose scores were close, and
    /// make a new day render thousands of old paper pages for nothing.
    ///
    /// The base moves to a later month's start only once the papers before it are a quarter
    /// more than the base's (`growth`), so the weights change every few months, less often
    /// as the archive grows, and stay close to the whole archive's. An archive of one month
    /// has no earlier month: all its papers are the base.
    static func weightingBase(_ papers: [Paper]) -> Int {
        var base = 0
        for index in papers.indices.dropFirst()
        where (papers[index].day.year, papers[index].day.month) != (papers[index - 1].day.year, papers[index - 1].day.month) {
            if base == 0 || index >= base + base / growth { base = index }
        }
        return base == 0 ? papers.count : base
    }

    /// The base moves when the archive before a month's start is 1 + 1 / `growth` times the base.
    static let growth = 4

    /// For term `t`, the papers whose cut vectors hold it, with their weights:
    /// `papers[starts[t]..<starts[t + 1]]`, in paper order.
    private struct Lists: Sendable {
        var starts: [Int]
        var papers: [Int32]
        var weights: [Float]
    }

    /// `only`: the papers to list (all when nil).
    private static func invert(_ vectors: Vectors, termCount: Int, only: Set<Int32>? = nil) -> Lists {
        let included = only.map { $0.sorted().map(Int.init) } ?? Array(0..<vectors.starts.count - 1)
        var starts = [Int](repeating: 0, count: termCount + 1)
        for paper in included {
            for index in vectors.starts[paper]..<vectors.starts[paper + 1] { starts[Int(vectors.terms[index]) + 1] += 1 }
        }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var fill = starts
        var papers = [Int32](repeating: 0, count: starts[termCount])
        var weights = [Float](repeating: 0, count: starts[termCount])
        for paper in included {
            for index in vectors.starts[paper]..<vectors.starts[paper + 1] {
                let term = Int(vectors.terms[index])
                papers[fill[term]] = Int32(paper)
                weights[fill[term]] = vectors.weights[index]
                fill[term] += 1
            }
        }
        return Lists(starts: starts, papers: papers, weights: weights)
    }
}
