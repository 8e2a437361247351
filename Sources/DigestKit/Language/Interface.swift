import Foundation

/// The site's interface in its language (`language` in site.json, a BCP 47 tag): every
/// string pages, feeds and scripts show, and dates, numbers and plurals as the language
/// writes them, through ICU (Foundation's date formats, ICU's CLDR plural rules).
///
/// A string is looked up in the site's own table (`Layouts/strings/<language>.json`), then
/// in Digest's built-in table for the language, then in English; see docs/languages.md.
public struct Interface: Sendable {
    /// The languages Digest has tables for, as their files are named.
    public static let builtIn = ["en", "zh-CN", "de", "fr", "es", "ja"]
    /// The folder of `Layouts/` that holds a site's own tables.
    public static let folder = "strings"

    /// The site's language tag, as `site.json` gives it.
    public let language: String
    let table: StringTable
    let english: StringTable
    /// Missing strings and a language without a table: reported once per build.
    public let warnings: [Diagnostic]
    /// A hash of every string: pages made with other words are other pages.
    let fingerprint: UInt64
    private let plurals: PluralRules
    private let dates: DateLabels
    private let locale: Locale
    /// 0…999 as the language writes them, made once.
    private let smallNumbers: [String]
    /// The locale dates and numbers are written in: the site's language, except that plain
    /// `en` writes dates day first (`20 November 2026`), as Digest always has; `en-US` does not.
    let formatLocale: String

    /// English, with Digest's own strings only.
    public static let english = try! Interface(language: "en", files: [], folder: "")

    /// `files` are the site's tables (`strings/<tag>.json`, by path in the layouts `folder`);
    /// the one for `language` is used. A table that cannot be read, or a string whose
    /// placeholders are not its English string's, is an error naming file, line and key.
    public init(language: String, files: [SourceFile], folder: String) throws(DiagnosticsError) {
        self.language = language
        let english = Self.builtInTable("en")
        var table = english
        var warnings: [Diagnostic] = []
        let builtIn = Self.builtInTag(for: language)
        if let builtIn, builtIn != "en" {
            table.entries.merge(Self.builtInTable(builtIn).entries) { _, own in own }
        }
        var own: StringTable?
        if let file = Self.siteFile(for: language, in: files) {
            let located = SourceFile(path: folder.isEmpty ? file.path : folder + "/" + file.path, bytes: file.bytes)
            let parsed = try StringTable.parse(located)
            try Self.check(parsed, against: english, file: located.path)
            table.entries.merge(parsed.entries) { _, own in own }
            own = parsed
        }
        let filePath = (folder.isEmpty ? "" : folder + "/") + "\(Self.folder)/\(language).json"
        if builtIn == nil {
            if let own {
                // A language the site adds: each string it lacks is English, and the site should know which.
                for key in english.entries.keys.sorted() where own[key] == nil {
                    warnings.append(
                        Diagnostic(.warning, file: filePath, field: key, message: "has no \(language) text, so English is used"))
                }
            } else if !Self.isEnglish(language) {
                warnings.append(
                    Diagnostic(
                        .warning, file: filePath,
                        message: "Digest has no interface strings for \"\(language)\" (it has \(Self.builtIn.joined(separator: ", "))), so pages are in English; add this file to translate them"))
            }
        }
        self.table = table
        self.english = english
        self.warnings = warnings
        var hasher = KeyHasher(0x5374_7269_6E67_7301)
        hasher.add(language)
        for key in table.entries.keys.sorted() {
            hasher.add(key)
            for text in table.entries[key]!.texts { hasher.add(text) }
        }
        fingerprint = hasher.value
        plurals = PluralRules(language: language)
        formatLocale = Self.isEnglish(language) && !language.contains("-") ? "en-GB" : language
        locale = Locale(identifier: formatLocale)
        dates = DateLabels(locale: locale)
        // Most numbers on pages are small counts; ICU takes microseconds a number.
        smallNumbers = (0..<1000).map { [locale] in $0.formatted(.number.locale(locale)) }
    }

    // MARK: Strings

