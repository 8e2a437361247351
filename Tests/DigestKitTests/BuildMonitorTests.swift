import Testing

@testable import DigestKit

struct BuildMonitorTests {
    @Test func aPhaseBegunAgainAddsToItsFirstTiming() {
        let monitor = BuildMonitor()
        monitor.begin(.indexing)
        monitor.begin(.relating)
        monitor.begin(.indexing)
        monitor.begin(.planning)
        monitor.end()
        #expect(monitor.timings.map(\.phase) == [.indexing, .relating, .planning])
        #expect(monitor.timings.allSatisfy { $0.duration >= .zero && $0.peakMemory > 0 })
    }
}
