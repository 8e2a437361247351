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

    init(_ terms: PaperTerms) {
        papers = terms.papers
        numberByID = Dictionary(terms.papers.enumerated().map { ($1.id.base, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        let vectors = Self.vectors(terms)
        let lists = Self.invert(vectors, termCount: terms.postings.terms.count)
        let ids = terms.papers.map(\.id.base)
        let count = terms.papers.count
        let workers = min(count, 16)
        self.lists = Parallel.map(workers) { worker in
            let range = (count * worker / workers)..<(count * (worker + 1) / workers)
            var scores = [Float](repeating: 0, count: count)
            var touched: [Int32] = []
            var result: [[(paper: Int32, score: Float)]] = []
            result.reserveCapacity(range.count)
            for paper in range {
                for index in vectors.starts[paper]..<vectors.starts[paper + 1] {
                    let term = Int(vectors.terms[index]), weight = vectors.weights[index]
                    for entry in lists.starts[term]..<lists.starts[term + 1] {
                        let other = Int(lists.papers[entry])
                        if scores[other] == 0 { touched.append(Int32(other)) }
                        scores[other] += weight * lists.weights[entry]
                    }
                }
                scores[paper] = 0
                result.append(Self.best(touched, scores: scores, ids: ids).map { ($0, scores[Int($0)]) })
                for other in touched { scores[Int(other)] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            return result
        }.flatMap { $0 }
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

    private static func invert(_ vectors: Vectors, termCount: Int) -> Lists {
        var starts = [Int](repeating: 0, count: termCount + 1)
        for term in vectors.terms { starts[Int(term) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var fill = starts
        var papers = [Int32](repeating: 0, count: vectors.terms.count)
        var weights = [Float](repeating: 0, count: vectors.terms.count)
        for paper in 0..<vectors.starts.count - 1 {
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
