import Foundation

/// `{{t.key}}` in a template: the interface string `key`, written into the template's text
/// when the layouts are loaded, so a page costs nothing more to render in another language.
/// The string is HTML-escaped, and each of its `{name}` placeholders becomes the template
/// tag `{{name}}` (escaped too), so a translation can move a value but never add markup.
enum TemplateStrings {
    /// A problem with a `{{t.…}}` tag, at a byte offset of the template.
    struct Problem: Error {
        var offset: Int
        var message: String
    }

    /// The template with every `{{t.key}}` replaced; unknown keys and plural strings (whose
    /// form depends on a number the template does not have) are problems.
    static func translate(_ template: String, _ interface: Interface) -> (text: String, problems: [Problem]) {
        guard template.contains("{{t.") || template.contains("{{ t.") else { return (template, []) }
        var output = ""
        var problems: [Problem] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let inside = rest[open.upperBound...]
            guard let close = inside.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let tag = inside[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard tag.hasPrefix("t.") else {
                output += rest[open.lowerBound..<close.upperBound]
                rest = inside[close.upperBound...]
                continue
            }
            let key = String(tag.dropFirst(2))
            let offset = template.utf8.distance(from: template.utf8.startIndex, to: open.lowerBound.samePosition(in: template.utf8)!)
            switch interface.table[key] ?? interface.english[key] {
            case .text(let text):
                output += Self.template(of: text)
            case .plural:
                problems.append(Problem(offset: offset, message: "\"\(key)\" is a counted phrase with plural forms; templates can only use plain strings"))
            case nil:
                problems.append(Problem(offset: offset, message: "there is no interface string \"\(key)\" (docs/languages.md lists the keys)"))
            }
            rest = inside[close.upperBound...]
        }
        return (output + rest, problems)
    }

    /// A string as template text: escaped, with `{name}` as `{{name}}` and other braces as
    /// character references, so that nothing in a translation is read as a template tag.
    static func template(of text: String) -> String {
        StringTable.pieces(text).map { piece in
            switch piece {
            case .text(let part): literal(part)
            case .placeholder(let name): "{{" + name + "}}"
            }
        }.joined()
    }

    private static func literal(_ text: Substring) -> String {
        HTMLEscape.escape(String(text)).replacingOccurrences(of: "{", with: "&#123;").replacingOccurrences(of: "}", with: "&#125;")
    }
}
