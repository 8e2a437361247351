import Foundation
import Testing
@testable import DigestKit

/// Paper files decoded by an earlier build, kept in the cache: used only for the same bytes,
/// the same Digest and settings, and never when damaged.
@Suite struct DecodedRecordsTests {
    static let path = "Content/papers/2026-11/2026-11-20.json"

    static func decoded() -> DecodedRecords {
        let records = [
            #"{"id": "2611.00001v2", "date": "2026-11-20", "title": "Sparse $O(n)$ attention", "authors": ["Zoë Lindqvist", "Wei Zhang"], "#
                + #""topics": ["Theory", "Robotics"], "highlights": ["One.", "Two."], "summary": "**Summary**\n\nText.", "#
                + #""abstract": "We show M\\\"uller's bound.", "published": "2026-11-18T10:00:00Z", "upvotes": 12, "organization": "Lab", "#
                + #""links": {"code": "https://github.com/example/repo"}, "codeStars": 40, "relevance": 4, "novelty": 3, "comment": "12 pages", "language": "de"}"#,
            #"{"id": "local-note", "date": "2026-11-20T23:30:00-05:00", "title": "Plain", "authors": [], "topics": ["Theory"]}"#,
        ]
        let file = SourceFile(path: path, text: "[" + records.joined(separator: ",") + "]")
        let (papers, diagnostics) = PaperFileDecoder.decode(file, fileIndex: 3, timeZone: .utc)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return DecodedRecords(
            records: papers,
            diagnostics: [Diagnostic(.warning, file: path, line: 2, column: 7, record: .init(number: 1, id: "2611.00001"), field: "x", message: "m")])
    }

    /// Every field of a paper, origin included.
    static func fields(_ paper: Paper) -> String { "\(paper.fields)" }

    static func folder() throws -> (CacheFolder, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return (CacheFolder(path: path, reads: true), path)
    }

    @Test func keptFilesComeBackWithEveryFieldAndOnlyForTheSameBytes() throws {
        let (folder, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let decoded = Self.decoded()
        #expect(decoded.records.count == 2)
        let store = RecordFolder(folder: folder, paths: ["other.json", "x.json", "y.json", Self.path], known: [Self.path: 7], reads: nil, salt: 9)
        store.keep(3, decoded)
        let back = try #require(store.decoded(3))
        #expect(back.records.map(Self.fields) == decoded.records.map(Self.fields))
        #expect(back.diagnostics == decoded.diagnostics)

        // The same file, now fourth in a longer list: its records say so.
        let moved = RecordFolder(folder: folder, paths: ["a.json", "b.json", "c.json", "d.json", Self.path], known: [Self.path: 7], reads: nil, salt: 9)
        let again = try #require(moved.decoded(4))
        #expect(again.records.map(\.origin.fileIndex) == [4, 4])
        #expect(again.records.map(\.origin.recordIndex) == decoded.records.map(\.origin.recordIndex))

        // Other bytes, another Digest or settings, a hash nobody knows: decoded again.
        let paths = ["other.json", "x.json", "y.json", Self.path]
        #expect(RecordFolder(folder: folder, paths: paths, known: [Self.path: 8], reads: nil, salt: 9).decoded(3) == nil)
        #expect(RecordFolder(folder: folder, paths: paths, known: [Self.path: 7], reads: nil, salt: 10).decoded(3) == nil)
        #expect(RecordFolder(folder: folder, paths: paths, known: [:], reads: nil, salt: 9).decoded(3) == nil)
        // `--full`: nothing kept is used.
        #expect(RecordFolder(folder: CacheFolder(path: root, reads: false), paths: paths, known: [Self.path: 7], reads: nil, salt: 9).decoded(3) == nil)
    }

    @Test func aDamagedEntryIsDecodedAgain() throws {
        let (folder, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = RecordFolder(folder: folder, paths: [Self.path], known: [Self.path: 7], reads: nil, salt: 9)
        store.keep(0, Self.decoded())
        let file = root + "/" + RecordFolder.name(Self.path)
        let bytes = try #require(FolderReader.read(file))
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 61)) {
            var damaged = bytes
            damaged[offset] ^= 0x01
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            #expect(store.decoded(0) == nil, "byte \(offset) changed")
        }
        try Data(bytes.prefix(bytes.count - 9)).write(to: URL(fileURLWithPath: file))
        #expect(store.decoded(0) == nil)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(store.decoded(0) != nil)
    }

    @Test func onlyEntriesAskedForStay() throws {
        let (folder, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = RecordFolder(folder: folder, paths: ["a.json", "b.json"], known: ["a.json": 1, "b.json": 2], reads: nil, salt: 0)
        store.keep(0, DecodedRecords(records: [], diagnostics: []))
        store.keep(1, DecodedRecords(records: [], diagnostics: []))
        let next = CacheFolder(path: root, reads: true)
        _ = RecordFolder(folder: next, paths: ["b.json"], known: ["b.json": 2], reads: nil, salt: 0).decoded(0)
        next.removeOthers()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [RecordFolder.name("b.json")])
    }
}
