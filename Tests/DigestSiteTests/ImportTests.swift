import DigestKit
import DigestXML
import Foundation
import Testing

/// `digest import` of every collector format, from the inputs in Tests/Fixtures/Import.
@Suite struct ImportTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/Import")

    private func site(timeZone: String = "UTC") throws -> TestSite {
        let site = try TestSite(["site.json": siteJSON(#", "timeZone": "\#(timeZone)""#)])
        try FileManager.default.createDirectory(atPath: site.content + "/papers", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("topics.json").path, toPath: site.content + "/topics.json")
        return site
    }

    @discardableResult
    private func run(_ site: TestSite, _ names: [String], date: String? = "2026-11-21", format: ImportFormat? = nil, dryRun: Bool = false) throws -> ImportPipeline.Report {
        var options = ImportPipeline.Options()
        options.content = site.content
        options.date = date.flatMap { CalendarDay($0) }
        options.format = format
        options.dryRun = dryRun
        let inputs = try FolderReader.readInputs(names.map { Self.fixtures.appendingPathComponent($0).path })
        return try ImportPipeline.run(options, inputs: inputs)
    }

    /// Records of a day file, by id.
    private func records(_ site: TestSite, _ day: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: site.content + "/papers/\(day).json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(file["date"] as? String == day)
        let papers = try #require(file["papers"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: papers.map { ($0["id"] as! String, $0) })
    }

    @Test func hfDailyPapersBecomeRecords() throws {
        let site = try site()
        defer { site.remove() }
        let report = try run(site, ["hf-daily-2026-11-21.json"], date: nil)
        #expect(report.inputs.first?.format == .hfDaily)
        #expect(report.inputs.first?.detected == true)
        let papers = try records(site, "2026-11-21")  // the day Hugging Face added them, not --date
        let quilted = try #require(papers["2611.10211"])
        #expect(quilted["title"] as? String == "Quilted Memory: Paging Key-Value Caches Across Devices")
        #expect(quilted["authors"] as? [String] == ["Ingrid Halvorsen", "Tomás Ferreira"])
        #expect(quilted["topics"] as? [String] == ["Efficient ML", "Language Models"])  // mapped keywords, in order; "paging" dropped
        #expect(quilted["summary"] as? String == "Quilted Memory pages key-value caches across accelerators so long contexts fit, hiding transfers behind compute.")
        #expect((quilted["abstract"] as? String)?.contains("\n") == false)
        #expect(quilted["published"] as? String == "2026-11-20T17:41:09Z")
        #expect(quilted["upvotes"] as? Int == 57)
        #expect(quilted["organization"] as? String == "Northbridge AI Lab")
        #expect((quilted["links"] as? [String: String])?["code"] == "https://github.com/example-lab/quilted-memory")
        #expect(quilted["codeStars"] as? Int == 1873)
        let numeracy = try #require(papers["2611.10342"])
        #expect(numeracy["organization"] as? String == "Harbor NLP Group")  // under `paper`
        #expect((numeracy["links"] as? [String: String])?["project"] == "https://example.org/numeracy-probes")
        let rewards = try #require(papers["2611.10407"])
        #expect(rewards["organization"] == nil)  // none given
        #expect(rewards["topics"] == nil)
    }

    @Test func dailyArxivLinesBecomeRecords() throws {
        let site = try site()
        defer { site.remove() }
        let report = try run(site, ["2026-11-21_AI_enhanced_English.jsonl"], date: nil)
        #expect(report.inputs.first?.format == .dailyArxiv && report.inputs.first?.detected == true)
        let papers = try records(site, "2026-11-21")  // the day in the file name
        #expect(papers.keys.sorted() == ["2611.10501", "2611.10502", "2611.10503"])
        let lantern = try #require(papers["2611.10501"])
        #expect(lantern["highlights"] as? [String] == ["Token statistics predict which long answers are wrong."])
        #expect(lantern["summary"] as? String == """
            ## Motivation

            Long answers hide their errors.

            ## Method

            A probe over per-token entropy.

            ## Results

            It flags 71% of wrong answers.

            ## Conclusion

            Confidence can be cheap.
            """)
        #expect(lantern["topics"] as? [String] == ["Language Models"])  // through topics.json; cs.LG is not in it
        #expect(lantern["abstract"] as? String == "We estimate the confidence of long answers from token statistics alone.")
        #expect((lantern["links"] as? [String: String])?["code"] == "https://github.com/example-lab/lantern")
        #expect(lantern["codeStars"] as? Int == 412)
        #expect(lantern["comment"] as? String == "14 pages")
        // The language model failed on the second line: its placeholders are left out, with a warning each.
        let quiet = try #require(papers["2611.10502"])
        #expect(quiet["highlights"] == nil)
        #expect(quiet["summary"] as? String == "## Method\n\nTwo noisy takes of one scene supervise each other.")
        #expect(quiet["topics"] as? [String] == ["Sound", "Audio and Speech"])  // the built-in names
        let warnings = report.inputs.first?.diagnostics ?? []
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.filter { $0.line == 2 }.compactMap(\.field).sorted() == ["AI.conclusion", "AI.motivation", "AI.result", "AI.tldr"])
        #expect(warnings.filter { $0.line == 4 }.compactMap(\.field) == ["AI"])  // line 3 is blank
        #expect(warnings.first { $0.field == "AI.tldr" }?.message.contains("Summary generation failed") == true)
        #expect(papers["2611.10503"]?["topics"] as? [String] == ["Computer Vision"])
        // Importing again changes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: site.content + "/papers/2026-11-21.json"))
        try run(site, ["2026-11-21_AI_enhanced_English.jsonl"], date: nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.content + "/papers/2026-11-21.json")) == before)
    }

    @Test func aBrokenDailyArxivLineIsNamedAndItsFileImportsNothing() throws {
        let site = try site()
        defer { site.remove() }
        let report = try run(site, ["2026-11-23_AI_enhanced_Broken.jsonl"], date: nil, format: .dailyArxiv)
        let error = try #require(report.inputs.first?.diagnostics.first { $0.severity == .error })
        #expect(error.line == 2 && error.column == 40)  // where `"authors"` follows without a comma
        #expect(error.file.hasSuffix("2026-11-23_AI_enhanced_Broken.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: site.content + "/papers/2026-11-23.json"))
    }

    @Test func paperAssistantOutputBecomesRecords() throws {
        let site = try site()
        defer { site.remove() }
        try run(site, ["paper-assistant-output.json"])
        let papers = try records(site, "2026-11-21")
        let probing = try #require(papers["2611.10555"])
        #expect(probing["abstract"] as? String == "We locate planning circuits in transformers trained on chess games using sparse linear probes.")
        #expect(probing["relevance"] as? Int == 9)
        #expect(probing["novelty"] as? Int == 7)
        #expect(probing["comment"] as? String == "Matches criterion 2: mechanistic interpretability of planning.")
        let adapters = try #require(papers["2611.10601"])
        #expect(adapters["abstract"] as? String == "Adapters are said to prevent forgetting; we measure when they do.")
        #expect(adapters["relevance"] as? Int == 8)  // given as "8"
        #expect(adapters["highlights"] as? [String] == ["Adapters reduce forgetting only when the rank is below a task-dependent threshold."])
        let authorMatch = try #require(papers["2611.10622"])  // picked by author, not scored
        #expect(authorMatch["relevance"] == nil && authorMatch["novelty"] == nil && authorMatch["comment"] == nil)
    }

    @Test func arxivAtomEntriesBecomeRecords() throws {
        let site = try site()
        defer { site.remove() }
        try run(site, ["arxiv-query.xml"])
        let papers = try records(site, "2026-11-21")
        let refusals = try #require(papers["2611.10733v2"])
        #expect(refusals["title"] as? String == "Calibrated Refusals: When Should a Language Model Decline to Answer?")
        #expect(refusals["abstract"] as? String == "Language models refuse too often on benign requests and too rarely on harmful ones. We propose a calibration objective for refusals and evaluate it on 14 benchmarks.")
        #expect(refusals["authors"] as? [String] == [#"Mira Wollschl\"ager"#, #"Gon\c{c}alo Ara\'ujo"#])
        #expect(refusals["topics"] as? [String] == ["Language Models", "AI Safety"])  // primary category first
        #expect(refusals["published"] as? String == "2026-11-18T11:03:55Z")
        #expect((refusals["links"] as? [String: String])?["pdf"] == "http://arxiv.org/pdf/2611.10733v2")
        #expect(papers["2611.10790v1"]?["title"] as? String == "Grasp Transfer Across Embodiments with Keypoint Fields")
        #expect(papers["math.CO/0612047v3"]?["topics"] as? [String] == ["Theory"])

        // The built site shows the letters TeX stood for.
        try site.build()
        let page = try site.html("papers/2611.10733/index.html")
        #expect(page.nodes("//p[@class='authors']").first?.text == "Mira Wollschläger, Gonçalo Araújo")
    }

    @Test func reimportingChangesNoByte() throws {
        let site = try site()
        defer { site.remove() }
        let all = ["hf-daily-2026-11-21.json", "paper-assistant-output.json", "arxiv-query.xml"]
        try run(site, all)
        let path = site.content + "/papers/2026-11-21.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let again = try run(site, all)
        #expect(again.plan.files.isEmpty)
        #expect(again.plan.events.allSatisfy { $0.outcome == .unchanged })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
    }

    @Test func aNewerCollectionUpdatesFieldsAndKeepsTheFirstDay() throws {
        let site = try site()
        defer { site.remove() }
        try run(site, ["hf-daily-2026-11-21.json"], date: nil)
        let report = try run(site, ["hf-daily-2026-11-22.json"], date: nil)
        #expect(report.plan.events.map(\.outcome) == [.updated])
        #expect(report.plan.events.first?.fields == ["upvotes"])
        #expect(try records(site, "2026-11-21")["2611.10211"]?["upvotes"] as? Int == 131)
        #expect(!FileManager.default.fileExists(atPath: site.content + "/papers/2026-11-22.json"))
    }

    @Test func anOlderVersionNeverReplacesANewerOne() throws {
        let site = try site()
        defer { site.remove() }
        try run(site, ["arxiv-query.xml"])
        let older = site.folder.appendingPathComponent("older.xml")
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("arxiv-query.xml"), encoding: .utf8)
            .replacingOccurrences(of: "2611.10733v2", with: "2611.10733v1").replacingOccurrences(of: "Calibrated Refusals", with: "Old Title")
        try Data(text.utf8).write(to: older)
        var options = ImportPipeline.Options()
        options.content = site.content
        options.date = CalendarDay("2026-11-23")
        let report = try ImportPipeline.run(options, inputs: try FolderReader.readInputs([older.path]))
        #expect(report.plan.events.first { $0.id == "2611.10733v1" }?.outcome == .older)
        #expect(try records(site, "2026-11-21")["2611.10733v2"]?["title"] as? String == "Calibrated Refusals: When Should a Language Model Decline to Answer?")
    }

    @Test func timestampsBecomeDaysInTheSiteTimeZone() throws {
        let site = try site(timeZone: "Asia/Tokyo")
        defer { site.remove() }
        try run(site, ["hf-daily-2026-11-21.json"], date: nil)  // added at 06:02 UTC = 15:02 in Tokyo, same day
        #expect(FileManager.default.fileExists(atPath: site.content + "/papers/2026-11-21.json"))
        let berlin = try self.site(timeZone: "America/Los_Angeles")
        defer { berlin.remove() }
        try run(berlin, ["hf-daily-2026-11-21.json"], date: nil)  // 22:02 the evening before in Los Angeles
        #expect(FileManager.default.fileExists(atPath: berlin.content + "/papers/2026-11-20.json"))
    }

    @Test func aDryRunWritesNothing() throws {
        let site = try site()
        defer { site.remove() }
        let report = try run(site, ["arxiv-query.xml"], dryRun: true)
        #expect(report.plan.files.count == 1)
        #expect(report.written.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content + "/papers").isEmpty)
    }

    /// A day the build would refuse is refused at import, with the file and the paper named,
    /// and nothing of that input is written.
    @Test func aDayOutsideTheBuildsRangeIsNotImported() throws {
        let site = try site()
        defer { site.remove() }
        let original = try String(contentsOf: Self.fixtures.appendingPathComponent("hf-daily-2026-11-21.json"), encoding: .utf8)
        let shifted = original.replacingOccurrences(of: "\"publishedAt\": \"2026-11-21T06:02:33.127Z\"", with: "\"publishedAt\": \"1970-01-02T00:00:00Z\"")
        #expect(shifted != original)
        let input = site.content + "/../hf-1970.json"
        try shifted.write(toFile: input, atomically: true, encoding: .utf8)
        var options = ImportPipeline.Options()
        options.content = site.content
        let report = try ImportPipeline.run(options, inputs: try FolderReader.readInputs([input]))
        let result = try #require(report.inputs.first)
        #expect(result.failed)
        #expect(result.diagnostics.contains { $0.message.contains("its day 1970-01-02 is outside the supported range") && $0.file == input })
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content + "/papers").isEmpty)
    }

    @Test func aFileThatDoesNotParseIsNeverTouched() throws {
        let site = try site()
        defer { site.remove() }
        let broken = #"{"date": "2026-11-21", "papers": [ {"id": "keep-me", "#
        try site.write("Content/papers/2026-11-21.json", broken)
        let report = try run(site, ["arxiv-query.xml"])
        #expect(!report.plan.diagnostics.isEmpty)
        #expect(try String(contentsOfFile: site.content + "/papers/2026-11-21.json", encoding: .utf8) == broken)
    }

    @Test func existingRecordsKeepTheirOtherFields() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("Content/papers/2026-11-21.json", """
            {"date": "2026-11-21", "papers": [
              {"id": "2611.10790", "title": "Old", "authors": ["Nia Castro"], "highlights": ["Written by hand."], "x-note": "mine"}
            ]}
            """)
        try run(site, ["arxiv-query.xml"])
        let grasp = try #require(try records(site, "2026-11-21")["2611.10790v1"])
        #expect(grasp["title"] as? String == "Grasp Transfer Across Embodiments with Keypoint Fields")
        #expect(grasp["highlights"] as? [String] == ["Written by hand."])
        #expect(grasp["x-note"] as? String == "mine")
    }

    @Test func badInputsAreReportedAndTheOthersStillImported() throws {
        let site = try site()
        defer { site.remove() }
        let names = ["broken-truncated.json", "broken-truncated.xml", "broken-unknown.csv", "broken-missing-fields.json", "arxiv-query.xml"]
        let result = try DigestProcess.run(
            ["import", "--content", site.content, "--date", "2026-11-21"] + names.map { Self.fixtures.appendingPathComponent($0).path },
            in: site.folder)
        #expect(result.status == 1)
        let errors = result.stderr
        #expect(errors.contains("broken-truncated.json:1:298: error: malformed JSON: unterminated string"))
        #expect(errors.contains("broken-truncated.xml:15:32: error: malformed XML"))
        #expect(errors.contains("broken-unknown.csv:1:1: error: neither JSON nor XML"))
        #expect(errors.contains(#"broken-missing-fields.json:18:16: error: record 1 (2611.10211), field "paper.title": must not be empty"#))
        #expect(errors.contains(#"broken-missing-fields.json:45:14: error: record 2, field "paper.id": is required but missing"#))
        #expect(errors.contains("4 inputs could not be imported"))
        // Nothing from the broken files; everything from the good one.
        let papers = try records(site, "2026-11-21")
        #expect(Set(papers.keys) == ["2611.10733v2", "2611.10790v1", "math.CO/0612047v3"])
        #expect(result.stdout.contains("arxiv-query.xml: arxiv-atom (recognised), 3 papers"))
        #expect(result.stdout.contains("Imported 3 papers from 1 file: 3 added."))
    }

    @Test func importedContentPassesCheckAndBuilds() throws {
        let site = try site()
        defer { site.remove() }
        try run(site, ["hf-daily-2026-11-21.json", "paper-assistant-output.json", "arxiv-query.xml"])
        let check = try DigestProcess.run(["check", "--content", site.content, "--layouts", site.layouts], in: site.folder)
        #expect(check.status == 0, "\(check.stderr)")
        let report = try site.build()
        #expect(report.papers == 9)
        #expect(try LinkChecker(files: site.outputFiles()).problems() == [])
    }
}
