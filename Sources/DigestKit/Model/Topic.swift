/// A topic: its display name and the folder of its page, `topics/<slug>/`.
public struct Topic: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// One of `paletteSize` chip colours. Topics listed in site.json take them in order, so
    /// the first twelve never share one; others get one from a hash of their slug. Either
    /// way a topic keeps its colour from build to build.
    public var colorIndex: Int

    public static let paletteSize = 12

    public init(name: String, configured: [String] = []) {
        let slug = Slug.make(name, fallbackPrefix: "topic")
        self.name = name
        self.slug = slug
        if let position = configured.firstIndex(where: { Slug.make($0, fallbackPrefix: "topic") == slug }) {
            colorIndex = position % Self.paletteSize
        } else {
            colorIndex = Int(StableHash.value(slug.utf8) % UInt64(Self.paletteSize))
        }
    }

    /// Papers whose records name no topic.
    public static let other = Topic(name: "Other")
}

/// One spelling per topic: names that make the same slug (`NLP`, `nlp`) are one topic,
/// shown as `site.json` spells it, else as the first record that used it.
struct TopicNames: Sendable {
    private var spelling: [String: String] = [:]

    init(configured: [String], inRecordOrder records: [Paper]) {
        let ordered = records.sorted { ($0.day, $0.origin) < ($1.day, $1.origin) }
        for name in configured + ordered.flatMap(\.topics) {
            let slug = Slug.make(name, fallbackPrefix: "topic")
            if spelling[slug] == nil { spelling[slug] = name }
        }
    }

    func canonical(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.compactMap { name in
            let slug = Slug.make(name, fallbackPrefix: "topic")
            guard seen.insert(slug).inserted else { return nil }
            return spelling[slug] ?? name
        }
    }
}
