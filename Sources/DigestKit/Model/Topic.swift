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
    /// Each name as it was spelled, to the name to show: a site has a few dozen topic names
    /// and tens of thousands of papers carrying them, so each name is slugged once.
    private var canonicalByName: [String: String] = [:]

    /// `ordered` are the records by day, then file and position.
    init(configured: [String], ordered records: [Paper]) {
        var slugs: [String: String] = [:]
        for name in configured + records.flatMap(\.topics) where slugs[name] == nil {
            let slug = Slug.make(name, fallbackPrefix: "topic")
            slugs[name] = slug
            if spelling[slug] == nil { spelling[slug] = name }
        }
        for (name, slug) in slugs { canonicalByName[name] = spelling[slug] ?? name }
    }

    func canonical(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.compactMap { name in
            let shown = canonicalByName[name] ?? name
            return seen.insert(shown).inserted ? shown : nil
        }
    }
}
