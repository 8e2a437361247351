/// For every file of a plan, a key of everything its bytes depend on, found without
/// rendering it: a file whose key is the one the last build recorded is the same file, so
/// an incremental build renders only the files whose keys changed.
///
/// The dependencies, from the narrowest:
/// - a paper's page: the paper, the titles of its neighbours in its day, whether its day is
///   still in the window, its authors' page slugs, what its Related papers list shows, and
///   what every page shares (`chrome`: layouts, KaTeX, settings,
///   the navigation);
/// - the search index: its bytes, made with the plan (docs/search.md);
/// - an author's page: the listing of each of their papers and their co-authors' slugs; the
///   author's feed: their newest papers in full;
/// - a month of the archive, with its sitemap: what those list of that
///   month's papers (titles, topics, key points…), the months around it, which of its days
///   are in the window, and the chrome;
/// - every other page and feed (days, topics, feeds, indexes): today, the collector's runs,
///   the chrome, and the papers: in full those shown beyond their own page (on cards, in
///   feeds, among the best), and of the others only what lists of titles show, so editing
///   an old paper's summary changes its page alone.
///
/// Keys err on the side of changing: anything unaccounted for is in the wider keys.
/// `IncrementalBuildTests` checks that a site built from a cache is byte for byte the one
/// a clean build makes, after every kind of change.
extension SitePlan {
    public func keys() -> [UInt64] {
        var chromeHasher = KeyHasher(0x4469_6765_7374_0001)  // "Digest", format 1
        chromeHasher.add(theme.fingerprint)
        chromeHasher.add(katexFingerprint)
        chromeHasher.add(String(describing: digest.config))
        chromeHasher.add(String(describing: digest.pages))
        chromeHasher.add(!digest.week.isEmpty)
        let chrome = chromeHasher.value

        let allHashes = Parallel.map(digest.papers.count) { digest.papers[$0].hashes }
        let paperHashes = allHashes.map(\.content)
        let shown = context.rendered.ids.union(digest.week.map(\.id.base)).union(digest.months.flatMap(\.papers).map(\.id.base))
        var digestHasher = KeyHasher(chrome)
        digestHasher.add(digest.today?.description)
        digestHasher.add(digest.unpublishedCount)
        for (index, paper) in digest.papers.enumerated() {
            digestHasher.add(shown.contains(paper.id.base) ? paperHashes[index] : allHashes[index].listing)
        }
        for (day, stats) in digest.stats.sorted(by: { $0.key < $1.key }) {
            digestHasher.add(day.description)
            digestHasher.add(String(describing: stats))
        }
        digestHasher.add(digest.lastRun.map { Int($0.secondsSinceEpoch) })
        // Which names link to an author page, and where: cards show it.
        for author in digest.authors.authors {
            digestHasher.add(author.name)
            digestHasher.add(author.slug)
        }
        let whole = digestHasher.value

        let numberByID = Dictionary(digest.papers.enumerated().map { ($1.id.base, $0) }, uniquingKeysWith: { first, _ in first })
        @Sendable func monthHash(_ paper: Paper) -> UInt64 { numberByID[paper.id.base].map { allHashes[$0].month } ?? 0 }
        // Which of a paper's authors have a page, and where: its page, its lines on author
        // pages and cards show it. Hashed once per paper, not once per author page listing
        // it (looking names up hashes them, and accented names are normalised first).
        let authorSlugs = Parallel.map(digest.papers.count) { number -> UInt64 in
            var hasher = KeyHasher()
            for name in digest.papers[number].authors { hasher.add(digest.authors.slug(of: name)) }
            return hasher.value
        }
        let windowDays = Set(digest.window.map(\.day))
        let relatedEntries = context.related.entryHashes()
        let bestMonths = Set(digest.months.map(\.month.monthKey))
        let months = digest.archiveMonths.enumerated().map { index, month -> UInt64 in
            var hasher = KeyHasher(chrome)
            hasher.add(month.key)
            for group in month.days {
                hasher.add(group.day.description)
                hasher.add(windowDays.contains(group.day))
                for paper in group.papers { hasher.add(monthHash(paper)) }
            }
            hasher.add(index > 0 ? digest.archiveMonths[index - 1].key : nil)
            hasher.add(index + 1 < digest.archiveMonths.count ? digest.archiveMonths[index + 1].key : nil)
            hasher.add(bestMonths.contains(month.key))
            return hasher.value
        }

        /// An author's page and feed both start from the chrome, the name and the slug.
        @Sendable func authorKey(_ number: Int) -> KeyHasher {
            let author = digest.authors.authors[number]
            var hasher = KeyHasher(chrome)
            hasher.add(author.name)
            hasher.add(author.slug)
            return hasher
        }

        return Parallel.map(entries.count) { index in
            switch entries[index].kind {
            case .paper(let number):
                let paper = digest.papers[number]
                var hasher = KeyHasher(chrome)
                hasher.add(paperHashes[number])
                let around = context.neighbours(of: paper)
                for neighbour in [around.previous, around.next] {
                    hasher.add(neighbour?.slug)
                    hasher.add(neighbour?.title)
                }
                hasher.add(windowDays.contains(paper.day))
                hasher.add(context.bibKeys[paper.id.base])
                hasher.add(authorSlugs[number])
                hasher.add(context.related.listHash(of: paper, entries: relatedEntries))
                return hasher.value
            case .archiveMonth(let number), .sitemapMonth(let number):
                return months[number]
            case .paperBib(let number):
                let paper = digest.papers[number]
                var hasher = KeyHasher(chrome)
                hasher.add(allHashes[number].listing)
                hasher.add(context.bibKeys[paper.id.base])
                return hasher.value
            case .dayBib(let number):
                var hasher = KeyHasher(chrome)
                for paper in digest.days[number].papers {
                    hasher.add(monthHash(paper))
                    hasher.add(context.bibKeys[paper.id.base])
                }
                return hasher.value
            case .author(let number):
                // The list shows each paper's title, day, topic and co-authors with their links.
                var hasher = authorKey(number)
                for paper in digest.authors.authors[number].papers {
                    let number = numberByID[paper.id.base]
                    hasher.add(number.map { allHashes[$0].month } ?? 0)
                    hasher.add(number.map { authorSlugs[$0] } ?? 0)
                }
                return hasher.value
            case .authorFeed(let number):
                var hasher = authorKey(number)
                for paper in digest.authors.authors[number].papers.prefix(AuthorPage.feedItems) { hasher.add(monthHash(paper)) }
                return hasher.value
            case .searchIndex:
                return ContentHash.of(searchManifest)
            case .searchFile(let number):
                return ContentHash.of(searchFiles.bytes(number))
            case .asset(let number):
                return ContentHash.of(theme.assets[number].bytes)
            case .katex(let number):
                return ContentHash.of(katex[number].bytes)
            default:
                return whole
            }
        }
    }

