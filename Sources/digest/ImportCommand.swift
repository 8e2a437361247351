import ArgumentParser
import DigestKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add collector output (Hugging Face daily papers, arXiv assistant JSON, arXiv Atom) to the content.",
        discussion: """
            Each paper goes to Content/papers/YYYY-MM-DD.json, one pretty-printed file per digest day. \
            A paper already in the content keeps its first day; its record is updated with the newer \
            fields (never with an older version). Re-importing the same input changes nothing. Files \
            are written atomically; a file that does not parse is never touched; an input with errors \
            contributes nothing, and the command exits with status 1 after importing the others. \
            Keywords and arXiv categories become topics through Content/topics.json.
            """
    )

    @Option(name: .long, help: ArgumentHelp("hf-daily, paper-assistant, arxiv-atom, daily-arxiv, or auto to recognise each file.", valueName: "format"))
    var format: FormatChoice = .auto

    @Argument(help: ArgumentHelp("Collector output files to import.", valueName: "file"))
    var files: [String]

    @OptionGroup var folders: ContentFolders

    @Option(
        name: .long,
        help: ArgumentHelp("The digest day, YYYY-MM-DD (default: the day the input gives, else its modification day).", valueName: "date"))
    var date: String?

    @Flag(name: .customLong("dry-run"), help: "Show what would change without writing anything.")
    var dryRun = false

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
        case auto
        case hfDaily = "hf-daily"
        case paperAssistant = "paper-assistant"
        case arxivAtom = "arxiv-atom"
        case dailyArxiv = "daily-arxiv"
    }

    func validate() throws {
        if let date, CalendarDay(date) == nil { throw ValidationError("--date must be a valid date written YYYY-MM-DD") }
        if let day = date.flatMap({ CalendarDay($0) }), !CalendarDay.supported.contains(day) {
            throw ValidationError("--date must be between 1991-01-01 and 2199-12-31, the days a build accepts")
        }
    }

    func run() throws {
        var options = ImportPipeline.Options()
        options.content = folders.content
        options.format = ImportFormat(rawValue: format.rawValue)
        options.date = date.flatMap { CalendarDay($0) }
        options.dryRun = dryRun
        let report = try Console.reportingFailures(keeping: nil) {
            try ImportPipeline.run(options, inputs: try FolderReader.readInputs(files))
        }

        for input in report.inputs {
            let how = input.format.map { "\($0.rawValue)\(input.detected ? " (recognised)" : "")" } ?? "unknown format"
            Console.out("\(input.path): \(how), \(Console.count(input.papers, "paper"))\(input.failed ? ": not imported" : "")")
            for diagnostic in input.diagnostics { Console.error(diagnostic.description) }
        }
        for event in report.plan.events {
            let detail = event.outcome == .updated ? " (\(event.fields.joined(separator: ", ")))"
                : event.outcome == .older ? " (the content has a newer version)" : ""
            let label = event.outcome.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            Console.out("  \(label) \(event.id)  \(event.title.prefix(70))\(detail) → \(event.file)")
        }
        for diagnostic in report.plan.diagnostics { Console.error(diagnostic.description) }
        let verb = dryRun ? "Would write" : "Wrote"
        for change in report.plan.files { Console.out("\(verb) \(change.path)\(change.isNew ? " (new)" : "")") }

        let counts = ImportPlan.Outcome.allCases.map { outcome in (outcome, report.plan.events.filter { $0.outcome == outcome }.count) }
        let summary = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        Console.out(
            "\(dryRun ? "Dry run: would import" : "Imported") \(Console.count(report.plan.events.count, "paper")) "
                + "from \(Console.count(report.inputs.filter { !$0.failed }.count, "file"))\(summary.isEmpty ? "" : ": " + summary)"
                + (report.plan.files.isEmpty ? "; nothing to write." : "."))
        let failed = report.inputs.filter(\.failed).count
        if failed > 0 || !report.plan.diagnostics.isEmpty {
            Console.error("\(Console.count(failed, "input")) could not be imported")
            throw ExitCode.failure
        }
    }
}
