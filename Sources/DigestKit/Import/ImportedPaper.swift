/// A paper read from a collector's output, in Digest's terms, before it is merged into the content.
public struct ImportedPaper: Sendable, Equatable {
    /// The id as the source gives it, with its version when it has one.
    public var id: String
    public var title: String
    public var authors: [String]
    /// The digest day it was collected for.
    public var day: CalendarDay
    public var topics: [String] = []
    public var highlights: [String] = []
    public var summary: String?
    public var abstract: String?
    /// RFC 3339, as Digest writes it.
    public var published: String?
    public var code: String?
    public var project: String?
    public var pdf: String?
    /// The code repository's stars (Hugging Face's `githubStars`).
    public var codeStars: Int?
    public var upvotes: Int?
    public var organization: String?
    public var relevance: Int?
    public var novelty: Int?
    public var comment: String?
    /// The language of the collector's text, a BCP 47 tag (daily-arXiv-ai-enhanced's file name says it).
    public var language: String?

    public init(id: String, title: String, authors: [String], day: CalendarDay) {
        self.id = id
        self.title = title
        self.authors = authors
        self.day = day
    }

    var paperID: PaperID { PaperID(id) }

    /// The record's fields in the order Digest writes them. Absent values are left out, so an
    /// update never erases what a record already has.
    var fields: [(String, JSON)] {
        var fields: [(String, JSON)] = [("id", .string(id)), ("title", .string(title)), ("authors", .strings(authors))]
        if !topics.isEmpty { fields.append(("topics", .strings(topics))) }
        if !highlights.isEmpty { fields.append(("highlights", .strings(highlights))) }
        if let summary { fields.append(("summary", .string(summary))) }
        if let abstract { fields.append(("abstract", .string(abstract))) }
        if let published { fields.append(("published", .string(published))) }
        let links = [("code", code), ("project", project), ("pdf", pdf)].compactMap { key, url in url.map { (key, JSON.string($0)) } }
        if !links.isEmpty { fields.append(("links", .object(links))) }
        if let codeStars { fields.append(("codeStars", .number(codeStars))) }
        if let upvotes { fields.append(("upvotes", .number(upvotes))) }
        if let organization { fields.append(("organization", .string(organization))) }
        if let relevance { fields.append(("relevance", .number(relevance))) }
        if let novelty { fields.append(("novelty", .number(novelty))) }
        if let comment { fields.append(("comment", .string(comment))) }
        if let language { fields.append(("language", .string(language))) }
        return fields
    }
}

/// `Content/topics.json`: which collector keywords and arXiv categories mean which site topic.
///
///     {"keywords": {"reinforcement learning": "Reinforcement Learning"},
///      "categories": {"cs.CL": "Language Models", "cs.RO": "Robotics"}}
///
/// Keywords match whole, ignoring case and runs of spaces; unmapped ones are dropped,
/// because Hugging Face's are many and noisy.
public struct TopicMapping: Sendable {
    var keywords: [String: String] = [:]
    var categories: [String: String] = [:]

    public init() {}

    /// Reads the mapping; problems are reported like any content error.
    public static func decode(_ file: SourceFile) -> (TopicMapping, [Diagnostic]) {
        guard let json = PaperFileDecoder.parse(file) else { return (TopicMapping(), [PaperFileDecoder.parseDiagnostic(file)!]) }
        var mapping = TopicMapping()
        guard case .object = json.value else {
            return (mapping, PaperFileDecoder.shapeProblem(json, in: file, expected: "an object with \"keywords\" and \"categories\""))
        }
        var reader = FieldReader(file: file, object: json)
        for (key, target) in [("keywords", \TopicMapping.keywords), ("categories", \TopicMapping.categories)] {
            guard let value = reader.value(key, required: false) else { continue }
            guard case .object(let members) = value.value else {
                reader.fail(at: value.offset, field: key, "expected an object mapping names to topics, found \(value.kindDescription)")
                continue
            }
            for member in members {
                guard case .string(let topic) = member.value.value, !topic.trimmingWhitespace().isEmpty else {
                    reader.fail(at: member.value.offset, field: "\(key).\(member.key)", "expected a topic name")
                    continue
                }
                let name = key == "keywords" ? normalize(member.key) : member.key.trimmingWhitespace()
                mapping[keyPath: target][name] = topic.trimmingWhitespace()
            }
        }
        return (mapping, PaperFileDecoder.located(reader.diagnostics, in: file))
    }

    /// Site topics for collector keywords, in the keywords' order, each once.
    func topics(forKeywords words: [String]) -> [String] {
        unique(words.compactMap { keywords[Self.normalize($0)] })
    }

    /// Site topics for arXiv categories (primary first), each once.
    func topics(forCategories terms: [String]) -> [String] {
        unique(terms.compactMap { categories[$0.trimmingWhitespace()] })
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    static func normalize(_ keyword: String) -> String {
        keyword.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
