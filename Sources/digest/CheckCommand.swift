import ArgumentParser
import DigestKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content and report every problem, without writing anything.",
        discussion: "Exits with status 1 when any error is found. The layouts are checked too when the folder exists."
    )

    @OptionGroup var folders: ContentFolders

    @Option(name: .long, help: ArgumentHelp("The layouts to check along with the content.", valueName: "dir"))
    var layouts = "Layouts"

    func run() throws {
        let report = try Console.reportingFailures(keeping: nil) {
            try Pipeline.check(content: folders.content, layouts: layouts)
        }
        for warning in report.warnings { Console.error(warning.description) }
        Console.out(
            "\(folders.content): \(Console.count(report.records, "record")) in \(Console.count(report.files, "file")), "
                + "\(Console.count(report.papers, "paper")): no problems found")
    }
}
