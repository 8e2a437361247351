import DigestXML

/// `digest import`, end to end:
///
///     read inputs → recognise and convert (ImportedPaper) → plan against Content/ → write day files
///
/// A file with an error contributes nothing; the others are still imported.
public enum ImportPipeline {
    public struct Options: Sendable {
        public var content = "Content"
        /// nil: recognise each file's format from its content.
        public var format: ImportFormat?
        /// The digest day for formats that do not carry one; default: each file's modification day.
        public var date: CalendarDay?
        public var dryRun = false

        public init() {}
    }

    /// One input file as read from disk.
    public struct Input: Sendable {
        public var file: SourceFile
        /// When the file was last modified: the collection day of formats that have no date.
        public var modified: Timestamp

        public init(file: SourceFile, modified: Timestamp) {
            self.file = file
            self.modified = modified
        }
    }

    public struct FileResult: Sendable {
        public var path: String
        public var format: ImportFormat?
        /// Whether the format was recognised from the content rather than given.
        public var detected: Bool
        public var papers: Int
        public var diagnostics: [Diagnostic]
        public var failed: Bool { format == nil || diagnostics.contains { $0.severity == .error } }
    }

    public struct Report: Sendable {
        public var inputs: [FileResult]
        public var plan: ImportPlan
        public var written: [String]
    }

    /// Converts and merges the inputs; writes the changed day files unless `dryRun`.
    public static func run(_ options: Options, inputs: [Input]) throws -> Report {
        let content = try FolderReader.readContent(options.content)
        let (config, problems) = SiteConfigDecoder.decode(content.site, baseURLOverride: nil)
        guard let config else { throw DiagnosticsError(problems) }
        var topics = TopicMapping()
        if let mappingFile = try FolderReader.readOptional(FolderReader.join(options.content, "topics.json")) {
            let (mapping, mappingProblems) = TopicMapping.decode(mappingFile)
            if mappingProblems.contains(where: { $0.severity == .error }) { throw DiagnosticsError(mappingProblems) }
            topics = mapping
        }

        var results: [FileResult] = []
        var papers: [ImportedPaper] = []
        for input in inputs {
            let (result, converted) = convert(input, options: options, timeZone: config.timeZone, topics: topics)
            results.append(result)
            if !result.failed { papers += converted }
        }
        let plan = ImportPlan(
            existing: try content.allPapers(), papersFolder: FolderReader.join(options.content, "papers"), imported: papers,
            timeZone: config.timeZone)
        var written: [String] = []
        if !options.dryRun {
            for change in plan.files {
                try ContentWriter.replace(change.path, with: change.bytes)
                written.append(change.path)
            }
        }
        return Report(inputs: results, plan: plan, written: written)
    }

    /// Why a file's format was not recognised: the parse error of what it looks like, else a list of what Digest reads.
    static func unrecognised(_ file: SourceFile) -> Diagnostic {
        let known = ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        let first = file.bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        switch first {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return PaperFileDecoder.parseDiagnostic(file)
                ?? Diagnostic(file: file.path, line: 1, column: 1, message: "JSON, but not a format Digest can import (\(known)); pass --format if it is one of them")
        case UInt8(ascii: "<"):
            do {
                _ = try XMLDocument.xml(file.bytes)
                return Diagnostic(file: file.path, line: 1, column: 1, message: "XML, but not an arXiv API Atom feed")
            } catch let error as XMLDocument.ParseError {
                return Diagnostic(file: file.path, line: error.line, column: error.column, message: "malformed XML: \(error.message)")
            } catch {
                return Diagnostic(file: file.path, message: "malformed XML")
            }
        default:
            return Diagnostic(file: file.path, line: 1, column: 1, message: "neither JSON nor XML: not a format Digest can import (\(known))")
        }
    }

    static func convert(_ input: Input, options: Options, timeZone: SiteTimeZone, topics: TopicMapping) -> (FileResult, [ImportedPaper]) {
        let file = input.file
        let format = options.format ?? ImportFormat.detect(file.bytes)
        var result = FileResult(path: file.path, format: format, detected: options.format == nil, papers: 0, diagnostics: [])
        guard let format else {
            result.diagnostics = [unrecognised(file)]
            return (result, [])
        }
        let day = options.date ?? timeZone.day(of: input.modified)
        let (papers, diagnostics): ([ImportedPaper], [Diagnostic])
        switch format {
        case .hfDaily: (papers, diagnostics) = HFDailyReader.read(file, date: options.date, timeZone: timeZone, topics: topics)
        case .paperAssistant: (papers, diagnostics) = PaperAssistantReader.read(file, day: day)
        case .arxivAtom: (papers, diagnostics) = ArxivAtomReader.read(file, day: day, topics: topics)
        case .dailyArxiv:
            let named = options.date ?? DailyArxivReader.day(inName: file.path) ?? day
            (papers, diagnostics) = DailyArxivReader.read(file, day: named, topics: topics)
        }
        // The build refuses days outside its range: importing such a paper would only make
        // content that no longer builds.
        let implausible = papers.filter { !CalendarDay.supported.contains($0.day) }.map { paper in
            Diagnostic(
                file: file.path,
                message: "paper \(paper.id): its day \(paper.day) is outside the supported range 1991-01-01 to 2199-12-31; "
                    + "pass --date YYYY-MM-DD to file it under another day")
        }
        result.papers = papers.count
        result.diagnostics = diagnostics + implausible
        return (result, papers)
    }
}
