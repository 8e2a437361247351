import ArgumentParser
import DigestKit
import DigestServe
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build it, serve it, and rebuild and reload the browser when a file changes.",
        discussion: """
            The site is built in memory (Site/ is not touched) for the address it is served at, and \
            rebuilt when anything in the content or layouts folder changes. Open pages reload by \
            themselves; a rebuild that fails keeps serving the previous site and shows the error \
            in the terminal and over the page until it is fixed. Listens on 127.0.0.1 only unless \
            --host says otherwise. Ctrl-C stops it.
            """
    )

    @OptionGroup var folders: ContentFolders

    @Option(name: .long, help: ArgumentHelp("The Mustache layouts and assets.", valueName: "dir"))
    var layouts = "Layouts"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port: UInt16 = 8000

    @Option(name: .long, help: ArgumentHelp("The address to listen on; 0.0.0.0 exposes the preview to your network.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(
        name: .customLong("base-path"),
        help: ArgumentHelp("Serve the site under this path, e.g. /digest/ to preview a GitHub Pages project site.", valueName: "path"))
    var basePath = "/"

    @Option(name: .long, help: ArgumentHelp("The digest's today, YYYY-MM-DD (default: the newest day in the content).", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("KaTeX to include so math is typeset (default: Debian's, when installed).", valueName: "dir"))
    var katex: String?

    func validate() throws {
        if let today, CalendarDay(today) == nil { throw ValidationError("--today must be a valid date written YYYY-MM-DD") }
        if basePath.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) {
            throw ValidationError("--base-path must be a plain path such as /digest/")
        }
    }

    func run() async throws {
        ProcessMemory.returnLargeFrees()
        var configuration = PreviewServer.Configuration()
        configuration.build.content = folders.content
        configuration.build.layouts = layouts
        configuration.build.today = today.flatMap { CalendarDay($0) }
        configuration.build.katex = katex
        configuration.host = host
        configuration.port = port
        configuration.basePath = basePath
        let server = try PreviewServer(configuration, log: Console.error)

        // Ctrl-C ends the serving task; the server then closes its connections and returns.
        let watched = "\(folders.content)/ and \(layouts)/"
        let serving = Task {
            try await server.run { url in Console.out("Serving at \(url) — watching \(watched); Ctrl-C to stop") }
        }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .main)
        interrupt.setEventHandler { serving.cancel() }
        interrupt.resume()
        do {
            try await serving.value
        } catch let failure as DiagnosticsError {
            Console.error("\(Console.count(failure.diagnostics.filter { $0.severity == .error }.count, "error")) found; nothing to serve")
            throw ExitCode.failure
        } catch let failure as DigestError {
            Console.error("error: \(failure.message)")
            throw ExitCode.failure
        }
        interrupt.cancel()
        Console.out("Stopped.")
    }
}
