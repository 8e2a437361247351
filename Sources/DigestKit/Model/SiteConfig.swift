/// The settings in `Content/site.json`.
public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String?
    public var description: String?
    public var baseURL: BaseURL
    public var language: String = "en"
    public var timeZone: SiteTimeZone = .utc
    /// How many calendar days, ending today, get day pages and cards.
    public var historyDays: Int = 7
    /// Free text shown on the home page ("updated every 8h").
    public var updateEvery: String?
    /// How many papers the main feed and each topic feed carry.
    public var feedItems: Int = 50
    /// Preferred order of topic names; topics not listed follow alphabetically.
    public var topics: [String] = []
    /// How papers are ordered within each topic group of a day.
    public var sort: PaperOrder = .input
    /// The order of the Markdown pages (`Content/pages/*.md`) in the navigation, by name.
    public var pages: [String] = []
    /// How many papers an author needs for a page of their own (`authors/<slug>/`) with a
    /// feed; 0 gives nobody a page.
    public var authorPages: Int = 2
    /// A newsletter or other subscription page, linked next to the feeds when set.
    public var subscribeURL: String?

    public init(title: String, baseURL: BaseURL) {
        self.title = title
        self.baseURL = baseURL
    }
}

/// How papers are ordered within a day's topic groups.
public enum PaperOrder: String, Sendable, CaseIterable {
    /// As the collector listed them.
    case input
    /// Most upvoted first.
    case upvotes
    /// Highest relevance + novelty first.
    case score
    /// Alphabetically by title.
    case title
}

/// The absolute URL the site is published at, always ending in `/`.
public struct BaseURL: Sendable, Hashable, CustomStringConvertible {
    /// e.g. `https://example.org/digest/`.
    public let absolute: String
    /// The path part, e.g. `/digest/`; `/` at a domain root.
    public let path: String

    /// Accepts absolute http(s) URLs with a host and no query or fragment; adds the trailing `/`.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("https://") {
            schemeLength = 8
        } else if lower.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return nil
        }
        let rest = trimmed.dropFirst(schemeLength)
        guard !rest.contains(where: { $0 == "?" || $0 == "#" || $0 == "\\" || $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
            !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty, !host.hasPrefix(":"), !host.contains("@") else { return nil }
        var path = String(rest.dropFirst(host.count))
        if !path.hasSuffix("/") { path += "/" }
        self.path = path
        self.absolute = String(trimmed.prefix(schemeLength)).lowercased() + host.lowercased() + path
    }

    /// The absolute URL of a site-relative path such as `papers/2502.15969/`.
    public func resolve(_ relative: String) -> String { absolute + relative }

    public var description: String { absolute }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
