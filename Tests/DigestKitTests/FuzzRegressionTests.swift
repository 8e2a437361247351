import Foundation
import Testing
@testable import DigestKit

/// Replays the fuzzers' seeds and every input they ever crashed on (Tests/Fixtures/FuzzRegressions)
/// through the same entry points `make fuzz` uses; each must pass the fuzzers' invariants.
@Suite struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func inputs(_ target: String) -> [String] {
        ["FuzzSeeds/\(target)", "FuzzRegressions/\(target)"].flatMap { folder -> [String] in
            let path = fixtures.appendingPathComponent(folder).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    private func bytes(_ input: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(input)))
    }

    @Test(arguments: inputs("records"))
    func recordsInput(_ input: String) throws {
        FuzzTargets.records(try bytes(input))
    }

    @Test(arguments: inputs("markdown"))
    func markdownInput(_ input: String) throws {
        FuzzTargets.markdown(try bytes(input))
    }

    @Test func theUnsafeMarkupCheckCatchesWhatItShould() {
        #expect(FuzzTargets.unsafeMarkup(#"<p><a href="javascript:alert(1)">x</a></p>"#) != nil)
        #expect(FuzzTargets.unsafeMarkup(#"<img src="data:x" />"#) != nil)
        #expect(FuzzTargets.unsafeMarkup(#"<p onclick="x()">"#) != nil)
        #expect(FuzzTargets.unsafeMarkup("<script>x</script>") != nil)
        #expect(FuzzTargets.unsafeMarkup(##"<p>javascript:alert(1) as text, <a href="https://ok.example/">ok</a> <a href="#fn-1">1</a></p>"##) == nil)
    }
}
