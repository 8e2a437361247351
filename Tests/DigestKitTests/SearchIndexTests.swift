import Foundation
import Testing
@testable import DigestKit

/// The words rules of docs/search.md, which the browser's words.js applies to queries.
@Suite struct SearchWordsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Tests/Fixtures/porter-stems.tsv: NLTK's stems (ORIGINAL_ALGORITHM) of every plain word
    /// of the sample content and of words for each of Porter's rules.
    @Test func stemsAgreeWithTheReferenceStemmer() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("porter-stems.tsv"), encoding: .utf8)
        var wrong: [String] = []
        var count = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 2 else { continue }
            count += 1
            let stem = PorterStemmer.stem(parts[0])
            if stem != parts[1] { wrong.append("\(parts[0]) → \(stem), expected \(parts[1])") }
        }
        #expect(count > 1000)
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func accentsCaseAndStrokedLettersFold() {
        #expect(SearchWords.terms("Jürgen Wollschläger") == ["jurgen", "wollschlag"])
        #expect(SearchWords.terms("Søren Łukasz ÆSIR Straße") == ["soren", "lukasz", "aesir", "strass"])
        #expect(SearchWords.terms("ÉCOLE") == SearchWords.terms("ecole"))
        // Already decomposed input folds the same as composed.
        #expect(SearchWords.terms("Ju\u{308}rgen") == ["jurgen"])
    }

    @Test func stopWordsSingleLettersAndLongRunsAreLeftOut() {
        #expect(SearchWords.terms("The cost of a model is in its layers") == ["cost", "model", "layer"])
        #expect(SearchWords.terms("x y z 7 ab") == ["ab"])
        #expect(SearchWords.terms(String(repeating: "q", count: 41) + " kept") == ["kept"])
        #expect(SearchWords.terms(String(repeating: "q", count: 40)).count == 1)
    }

    @Test func markupAndMathSeparateWords() {
        #expect(SearchWords.terms("**Sparse** attention, $O(n^2)$ and $\\alpha$-divergence") == ["spars", "attent", "alpha", "diverg"])
        #expect(SearchWords.terms("self-attention in GPT4 at 2.5x") == ["self", "attent", "gpt4", "5x"])
    }

    @Test func cjkRunsBecomeOverlappingPairs() {
        #expect(SearchWords.terms("注意力机制") == ["注意", "意力", "力机", "机制"])
        #expect(SearchWords.terms("大 model") == ["大", "model"])
        #expect(SearchWords.terms("Transformerの注意") == ["transform", "の注", "注意"])
    }
}

/// The index the build writes (docs/search.md, "The index"), read back the way search.js reads it.
@Suite struct SearchIndexTests {
    /// The index's files, decoded: the manifest, and per tier every term's postings.
    struct Decoded {
        var manifest: [String: Any]
        var tiers: [[String: [(paper: Int, level: Int)]]]
        /// Per tier, each term's row as written: `[term, postings]` or `[term, gaps, level]`.
        var rows: [[String: [Any]]]
        var groups: [Int: [[Any]]]
        var files: [String: [UInt8]]

