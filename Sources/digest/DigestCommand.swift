import ArgumentParser
import DigestKit

@main
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Build a static paper-digest website from JSON paper records.",
        discussion: """
            Reads site settings and paper records from Content/, fills the Mustache layouts in \
            Layouts/ and writes a static site to Site/: today's digest, seven days of history, \
            a page per topic and per paper, RSS feeds and a sitemap.

            Documentation: README.md and docs/ in the Digest repository.
            """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ImportCommand.self, ServeCommand.self]
    )
}
