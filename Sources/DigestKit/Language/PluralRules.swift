import CICU

/// CLDR plural rules from ICU: which form of a counted phrase a number takes in a language
/// (`one`, `few`, `many`, `other` …). English and German have two forms, Chinese and
/// Japanese one, Russian and Arabic more; ICU knows them all.
final class PluralRules: @unchecked Sendable {
    /// The CLDR categories a plural string may give.
    static let categories: Set<String> = ["zero", "one", "two", "few", "many", "other"]

    private let rules: UnsafeMutableRawPointer?

    /// `language` is a BCP 47 tag (`de`, `zh-CN`); an unknown one gets the root rules (always `other`).
    init(language: String) {
        rules = digest_plural_rules_open(language.replacingOccurrences(of: "-", with: "_"))
    }

    deinit {
        if let rules { digest_plural_rules_close(rules) }
    }

    /// The category of `number`; `other` when ICU cannot say. ICU's rules are immutable once
    /// opened, so threads may share them.
    func category(_ number: Int) -> String {
        guard let rules else { return "other" }
        var buffer = [CChar](repeating: 0, count: 16)
        let length = buffer.withUnsafeMutableBufferPointer { digest_plural_select(rules, Double(number), $0.baseAddress, 16) }
        guard length > 0 else { return "other" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
