/// `assets/strings.js`: the strings the browser's scripts show (the `js.` keys), in the
/// site's language, as a script that defines `DigestStrings` for `text.js`. A file rather
/// than an inline script: the Content-Security-Policy runs only the site's own files.
enum ScriptStrings {
    static let path = "assets/strings.js"

    static func render(_ interface: Interface) -> [UInt8] {
        var json = JSONBytes(htmlSafe: true, capacity: 8192)
        json.object { json in
            // The locale the scripts format dates and numbers in, as the pages do.
            json.member("lang", interface.formatLocale)
            json.key("strings")
            json.object { json in
                for (key, entry) in interface.entries(prefix: "js.") {
                    json.key(String(key.dropFirst(3)))
                    switch entry {
                    case .text(let text):
                        json.string(text)
                    case .plural(let forms):
                        json.object { json in
                            for category in forms.keys.sorted() { json.member(category, forms[category]!) }
                        }
                    }
                }
            }
        }
        return Array("// Made by Digest from the site's interface strings (docs/languages.md).\nvar DigestStrings = ".utf8)
            + json.bytes + Array(";\n".utf8)
    }
}
