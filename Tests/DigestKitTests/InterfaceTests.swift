import Foundation
import Testing

@testable import DigestKit

/// The interface strings: Digest's tables, a site's own, plurals, dates and numbers.
struct InterfaceTests {
    /// Every built-in table parses, has exactly English's keys, each string is a plural
    /// exactly when the English one is, and uses only the English string's placeholders.
    @Test(arguments: Interface.builtIn.filter { $0 != "en" })
    func builtInTablesAreComplete(_ tag: String) throws {
        let english = Interface.builtInTable("en")
        let table = Interface.builtInTable(tag)
        #expect(Set(table.entries.keys) == Set(english.entries.keys), "\(tag) keys differ from English")
        for (key, reference) in english.entries {
            guard let entry = table[key] else { continue }
            switch (entry, reference) {
            case (.text, .text), (.plural, .plural): break
            default: Issue.record("\(tag) \(key): plural in one language and not the other")
            }
            let allowed = reference.texts.reduce(into: Set<String>()) { $0.formUnion(StringTable.placeholders($1)) }
            for text in entry.texts {
                #expect(StringTable.placeholders(text).isSubset(of: allowed), "\(tag) \(key) uses a placeholder English does not: \(text)")
            }
            if case .plural(let forms) = entry { #expect(forms["other"] != nil, "\(tag) \(key) has no other form") }
        }
    }

    /// The forms ICU's CLDR rules choose: Russian has three for whole numbers, German two,
    /// Japanese one; a table with only `other` is always right.
    @Test func pluralFormsFollowTheLanguagesRules() throws {
        let russian = try Interface(
            language: "ru",
            files: [SourceFile(path: "strings/ru.json", text: #"{"count.papers": {"one": "{count} статья", "few": "{count} статьи", "many": "{count} статей", "other": "{count} статьи"}}"#)],
            folder: "Layouts")
        #expect(russian.count("count.papers", 1) == "1 статья")
        #expect(russian.count("count.papers", 3) == "3 статьи")
        #expect(russian.count("count.papers", 5) == "5 статей")
        #expect(russian.count("count.papers", 21) == "21 статья")
        #expect(russian.count("count.papers", 11) == "11 статей")
        let english = Interface.english
        #expect(english.count("count.papers", 1) == "1 paper")
        #expect(english.count("count.papers", 0) == "0 papers")
        #expect(english.count("count.papers", 12_345) == "12,345 papers")
        let german = try Interface(language: "de", files: [], folder: "")
        #expect(german.number(12_345) == "12.345")
        #expect(german.count("count.papers", 1) != german.count("count.papers", 2).replacingOccurrences(of: "2", with: "1"))
    }

    /// Dates through ICU: the long, medium and month forms the issue names, and English day first.
    @Test func datesAreWrittenAsTheLanguageWritesThem() throws {
        let day = CalendarDay(year: 2026, month: 11, day: 20)!
        #expect(Interface.english.mediumDate(day) == "20 November 2026")
        #expect(Interface.english.longDate(day) == "Friday, 20 November 2026")
        #expect(try Interface(language: "en-US", files: [], folder: "").mediumDate(day) == "November 20, 2026")
        #expect(try Interface(language: "de", files: [], folder: "").mediumDate(day) == "20. November 2026")
        #expect(try Interface(language: "zh-CN", files: [], folder: "").mediumDate(day) == "2026年11月20日")
        #expect(try Interface(language: "ja", files: [], folder: "").month(day) == "2026年11月")
        // A heading starts with a capital where the language writes one there.
        #expect(try Interface(language: "fr", files: [], folder: "").longDate(day) == "Vendredi 20 novembre 2026")
    }

    /// Tags find their table: regions and scripts fall back to the language; Traditional
    /// Chinese is not given the Simplified table.
    @Test func languageTagsFindTheirTables() {
        #expect(Interface.builtInTag(for: "de-AT") == "de")
        #expect(Interface.builtInTag(for: "zh") == "zh-CN")
        #expect(Interface.builtInTag(for: "zh-Hans-SG") == "zh-CN")
        #expect(Interface.builtInTag(for: "zh-TW") == nil)
        #expect(Interface.builtInTag(for: "EN-gb") == "en")
        #expect(Interface.builtInTag(for: "pt-BR") == nil)
    }

    /// A site's table overrides strings; a string with a placeholder its English string lacks,
    /// or the wrong shape, is an error naming the file, line, column and key.
    @Test func aSiteTableIsCheckedAgainstEnglish() throws {
        let own = try Interface(
            language: "de", files: [SourceFile(path: "strings/de.json", text: #"{"paper.keyPoints": "Das Wichtigste"}"#)], folder: "Layouts")
        #expect(own.text("paper.keyPoints") == "Das Wichtigste")
        #expect(own.warnings.isEmpty)
        let bad = SourceFile(path: "strings/de.json", text: "{\n  \"paper.keyPoints\": \"Punkte {html}\",\n  \"count.papers\": \"viele\"\n}")
        do {
            _ = try Interface(language: "de", files: [bad], folder: "Layouts")
            Issue.record("a bad placeholder was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.hasPrefix("Layouts/strings/de.json:2:3: error: field \"paper.keyPoints\": uses {html}") }, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("Layouts/strings/de.json:3:3: error: field \"count.papers\": must be an object of plural forms") }, "\(messages)")
        }
    }

    /// A language Digest has no table for: with the site's file, each missing string is
    /// English with one warning naming key and language; without one, a single warning.
    @Test func missingStringsFallBackToEnglishWithAWarning() throws {
        let added = try Interface(
            language: "pt-BR", files: [SourceFile(path: "strings/pt-BR.json", text: #"{"paper.keyPoints": "Pontos principais"}"#)], folder: "Layouts")
        #expect(added.text("paper.keyPoints") == "Pontos principais")
        #expect(added.text("paper.abstract") == "Abstract")
        let english = Interface.builtInTable("en")
        #expect(added.warnings.count == english.entries.count - 1)
        #expect(added.warnings.contains { $0.description == "Layouts/strings/pt-BR.json: warning: field \"paper.abstract\": has no pt-BR text, so English is used" })
        let none = try Interface(language: "ko", files: [], folder: "Layouts")
        #expect(none.warnings.count == 1)
        #expect(none.text("paper.abstract") == "Abstract")
        #expect(try Interface(language: "en-US", files: [], folder: "Layouts").warnings.isEmpty)
    }

    /// `{{t.key}}` becomes escaped text with placeholders as tags; a translation cannot add markup or tags.
    @Test func templateStringsAreEscapedText() throws {
        let own = try Interface(
            language: "de",
            files: [SourceFile(path: "strings/de.json", text: #"{"day.title": "<b>{date}</b> & {{date}"}"#)], folder: "")
        let (text, problems) = TemplateStrings.translate("<h2>{{t.day.title}}</h2>", own)
        #expect(problems.isEmpty)
        #expect(text == "<h2>&lt;b&gt;{{date}}&lt;/b&gt; &amp; &#123;{{date}}</h2>")
        let unknown = TemplateStrings.translate("a\n  {{t.no.such.key}}", own)
        #expect(unknown.problems.map(\.offset) == [4])
        #expect(TemplateStrings.translate("{{t.count.papers}}", own).problems.first?.message.contains("plural") == true)
    }
}
