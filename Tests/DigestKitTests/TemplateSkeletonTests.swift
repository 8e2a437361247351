import DigestXML
import Foundation
import Testing
@testable import DigestKit

/// Pages spliced into skeletons are the pages the template engine renders, byte for byte.
@Suite struct TemplateSkeletonTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func theme(_ templates: [String: String], skeletons: Bool = true) throws -> Theme {
        var files = Theme.requiredTemplates.map { SourceFile(path: "\($0).mustache", text: "") }
        files.removeAll { templates["\($0.path.dropLast(".mustache".count))"] != nil }
        files += templates.map { SourceFile(path: "\($0.key).mustache", text: $0.value) }
        return try Theme(templates: files, assets: [], folder: "", skeletons: skeletons)
    }

    /// Every file of the sample site, both ways.
    @Test func theSampleSiteIsTheSameWithAndWithoutSkeletons() throws {
        let content = try FolderReader.readContent(Self.root.appendingPathComponent("Content").path)
        let loaded = try ContentLoader.load(content)
        let digest = DigestBuilder.build(config: loaded.config, records: loaded.records, runs: loaded.runs, pages: loaded.pages, today: nil)
        let layouts = try FolderReader.readLayouts(Self.root.appendingPathComponent("Layouts").path)
        let fast = SitePlan(digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts"))
        let slow = SitePlan(
            digest: digest, theme: try Theme(templates: layouts.templates, assets: layouts.assets, folder: "Layouts", skeletons: false))
        let fastFiles = fast.renderAll()
        let slowFiles = slow.renderAll()
        #expect(fastFiles.count == slowFiles.count)
        for (a, b) in zip(fastFiles, slowFiles) {
            #expect(a.path == b.path)
            let same = a.bytes == b.bytes  // not inside #expect, which would print both files
            #expect(same, "\(a.path) differs")
        }
        // Most pages and cards share a shape with another, so most did not go through the engine.
        let counts = fast.theme.renderCounts
        #expect(counts.spliced > counts.rendered, "\(counts)")
        #expect(slow.theme.renderCounts.spliced == 0)
    }

    static let edgeTemplate = """
        <p title="{{title}}">{{{html}}}</p>
          {{> partials/item}}
        {{#list}}<li>{{n}}:{{{.}}}</li>{{/list}}{{^list}}none{{/list}}
        {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} [{{empty}}] {{count}}
        {{#nested}}{{#items}}<i>{{name}}{{#tags}}({{.}}){{/tags}}</i>{{/items}}{{/nested}}
        """
    static let itemPartial = """
        <div>
        {{lead}}
        {{tail}}{{after}}
        </div>

        """

    // Noncharacters cannot be written as literals in Swift.
    static let mark0 = String(Unicode.Scalar(0xFDD0)!)
    static let mark1 = String(Unicode.Scalar(0xFDD1)!)

    /// Values whose characters the engine looks at (line breaks at either end, empty strings,
    /// indented partials), numbers, booleans, nested lists, and values that look like placeholders.
    nonisolated(unsafe) static let edgeValues: [TemplateObject] = [
        ["title": "A & B <c> \"d\" 'e'", "html": "<b>x</b>", "lead": "plain", "tail": "ends\n", "after": "next", "list": ["a", "b"],
         "flag": true, "empty": "", "count": 3,
         "nested": ["items": [["name": "n1", "tags": ["t"]], ["name": "n2", "tags": [String]()]] as [TemplateObject]] as TemplateObject],
        ["title": "Other", "html": "<i>y</i>", "lead": "\nstarts", "tail": "crlf\r\n", "after": "z", "list": [String](), "flag": false,
         "empty": "", "count": 0, "nested": ["items": [["name": "only", "tags": ["a", "b"]]] as [TemplateObject]] as TemplateObject],
        ["title": "\(mark0)0&\(mark1) forged", "html": "\(mark0)1&amp;\(mark1)", "lead": "cr\r", "tail": "\n", "after": "\r\n",
         "list": [mark0], "flag": true, "empty": "x", "count": -7, "nested": ["items": [TemplateObject]()] as TemplateObject],
        ["title": "Same shape as the first", "html": "<b>z</b>", "lead": "plain 2", "tail": "also ends\n", "after": "more",
         "list": ["c", "d"], "flag": true, "empty": "", "count": 9,
         "nested": ["items": [["name": "m1", "tags": ["u"]], ["name": "m2", "tags": [String]()]] as [TemplateObject]] as TemplateObject],
    ]

    @Test func edgeCasesComeOutAsTheEngineRendersThem() throws {
        let templates = ["day": Self.edgeTemplate, "partials/item": Self.itemPartial]
        let fast = try Self.theme(templates)
        let slow = try Self.theme(templates, skeletons: false)
        for (index, values) in Self.edgeValues.enumerated() {
            let page = String(decoding: fast.render("day", values), as: UTF8.self)
            #expect(page == slow.renderDirectly("day", values), "values \(index)")
        }
        // The fourth context has the first one's shape: it was spliced, not rendered.
        #expect(fast.renderCounts.spliced == 1)
        #expect(fast.renderCounts.rendered == 3)
    }

    /// Skeletons one build keeps make the next build's pages without the engine, byte for
    /// byte; one unused for `maximumAge` builds goes; a damaged file, or a skeleton that does
    /// not fit its shape, is not taken over.
    @Test func keptSkeletonsMakeTheSamePagesWithoutTheEngine() throws {
        let templates = ["day": Self.edgeTemplate, "partials/item": Self.itemPartial]
        let first = try Self.theme(templates)
        let pages = Self.edgeValues.map { first.render("day", $0) }
        let kept = try #require(first.keptSkeletons)
        #expect(kept.entries.count == 3, "the fourth context has the first one's shape")
        #expect(kept.entries.allSatisfy { $0.age == 0 })
        let bytes = kept.bytes(salt: 7)
        #expect(TemplateSkeletons.Kept(bytes: bytes, salt: 7) == kept)
        #expect(TemplateSkeletons.Kept(bytes: bytes, salt: 8) == nil, "another executable or other layouts")
        expectOnlyWholeBytesRead(bytes) { TemplateSkeletons.Kept(bytes: $0, salt: 7) != nil }

        let second = try Self.theme(templates)
        second.take(kept)
        #expect(Self.edgeValues.map { second.render("day", $0) } == pages)
        #expect(second.renderCounts.rendered == 0)
        #expect(second.renderCounts.spliced == 4)

        // Unused, they age a build at a time and go after `maximumAge` builds.
        var carried = kept
        for build in 1...TemplateSkeletons.maximumAge + 1 {
            let next = try Self.theme(templates)
            next.take(carried)
            carried = try #require(next.keptSkeletons)
            #expect(carried.entries.map(\.age) == (build <= TemplateSkeletons.maximumAge ? [build, build, build] : []), "build \(build)")
        }
        // Used again, a skeleton is young again.
        let third = try Self.theme(templates)
        third.take(kept)
        _ = third.render("day", Self.edgeValues[1])
        #expect(try #require(third.keptSkeletons).entries.map(\.age).sorted() == [0, 1, 1])

        // Placeholders out of range, or a count of values that does not fit the shape: the
        // engine makes those skeletons again, and the pages are still the engine's.
        for lie in [
            { (entry: inout TemplateSkeletons.Kept.Entry) in entry.page = Array("<p>\(Self.mark0)99&\(Self.mark1)</p>".utf8) },
            { (entry: inout TemplateSkeletons.Kept.Entry) in entry.leaves += 1 },
        ] {
            var lying = kept
            for index in lying.entries.indices { lie(&lying.entries[index]) }
            let theme = try Self.theme(templates)
            theme.take(lying)
            #expect(Self.edgeValues.map { theme.render("day", $0) } == pages)
            #expect(theme.renderCounts.rendered == 3)
        }
    }

    /// Setting nil removes a name, a literal leaves its nils out, and setting a name again
    /// replaces its value in place.
    @Test func objectsBehaveLikeDictionaries() throws {
        let missing: String? = nil
        var object: TemplateObject = ["a": "1", "b": missing, "c": 3]
        #expect(object["b"] == nil)
        object["a"] = "2"
        object["c"] = nil as Int?
        object["d"] = true
        let engine = try #require(object.engineValue as? [String: Any])
        #expect(engine.keys.sorted() == ["a", "d"])
        #expect(engine["a"] as? String == "2")
        #expect(engine["d"] as? Bool == true)
    }

    /// Shapes follow the order members were set in; the same members in another order make
    /// another skeleton, never a page with values in the wrong places.
    @Test func membersSetInAnotherOrderStillLandInTheirPlaces() throws {
        let theme = try Self.theme(["day": "<p>{{first}}|{{second}}</p>"])
        let pages = [["first": "one", "second": "two"], ["second": "deux", "first": "un"]].map { (values: TemplateObject) in
            String(decoding: theme.render("day", values), as: UTF8.self)
        }
        #expect(pages == ["<p>one|two</p>", "<p>un|deux</p>"])
    }

    @Test func layoutsWithTransformsOrPragmasAreRenderedPageByPage() throws {
        for template in ["{{lowercased(title)}}", "{{% CONTENT_TYPE: TEXT}}{{title}}", "{{=<% %>=}}<% title %>", "\(Self.mark0){{title}}"] {
            let theme = try Self.theme(["day": template])
            let page = String(decoding: theme.render("day", ["title": "Mixed <Case>"]), as: UTF8.self)
            #expect(page == theme.renderDirectly("day", ["title": "Mixed <Case>"]), "\(template)")
            #expect(theme.renderCounts.spliced == 0)
        }
    }

    /// The engine leaves a quote followed by a combining mark unescaped (it escapes whole
    /// characters); spliced values are escaped byte by byte, so the attribute cannot be broken out of.
    @Test func aQuoteWithACombiningMarkCannotEndAnAttribute() throws {
        let theme = try Self.theme(["day": "<p><a title=\"{{title}}\" href=\"#\">x</a></p>"])
        let hostile = "x\"\u{301} onmouseover=\"alert(1)"
        _ = theme.render("day", ["title": "warm-up"])  // makes the skeleton
        let page = theme.render("day", ["title": hostile])
        let link = try #require(try XMLDocument.html(page).nodes("//a").first)
        #expect(link["title"] == hostile)
        #expect(link["onmouseover"] == nil)
    }
}
