import ArgumentParser
import DigestKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the content and layouts.",
        discussion: """
            Only files whose inputs changed since the last build are rendered and written; the \
            others keep their bytes and modification times. What the last build was made from is \
            kept in .<output>.cache beside the output (safe to delete). The new site replaces the \
            output in one step, only when every file was written: a failed build leaves the \
            previous site untouched. Digest only replaces an output folder it created (one with a \
            .digest-site file). On a terminal the build shows its progress.
            """
    )

    @OptionGroup var folders: ContentFolders

    @Option(name: .long, help: ArgumentHelp("The Mustache layouts and assets.", valueName: "dir"))
    var layouts = "Layouts"

    @Option(name: .long, help: ArgumentHelp("Where the site is written.", valueName: "dir"))
    var output = "Site"

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("The absolute URL the site is published at (overrides baseURL in site.json).", valueName: "url"))
    var baseURL: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The digest's today, YYYY-MM-DD (default: the newest day in the content).", valueName: "date"))
    var today: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "KaTeX to copy into the site so math is typeset (default: \(FolderReader.debianKaTeX) when installed).",
            valueName: "dir"))
    var katex: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Replace the output folder even if Digest did not create it. Never allowed for the content or layouts "
                + "folder, the current folder, your home folder or /."))
    var force = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Render every page again, not only those whose inputs changed since the last build "
                + "(files that come out the same still keep their dates)."))
    var full = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .long, help: "Print how long each phase of the build took.")
    var timings = false

    func validate() throws {
        if let baseURL, BaseURL(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http or https URL such as https://example.org/digest/")
        }
        if let today, CalendarDay(today) == nil {
            throw ValidationError("--today must be a valid date written YYYY-MM-DD")
        }
    }

    func run() throws {
        ProcessMemory.returnLargeFrees()
        var options = Pipeline.Options()
        options.content = folders.content
        options.layouts = layouts
        options.output = output
        options.baseURL = baseURL.flatMap(BaseURL.init)
        options.today = today.flatMap { CalendarDay($0) }
        options.force = force
        options.katex = katex
        options.full = full
        options.skipsCleanup = true  // the process ends with this build

        let clock = ContinuousClock()
        let start = clock.now
        let monitor = BuildMonitor()
        let progress = quiet ? nil : ProgressLine(monitor: monitor)
        let report = try Console.reportingFailures(keeping: output, before: { progress?.stop() }) {
            try Pipeline.build(options, monitor: monitor) {
                progress?.stop()
                Console.error("another build is writing to \(output); waiting for it to finish…")
            }
        }
        progress?.stop()
        let elapsed = clock.now - start

        if timings {
            for timing in monitor.timings {
                Console.error("\(timing.phase.rawValue): \(Console.seconds(timing.duration)) (peak memory \(timing.peakMemory >> 20) MB)")
            }
            let pages = report.templatePages
            if !report.upToDate {
                Console.error("Templates: \(pages.spliced) pages spliced into skeletons, \(pages.rendered) rendered by the template engine")
            }
        }
        guard !quiet else { return }
        for warning in report.warnings { Console.error(warning.description) }
        if report.unpublished > 0, let today = report.today {
            Console.error("note: \(report.unpublished) paper(s) dated after \(today) were left out; pass --today to include them")
        }
        let site =
            "\(Console.count(report.pages, "page")) and \(Console.count(report.feeds, "feed")) "
            + "from \(Console.count(report.papers, "paper")) (\(Console.count(report.days, "day")), \(Console.count(report.topics, "topic")))"
        if report.upToDate {
            Console.out("\(output)/ is up to date: nothing changed since the last build (\(site)); checked in \(Console.seconds(elapsed))")
            return
        }
        let changes = report.changed.map { " (\(Console.count($0, "file")) changed of \(report.files))" } ?? ""
        Console.out("Built \(site) in \(Console.seconds(elapsed)) → \(output)/\(changes)")
    }
}

struct ContentFolders: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder: site.json and papers/.", valueName: "dir"))
    var content = "Content"
}