    /// The string `key` with its placeholders filled from `values` (`["site": title]`).
    /// Plain text: pages escape it like any other value.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let entry = table[key] ?? english[key] else { return key }
        let text: String
        switch entry {
        case .text(let value): text = value
        case .plural(let forms): text = forms["other"] ?? ""
        }
        return values.isEmpty ? text : StringTable.fill(text) { values[String($0)] }
    }

    /// The counted phrase `key` in the plural form `count` takes in the language, with
    /// `{count}` as the language writes numbers: "1 paper", "12 papers", "12 篇论文".
    public func count(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        guard let entry = table[key] ?? english[key] else { return key }
        let text: String
        switch entry {
        case .text(let value): text = value
        case .plural(let forms): text = forms[plurals.category(count)] ?? forms["other"] ?? ""
        }
        let number = self.number(count)
        return StringTable.fill(text) { name in name == "count" ? number : values[String(name)] }
    }

    /// 106705 → "106,705", "106.705", "106 705" …
    public func number(_ value: Int) -> String {
        smallNumbers.indices.contains(value) ? smallNumbers[value] : value.formatted(.number.locale(locale))
    }

    /// The plain-text entries whose keys start with `prefix`, and plural ones as their forms,
    /// for the browser's scripts (`js.`).
    func entries(prefix: String) -> [(key: String, entry: StringTable.Entry)] {
        table.entries.keys.filter { $0.hasPrefix(prefix) }.sorted().map { ($0, table.entries[$0]!) }
    }

    // MARK: Dates

    /// "Friday, 20 November 2026", "2026年11月20日 星期五": a day's heading.
    public func longDate(_ day: CalendarDay) -> String { dates.labels(day).long }
    /// "20 November 2026", "2026年11月20日": a day inside a sentence.
    public func mediumDate(_ day: CalendarDay) -> String { dates.labels(day).medium }
    /// "Fri 20 Nov", "11月20日 周五": a day in the history strip.
    public func shortDate(_ day: CalendarDay) -> String { dates.labels(day).short }
    /// "November 2026", "2026年11月".
    public func month(_ day: CalendarDay) -> String { dates.labels(CalendarDay(year: day.year, month: day.month, day: 1)!).month }

    // MARK: Tables

    /// The built-in table a tag uses: the exact tag, else its language (`de-AT` → `de`);
    /// Chinese in Simplified script (`zh`, `zh-Hans`, `zh-SG`) uses `zh-CN`, Traditional none.
    static func builtInTag(for language: String) -> String? {
        let lower = language.lowercased()
        if let exact = builtIn.first(where: { $0.lowercased() == lower }) { return exact }
        let parts = lower.split(separator: "-").map(String.init)
        guard let primary = parts.first else { return nil }
        if primary == "zh" {
            return Set(parts.dropFirst()).isDisjoint(with: ["hant", "tw", "hk", "mo"]) ? "zh-CN" : nil
        }
        return builtIn.first { $0 == primary }
    }

    private static func isEnglish(_ language: String) -> Bool {
        language.lowercased() == "en" || language.lowercased().hasPrefix("en-")
    }

    /// The site's table for a tag: `strings/<tag>.json`, else `strings/<language>.json`.
    static func siteFile(for language: String, in files: [SourceFile]) -> SourceFile? {
        let lower = language.lowercased()
        let primary = lower.split(separator: "-").first.map(String.init) ?? lower
        let named = { (tag: String) in files.first { $0.path.lowercased() == "\(folder)/\(tag).json" } }
        return named(lower) ?? named(primary)
    }

    /// Parsed once: `digest import` makes an `Interface` for every file it reads.
    static func builtInTable(_ tag: String) -> StringTable {
        builtInTables[tag] ?? builtInTables["en"]!
    }

    private static let builtInTables = Dictionary(uniqueKeysWithValues: builtIn.map { ($0, parseBuiltIn($0)) })

    private static func parseBuiltIn(_ tag: String) -> StringTable {
        let bytes: [UInt8]
        switch tag {
        case "zh-CN": bytes = PackageResources.zh_CN_json
        case "de": bytes = PackageResources.de_json
        case "fr": bytes = PackageResources.fr_json
        case "es": bytes = PackageResources.es_json
        case "ja": bytes = PackageResources.ja_json
        default: bytes = PackageResources.en_json
        }
        // Tests check every built-in table parses and has every key (LanguageTests).
        return try! StringTable.parse(SourceFile(path: "\(tag).json", bytes: bytes))
    }

    /// A site's string may use only the placeholders its English string has, and is a plural
    /// exactly when the English one is: anything else would show a reader `{name}` or the wrong form.
    private static func check(_ table: StringTable, against english: StringTable, file: String) throws(DiagnosticsError) {
        var problems: [Diagnostic] = []
        for key in table.entries.keys.sorted() {
            guard let entry = table[key], let reference = english[key] else { continue }
            let place = table.locations[key]
            let report = { (message: String) in
                problems.append(Diagnostic(file: file, line: place?.line, column: place?.column, field: key, message: message))
            }
            switch (entry, reference) {
            case (.text, .plural): report("must be an object of plural forms, as the English string is ({\"one\": …, \"other\": …})")
            case (.plural, .text): report("must be a single string, as the English string is")
            default:
                let allowed = reference.texts.reduce(into: Set<String>()) { $0.formUnion(StringTable.placeholders($1)) }
                let used = entry.texts.reduce(into: Set<String>()) { $0.formUnion(StringTable.placeholders($1)) }
                let unknown = used.subtracting(allowed).sorted()
                if !unknown.isEmpty {
                    let names = allowed.isEmpty ? "none" : allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    report("uses \(unknown.map { "{\($0)}" }.joined(separator: ", ")), which this string does not have (it has \(names))")
                }
            }
        }
        guard problems.isEmpty else { throw DiagnosticsError(problems) }
    }
}

/// Date labels by day, made once per day by ICU and shared by the threads rendering pages
/// (a 50,000-paper site asks for the same few thousand days a hundred thousand times).
private final class DateLabels: @unchecked Sendable {
    struct Labels {
        var long: String
        var medium: String
        var short: String
        var month: String
    }

    private let lock = NSLock()
    private var cache: [Int: Labels] = [:]
    private let heading: Date.FormatStyle
    private let inSentence: Date.FormatStyle

    init(locale: Locale) {
        let utc = TimeZone(identifier: "UTC")!
        // Labels that start a line are capitalised as the language does there ("Vendredi 20 novembre").
        heading = Date.FormatStyle(locale: locale, timeZone: utc, capitalizationContext: .beginningOfSentence)
        inSentence = Date.FormatStyle(locale: locale, timeZone: utc, capitalizationContext: .middleOfSentence)
    }

    func labels(_ day: CalendarDay) -> Labels {
        let key = day.daysSinceEpoch
        if let found = lock.withLock({ cache[key] }) { return found }
        let date = Date(timeIntervalSince1970: Double(key) * 86_400 + 43_200)
        let labels = Labels(
            long: date.formatted(heading.weekday(.wide).day().month(.wide).year()),
            medium: date.formatted(inSentence.day().month(.wide).year()),
            short: date.formatted(heading.weekday(.abbreviated).day().month(.abbreviated)),
            month: date.formatted(heading.month(.wide).year()))
        lock.withLock { cache[key] = labels }
        return labels
    }
}
