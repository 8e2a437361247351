/// `digest build` and `digest check`, end to end:
///
///     read folders → load (decode, validate) → group (Digest) → plan + render → write Site/
///
/// Reading and writing are the only I/O; everything between is pure.
public enum Pipeline {
    public struct Options: Sendable {
        public var content = "Content"
        public var layouts = "Layouts"
        public var output = "Site"
        /// Replaces `baseURL` from `site.json`.
        public var baseURL: BaseURL?
        /// The digest's "today"; the newest day in the content when nil.
        public var today: CalendarDay?
        /// Replace a non-empty output folder that Digest did not create.
        public var force = false
        /// Render every file again instead of only those whose inputs changed (files whose
        /// bytes come out the same still keep their modification times).
        public var full = false
        /// KaTeX to copy into the site for pages with math. nil: Debian's copy when it is
        /// installed, else none (math is then shown as TeX source).
        public var katex: String?
        /// Leave what the build held in memory (every paper, the plan, the cache) allocated when
        /// `build` returns, for a process that exits right after: freeing a 50,000-paper site
        /// object by object takes a tenth of a second that exiting reclaims at once.
        public var skipsCleanup = false

        public init() {}
    }

    public struct Report: Sendable {
        public var pages: Int
        public var feeds: Int
        public var files: Int
        public var bytes: Int
        public var papers: Int
        public var days: Int
        public var topics: Int
        public var today: CalendarDay?
        /// Papers dated after today, left out.
        public var unpublished: Int
        /// Whether KaTeX was copied, so math is typeset in the browser.
        public var katex: Bool
        public var warnings: [Diagnostic]
        /// Pages spliced into skeletons of their shape, and pages the template engine rendered.
        public var templatePages: (spliced: Int, rendered: Int) = (0, 0)
        /// Files written, replaced or removed; nil when the whole site was written.
        public var changed: Int?
        /// Nothing had changed since the last build, so nothing was read or written.
        public var upToDate = false
    }

    /// Builds the site. Throws `DiagnosticsError` (every content or layout problem) or `DigestError`.
    /// `monitor` follows the phases and the files written, for progress display and timings.
    ///
    /// When nothing it reads has changed since the last build and the output is as that build
    /// left it, it returns at once; otherwise it renders only what changed (see `SiteWriter`).
    public static func build(_ options: Options, monitor: BuildMonitor = BuildMonitor(), onWait: () -> Void = {}) throws -> Report {
        let writer = SiteWriter(output: options.output, protected: [options.content, options.layouts], force: options.force)
        let session = try writer.open(onWait: onWait)
        defer { session.close() }
        monitor.begin(.checkingCache)
        let katex = katexFolder(options)
        let settings = InputFingerprint.settings(options, katex: katex)
        let scan = try InputFingerprint.scan(options, katex: katex, previous: session.cache)
        if !options.full, scan.pending.isEmpty, let summary = session.unchanged(inputs: scan.inputs, settings: settings) {
            monitor.end()
            return Report(unchanged: summary)
        }
        let reuse = Reuse(
            records: session.cacheFolder(named: "records", reads: !options.full),
            terms: session.cacheFolder(named: "terms", reads: !options.full),
            related: session.cacheFolder(named: "related", reads: !options.full),
            search: session.cacheFolder(named: "search", reads: !options.full),
            skeletons: session.cacheFolder(named: "skeletons", reads: !options.full), hashes: scan.knownHashes, salt: settings)
        let prepared = try prepare(options, monitor: monitor, reads: scan.reads, reuse: reuse)
        let inputs = scan.completed()
        monitor.begin(.comparing)
        let keys = prepared.plan.keys()
        _ = session.frontCheck  // what is left of checking the output counts under comparing
        let written = try session.write(
            prepared.plan, keys: keys, inputs: inputs, settings: settings,
            // Keys say what a file was made from, not how: another Digest, or other options,
            // may make other bytes of the same inputs, so then every file is rendered again.
            trustKeys: !options.full && session.cache?.settings == settings,
            summary: { files, bytes in prepared.report(files: files, bytes: bytes).summary }, monitor: monitor)
        // Kept once the site is written: skeletons made for a build that failed stay unused.
        if let file = prepared.skeletons, let kept = prepared.plan.theme.keptSkeletons { file.keep(kept) }
        monitor.end()
        if options.skipsCleanup { _ = Unmanaged.passRetained(Leftovers((prepared, keys, inputs, session))) }
        var report = prepared.report(files: written.files, bytes: written.bytes)
        report.changed = session.cache == nil ? nil : written.changed
        if session.cacheFolderIsForeign {
            report.warnings.append(
                Diagnostic(
                    .warning, file: session.cacheFolder,
                    message: "is not Digest's build cache (it has no \(SiteWriter.cacheMarkerName) file), so every build writes the whole site; move it away"))
        }
        return report
    }

