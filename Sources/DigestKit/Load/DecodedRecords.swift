/// What decoding one paper file gave: its records and its problems. The build cache keeps it
/// for files that decoded without errors (`RecordFolder`), so a build decodes again only the
/// files whose bytes changed.
struct DecodedRecords: Sendable {
    var records: [Paper]
    var diagnostics: [Diagnostic]
}

/// Where decoded files are kept between builds; numbers are positions in the content's
/// list of paper files.
protocol DecodedRecordStore: Sendable {
    /// The file's records as decoded from the bytes it has now, if they were kept.
    func decoded(_ file: Int) -> DecodedRecords?
    /// Keeps what decoding the file gave (called from any thread).
    func keep(_ file: Int, _ decoded: DecodedRecords)
}

extension ByteWriter {
    mutating func paper(_ paper: Paper) {
        let fields = paper.fields
        string(fields.id.description)
        string(fields.title)
        strings(fields.authors)
        for part in [fields.day.year, fields.day.month, fields.day.day] { int(part) }
        int(fields.collectedAt.map { Int($0.secondsSinceEpoch) })
        strings(fields.topics)
        strings(fields.highlights)
        string(fields.summary)
        string(fields.abstract)
        int(fields.published.map { Int($0.secondsSinceEpoch) })
        for link in [fields.links.arxiv, fields.links.pdf, fields.links.code, fields.links.project] { string(link) }
        int(fields.links.codeStars)
        int(fields.upvotes)
        string(fields.organization)
        int(fields.relevance)
        int(fields.novelty)
        string(fields.comment)
        string(fields.language)
        int(fields.origin.recordIndex)
        string(fields.slug)
    }
}

extension ByteReader {
    /// A paper `ByteWriter.paper` wrote, found in file number `file` at `path`.
    mutating func paper(file: Int, path: String) throws(Malformed) -> Paper {
        let id = PaperID(try string())
        let title = try string()
        let authors = try strings()
        guard let day = CalendarDay(year: Int(try int()), month: Int(try int()), day: Int(try int())) else { throw Malformed() }
        let collectedAt = try optionalInt().map { Timestamp(secondsSinceEpoch: Int64($0)) }
        let topics = try strings()
        guard !topics.isEmpty else { throw Malformed() }  // every paper has a primary topic
        let highlights = try strings()
        let summary = try optionalString(), abstract = try optionalString()
        let published = try optionalInt().map { Timestamp(secondsSinceEpoch: Int64($0)) }
        let links = PaperLinks(
            arxiv: try optionalString(), pdf: try optionalString(), code: try optionalString(), project: try optionalString(),
            codeStars: try optionalInt())
        let upvotes = try optionalInt(), organization = try optionalString()
        let relevance = try optionalInt(), novelty = try optionalInt()
        let comment = try optionalString(), language = try optionalString()
        let origin = RecordOrigin(fileIndex: file, recordIndex: Int(try int()), file: path)
        return Paper(
            Paper.Fields(
                id: id, title: title, authors: authors, day: day, collectedAt: collectedAt, topics: topics, highlights: highlights,
                summary: summary, abstract: abstract, published: published, links: links, upvotes: upvotes,
                organization: organization, relevance: relevance, novelty: novelty, comment: comment, language: language,
                origin: origin, slug: try string()))
    }
}
