import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Related papers: a planted near-duplicate pair finds itself, ties go by id, the lists on
/// the sample site are about the same things, and paper pages show them.
@Suite struct RelatedPapersTests {
    /// Deterministic filler: `count` words drawn from a made-up vocabulary of 3,000.
    static func words(_ count: Int, seed: UInt64) -> String {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        let syllables = ["ka", "ro", "mi", "ten", "sa", "lu", "vor", "en", "di", "pra", "to", "ne", "sil", "ga"]
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let number = Int(state >> 33) % 3000
            return syllables[number % 14] + syllables[number / 14 % 14] + syllables[number / 196 % 14] + "x"
        }.joined(separator: " ")
    }

    static func record(_ id: String, day: String = "2026-11-20", title: String, abstract: String, topics: [String] = ["Theory"]) -> String {
        let json = try! JSONSerialization.data(
            withJSONObject: ["id": id, "date": day, "title": title, "abstract": abstract, "topics": topics, "authors": ["Ada Berg"]],
            options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    static func related(_ plan: SitePlan, _ id: String) -> [String] {
        let paper = plan.digest.papers.first { $0.id.base == id }!
        return plan.context.related.related(to: paper).map(\.id.base)
    }

    @Test func aNearDuplicatePairIsEachOthersFirstRelatedPaper() throws {
        var records = (0..<80).map { index in
            Self.record(String(format: "2611.%05d", index + 100), day: "2026-11-\(10 + index % 10)",
                        title: "Study \(Self.words(4, seed: UInt64(index) + 7_000))", abstract: Self.words(150, seed: UInt64(index)))
        }
        let shared = Self.words(150, seed: 99_999)
        // The same abstract but for its last words, and titles that differ.
        records.append(Self.record("2611.00001", day: "2026-11-12", title: "Kernel Bounds Revisited", abstract: shared + " " + Self.words(6, seed: 1)))
        records.append(Self.record("2611.00002", day: "2026-11-19", title: "Sharper Kernel Bounds", abstract: shared + " " + Self.words(6, seed: 2)))
        let plan = try SearchIndexTests.plan(records)
        #expect(Self.related(plan, "2611.00001").first == "2611.00002")
        #expect(Self.related(plan, "2611.00002").first == "2611.00001")
        // Every list is at most six long and never lists its own paper.
        for paper in plan.digest.papers {
            let list = Self.related(plan, paper.id.base)
            #expect(list.count <= RelatedPapers.count && !list.contains(paper.id.base))
            #expect(Set(list).count == list.count)
        }
    }

    @Test func equalScoresAreOrderedById() throws {
        let text = Self.words(80, seed: 42)
        let plan = try SearchIndexTests.plan([
            Self.record("2611.00050", title: "Probe", abstract: text + " " + Self.words(20, seed: 5)),
            // Two copies of one text: their scores against the probe are exactly equal. The
            // one with the larger id comes first in the file.
            Self.record("2611.00031", title: "Copy", abstract: text),
            Self.record("2611.00030", title: "Copy", abstract: text),
            Self.record("2611.00070", title: "Other", abstract: Self.words(80, seed: 77)),
        ])
        #expect(Array(Self.related(plan, "2611.00050").prefix(2)) == ["2611.00030", "2611.00031"])
    }

    /// An archive of two months and a new day: the old papers' vectors keep their weights,
    /// so an old list changes only where a new paper joins it, and then only by the new
    /// paper coming in (and the last one dropping out).
    @Test func aNewDayChangesAnOldListOnlyByANewPaperJoiningIt() throws {
        struct Doc { var id, day, title, abstract: String }
        func paper(_ number: Int, day: String) -> Doc {
            Doc(id: String(format: "2610.%05d", number + 100), day: day,
                title: "Study " + Self.words(4, seed: UInt64(number) + 7_000), abstract: Self.words(120, seed: UInt64(number)))
        }
        let old = (0..<90).map { paper($0, day: $0 < 45 ? "2026-10-\(10 + $0 % 10)" : "2026-11-\(10 + $0 % 5)") }
        // The new day's papers use only words that two old papers already use, so no old
        // paper's vector gains a term by sharing a word no other paper had.
        var papersUsing: [Substring: Int] = [:]
        for paper in old {
            for word in Set((paper.title + " " + paper.abstract).split(separator: " ")) { papersUsing[word, default: 0] += 1 }
        }
        let shared: [String] = old.flatMap { $0.abstract.split(separator: " ") }.filter { papersUsing[$0]! >= 2 }.map(String.init)
        let new = (0..<8).map { index -> Doc in
            let words: [String] = (0..<80).map { shared[(index * 131 + $0 * 17) % shared.count] }
            return Doc(id: String(format: "2611.%05d", 900 + index), day: "2026-11-20", title: "Study " + shared[(index * 37) % shared.count],
                       abstract: words.joined(separator: " "))
        }
        let records = { (papers: [Doc]) -> [String] in papers.map { Self.record($0.id, day: $0.day, title: $0.title, abstract: $0.abstract) } }
        let before = try SearchIndexTests.plan(records(old)), after = try SearchIndexTests.plan(records(old + new))
        let newIDs = Set(new.map(\.id))
        var joined = 0
        for paper in old {
            let was = Self.related(before, paper.id), now = Self.related(after, paper.id)
            let kept = now.filter { !newIDs.contains($0) }
            // The old papers in the new list are the old list's first ones, in its order.
            #expect(kept == Array(was.prefix(kept.count)), "\(paper.id): \(was) → \(now)")
            if kept.count == now.count { #expect(now == was, "\(paper.id)") } else { joined += 1 }
        }
        #expect(joined > 0, "no new paper joined an old list: the test shows nothing")
        // The new papers have lists of their own.
        #expect(new.contains { !Self.related(after, $0.id).isEmpty })
    }

    /// A build brings the last build's lists up to date instead of scoring every paper
    /// again; what it gets is what scoring every paper gives, score for score, after a new
    /// day, an edited and a removed paper, and from lists of another archive.
    @Test func listsKeptFromTheLastBuildAreTheListsComputedAfresh() throws {
        // Papers 90 and on are a new day whose words two of the first 90 papers use already,
        // so they leave those papers' vectors as they were (a word only one paper used would
        // become a term it shares, and change its vector: the cases below have those).
        var papersUsing: [Substring: Int] = [:]
        for number in 0..<90 { for word in Set(Self.words(120, seed: UInt64(number)).split(separator: " ")) { papersUsing[word, default: 0] += 1 } }
        let shared: [String] = (0..<90).flatMap { Self.words(120, seed: UInt64($0)).split(separator: " ") }.filter { papersUsing[$0]! >= 2 }.map(String.init)
        func corpus(_ numbers: [Int], edited: Int? = nil) -> [String] {
            numbers.map { number in
                let day = number < 45 ? "2026-10-\(10 + number % 10)" : number < 90 ? "2026-11-\(10 + number % 5)" : "2026-11-20"
                let words = (0..<80).map { shared[(number * 131 + $0 * 17) % shared.count] }.joined(separator: " ")
                // The edited paper takes most of another paper's abstract.
                let abstract = number == edited ? Self.words(100, seed: 3) + " " + Self.words(20, seed: 500)
                    : number >= 90 ? words : Self.words(120, seed: UInt64(number))
                return Self.record(String(format: "2610.%05d", number + 100), day: day, title: "Study " + Self.words(4, seed: UInt64(number) + 7_000), abstract: abstract)
            }
        }
        let lists = { (records: [String], previous: RelatedPapers.Kept?) in
            RelatedPapers(PaperTerms(try SearchIndexTests.plan(records).digest), previous: previous)
        }
        let before = try lists(corpus(Array(0..<90)), nil)
        let newDay = corpus(Array(0..<98))
        let edited = corpus(Array(0..<98).filter { $0 != 17 }, edited: 60)
        let other = try lists((0..<30).map { Self.record(String(format: "2609.%05d", $0), day: "2026-09-01", title: "Other", abstract: Self.words(120, seed: UInt64($0) + 300)) }, nil)
        for (previous, records) in [(before.kept, newDay), (before.kept, edited), (try lists(newDay, nil).kept, edited), (other.kept, edited)] {
            let fresh = try lists(records, nil), updated = try lists(records, previous)
            #expect(updated.kept == fresh.kept)
            #expect(fresh.kept.others.count > records.count, "too few lists to show anything")
        }
        // Most lists were kept: only the new day's papers and those that list them were scored.
        let updated = try lists(newDay, before.kept)
        #expect(updated.keptLists > 60 && updated.keptLists < 90, "kept \(updated.keptLists)")
        #expect(try lists(edited, other.kept).keptLists == 0)
    }

    @Test func keptListsRoundTripOnlyWhenWhole() throws {
        let kept = RelatedPapers(PaperTerms(try SampleSite.plan().digest)).kept
        let bytes = kept.bytes(salt: 7)
        #expect(RelatedPapers.Kept(bytes: bytes, salt: 7) == kept)
        #expect(RelatedPapers.Kept(bytes: bytes, salt: 8) == nil)
        expectOnlyWholeBytesRead(bytes) { RelatedPapers.Kept(bytes: $0, salt: 7) != nil }
    }

    /// Weights come from the papers before a month's start, which moves only once the
    /// archive before it has grown by a quarter.
    @Test func theWeightingBaseMovesWhenTheArchiveGrowsByAQuarter() throws {
        func base(_ months: [Int]) throws -> Int {
            let records = months.enumerated().flatMap { month, count in
                (0..<count).map { Self.record(String(format: "26%02d.%05d", month + 1, $0), day: String(format: "2026-%02d-10", month + 1), title: "T", abstract: "a b") }
            }
            return RelatedPapers.weightingBase(PaperTerms(try SearchIndexTests.plan(records).digest).papers)
        }
        #expect(try base([30]) == 30)  // one month: all of it
        #expect(try base([40, 8]) == 40)  // before the second month
        #expect(try base([40, 8, 5]) == 40)  // 48 before the third: not a quarter more
        #expect(try base([40, 10, 5]) == 50)  // 50 is a quarter more than 40
        #expect(try base([40, 10, 5, 7]) == 50)  // 55 and 62 are not a quarter more than 50
        #expect(try base([40, 10, 5, 7, 1]) == 62)  // 63 is; the month it starts is the newest
    }

    @Test func theSampleSitesRelatedPapersShareATopicOrAKeyTerm() throws {
        let plan = try SampleSite.plan()
        // A key term: a word of six letters or more that fewer than one paper in ten uses.
        let words = Dictionary(uniqueKeysWithValues: plan.digest.papers.map { ($0.id.base, Self.words($0)) })
        var frequency: [String: Int] = [:]
        for set in words.values { for word in set { frequency[word, default: 0] += 1 } }
        let rare = { (word: String) in frequency[word]! * 10 < plan.digest.papers.count }
        var listed = 0
        for paper in plan.digest.papers {
            for other in plan.context.related.related(to: paper) {
                listed += 1
                let sharesTopic = !Set(paper.topics).isDisjoint(with: other.topics)
                let sharesTerm = words[paper.id.base]!.intersection(words[other.id.base]!).contains(where: rare)
                #expect(sharesTopic || sharesTerm, "\(paper.title) → \(other.title)")
            }
        }
        #expect(listed >= plan.digest.papers.count * 3)
    }

    /// Words of six letters or more in what related papers compare, lowercased.
    static func words(_ paper: Paper) -> Set<String> {
        let text = ([paper.title, paper.abstract ?? "", paper.summary ?? ""] + paper.highlights + paper.topics).joined(separator: " ").lowercased()
        return Set(text.split { !$0.isLetter }.map(String.init).filter { $0.count >= 6 })
    }

    @Test func paperPagesListTheirRelatedPapersWithLinks() throws {
        let plan = try SampleSite.plan()
        let paper = try #require(plan.digest.papers.first)
        let expected = plan.context.related.related(to: paper)
        #expect(!expected.isEmpty)
        let page = try LargeSiteTests.page(plan, "papers/\(paper.slug)/index.html")
        let links = page.nodes("//section[@id='related']//ol/li/a")
        #expect(links.map { $0["href"] ?? "" } == expected.map { "../../papers/\($0.slug)/" })
        #expect(links.map(\.text) == expected.map(\.title))
        #expect(page.nodes("//section[@id='related']//time").map { $0["datetime"] ?? "" } == expected.map(\.day.description))
    }
}

/// The sample site in `Content/`, planned with the default layouts.
enum SampleSite {
    static func plan() throws -> SitePlan {
        let root = LargeSiteTests.root
        let content = try FolderReader.readContent(root.appendingPathComponent("Content").path)
        let loaded = try ContentLoader.load(content, baseURLOverride: nil)
        let digest = DigestBuilder.build(config: loaded.config, records: loaded.records, runs: loaded.runs, pages: loaded.pages, today: nil)
        let layouts = try FolderReader.readLayouts(root.appendingPathComponent("Layouts").path)
        return SitePlan(digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts"))
    }
}