    /// What `skipsCleanup` keeps from being freed.
    private final class Leftovers {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// The KaTeX folder to copy: `--katex`, else Debian's when it is installed.
    private static func katexFolder(_ options: Options) -> String? {
        options.katex ?? (FolderReader.isDirectory(FolderReader.debianKaTeX) ? FolderReader.debianKaTeX : nil)
    }

    /// Renders every file of the site into memory without writing anything (for `digest serve`).
    public static func render(_ options: Options) throws -> (report: Report, files: [OutputFile]) {
        let prepared = try prepare(options, monitor: BuildMonitor(), reads: nil, reuse: Reuse())
        let files = prepared.plan.renderAll()
        return (prepared.report(files: files.count, bytes: files.reduce(0) { $0 + $1.bytes.count }), files)
    }

    /// Everything up to rendering: read, load, group, plan.
    private struct Prepared {
        var plan: SitePlan
        var katex: Bool
        var warnings: [Diagnostic]
        /// Where the skeletons the plan's theme makes are kept for the next build.
        var skeletons: KeptFile<TemplateSkeletons.Kept>?

        func report(files: Int, bytes: Int) -> Report {
            let digest = plan.digest
            var report = Report(
                pages: plan.pageCount, feeds: plan.feedCount,
                files: files, bytes: bytes, papers: digest.papers.count, days: digest.days.count, topics: digest.topics.count,
                today: digest.today, unpublished: digest.unpublishedCount, katex: katex, warnings: warnings)
            report.templatePages = plan.theme.renderCounts
            return report
        }
    }

    /// What earlier builds left in the cache for this one: paper files decoded, months of
    /// search terms, the search index's base tier, related lists and template skeletons,
    /// each checked against what it was made from (`RecordFolder`, `TermSegment`,
    /// `SearchIndex.Kept`, `RelatedPapers.Kept`, `TemplateSkeletons.Kept`).
    private struct Reuse {
        var records: CacheFolder?
        var terms: CacheFolder?
        var related: CacheFolder?
        var search: CacheFolder?
        var skeletons: CacheFolder?
        /// The hashes of the input files' bytes that the change check knows.
        var hashes: [String: UInt64] = [:]
        /// What else they depend on: the Digest executable and the options.
        var salt: UInt64 = 0
    }

    /// `reads`: the build's change check, whose reads loading takes over (nil for `render`).
    private static func prepare(_ options: Options, monitor: BuildMonitor, reads: InputReads?, reuse: Reuse) throws -> Prepared {
        monitor.begin(.reading)
        let content = try FolderReader.readContent(options.content, reads: reads)
        monitor.begin(.loading, total: content.paperPaths.count)
        let records = reuse.records.map { folder in
            // `site.json` gives the time zone days are read in.
            RecordFolder(folder: folder, paths: content.paperPaths, known: reuse.hashes, reads: reads, salt: reuse.salt ^ ContentHash.of(content.site.bytes))
        }
        let loaded = try ContentLoader.load(content, baseURLOverride: options.baseURL, store: records)
        reuse.records?.removeOthers()
        let layouts = try FolderReader.readLayouts(options.layouts, reads: reads)
        let interface = try Interface(language: loaded.config.language, files: layouts.strings, folder: options.layouts)
        monitor.begin(.grouping)
        let digest = DigestBuilder.build(
            config: loaded.config, records: loaded.records, runs: loaded.runs, pages: loaded.pages, today: options.today,
            other: interface.text("topic.other"))
        let (search, related) = indexAndRelate(digest, reuse: reuse, monitor: monitor)
        monitor.begin(.planning)
        let theme = try Theme(templates: layouts.templates, assets: layouts.assets, folder: options.layouts, interface: interface)
        let skeletonFile = reuse.skeletons.map { KeptFile<TemplateSkeletons.Kept>(folder: $0, salt: reuse.salt ^ theme.fingerprint) }
        if let kept = skeletonFile?.read() { theme.take(kept) }
        let katex = try katexFolder(options).map { folder throws(DigestError) in try FolderReader.readKaTeX(folder, reads: reads) } ?? []
        let plan = SitePlan(digest: digest, theme: theme, katex: katex, search: search, related: related)
        let skipped = FolderReader.skippedWarnings(content.skipped + layouts.skipped)
        return Prepared(
            plan: plan, katex: !katex.isEmpty, warnings: loaded.warnings + interface.warnings + skipped, skeletons: skeletonFile)
    }

