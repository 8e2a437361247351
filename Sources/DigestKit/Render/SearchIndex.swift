/// `search/index.json`: what the search page and the header search look through, as
/// compact as it can be while staying plain JSON: columns are named once, days and
/// topics are numbers into shared lists, and highlights are cut to a few sentences.
enum SearchIndex {
    /// How much of a paper's key points the index keeps; titles, authors and topics are whole.
    static let highlightCharacters = 240
    /// Authors beyond this many are counted, not listed.
    static let authorCount = 8

    static let fields = ["id", "slug", "title", "authors", "topics", "highlights", "day"]

    struct Index {
        var days: [String]
        var topics: [String]
        var papers: [Row]

        /// `{"version": 1, "fields": [...], "days": [...], "topics": [...], "papers": [[...], ...]}`.
        func json() -> [UInt8] {
            var json = JSONBytes(capacity: papers.count * 480)
            json.object { json in
                json.key("version")
                json.number(1)
                json.key("fields")
                json.array(SearchIndex.fields)
                json.key("days")
                json.array(days)
                json.key("topics")
                json.array(topics)
                json.key("papers")
                json.array { json in
                    for row in papers { row.write(to: &json) }
                }
            }
            return json.bytes
        }
    }

    /// One paper, written as an array in the order of `fields`.
    struct Row {
        var id: String
        var slug: String
        var title: String
        var authors: String
        var topics: [Int]
        var highlights: String
        var day: Int

        func write(to json: inout JSONBytes) {
            json.array { json in
                json.string(id)
                json.string(slug)
                json.string(title)
                json.string(authors)
                json.array(topics)
                json.string(highlights)
                json.number(day)
            }
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
