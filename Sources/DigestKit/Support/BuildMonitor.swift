import Foundation

/// What a build is doing: its phase, how many of the phase's items are done, and how long
/// each finished phase took. The pipeline reports into it from any thread; the command
/// line reads it to draw progress on a terminal and to print `--timings`.
public final class BuildMonitor: @unchecked Sendable {
    public enum Phase: String, Sendable {
        case checkingCache = "Looking for changes"
        case reading = "Reading content"
        case loading = "Checking records"
        case grouping = "Grouping"
        case planning = "Planning"
        case indexing = "Indexing for search"
        case relating = "Finding related papers"
        case comparing = "Comparing with the last build"
        case rendering = "Rendering"
        case writing = "Writing"
        case finishing = "Finishing"
    }

    public struct Snapshot: Sendable {
        public var phase: Phase?
        public var done: Int
        public var total: Int
    }

    private let lock = NSLock()
    private let clock = ContinuousClock()
    private var current: (phase: Phase, start: ContinuousClock.Instant)?
    private var done = 0
    private var total = 0
    private var finished: [Timing] = []

    /// How long a phase took, and the process's peak memory when it ended.
    public struct Timing: Sendable {
        public var phase: Phase
        public var duration: Duration
        /// The largest resident set so far, in bytes.
        public var peakMemory: Int
    }

    public init() {}

    /// Starts `phase` (ending the one before); `total` is its number of items, when known.
    public func begin(_ phase: Phase, total: Int = 0) {
        let now = clock.now
        lock.withLock {
            endCurrent(at: now)
            current = (phase, now)
            done = 0
            self.total = total
        }
    }

    /// `count` more items of the current phase are done.
    public func advance(by count: Int = 1) {
        lock.withLock { done += count }
    }

    /// Ends the current phase.
    public func end() {
        let now = clock.now
        lock.withLock { endCurrent(at: now) }
    }

    public var snapshot: Snapshot {
        lock.withLock { Snapshot(phase: current?.phase, done: done, total: total) }
    }

    /// Every finished phase, in the order each first began. A phase begun again (indexing goes
    /// on after related papers are found) adds to its first timing.
    public var timings: [Timing] {
        lock.withLock { finished }
    }

    private func endCurrent(at now: ContinuousClock.Instant) {
        if let current {
            let timing = Timing(phase: current.phase, duration: now - current.start, peakMemory: Self.peakMemory())
            if let index = finished.firstIndex(where: { $0.phase == timing.phase }) {
                finished[index].duration += timing.duration
                finished[index].peakMemory = timing.peakMemory
            } else {
                finished.append(timing)
            }
        }
        current = nil
    }

    /// The process's peak resident set so far (Linux reports kilobytes).
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc spells RUSAGE_SELF as an enum case
        return Int(usage.ru_maxrss) * 1024
    }
}
