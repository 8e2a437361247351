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
        /// KaTeX to copy into the site for pages with math. nil: Debian's copy when it is
        /// installed, else none (math is then shown as TeX source).
        public var katex: String?

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
    }

    /// Builds the site. Throws `DiagnosticsError` (every content or layout problem) or `DigestError`.
    /// `monitor` follows the phases and the files written, for progress display and timings.
    public static func build(_ options: Options, monitor: BuildMonitor = BuildMonitor(), onWait: () -> Void = {}) throws -> Report {
        let prepared = try prepare(options, monitor: monitor)
        let writer = SiteWriter(output: options.output, protected: [options.content, options.layouts], force: options.force)
        let written = try writer.write(prepared.plan, monitor: monitor, onWait: onWait)
        monitor.end()
        return prepared.report(files: written.files, bytes: written.bytes)
    }

    /// Renders every file of the site into memory without writing anything (for `digest serve`).
    public static func render(_ options: Options) throws -> (report: Report, files: [OutputFile]) {
        let prepared = try prepare(options, monitor: BuildMonitor())
        let files = prepared.plan.renderAll()
        return (prepared.report(files: files.count, bytes: files.reduce(0) { $0 + $1.bytes.count }), files)
    }

    /// Everything up to rendering: read, load, group, plan.
    private struct Prepared {
        var plan: SitePlan
        var katex: Bool
        var warnings: [Diagnostic]

        func report(files: Int, bytes: Int) -> Report {
            let digest = plan.digest
            let feedNames: Set<Substring> = ["feed.xml", "atom.xml", "feed.json", "daily.xml"]
            var report = Report(
                pages: plan.entries.filter { $0.path.hasSuffix(".html") }.count,
                feeds: plan.entries.filter { feedNames.contains($0.path.split(separator: "/").last!) }.count,
                files: files, bytes: bytes, papers: digest.papers.count, days: digest.days.count, topics: digest.topics.count,
                today: digest.today, unpublished: digest.unpublishedCount, katex: katex, warnings: warnings)
            report.templatePages = plan.theme.renderCounts
            return report
        }
    }

    private static func prepare(_ options: Options, monitor: BuildMonitor) throws -> Prepared {
        monitor.begin(.reading)
        let content = try FolderReader.readContent(options.content)
        monitor.begin(.loading, total: content.paperPaths.count)
        let loaded = try ContentLoader.load(content, baseURLOverride: options.baseURL)
        monitor.begin(.grouping)
        let digest = DigestBuilder.build(
            config: loaded.config, records: loaded.records, runs: loaded.runs, pages: loaded.pages, today: options.today)
        monitor.begin(.planning)
        let layouts = try FolderReader.readLayouts(options.layouts)
        let theme = try Theme(templates: layouts.templates, assets: layouts.assets, folder: options.layouts)
        let katexFolder = options.katex ?? (FolderReader.isDirectory(FolderReader.debianKaTeX) ? FolderReader.debianKaTeX : nil)
        let katex = try katexFolder.map { folder throws(DigestError) in try FolderReader.readKaTeX(folder) } ?? []
        let plan = SitePlan(digest: digest, theme: theme, katex: katex)
        let skipped = FolderReader.skippedWarnings(content.skipped + layouts.skipped)
        return Prepared(plan: plan, katex: !katex.isEmpty, warnings: loaded.warnings + skipped)
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
        var loaded: ContentLoader.Loaded?
        do {
            loaded = try ContentLoader.load(content)
        } catch {
            problems += error.diagnostics
        }
        if let layouts, FolderReader.isDirectory(layouts) {
            let files = try FolderReader.readLayouts(layouts)
            do {
                _ = try Theme(templates: files.templates, assets: files.assets, folder: layouts)
            } catch {
                problems += error.diagnostics
            }
        }
        guard let loaded, problems.isEmpty else { throw DiagnosticsError(problems) }
        let digest = DigestBuilder.build(config: loaded.config, records: loaded.records, today: nil)
        return CheckReport(
            files: loaded.fileCount, records: loaded.records.count, papers: digest.papers.count,
            warnings: loaded.warnings + FolderReader.skippedWarnings(content.skipped))
    }
}
