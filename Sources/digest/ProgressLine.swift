import DigestKit
import Dispatch
import Foundation

/// A build's progress on one terminal line, redrawn in place ten times a second: the phase,
/// and for long phases how many files are done. Nothing is drawn when standard error is not
/// a terminal (a log, CI, a pipe), nor for builds that end within half a second.
final class ProgressLine: @unchecked Sendable {
    private let monitor: BuildMonitor
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "digest.progress")
    private var drawn = false

    /// Nil when standard error is not a terminal.
    init?(monitor: BuildMonitor) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.monitor = monitor
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(100))
        timer.setEventHandler { [unowned self] in draw() }
        timer.resume()
    }

    /// Stops drawing and clears the line, so what follows starts on a clean line.
    func stop() {
        queue.sync {
            timer.cancel()
            if drawn { Self.write("\r\u{1B}[2K") }
            drawn = false
        }
    }

    private func draw() {
        let snapshot = monitor.snapshot
        guard let phase = snapshot.phase else { return }
        var line = phase.rawValue
        if snapshot.total > 0 {
            let percent = snapshot.done * 100 / snapshot.total
            line += " \(snapshot.done)/\(snapshot.total) (\(percent)%)"
        }
        Self.write("\r\u{1B}[2K" + line + "…")
        drawn = true
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
