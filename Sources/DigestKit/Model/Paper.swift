/// A paper: as one record of a content file describes it, and — after `PaperMerger` —
/// as the site shows it, every collection of it merged into one.
///
/// A site holds each paper in several lists at once (its day, its day's topic section, each
/// of its topics, the window or the archive), so the fields live behind one shared reference,
/// copied only when a copy is changed: a copy costs 8 bytes instead of some 400, which keeps
/// a 50,000-paper build within its memory budget.
public struct Paper: Sendable, Identifiable {
    public struct Fields: Sendable {
        public var id: PaperID
        public var title: String
        public var authors: [String]
        /// The digest day it first appeared on.
        public var day: CalendarDay
        /// When it was first collected, if the record carried a timestamp.
        public var collectedAt: Timestamp?
        /// Topic names, primary first; never empty (`Other` when the records gave none).
        public var topics: [String]
        /// Key points, Markdown.
        public var highlights: [String]
        /// The AI-written summary, Markdown.
        public var summary: String?
        public var abstract: String?
        public var published: Timestamp?
        public var links: PaperLinks
        public var upvotes: Int?
        public var organization: String?
        public var relevance: Int?
        public var novelty: Int?
        public var comment: String?
        /// The language of the collector's text (summary and key points), a BCP 47 tag,
        /// when the record says; pages mark that text with it when it is not the site's.
        public var language: String? = nil
        /// Where it came from: the file and index of its first record, which also fixes its
        /// position among the papers of its day (the collector's order).
        public var origin: RecordOrigin

        /// The folder name of its permanent page, `papers/<slug>/`; empty until the papers are merged.
        public var slug: String
    }

    /// Shared between copies until one is changed; never changed while shared.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(_ fields: Fields) { box = Box(fields) }

    public var fields: Fields { box.fields }

    /// Makes the fields this copy's own before one is changed.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    private mutating func update<Value>(_ field: WritableKeyPath<Fields, Value>, _ value: Value) {
        makeUnique()
        box.fields[keyPath: field] = value
    }

    // Each field, read straight from the box and written through `update`. (Spelled out:
    // key-path member lookup cost a microsecond a paper in the hottest loops; writes are rare.)
    public var id: PaperID { get { box.fields.id } set { update(\.id, newValue) } }
    public var title: String { get { box.fields.title } set { update(\.title, newValue) } }
    public var authors: [String] { get { box.fields.authors } set { update(\.authors, newValue) } }
    public var day: CalendarDay { get { box.fields.day } set { update(\.day, newValue) } }
    public var collectedAt: Timestamp? { get { box.fields.collectedAt } set { update(\.collectedAt, newValue) } }
    public var topics: [String] { get { box.fields.topics } set { update(\.topics, newValue) } }
    public var highlights: [String] { get { box.fields.highlights } set { update(\.highlights, newValue) } }
    public var summary: String? { get { box.fields.summary } set { update(\.summary, newValue) } }
    public var abstract: String? { get { box.fields.abstract } set { update(\.abstract, newValue) } }
    public var published: Timestamp? { get { box.fields.published } set { update(\.published, newValue) } }
    public var links: PaperLinks { get { box.fields.links } set { update(\.links, newValue) } }
    public var upvotes: Int? { get { box.fields.upvotes } set { update(\.upvotes, newValue) } }
    public var organization: String? { get { box.fields.organization } set { update(\.organization, newValue) } }
    public var relevance: Int? { get { box.fields.relevance } set { update(\.relevance, newValue) } }
    public var novelty: Int? { get { box.fields.novelty } set { update(\.novelty, newValue) } }
    public var comment: String? { get { box.fields.comment } set { update(\.comment, newValue) } }
    public var language: String? { get { box.fields.language } set { update(\.language, newValue) } }
    public var origin: RecordOrigin { get { box.fields.origin } set { update(\.origin, newValue) } }
    public var slug: String { get { box.fields.slug } set { update(\.slug, newValue) } }

    public var primaryTopic: String { box.fields.topics[0] }
}

/// Links shown on a paper's page. Every URL is absolute http or https.
public struct PaperLinks: Sendable, Hashable {
    public var arxiv: String?
    public var pdf: String?
    public var code: String?
    public var project: String?
    /// The code repository's stars, when the collector gave them.
    public var codeStars: Int?

    public init(arxiv: String? = nil, pdf: String? = nil, code: String? = nil, project: String? = nil, codeStars: Int? = nil) {
        self.arxiv = arxiv
        self.pdf = pdf
        self.code = code
        self.project = project
        self.codeStars = codeStars
    }
}

/// A record's place in the content: file order, then position in the file.
public struct RecordOrigin: Sendable, Hashable, Comparable {
    public var fileIndex: Int
    public var recordIndex: Int
    public var file: String

    public static func < (lhs: RecordOrigin, rhs: RecordOrigin) -> Bool {
        (lhs.fileIndex, lhs.recordIndex) < (rhs.fileIndex, rhs.recordIndex)
    }
}
