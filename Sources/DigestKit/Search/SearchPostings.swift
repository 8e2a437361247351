import Foundation

/// Every paper's terms and how often each occurs, weighted by field: the first half of
/// building the search index, run on every core over contiguous runs of papers.
///
/// Each worker keeps its own vocabulary (word → term number), so a word is folded,
/// checked against the stop words and stemmed once per worker, not once per occurrence;
/// the vocabularies are merged into one at the end.
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

    /// Terms, each once, in no particular order.
    var terms: [[UInt8]]
    /// For paper `n`, its postings are `termOf[starts[n]..<starts[n + 1]]`, with frequencies
    /// in `frequencyOf`; a frequency of -1 marks a term that is not a word (`#id`, `$code`…).
    var starts: [Int]
    var termOf: [Int32]
    var frequencyOf: [Int32]
    /// The same postings' frequencies in the fields related papers compare (0 when a term
    /// is only in the others).
    var relatedOf: [UInt16]
    /// Each paper's length in words (stop words left out), for BM25's length normalisation.
    var lengths: [Int32]

    /// The papers in the order given (their numbers).
    init(_ papers: [Paper], topicSlugs: [String: String]) {
        // One part per core, no more: each part has a vocabulary of its own, and on real
        // text most words are rare, so each extra part holds most of the vocabulary again.
        let workers = min(papers.count, ProcessInfo.processInfo.activeProcessorCount)
        var parts = Parallel.map(workers) { worker in
            let range = (papers.count * worker / workers)..<(papers.count * (worker + 1) / workers)
            var part = Part()
            for index in range { part.add(papers[index], topicSlugs: topicSlugs) }
            return part
        }
        var global: [[UInt8]: Int32] = [:]
        terms = []
        starts = [0]
        termOf = []
        frequencyOf = []
        relatedOf = []
        lengths = []
        termOf.reserveCapacity(parts.reduce(0) { $0 + $1.termOf.count })
        frequencyOf.reserveCapacity(termOf.capacity)
        relatedOf.reserveCapacity(termOf.capacity)
        for index in parts.indices {
            // Each part is let go once copied, so the postings are never held twice over.
            let part = parts[index]
            parts[index] = Part()
            let mapping = part.terms.map { term -> Int32 in
                if let number = global[term] { return number }
                global[term] = Int32(terms.count)
                terms.append(term)
                return Int32(terms.count - 1)
            }
            let offset = termOf.count
            termOf.append(contentsOf: part.termOf.lazy.map { mapping[Int($0)] })
            frequencyOf.append(contentsOf: part.frequencyOf)
            relatedOf.append(contentsOf: part.relatedOf)
            starts.append(contentsOf: part.starts.dropFirst().lazy.map { $0 + offset })
            lengths.append(contentsOf: part.lengths)
        }
    }

    /// One worker's papers, with term numbers of its own vocabulary.
    private struct Part: Sendable {
        var terms: [[UInt8]] = []
        var starts: [Int] = [0]
        var termOf: [Int32] = []
        var frequencyOf: [Int32] = []
        var relatedOf: [UInt16] = []
        var lengths: [Int32] = []

        private var words = SearchWords()
        /// A folded word → its term's number, or -1 for a stop word.
        private var wordTerms = WordTable()
        private var termNumbers: [[UInt8]: Int32] = [:]
        /// The current paper's frequency of each term, and which are set.
        private var frequency: [Int32] = []
        private var related: [UInt16] = []
        private var touched: [Int32] = []
        private var length: Int32 = 0

        mutating func add(_ paper: Paper, topicSlugs: [String: String]) {
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
                frequencyOf.append(frequency[Int(term)])
                relatedOf.append(related[Int(term)])
                frequency[Int(term)] = 0
                related[Int(term)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            starts.append(termOf.count)
            lengths.append(length)
            length = 0
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
