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
        var files = Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, Array($0.bytes)) })
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
        let otherSalt = PaperTerms(try Self.digest(changed), store: store, salt: 1)
        #expect(store.kept.sorted() == ["2026-09", "2026-10", "2026-11"])
        #expect(otherSalt.postings.papersCut == changed.count, "no paper's postings are taken from another executable's months")
    }

    /// A month cut again (a new day, an edit) takes its unchanged papers' postings from the
    /// segment kept for it, and makes the very segment that cutting all of them makes.
    @Test func aMonthCutAgainCutsOnlyItsNewAndChangedPapers() throws {
        // Papers that share words and have words of their own, so kept and new postings share
        // the month's vocabulary and add to it.
        var records = (1...6).map { number in
            SearchIndexTests.record(
                String(format: "2609.%05d", number), day: String(format: "2026-09-%02d", number), title: "Sparse attention variant \(number) for long documents",
                topics: number % 2 == 0 ? ["Robotics", "Theory"] : ["Theory"], summary: "We prune heads, method m\(number), and keep layers.")
        }
        let store = Store()
        let first = PaperTerms(try Self.digest(records), store: store)
        #expect(first.postings.papersCut == 6)

        records[2] = SearchIndexTests.record("2609.00003", day: "2026-09-03", title: "Tokenizers über proteins", summary: "Kernels and $O(n^2)$ layers.")
        records.insert(SearchIndexTests.record("2609.00010", day: "2026-09-04", title: "Graph priors for long documents", authors: ["Zoë Lindqvist"], code: true), at: 3)
        records.append(SearchIndexTests.record("2609.00011", day: "2026-09-20", title: "Proteins, sparse heads again", topics: ["Robotics"]))
        let again = PaperTerms(try Self.digest(records), store: store)
        #expect(again.postings.papersCut == 3, "the edited paper and the two new ones")

        let fresh = Store()
        let fromNothing = PaperTerms(try Self.digest(records), store: fresh)
        #expect(fromNothing.postings.papersCut == 8)
        let (reused, cut) = (try #require(store.segment("2026-09")), try #require(fresh.segment("2026-09")))
        #expect(reused == cut)
        #expect(reused.keys.count == 8 && Set(reused.keys).count == 8)
        #expect(Self.indexFiles(again) == Self.indexFiles(fromNothing))
    }

    @Test func segmentsRoundTripAndDamageIsCaught() throws {
        let store = Store()
        _ = PaperTerms(try Self.digest(Self.records), store: store)
        let segment = try #require(store.segment("2026-09"))
        #expect(segment.counts.count == 2 && !segment.termOf.isEmpty)
        let bytes = segment.bytes
        #expect(TermSegment(bytes: bytes) == segment)
        // Any byte changed, anything cut off or added: not a segment.
        expectOnlyWholeBytesRead(bytes) { TermSegment(bytes: $0) != nil }
        // Consistent checksums over inconsistent contents are refused too: a term past the vocabulary.
        var wrong = segment
        wrong.termOf[0] = Int32(wrong.vocabularyEnds.count)
        #expect(TermSegment(bytes: wrong.bytes) == nil)
        var short = segment
        short.counts[0] += 1
        #expect(TermSegment(bytes: short.bytes) == nil)
    }

    /// The base tier of the search index and its whole doc groups, kept by one build, are
    /// taken over by the next only when the months before the newest are as they were, and
    /// then the index is the one made from nothing.
    @Test func theBaseTierIsTakenOverOnlyWhenItsMonthsAreAsTheyWere() throws {
        // Twenty September papers: a whole doc group of older papers, and four in the next.
        var records = (0..<20).map { number -> String in
            let topics: [String] = number % 2 == 0 ? ["Robotics"] : ["Theory", "Robotics"]
            let id = String(format: "2609.%05d", number + 1), day = String(format: "2026-09-%02d", number + 1)
            return SearchIndexTests.record(id, day: day, title: "Attention variant \(number) for long documents", topics: topics, code: number % 3 == 0)
        }
        records += Array(Self.records.dropFirst(2))
        func index(_ records: [String], kept: SearchIndex.Kept? = nil, salt: UInt64 = 0) throws -> SearchIndex {
            SearchIndex(PaperTerms(try Self.digest(records), salt: salt), kept: kept)
        }
        func files(_ index: SearchIndex) -> [String: [UInt8]] {
            var files = Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, Array($0.bytes)) })
            files[SearchIndex.manifestPath] = index.manifest
            return files
        }
        let first = try index(records)
        let kept = try #require(first.kept)
        #expect(!first.tookKept && kept.groups.count == 1 && kept.chunks.count == kept.firstTerms.count && !kept.chunks.isEmpty)
        #expect(kept.chunks.allSatisfy { chunk in first.files.contains(chunk) } && first.files.contains(kept.groups[0]))
        // Its bytes are reserved whole, never grown by doubling (at 54,750 papers, 56 MB).
        let written = kept.bytes(salt: 7)
        #expect(written.capacity - written.count < 256, "\(written.capacity) reserved for \(written.count) bytes")

        // A new paper in November, the newest month: taken over, and the same as from nothing.
        let newDay = records + [SearchIndexTests.record("2611.00002", day: "2026-11-21", title: "Tokenizers for proteins", topics: ["Theory"])]
        let taken = try index(newDay, kept: kept)
        let sameAsFromNothing = files(taken) == files(try index(newDay))
        #expect(taken.tookKept && taken.kept == kept && sameAsFromNothing)

        // An edit in September, a new month, another executable: made again.
        var edited = records
        edited[3] = SearchIndexTests.record("2609.00004", day: "2026-09-04", title: "Attention variant 3, revised", code: true)
        let newMonth = records + [SearchIndexTests.record("2612.00001", day: "2026-12-01", title: "Proteins again", topics: ["Theory"])]
        let changes: [(name: String, records: [String], salt: UInt64)] = [("an edit", edited, 0), ("a new month", newMonth, 0), ("another executable", records, 1)]
        for (name, changed, salt) in changes {
            let again = try index(changed, kept: kept, salt: salt)
            let (took, same) = (again.tookKept, files(again) == files(try index(changed, salt: salt)))
            #expect(!took && same, "\(name)")
        }
        // One month: no base tier, nothing to keep.
        #expect(try index(Array(records.prefix(5))).kept == nil)

        // The file: only the bytes written, with the same salt, read back.
        let bytes = kept.bytes(salt: 7)
        let readBack = SearchIndex.Kept(bytes: bytes, salt: 7) == kept
        #expect(readBack)
        #expect(SearchIndex.Kept(bytes: bytes, salt: 8) == nil)
        expectOnlyWholeBytesRead(bytes) { SearchIndex.Kept(bytes: $0, salt: 7) != nil }
    }
}
