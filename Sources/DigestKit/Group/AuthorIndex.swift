/// The authors with a page of their own: every written name on at least
/// `SiteConfig.authorPages` papers, with those papers.
///
/// A name is the person: two people who write their names the same way share a page, and
/// one person who writes it two ways has two (docs/authors.md). Names compare as Swift
/// strings do, so a name in composed and in decomposed Unicode is one name.
public struct AuthorIndex: Sendable {
    public struct Author: Sendable {
        public var name: String
        /// The folder of the page, `authors/<slug>/`.
        public var slug: String
        /// Newest first.
        public var papers: [Paper]
    }

    /// By slug.
    public let authors: [Author]
    private let slugByName: [String: String]

    public static let empty = AuthorIndex(authors: [], slugByName: [:])

    private init(authors: [Author], slugByName: [String: String]) {
        self.authors = authors
        self.slugByName = slugByName
    }

    static func urlPath(slug: String) -> String { "authors/\(slug)/" }

    /// The page of the author who wrote their name this way, if they have one.
    public func slug(of name: String) -> String? { slugByName[name] }

    /// `papers` newest first; authors on fewer than `minimum` papers get no page (nobody
    /// does when it is 0).
    init(_ papers: [Paper], minimum: Int) {
        guard minimum > 0 else {
            self.init(authors: [], slugByName: [:])
            return
        }
        // Each name is hashed once per paper, into its number; papers are kept as their
        // positions until the names with pages are known.
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(papers.count * 2)
        var names: [String] = []
        var papersOf: [[Int32]] = []
        for (position, paper) in papers.enumerated() {
            // A name listed twice on one paper counts once. (A short list is searched for
            // repeats rather than put in a set, which allocated for every paper.)
            let authors = paper.authors
            let repeats =
                authors.count <= 16 ? authors.indices.contains { authors[..<$0].contains(authors[$0]) } : Set(authors).count < authors.count
            for (index, name) in authors.enumerated() {
                if repeats, authors[..<index].contains(name) { continue }
                if let number = numbers[name] {
                    papersOf[number].append(Int32(position))
                } else {
                    numbers[name] = names.count
                    names.append(name)
                    papersOf.append([Int32(position)])
                }
            }
        }
        let chosen = names.indices.filter { papersOf[$0].count >= minimum }
        let slugs = Self.slugs(chosen.map { names[$0] }, oldest: { papers[Int(papersOf[numbers[$0]!].last!)] })
        let authors = chosen.map { number in
            Author(name: names[number], slug: slugs[names[number]]!, papers: papersOf[number].map { papers[Int($0)] })
        }.sorted { $0.slug < $1.slug }
        self.init(authors: authors, slugByName: slugs)
    }

    /// Each name's slug: its letters folded to ASCII (`Søren Ölund` → `soren-olund`), or a
    /// hash of the name when it has none to fold (Chinese, Cyrillic…).
    ///
    /// When names fold alike (`José García`, `Jose Garcia`), the one on the oldest paper keeps
    /// the plain slug and the others add a hash of their own name: a name's slug never
    /// changes when another author's papers arrive later.
    static func slugs(_ names: [String], oldest: (String) -> Paper) -> [String: String] {
        let folded = Dictionary(grouping: names) { Slug.make($0, fallbackPrefix: "author") }
        var taken = Set(folded.keys)
        var result: [String: String] = [:]
        for (slug, group) in folded.sorted(by: { $0.key < $1.key }) {
            let ordered = group.map { (name: $0, paper: oldest($0)) }.sorted { a, b in
                if a.paper.day != b.paper.day { return a.paper.day < b.paper.day }
                if a.paper.origin != b.paper.origin { return a.paper.origin < b.paper.origin }
                return a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
            }
            result[ordered[0].name] = slug
            for (name, _) in ordered.dropFirst() {
                var candidate = slug + "-" + StableHash.hex(name)
                var attempt = 1
                while !taken.insert(candidate).inserted {
                    candidate = slug + "-" + StableHash.hex(name + "\u{0}\(attempt)")
                    attempt += 1
                }
                result[name] = candidate
            }
        }
        return result
    }
}