        init(_ plan: SitePlan) throws {
            files = [:]
            for entry in plan.entries where entry.path.hasPrefix("search/") && entry.path.hasSuffix(".json") {
                files[entry.path] = plan.render(entry).bytes
            }
            let manifestBytes = try #require(files["search/index.json"])
            manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
            let levels = try #require(manifest["levels"] as? Int)
            tiers = []
            rows = []
            for tier in try #require(manifest["tiers"] as? [[String: Any]]) {
                var tierRows: [String: [Any]] = [:]
                let chunks = try #require(tier["chunks"] as? [String])
                var terms: [String: [(Int, Int)]] = [:]
                for pair in stride(from: 0, to: chunks.count, by: 2) {
                    let bytes = try #require(files["search/t/\(chunks[pair + 1]).json"], "chunk \(chunks[pair + 1]) is missing")
                    let rows = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]])
                    for row in rows {
                        let term = try #require(row[0] as? String)
                        tierRows[term] = row
                        // Each term is in the chunk its first term and the next chunk's bound.
                        #expect(!term.utf8.lexicographicallyPrecedes(chunks[pair].utf8))
                        if pair + 2 < chunks.count { #expect(term.utf8.lexicographicallyPrecedes(chunks[pair + 2].utf8)) }
                        var previous = -1
                        if row.count == 3 {
                            // A common term: the tier's papers without it, and the level of the others.
                            let first = try #require(tier["first"] as? Int), count = try #require(tier["count"] as? Int)
                            let level = try #require(row[2] as? Int)
                            let without = Set(try #require(row[1] as? [Int]).map { gap in
                                previous += gap
                                return previous
                            })
                            #expect(without.allSatisfy { (first..<first + count).contains($0) } && (1...levels).contains(level))
                            terms[term] = (first..<first + count).filter { !without.contains($0) }.map { ($0, level) }
                            continue
                        }
                        terms[term] = try #require(row[1] as? [Int]).map { value in
                            previous += value / levels
                            return (previous, value % levels + 1)
                        }
                    }
                }
                tiers.append(terms)
                rows.append(tierRows)
            }
            groups = [:]
            for (path, bytes) in files where path.hasPrefix("search/d/") {
                let number = try #require(Int(path.dropFirst("search/d/".count).dropLast(".json".count)))
                groups[number] = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]])
            }
        }

        /// Papers with the term in any tier, with their levels.
        func postings(_ term: String) -> [(paper: Int, level: Int)] { tiers.flatMap { $0[term] ?? [] } }

        func row(_ paper: Int) -> [Any]? {
            let size = manifest["docGroup"] as? Int ?? 16
            return groups[paper / size].flatMap { paper % size < $0.count ? $0[paper % size] : nil }
        }

        func paper(withID id: String) -> Int? {
            postings("#" + id).first?.paper
        }
    }

    static func plan(_ records: [String], today: String? = nil) throws -> SitePlan {
        let loaded = PaperFileDecoder.decode(SourceFile(path: "p.json", text: "[" + records.joined(separator: ",\n") + "]"), fileIndex: 0, timeZone: .utc)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let config = SiteConfig(title: "T", baseURL: BaseURL("https://example.org/")!)
        let digest = DigestBuilder.build(config: config, records: loaded.records, today: today.flatMap(CalendarDay.init))
        let layouts = try FolderReader.readLayouts(LargeSiteTests.root.appendingPathComponent("Layouts").path)
        return SitePlan(digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts"))
    }

    static func record(_ id: String, day: String, title: String, topics: [String] = ["Robotics"], authors: [String] = ["Ada Berg"],
                       summary: String = "A plain summary of a method.", code: Bool = false) -> String {
        let json = try! JSONSerialization.data(withJSONObject: [
            "id": id, "date": day, "title": title, "topics": topics, "authors": authors, "summary": summary,
        ].merging(code ? ["links": ["code": "https://github.com/example/\(id)"]] : [:]) { first, _ in first }, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    @Test func papersAreNumberedOldestFirstAndDaysAreRanges() throws {
        let plan = try Self.plan([
            Self.record("2611.00003", day: "2026-11-20", title: "Newest"),
            Self.record("2611.00002", day: "2026-11-19", title: "Middle b"),
            Self.record("2611.00001", day: "2026-11-19", title: "Middle a"),
        ])
        let index = try Decoded(plan)
        #expect(index.manifest["papers"] as? Int == 3)
        #expect(index.manifest["days"] as? [String] == ["2026-11-19", "2026-11-20"])
        #expect(index.manifest["dayStarts"] as? [Int] == [0, 2])
        #expect(index.paper(withID: "2611.00001") == 0)
        #expect(index.paper(withID: "2611.00002") == 1)
        #expect(index.paper(withID: "2611.00003") == 2)
        #expect(index.row(2)?[2] as? String == "Newest")
        #expect(index.row(2)?[4] as? Int == 1)  // its day's position
    }

    @Test func everyFieldIsSearchedAndTheTitleCountsMore() throws {
        let methodology = "## Summary\n\nAbout robots.\n\n## Methodology\n\nWe use a quasiperiodic scheduler."
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-20", title: "Scheduler design", summary: "A summary that mentions nothing else."),
            Self.record("2611.00002", day: "2026-11-20", title: "Other work", authors: ["Jürgen Łukasz"], summary: methodology),
        ])
        let index = try Decoded(plan)
        #expect(index.postings("quasiperiod").map(\.paper) == [index.paper(withID: "2611.00002")])
        #expect(index.postings("jurgen").map(\.paper) == [index.paper(withID: "2611.00002")])
        #expect(index.postings("lukasz").count == 1)
        let scheduler = index.postings("schedul")
        #expect(scheduler.count == 2)
        let inTitle = try #require(scheduler.first { $0.paper == index.paper(withID: "2611.00001") })
        let inSummary = try #require(scheduler.first { $0.paper == index.paper(withID: "2611.00002") })
        #expect(inTitle.level > inSummary.level)
        // Stop words are not terms.
        #expect(index.postings("the").isEmpty)
    }

    @Test func topicsCodeLinksAndIdsAreTermsNoWordCanBe() throws {
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-20", title: "One", topics: ["Speech & Audio", "Robotics"], code: true),
            Self.record("2611.00002", day: "2026-11-20", title: "Two", topics: ["Robotics"]),
            Self.record("hep-th/9901001", day: "2026-11-20", title: "Three", topics: ["Theory"]),
        ])
        let index = try Decoded(plan)
        let one = try #require(index.paper(withID: "2611.00001"))
        #expect(index.postings("$topic:speech-audio").map(\.paper) == [one])
        #expect(index.postings("$topic:robotics").count == 2)
        #expect(index.postings("$code").map(\.paper) == [one])
        #expect(index.paper(withID: "hep-th/9901001") != nil)
        let topics = try #require(index.manifest["topics"] as? [[String]])
        #expect(topics.contains(["Speech & Audio", "speech-audio"]))
        let row = try #require(index.row(one))
        #expect((row[5] as? [Int])?.map { topics[$0][0] } == ["Speech & Audio", "Robotics"])
        #expect(row[6] as? Int == 1)
    }

    @Test func docGroupsShortenLongAuthorListsAndKeepTitlesAsWritten() throws {
        let plan = try Self.plan([
            Self.record("2611.00001", day: "2026-11-20", title: "First $x^2$", authors: (1...12).map { "Person \($0)" })
        ])
        let row = try #require(try Decoded(plan).row(0))
        #expect(row[0] as? String == "2611.00001")
        #expect(row[1] as? String == "2611.00001")
        #expect(row[2] as? String == "First $x^2$")
        #expect((row[3] as? String)?.hasSuffix("Person 8 et al. (12 authors)") == true)
    }

    /// Older months are the base tier; a new day in the newest month leaves its files alone.
    @Test func aNewDayChangesOnlyTheRecentTier() throws {
        var records: [String] = []
        for day in ["2026-10-30", "2026-10-31", "2026-11-01"] {
            for index in 0..<20 {
                records.append(Self.record("\(day.suffix(5)).\(index)", day: day, title: "Paper \(index) on \(day) about robots and graphs"))
            }
        }
        let before = try Decoded(try Self.plan(records))
        let tiers = try #require(before.manifest["tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["first"] as? Int } == [0, 40])
        #expect(tiers.map { $0["count"] as? Int } == [40, 20])
        records.append(Self.record("2611.99999", day: "2026-11-02", title: "A new day about quokkas"))
        let after = try Decoded(try Self.plan(records))
        let baseFiles = { (index: Decoded) in
            Set(((index.manifest["tiers"] as? [[String: Any]])?[0]["chunks"] as? [String] ?? []).enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        }
        #expect(!baseFiles(before).isEmpty)
        #expect(baseFiles(before) == baseFiles(after))
        for file in baseFiles(before) { #expect(before.files["search/t/\(file).json"] == after.files["search/t/\(file).json"]) }
        #expect(after.postings("quokka").map(\.paper) == [60])
        // Doc groups before the new paper's keep their bytes.
        #expect(before.files["search/d/0.json"] == after.files["search/d/0.json"])
        #expect(before.files["search/d/3.json"] != after.files["search/d/3.json"])
    }

    @Test func invertingInBlocksChangesNoByte() throws {
        let terms = PaperTerms(try SampleSite.plan().digest)
        let whole = SearchIndex(terms)
        #expect(terms.postings.terms.count > 1000 && whole.files.count > 5, "too few terms to show anything")
        // A block of one term at a time (its postings outnumber 1), and blocks of a few terms.
        for size in [1, 700] {
            let blocked = SearchIndex(terms, blockPostings: size)
            #expect(blocked.manifest == whole.manifest)
            #expect(blocked.files == whole.files)
        }
    }

    @Test func aTermWithManyPostingsHasAChunkOfItsOwn() throws {
        // "audio" is in half the papers (more would make it a common term); "auburn" and
        // "auction", just before it in the order, in a few.
        let records = (0..<240).map { number in
            Self.record("2611.\(10000 + number)", day: "2026-11-\(10 + number % 5)",
                        title: (number % 2 == 0 ? "Audio paper \(number)" : "Paper \(number)") + (number % 40 == 1 ? " on auburn auctions" : ""))
        }
        let terms = PaperTerms(try Self.plan(records).digest)
        let target = 300  // "audio"'s 120 postings take at least 360 bytes
        let index = SearchIndex(terms, chunkTarget: target)
        var chunks: [[String]] = []
        for file in index.files where file.path.hasPrefix("search/t/") {
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [[Any]])
            let names = rows.compactMap { $0[0] as? String }
            chunks.append(names)
            for (position, row) in rows.enumerated() {
                let count = try #require(row[1] as? [Int]).count
                if count * 3 >= target { #expect(position == 0, "\(names[position]) shares a chunk with \(names[0])") }
            }
        }
        let audio = try #require(chunks.first { $0.contains("audio") })
        #expect(audio.first == "audio")
        let auburn = try #require(chunks.first { $0.contains("auburn") })
        #expect(!auburn.contains("audio") && auburn.contains { $0.hasPrefix("auction") })
        // Nothing is lost: every term is in some chunk once.
        #expect(chunks.flatMap { $0 }.count == Set(chunks.flatMap { $0 }).count)
    }

    @Test func aTermInMostPapersIsWrittenAsThePapersWithoutIt() throws {
        // 150 papers in one month (one tier): "audio" in all but every tenth, "speech" in every tenth.
        let records = (0..<150).map { number in
            Self.record("2611.\(10000 + number)", day: "2026-11-\(10 + number % 5)",
                        title: number % 10 == 0 ? "Speech paper \(number)" : "Audio paper \(number) on audio and audio")
        }
        let index = try Decoded(try Self.plan(records))
        let idNumbers = Dictionary(uniqueKeysWithValues: (0..<150).map { number in
            (number, index.paper(withID: "2611.\(10000 + number)"))
        })
        let withAudio: Set<Int> = Set((0..<150).filter { $0 % 10 != 0 }.compactMap { idNumbers[$0] ?? nil })
        let withSpeech: Set<Int> = Set((0..<150).filter { $0 % 10 == 0 }.compactMap { idNumbers[$0] ?? nil })
        let audio = index.postings("audio")
        #expect(withAudio.count == 135 && Set(audio.map(\.paper)) == withAudio && audio.count == 135)
        #expect(Set(audio.map(\.level)).count == 1, "a common term has one level")
        let speech = index.postings("speech")
        #expect(withSpeech.count == 15 && Set(speech.map(\.paper)) == withSpeech)
        // The rows themselves: "audio" lists the 15 papers without it; "speech" its 15 postings.
        let rows = try #require(index.rows.first)
        #expect(rows["audio"]?.count == 3 && (rows["audio"]?[1] as? [Int])?.count == 15)
        #expect(rows["speech"]?.count == 2 && (rows["speech"]?[1] as? [Int])?.count == 15)
        // "paper" is in all 150: no paper lacks it.
        #expect(rows["paper"]?.count == 3 && (rows["paper"]?[1] as? [Int]) == [])
    }

    @Test func theRecentTierWritesATermAsCommonOnlyWhenTheArchiveDoes() throws {
        // October: 100 papers; November (the recent tier): 40, all about quokkas.
        let records = (0..<100).map { Self.record("2610.\(10000 + $0)", day: "2026-10-\(10 + $0 % 5)", title: "Paper \($0) on graphs") }
            + (0..<40).map { Self.record("2611.\(10000 + $0)", day: "2026-11-\(10 + $0 % 5)", title: "Quokka paper \($0) on graphs") }
        let index = try Decoded(try Self.plan(records))
        let rows = index.rows.map { $0.mapValues(\.count) }  // per tier: term → row length
        #expect(rows.count == 2)
        // In all 40 of the month's papers, but 40 of 140 in all: postings, with their levels.
        #expect(rows.last?["quokka"] == 2 && index.postings("quokka").count == 40)
        // In every paper of both tiers: common in both.
        #expect(rows.first?["paper"] == 3 && rows.last?["paper"] == 3 && index.postings("paper").count == 140)
    }

    @Test func theSameContentGivesTheSameBytes() throws {
        let records = (0..<40).map { Self.record("2611.\(10000 + $0)", day: "2026-11-\(10 + $0 % 5)", title: "Paper \($0) on tokens") }
        let first = try Decoded(try Self.plan(records)).files
        let second = try Decoded(try Self.plan(records.reversed())).files
        #expect(first == second)
    }
}
