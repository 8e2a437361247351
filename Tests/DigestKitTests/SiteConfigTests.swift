import Testing
@testable import DigestKit

@Suite struct SiteConfigTests {
    private func decode(_ text: String, override: BaseURL? = nil) -> (SiteConfig?, [Diagnostic]) {
        SiteConfigDecoder.decode(SourceFile(path: "Content/site.json", text: text), baseURLOverride: override)
    }

    @Test func appliesDefaults() throws {
        let (config, diagnostics) = decode(#"{"title": "T", "baseURL": "https://Example.org/digest"}"#)
        #expect(diagnostics.isEmpty)
        let site = try #require(config)
        #expect(site.baseURL.absolute == "https://example.org/digest/")
        #expect(site.baseURL.path == "/digest/")
        #expect(site.language == "en")
        #expect(site.timeZone.identifier == "UTC")
        #expect(site.historyDays == 7)
        #expect(site.feedItems == 50)
    }

    @Test func reportsEveryBadSettingAtOnce() {
        let (config, diagnostics) = decode("""
            {"title": "T", "baseURL": "example.org", "timeZone": "Moon/Base", "historyDays": 0, "language": "english!"}
            """)
        #expect(config == nil)
        #expect(diagnostics.compactMap(\.field) == ["baseURL", "language", "timeZone", "historyDays"])
        #expect(diagnostics.first { $0.field == "timeZone" }?.message.contains("unknown time zone \"Moon/Base\"") == true)
    }

    @Test func baseURLsMustBeAbsoluteWeb() {
        #expect(BaseURL("https://example.org") != nil)
        #expect(BaseURL("http://127.0.0.1:8000/digest/") != nil)
        #expect(BaseURL("/digest/") == nil)
        #expect(BaseURL("javascript:alert(1)//") == nil)
        #expect(BaseURL("https://") == nil)
        #expect(BaseURL("https://example.org/?q=1") == nil)
        #expect(BaseURL("https://exa mple.org/") == nil)
        #expect(BaseURL("https://example.org/\"onload=") == nil)
    }

    @Test func theCommandLineBaseURLWins() throws {
        let override = BaseURL("http://127.0.0.1:9000/preview/")
        let (config, diagnostics) = decode(#"{"title": "T"}"#, override: override)
        #expect(diagnostics.isEmpty)
        #expect(config?.baseURL == override)
    }

    @Test func unknownSettingsAreWarningsWithASuggestion() {
        let (config, diagnostics) = decode(#"{"title": "T", "baseURL": "https://e.org/", "baseUrl": "x"}"#)
        #expect(config != nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].severity == .warning)
        #expect(diagnostics[0].message.contains("did you mean \"baseURL\"?"))
    }
}
