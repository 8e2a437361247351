/// `search/index.json`: what the search page and the header search look through, as
/// compact as it can be while staying plain JSON: columns are named once, days and
/// topics are numbers into shared lists, and highlights are cut to a few sentences.
enum SearchIndex {
    /// How much of a paper's key points the index keeps; titles, authors and topics are whole.
    static let highlightCharacters = 240
    /// Authors beyond this many are counted, not listed.
    static let authorCount = 8

    struct Index: Encodable {
        var version = 1
        var fields = ["id", "slug", "title", "authors", "topics", "highlights", "day"]
        var days: [String]
        var topics: [String]
        var papers: [Row]
    }

    /// One paper, encoded as an array in the order of `fields`.
    struct Row: Encodable {
        var id: String
        var slug: String
        var title: String
        var authors: String
        var topics: [Int]
        var highlights: String
        var day: Int

        func encode(to encoder: Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(id)
            try row.encode(slug)
            try row.encode(title)
            try row.encode(authors)
            try row.encode(topics)
            try row.encode(highlights)
            try row.encode(day)
        }
    }

    static func build(_ digest: Digest) -> Index {
        let days = digest.days.map(\.day.description)
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        let topics = digest.topics.map(\.topic.name)
        let topicIndex = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1, $0) })
        let rows = Parallel.map(digest.papers.count) { index -> Row in
            let paper = digest.papers[index]
            var authors = paper.authors.prefix(authorCount).joined(separator: ", ")
            if paper.authors.count > authorCount { authors += " et al. (\(paper.authors.count) authors)" }
            var highlights = paper.highlights.map(Markdown.plainText).joined(separator: " · ")
            if highlights.count > highlightCharacters { highlights = String(highlights.prefix(highlightCharacters)) + "…" }
            return Row(
                id: paper.id.description, slug: paper.slug, title: paper.title, authors: authors,
                topics: paper.topics.compactMap { topicIndex[$0] }, highlights: highlights,
                day: dayIndex[paper.day.description] ?? 0)
        }
        return Index(days: days, topics: topics, papers: rows)
    }
}
