import DigestXML
import Foundation

/// Looks through every file of a built site for anything that could run script in a
/// browser or a feed reader: script elements, event-handler attributes, dangerous URL
/// schemes, and elements that load or submit other documents.
enum OutputSafety {
    /// Problems found, as "path: what".
    static func problems(in files: [String: [UInt8]], baseURL: String) -> [String] {
        var problems: [String] = []
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".html") {
                problems += html(bytes, path: path)
            } else if path.hasSuffix(".xml") {
                problems += xml(bytes, path: path, baseURL: baseURL)
            } else if path.hasSuffix(".json") {
                problems += json(bytes, path: path)
            }
        }
        return problems
    }

    /// Attributes whose value is a URL a browser may follow or load.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "srcset", "poster", "data", "background", "cite", "xlink:href", "ping"]
    /// Elements that must never come out of content.
    static let forbiddenElements: Set<String> = ["iframe", "frame", "object", "embed", "base", "applet", "svg", "math", "link[@rel='import']"]

    static func html(_ bytes: [UInt8], path: String) -> [String] {
        guard let doc = try? XMLDocument.html(bytes) else { return ["\(path): does not parse as HTML"] }
        var problems: [String] = []
        for script in doc.nodes("//script") {
            let type = script["type"] ?? ""
            if type == "application/ld+json" {
                // Data, not code: it must be JSON and must not be able to close its element early.
                if script.text.lowercased().contains("</script") || (try? JSONSerialization.jsonObject(with: Data(script.text.utf8))) == nil {
                    problems.append("\(path): a JSON-LD block that is not clean JSON")
                }
            } else if let src = script["src"], isSiteAsset(src), script.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                continue  // the site's own script from assets/
            } else {
                problems.append("\(path): a <script> element that is not the site's own: \(script.text.prefix(60))")
            }
        }
        for node in doc.nodes("//*[@*]") {
            for (name, value) in node.attributes {
                let lower = name.lowercased()
                if lower.hasPrefix("on") { problems.append("\(path): event handler \(name)=\"\(value.prefix(40))\" on <\(node.name)>") }
                if urlAttributes.contains(lower), isDangerous(value) {
                    problems.append("\(path): <\(node.name) \(name)=\"\(value.prefix(60))\">")
                }
                if lower == "style" { problems.append("\(path): inline style on <\(node.name)>") }
            }
        }
        for name in forbiddenElements where !doc.nodes("//\(name)").isEmpty {
            problems.append("\(path): a <\(name)> element")
        }
        // The site's own search forms submit to a page of the site; content can never add a form.
        for form in doc.nodes("//form") {
            let action = form["action"] ?? ""
            if action.contains(":") || action.hasPrefix("//") || !(action.hasSuffix("search/") || action == "./") {
                problems.append("\(path): a <form> that submits to \(action.prefix(60))")
            }
        }
        for meta in doc.nodes("//meta[@http-equiv]") where meta["http-equiv"]?.lowercased() == "refresh" {
            problems.append("\(path): a meta refresh")
        }
        return problems
    }

    static func xml(_ bytes: [UInt8], path: String, baseURL: String) -> [String] {
        guard let doc = try? XMLDocument.xml(bytes) else { return ["\(path): is not well-formed XML"] }
        var problems: [String] = []
        // HTML carried in feeds is rendered by feed readers: it must be as safe as a page.
        for node in doc.nodes("//*[local-name()='description' or local-name()='content' or local-name()='summary' or local-name()='encoded']") {
            problems += html(Array(("<div>" + node.text + "</div>").utf8), path: "\(path) <\(node.name)>")
        }
        for node in doc.nodes("//*[local-name()='link' or local-name()='guid' or local-name()='loc' or local-name()='id']") {
            for value in [node.text] + node.attributes.filter({ $0.name == "href" }).map(\.value) where !value.isEmpty {
                if !(value.hasPrefix("https://") || value.hasPrefix("http://")) {
                    problems.append("\(path): <\(node.name)> \(value.prefix(60)) is not an absolute web URL")
                }
            }
        }
        return problems
    }

    static func json(_ bytes: [UInt8], path: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return ["\(path): is not valid JSON"]
        }
        var problems: [String] = []
        func walk(_ value: Any, key: String) {
            if let object = value as? [String: Any] {
                for (k, v) in object { walk(v, key: k) }
            } else if let array = value as? [Any] {
                for v in array { walk(v, key: key) }
            } else if let string = value as? String {
                let lower = key.lowercased()
                if lower.hasSuffix("url") || lower == "href" || lower == "link" || lower == "src", isDangerous(string) {
                    problems.append("\(path): \(key) = \(string.prefix(60))")
                }
                if lower.hasSuffix("html") { problems += html(Array(("<div>" + string + "</div>").utf8), path: "\(path) \(key)") }
            }
        }
        walk(value, key: "")
        return problems
    }

    /// `javascript:`, `vbscript:`, `data:` and friends, however they are spelled.
    static func isDangerous(_ url: String) -> Bool {
        let squeezed = url.unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
        return ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"].contains { squeezed.hasPrefix($0) }
    }

    static func isSiteAsset(_ src: String) -> Bool {
        !src.contains(":") && !src.hasPrefix("//") && src.contains("assets/")
    }
}
