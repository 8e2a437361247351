/// One paper record as read from a content file, before collections of the same paper are merged.
public struct PaperRecord: Sendable {
    public var id: PaperID
    public var title: String
    public var authors: [String]
    public var day: CalendarDay
    public var collectedAt: Timestamp?
    public var topics: [String]
    public var highlights: [String]
    public var summary: String?
    public var abstract: String?
    public var published: Timestamp?
    public var links: PaperLinks
    public var upvotes: Int?
    public var organization: String?
    public var relevance: Int?
    public var novelty: Int?
    public var comment: String?
    public var origin: RecordOrigin
}
