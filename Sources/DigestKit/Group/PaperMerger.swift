/// Merges every collection of the same paper into one `Paper`.
///
/// The collector runs several times a day and sees papers again (new versions, more
/// upvotes). A paper keeps the day and position of its first record; each other field
/// takes the value of the latest record that has one, "latest" meaning later day, then
/// later file in path order, then later in the file — except that a record of a lower
/// explicit version never replaces a higher one.
enum PaperMerger {
    /// `ordered`: the records by day, then file and position.
    static func merge(ordered: [Paper], topicNames: TopicNames, other: String = Topic.other.name) -> [Paper] {
        // Most papers have one record: only ids seen again get a list of their records.
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(ordered.count)
        var firsts: [Paper] = []
        var later: [Int: [Paper]] = [:]
        for record in ordered {
            if let index = indexByID[record.id.base] {
                later[index, default: []].append(record)
            } else {
                indexByID[record.id.base] = firsts.count
                firsts.append(record)
            }
        }
        let (firstRecords, laterRecords) = (firsts, later)
        var papers = Parallel.map(firsts.count) { index in
            var paper = combine(firstRecords[index], later: laterRecords[index] ?? [], topicNames: topicNames, other: other)
            paper.slug = Slug.make(paper.id.base, fallbackPrefix: "paper")
            return paper
        }
        separateSlugs(&papers)
        return papers
    }

    /// The first record with the fields of `later` ones (in order) laid over it.
    private static func combine(_ first: Paper, later: [Paper], topicNames: TopicNames, other: String) -> Paper {
        var latest = first
        var paper = first
        for record in later {
            if let kept = latest.id.version, let offered = record.id.version, offered < kept { continue }
            latest = record
            paper.id = record.id
            paper.title = record.title
            paper.authors = record.authors
            if !record.topics.isEmpty { paper.topics = record.topics }
            if !record.highlights.isEmpty { paper.highlights = record.highlights }
            paper.summary = record.summary ?? paper.summary
            paper.abstract = record.abstract ?? paper.abstract
            paper.published = record.published ?? paper.published
            paper.links.arxiv = record.links.arxiv ?? paper.links.arxiv
            paper.links.pdf = record.links.pdf ?? paper.links.pdf
            paper.links.code = record.links.code ?? paper.links.code
            paper.links.codeStars = record.links.codeStars ?? paper.links.codeStars
            paper.links.project = record.links.project ?? paper.links.project
            paper.upvotes = record.upvotes ?? paper.upvotes
            paper.organization = record.organization ?? paper.organization
            paper.relevance = record.relevance ?? paper.relevance
            paper.novelty = record.novelty ?? paper.novelty
            paper.comment = record.comment ?? paper.comment
            paper.language = record.language ?? paper.language
        }
        paper.topics = paper.topics.isEmpty ? [other] : topicNames.canonical(paper.topics)
        if paper.id.isArXiv {
            paper.links.arxiv = paper.links.arxiv ?? "https://arxiv.org/abs/\(paper.id.base)"
            paper.links.pdf = paper.links.pdf ?? "https://arxiv.org/pdf/\(paper.id.base)"
        }
        return paper
    }

    /// Gives papers whose ids share a slug (`A/B` and `a-b` would share a folder) slugs of
    /// their own: those whose id is not already in slug form get a hash of the id appended,
    /// so the plain form keeps its permalink.
    private static func separateSlugs(_ papers: inout [Paper]) {
        var bySlug: [String: [Int]] = [:]
        bySlug.reserveCapacity(papers.count)
        for index in papers.indices {
            bySlug[papers[index].slug, default: []].append(index)
        }
        for (slug, indices) in bySlug where indices.count > 1 {
            for index in indices where papers[index].id.base != slug {
                papers[index].slug = String(slug.prefix(Slug.maxLength - 9)) + "-" + StableHash.hex(papers[index].id.base)
            }
        }
    }
}
