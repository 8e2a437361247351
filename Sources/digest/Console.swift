import ArgumentParser
import DigestKit
import Foundation

/// Messages: results on standard output, problems on standard error.
enum Console {
    /// Unbuffered, so a long-running `digest serve` shows its lines at once even in a pipe.
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Runs `body`; on failure prints every problem, a one-line verdict, and exits with status 1.
    /// `before` runs first when there is a failure to report (to clear a progress line).
    static func reportingFailures<T>(keeping output: String?, before: () -> Void = {}, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as DiagnosticsError {
            before()
            for diagnostic in failure.diagnostics { error(diagnostic.description) }
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            let untouched = output.map { "; \($0)/ was not changed" } ?? ""
            error("\(errors) error\(errors == 1 ? "" : "s") found\(untouched)")
            throw ExitCode.failure
        } catch let failure as DigestError {
            before()
            let untouched = output.map { " (\($0)/ was not changed)" } ?? ""
            error("error: \(failure.message)\(untouched)")
            throw ExitCode.failure
        }
    }

    /// "1 paper", "2 papers".
    static func count(_ value: Int, _ noun: String) -> String {
        value == 1 ? "1 \(noun)" : "\(value) \(noun)s"
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : String(format: "%.2f s", milliseconds / 1000)
    }
}
