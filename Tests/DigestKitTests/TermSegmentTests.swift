import Foundation
import Testing
@testable import DigestKit

/// Months of search terms kept between builds: a build cuts only the months whose papers
/// changed, and what it makes from kept months is what it would make from none.
@Suite struct TermSegmentTests {
    /// A store in memory that counts what it is asked for and given.
    final class Store: TermSegmentStore, @unchecked Sendable {
        private let lock = NSLock()
        private var segments: [String: TermSegment] = [:]
        private(set) var kept: [String] = []

        func segment(_ month: String) -> TermSegment? { lock.withLock { segments[month] } }
        func keep(_ segment: TermSegment) {
            lock.withLock {
                segments[segment.month] = segment
                kept.append(segment.month)
            }
        }
        func reset() { lock.withLock { kept = [] } }
        var months: [String] { lock.withLock { segments.keys.sorted() } }
    }

    static let records = [
        SearchIndexTests.record("2609.00001", day: "2026-09-14", title: "Sparse attention for long documents", summary: "We prune heads."),
        SearchIndexTests.record("2609.00002", day: "2026-09-30", title: "Diffusion policies in robotics", topics: ["Robotics", "Theory"]),
        SearchIndexTests.record("2610.00001", day: "2026-10-02", title: "Graph priors über alles", authors: ["Zoë Lindqvist"], code: true),
        SearchIndexTests.record("2611.00001", day: "2026-11-20", title: "Kernel methods, again", summary: "Kernels and $O(n^2)$ cost."),
    ]

    static func digest(_ records: [String]) throws -> Digest { try SearchIndexTests.plan(records).digest }

    /// Every file of the search index the terms make.
    static func indexFiles(_ terms: PaperTerms) -> [String: [UInt8]] {
        let index = SearchIndex(terms)
        var files = Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.bytes) })
        files[SearchIndex.manifestPath] = index.manifest
        return files
    }

    @Test func keptMonthsAreNotCutAgainAndMakeTheSameIndex() throws {
        let store = Store()
        let first = PaperTerms(try Self.digest(Self.records), store: store)
        #expect(store.months == ["2026-09", "2026-10", "2026-11"])
        #expect(store.kept.sorted() == store.months)
        #expect(Self.indexFiles(first) == Self.indexFiles(PaperTerms(try Self.digest(Self.records))))

        // Nothing changed: every month comes from the store.
        store.reset()
        let again = PaperTerms(try Self.digest(Self.records), store: store)
        #expect(store.kept.isEmpty)
        #expect(Self.indexFiles(again) == Self.indexFiles(first))

        // A new paper in November and an edited summary in September: those two months are cut again.
        var changed = Self.records
        changed[0] = SearchIndexTests.record("2609.00001", day: "2026-09-14", title: "Sparse attention for long documents", summary: "We prune heads and layers.")
        changed.append(SearchIndexTests.record("2611.00002", day: "2026-11-21", title: "Tokenizers for proteins", topics: ["Theory"]))
        store.reset()
        let later = PaperTerms(try Self.digest(changed), store: store)
        #expect(store.kept.sorted() == ["2026-09", "2026-11"])
        #expect(Self.indexFiles(later) == Self.indexFiles(PaperTerms(try Self.digest(changed))))
        #expect(Self.indexFiles(later)[SearchIndex.manifestPath] != Self.indexFiles(first)[SearchIndex.manifestPath])

        // Another Digest (another salt) cuts every month again.
        store.reset()
        _ = PaperTerms(try Self.digest(changed), store: store, salt: 1)
        #expect(store.kept.sorted() == ["2026-09", "2026-10", "2026-11"])
    }

    @Test func segmentsRoundTripAndDamageIsCaught() throws {
        let store = Store()
        _ = PaperTerms(try Self.digest(Self.records), store: store)
        let segment = try #require(store.segment("2026-09"))
        #expect(segment.counts.count == 2 && !segment.termOf.isEmpty)
        let bytes = segment.bytes
        #expect(TermSegment(bytes: bytes) == segment)
        // Any byte changed, anything cut off or added: not a segment.
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[offset] ^= 0x20
            #expect(TermSegment(bytes: damaged) == nil, "byte \(offset) changed")
        }
        for count in [0, 10, bytes.count / 2, bytes.count - 1] {
            #expect(TermSegment(bytes: Array(bytes.prefix(count))) == nil, "cut to \(count) bytes")
        }
        #expect(TermSegment(bytes: bytes + [0]) == nil)
        // Consistent checksums over inconsistent contents are refused too: a term past the vocabulary.
        var wrong = segment
        wrong.termOf[0] = Int32(wrong.vocabularyEnds.count)
        #expect(TermSegment(bytes: wrong.bytes) == nil)
        var short = segment
        short.counts[0] += 1
        #expect(TermSegment(bytes: short.bytes) == nil)
    }
}