    private var katexFingerprint: UInt64 {
        var hasher = KeyHasher()
        for file in katex {
            hasher.add(file.path)
            hasher.add(ContentHash.of(file.bytes))
        }
        return hasher.value
    }
}

extension Paper {
    /// Hashes of a paper, each covering more than the one before: `listing`, what lists of
    /// titles can show (everything but the texts); `month`, that and the key points (a
    /// month's search shard has them); `content`, every field that can show on a page (all
    /// but where the record came from).
    var hashes: (listing: UInt64, month: UInt64, content: UInt64) {
        let fields = self.fields
        var hasher = KeyHasher(0x4C69_7374)
        hasher.add(fields.id.description)
        hasher.add(fields.title)
        hasher.add(fields.authors)
        hasher.add(fields.day.description)
        hasher.add(fields.collectedAt.map { Int($0.secondsSinceEpoch) })
        hasher.add(fields.topics)
        hasher.add(fields.published.map { Int($0.secondsSinceEpoch) })
        for link in [fields.links.arxiv, fields.links.pdf, fields.links.code, fields.links.project] { hasher.add(link) }
        hasher.add(fields.links.codeStars)
        hasher.add(fields.upvotes)
        hasher.add(fields.organization)
        hasher.add(fields.relevance)
        hasher.add(fields.novelty)
        hasher.add(fields.slug)
        let listing = hasher.value
        hasher.add(fields.highlights)
        hasher.add(fields.language)
        let month = hasher.value
        hasher.add(fields.summary)
        hasher.add(fields.abstract)
        hasher.add(fields.comment)
        return (listing, month, hasher.value)
    }

    /// The fields `hashes.content` covers (all but `origin`): a test fails when a field is
    /// added to `Paper.Fields` without being added to the hashes.
    static let hashedFieldCount = 18
}
