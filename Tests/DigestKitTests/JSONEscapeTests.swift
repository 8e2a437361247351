import Foundation
import Testing
@testable import DigestKit

/// One JSON string escaper for everything Digest writes as JSON.
@Suite struct JSONEscapeTests {
    static let tricky = "q\"b\\s/<&>\u{7F}\u{1B}\u{1}\n\t\r é 注意 🎉 end"

    @Test func theFeedsTheIndexAndContentFilesQuoteAlike() throws {
        var compact = JSONBytes()
        compact.string(Self.tricky)
        let pretty = JSONWriter.write(.string(Self.tricky))
        #expect(compact.bytes + [UInt8(ascii: "\n")] == pretty)
        // Control characters, DEL among them, are escapes; everything else is UTF-8 as it was.
        let text = String(decoding: compact.bytes, as: UTF8.self)
        #expect(text.contains("\\u007f") && text.contains("\\u001b") && text.contains("\\u0001"))
        #expect(text.contains("é 注意 🎉"))
        let decoded = try JSONSerialization.jsonObject(with: Data(compact.bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == Self.tricky)
    }

    @Test func htmlSafeJSONCannotCloseAScriptElement() throws {
        var json = JSONBytes(htmlSafe: true)
        json.string("</script><b>&")
        #expect(!json.bytes.contains(UInt8(ascii: "<")) && !json.bytes.contains(UInt8(ascii: "&")))
        #expect(try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String == "</script><b>&")
    }

    /// What a title becomes in the JSON Feed and in the search index, read back by a JSON parser.
    @Test func titlesSurviveTheFeedAndTheSearchIndex() throws {
        let title = "Quotes \"inside\", a back\\slash, <b>tags</b> & Jürgen’s 注意力"
        let plan = try SearchIndexTests.plan([SearchIndexTests.record("2611.00001", day: "2026-11-20", title: title)])
        let feedEntry = try #require(plan.entries.first { $0.path == "feed.json" })
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(plan.render(feedEntry).bytes)) as? [String: Any])
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.first?["title"] as? String == title)
        let row = try #require(try SearchIndexTests.Decoded(plan).row(0))
        #expect(row[2] as? String == title)
    }
}
