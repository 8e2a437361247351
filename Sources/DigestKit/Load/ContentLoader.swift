/// Decodes the content files into settings and paper records. Pure.
public enum ContentLoader {
    public struct Loaded: Sendable {
        public var config: SiteConfig
        public var records: [Paper]
        /// Problems that do not stop a build (unknown settings).
        public var warnings: [Diagnostic]
        /// How many files the records came from.
        public var fileCount: Int
    }

    /// Reads `site.json` and every paper file, collecting every problem before failing.
    public static func load(site: SourceFile, papers: [SourceFile], baseURLOverride: BaseURL? = nil) throws(DiagnosticsError) -> Loaded {
        let (config, siteDiagnostics) = SiteConfigDecoder.decode(site, baseURLOverride: baseURLOverride)
        // Without valid settings the files are still checked, with UTC days, so one run reports everything.
        let timeZone = config?.timeZone ?? .utc
        let decoded = Parallel.map(papers.count) { index in
            PaperFileDecoder.decode(papers[index], fileIndex: index, timeZone: timeZone)
        }
        let diagnostics = siteDiagnostics + decoded.flatMap(\.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let config else { throw DiagnosticsError(diagnostics) }
        return Loaded(
            config: config, records: decoded.flatMap(\.records),
            warnings: diagnostics.filter { $0.severity == .warning }, fileCount: papers.count)
    }
}