    /// The search index and related papers, both made from every paper's terms. The terms,
    /// the largest thing a build holds for a while (about 190 MB at 54,750 papers), are let go
    /// before what the next build takes over is written to the cache. Related papers come
    /// first: the search index's files (58 MB at that size) would sit under their work, and
    /// what only they read goes before the index is made.
    private static func indexAndRelate(_ digest: Digest, reuse: Reuse, monitor: BuildMonitor) -> (SearchIndex, RelatedPapers) {
        let searchFile = reuse.search.map { KeptFile<SearchIndex.Kept>(folder: $0, salt: reuse.salt) }
        let relatedFile = reuse.related.map { KeptFile<RelatedPapers.Kept>(folder: $0, salt: reuse.salt) }
        let search: SearchIndex, related: RelatedPapers
        do {  // the terms go at the end of this block
            monitor.begin(.indexing)
            var terms = PaperTerms(digest, store: reuse.terms.map(TermSegmentFolder.init), salt: reuse.salt)
            reuse.terms?.removeOthers()
            monitor.begin(.relating)
            related = RelatedPapers(terms, previous: relatedFile?.read())
            terms.forgetRelatedFrequencies()
            monitor.begin(.indexing)
            search = SearchIndex(terms, kept: searchFile?.read())
        }
        // A base tier taken over is in the file already.
        if !search.tookKept { searchFile?.keep(search.kept) }
        relatedFile?.keep(related.kept)
        return (search, related)
    }

    public struct CheckReport: Sendable {
        public var files: Int
        public var records: Int
        public var papers: Int
        public var warnings: [Diagnostic]
    }

    /// Validates the content (and the layouts, when the folder exists) without writing anything.
    public static func check(content folder: String, layouts: String?) throws -> CheckReport {
        let content = try FolderReader.readContent(folder)
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var loaded: ContentLoader.Loaded?
        do {
            loaded = try ContentLoader.load(content)
        } catch {
            problems += error.diagnostics
        }
        if let layouts, FolderReader.isDirectory(layouts) {
            let files = try FolderReader.readLayouts(layouts)
            do {
                let language = loaded?.config.language ?? "en"
                let interface = try Interface(language: language, files: files.strings, folder: layouts)
                warnings = interface.warnings
                _ = try Theme(templates: files.templates, assets: files.assets, folder: layouts, interface: interface)
            } catch {
                problems += error.diagnostics
            }
        }
        guard let loaded, problems.isEmpty else { throw DiagnosticsError(problems) }
        let digest = DigestBuilder.build(config: loaded.config, records: loaded.records, today: nil)
        return CheckReport(
            files: loaded.fileCount, records: loaded.records.count, papers: digest.papers.count,
            warnings: loaded.warnings + warnings + FolderReader.skippedWarnings(content.skipped))
    }
}

extension Pipeline.Report {
    /// The report of a build that found nothing to do: the last build's, from the cache.
    init(unchanged summary: BuildCache.Summary) {
        self.init(
            pages: summary.pages, feeds: summary.feeds, files: summary.files, bytes: summary.bytes, papers: summary.papers,
            days: summary.days, topics: summary.topics, today: summary.today.flatMap(CalendarDay.init),
            unpublished: summary.unpublished, katex: summary.katex, warnings: summary.warnings)
        changed = 0
        upToDate = true
    }

    /// What the cache keeps of this report.
    var summary: BuildCache.Summary {
        BuildCache.Summary(
            pages: pages, feeds: feeds, files: files, bytes: bytes, papers: papers, days: days, topics: topics, unpublished: unpublished,
            today: today?.description, katex: katex, warnings: warnings)
    }
}
