/// What the search page and the header search look through: `search/index.json` lists one
/// shard per month (`search/YYYY-MM.json`), newest first. A month's shard changes only when
/// its papers do, so browsers keep old months cached and a new day rewrites one small file.
/// Shards are as compact as they can be while staying plain JSON: columns are named once,
/// days and topics are numbers into the shard's own lists, and highlights are cut to a few
/// sentences.
enum SearchIndex {
    /// How much of a paper's key points the index keeps; titles, authors and topics are whole.
    static let highlightCharacters = 240
    /// Authors beyond this many are counted, not listed.
    static let authorCount = 8

    static let fields = ["id", "slug", "title", "authors", "topics", "highlights", "day"]

    static let manifestPath = "search/index.json"
    static func shardPath(_ key: String) -> String { "search/\(key).json" }

    /// `{"version": 2, "fields": [...], "shards": [{"month": "2026-11", "href": "2026-11.json", "papers": 42}, ...]}`.
    static func manifest(_ digest: Digest) -> [UInt8] {
        var json = JSONBytes(capacity: 256 + digest.archiveMonths.count * 64)
        json.object { json in
            json.key("version")
            json.number(2)
            json.key("fields")
            json.array(fields)
            json.key("shards")
            json.array { json in
                for month in digest.archiveMonths {
                    json.object { json in
                        json.member("month", month.key)
                        json.member("href", "\(month.key).json")
                        json.key("papers")
                        json.number(month.paperCount)
                    }
                }
            }
        }
        return json.bytes
    }

    struct Shard {
        var days: [String]
        var topics: [String]
        var papers: [Row]

        /// `{"days": [...], "topics": [...], "papers": [[...], ...]}`.
        func json() -> [UInt8] {
            var json = JSONBytes(capacity: papers.count * 480)
            json.object { json in
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

    /// The shard of one month's papers, in the order the site lists them (newest day first).
    static func shard(_ month: ArchiveMonth) -> Shard {
        let days = month.days.map(\.day.description)
        var topics: [String] = []
        var topicIndex: [String: Int] = [:]
        var rows: [Row] = []
        for (dayNumber, group) in month.days.enumerated() {
            for paper in group.papers {
                var authors = paper.authors.prefix(authorCount).joined(separator: ", ")
                if paper.authors.count > authorCount { authors += " et al. (\(paper.authors.count) authors)" }
                var highlights = paper.highlights.map(Markdown.plainText).joined(separator: " · ")
                if highlights.count > highlightCharacters { highlights = String(highlights.prefix(highlightCharacters)) + "…" }
                let topicNumbers = paper.topics.map { name in
                    if let number = topicIndex[name] { return number }
                    topics.append(name)
                    topicIndex[name] = topics.count - 1
                    return topics.count - 1
                }
                rows.append(
                    Row(
                        id: paper.id.description, slug: paper.slug, title: paper.title, authors: authors, topics: topicNumbers,
                        highlights: highlights, day: dayNumber))
            }
        }
        return Shard(days: days, topics: topics, papers: rows)
    }
}
