/// Reads `Content/site.json` into a `SiteConfig`, reporting every problem.
enum SiteConfigDecoder {
    static let knownKeys: Set<String> = [
        "title", "tagline", "description", "baseURL", "language", "timeZone",
        "historyDays", "updateEvery", "feedItems", "topics", "sort", "pages", "subscribeURL", "authorPages",
    ]

    /// `baseURLOverride` (from `--base-url`) replaces the file's `baseURL`, which may then be absent.
    static func decode(_ file: SourceFile, baseURLOverride: BaseURL?) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        guard let json = PaperFileDecoder.parse(file) else {
            return (nil, [PaperFileDecoder.parseDiagnostic(file)!])
        }
        guard case .object(let members) = json.value else {
            return (nil, PaperFileDecoder.shapeProblem(json, in: file, expected: "an object with the site's settings"))
        }
        var reader = FieldReader(file: file, object: json)
        for member in members where !knownKeys.contains(member.key) {
            let suggestion = knownKeys.first { $0.lowercased() == member.key.lowercased() }.map { " (did you mean \"\($0)\"?)" } ?? ""
            reader.fail(at: member.keyOffset, field: member.key, "is not a setting Digest knows and is ignored\(suggestion)", severity: .warning)
        }

        let title = reader.string("title", required: true, singleLine: true)
        var baseURL = baseURLOverride
        if let text = reader.string("baseURL", required: baseURLOverride == nil, singleLine: true) {
            let parsed = BaseURL(text)
            if parsed == nil {
                reader.fail(at: json["baseURL"]!.value.offset, field: "baseURL", "must be an absolute http or https URL such as \"https://example.org/digest/\", found \"\(text.prefix(80))\"")
            }
            baseURL = baseURLOverride ?? parsed
        }
        // Keep reading after a bad title or URL so one run reports every problem; the result is discarded then.
        var config = SiteConfig(title: title ?? "", baseURL: baseURL ?? BaseURL("https://example.invalid/")!)
        config.tagline = reader.string("tagline", singleLine: true)
        config.description = reader.string("description", singleLine: true)
        if let language = reader.string("language", singleLine: true) {
            if isLanguageTag(language) {
                config.language = language
            } else {
                reader.fail(at: json["language"]!.value.offset, field: "language", "must be a language tag such as \"en\" or \"pt-BR\", found \"\(language.prefix(40))\"")
            }
        }
        if let zone = reader.string("timeZone", singleLine: true) {
            if let timeZone = SiteTimeZone(identifier: zone) {
                config.timeZone = timeZone
            } else {
                reader.fail(at: json["timeZone"]!.value.offset, field: "timeZone", "unknown time zone \"\(zone.prefix(60))\"; use an IANA name such as \"UTC\" or \"Europe/Berlin\"")
            }
        }
        config.historyDays = reader.integer("historyDays", in: 1...366) ?? config.historyDays
        config.updateEvery = reader.string("updateEvery", singleLine: true)
        config.feedItems = reader.integer("feedItems", in: 1...10_000) ?? config.feedItems
        var listed = Set<String>()
        config.topics = (reader.stringArray("topics") ?? []).filter { listed.insert($0).inserted }  // a repeat adds nothing
        if let sort = reader.string("sort", singleLine: true) {
            if let order = PaperOrder(rawValue: sort) {
                config.sort = order
            } else {
                let choices = PaperOrder.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                reader.fail(at: json["sort"]!.value.offset, field: "sort", "must be one of \(choices), found \"\(sort.prefix(40))\"")
            }
        }
        config.pages = reader.stringArray("pages") ?? []
        config.authorPages = reader.integer("authorPages", in: 0...10_000) ?? config.authorPages
        config.subscribeURL = reader.url("subscribeURL")
        let failed = reader.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : config, PaperFileDecoder.located(reader.diagnostics, in: file))
    }

    /// A BCP 47 shape check: `en`, `de-CH`, `zh-Hant-TW`.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
