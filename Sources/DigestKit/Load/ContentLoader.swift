/// Decodes the content files into settings and paper records. Pure.
public enum ContentLoader {
    public struct Loaded: Sendable {
        public var config: SiteConfig
        public var records: [Paper]
        public var runs: [Run] = []
        public var pages: [SitePage] = []
        /// Problems that do not stop a build (unknown settings).
        public var warnings: [Diagnostic]
        /// How many files the records came from.
        public var fileCount: Int
    }

    /// Reads the whole content folder: settings, papers, runs and pages, reporting every problem at once.
    public static func load(_ content: FolderReader.Content, baseURLOverride: BaseURL? = nil) throws(DiagnosticsError) -> Loaded {
        try load(content, baseURLOverride: baseURLOverride, store: nil)
    }

    /// The same, taking from `store` the paper files earlier builds decoded.
    static func load(
        _ content: FolderReader.Content, baseURLOverride: BaseURL?, store: DecodedRecordStore?
    ) throws(DiagnosticsError) -> Loaded {
        var loaded: Loaded?
        var diagnostics: [Diagnostic] = []
        do {
            loaded = try load(
                site: content.site, paperPaths: content.paperPaths, paper: content.paper, baseURLOverride: baseURLOverride, store: store)
        } catch {
            diagnostics += error.diagnostics
        }
        let timeZone = loaded?.config.timeZone ?? .utc
        var runs: [Run] = []
        for file in content.runs {
            let (decoded, problems) = RunFileDecoder.decode(file, timeZone: timeZone)
            runs += decoded
            diagnostics += problems
        }
        var pages: [SitePage] = []
        for (name, file) in content.pages {
            let (page, problems) = PageFileDecoder.decode(file, name: name)
            if let page { pages.append(page) }
            diagnostics += problems
        }
        let names = Set(pages.map(\.name))
        for name in loaded?.config.pages ?? [] where !names.contains(Slug.make(name, fallbackPrefix: "page")) {
            diagnostics.append(Diagnostic(.warning, file: content.site.path, field: "pages", message: "lists \"\(name)\", but there is no pages/\(name).md"))
        }
        guard var loaded, !diagnostics.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(diagnostics) }
        loaded.runs = runs
        loaded.pages = pages
        loaded.warnings += diagnostics
        return loaded
    }

    /// Decodes `site.json` and every paper file, collecting every problem before failing.
    /// Paper files are read one at a time by `paper` (on several threads), so only the files
    /// being decoded are in memory.
    static func load(
        site: SourceFile, paperPaths: [String], paper: @Sendable (Int) throws(DigestError) -> SourceFile, baseURLOverride: BaseURL?,
        store: DecodedRecordStore? = nil
    ) throws(DiagnosticsError) -> Loaded {
        let (config, siteDiagnostics) = SiteConfigDecoder.decode(site, baseURLOverride: baseURLOverride)
        // Without valid settings the files are still checked, with UTC days, so one run reports everything.
        let timeZone = config?.timeZone ?? .utc
        let decoded = Parallel.map(paperPaths.count) { index -> DecodedRecords in
            if let kept = store?.decoded(index) { return kept }
            do throws(DigestError) {
                let (records, diagnostics) = PaperFileDecoder.decode(try paper(index), fileIndex: index, timeZone: timeZone)
                let decoded = DecodedRecords(records: records, diagnostics: diagnostics)
                if !diagnostics.contains(where: { $0.severity == .error }) { store?.keep(index, decoded) }
                return decoded
            } catch {
                return DecodedRecords(records: [], diagnostics: [Diagnostic(file: paperPaths[index], message: "cannot be read")])
            }
        }
        let diagnostics = siteDiagnostics + decoded.flatMap(\.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let config else { throw DiagnosticsError(diagnostics) }
        return Loaded(
            config: config, records: decoded.flatMap(\.records),
            warnings: diagnostics.filter { $0.severity == .warning }, fileCount: paperPaths.count)
    }
}
