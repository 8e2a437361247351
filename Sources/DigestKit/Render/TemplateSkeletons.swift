import Foundation

/// Renders a template once per *shape* of context instead of once per page.
///
/// Mustache is logic-less: what a template makes of a context depends on the context's
/// strings and numbers only through where they are substituted, escaped or not. Which
/// sections show and how often lists repeat depends on the shape alone: the keys present,
/// the booleans, the lengths of lists, which strings are empty. So each shape is rendered
/// once by the template engine, with a numbered placeholder in place of every string and
/// number, and every page of that shape is that skeleton with its values spliced in.
/// Ten thousand paper pages come in a few dozen shapes, so the engine runs a few dozen
/// times instead of ten thousand (see docs/performance.md for the figures).
///
/// A placeholder is `U+FDD0 <index> & U+FDD1`. The engine escapes `&` in `{{value}}` and
/// not in `{{{value}}}`, so the skeleton says which way each value is to be spliced in.
/// U+FDD0 and U+FDD1 are Unicode noncharacters; layouts that contain them, or that use
/// what could make the output depend on a value in another way (transforms, dynamic
/// partials, pragmas, changed delimiters), are rendered page by page instead.
final class TemplateSkeletons: @unchecked Sendable {
    private let lock = NSLock()
    private var skeletons: [Key: Skeleton] = [:]
    private var hits = 0

    /// Pages spliced from a skeleton made for an earlier page, and skeletons made.
    var counts: (reused: Int, made: Int) { lock.withLock { (hits, skeletons.count) } }

    private struct Key: Hashable {
        var template: String
        var shape: [UInt8]
    }

    /// Whether a set of template sources can be rendered by skeleton (see the type's comment).
    static func supports(templateSources: [String]) -> Bool {
        templateSources.allSatisfy { source in
            if source.unicodeScalars.contains(where: { $0 == openMark || $0 == closeMark }) { return false }
            var rest = source[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { return false }
                let tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if tag.contains("(") || tag.hasPrefix(">*") || tag.hasPrefix("%") || tag.hasPrefix("=") { return false }
                rest = rest[close.upperBound...]
            }
            return true
        }
    }

    /// The page for `context`: spliced from the skeleton of its shape, which `render` makes
    /// (from a context of placeholders) the first time the shape is seen. Nil when the context
    /// holds a value this cache does not model; the caller then renders the page directly.
    func render(_ template: String, _ context: [String: Any], with render: ([String: Any]) -> String) -> [UInt8]? {
        var shape = Shape()
        guard shape.visit(context) else { return nil }
        let key = Key(template: template, shape: shape.key)
        let cached: Skeleton? = lock.withLock {
            let found = skeletons[key]
            if found != nil { hits += 1 }
            return found
        }
        let skeleton: Skeleton
        if let cached {
            skeleton = cached
        } else {
            skeleton = Skeleton(render(shape.placeholders(context) as! [String: Any]), leaves: shape.leaves.count)
            lock.withLock { skeletons[key] = skeleton }
        }
        return skeleton.fill(shape.leaves)
    }

    // Noncharacters cannot be written as literals in Swift.
    static let openMark = Unicode.Scalar(0xFDD0)!
    static let closeMark = Unicode.Scalar(0xFDD1)!
}

/// A value as it is spliced in: its UTF-8 bytes, less a line ending kept in the skeleton.
private struct Leaf {
    var text: String
    /// Bytes at the end of `text` that the skeleton already holds.
    var keptEnd: Int
}

/// The shape of a context and its values, in one canonical walk (keys in sorted order).
private struct Shape {
    var key: [UInt8] = []
    var leaves: [Leaf] = []

    /// Records `value`; false for a value of a type templates are not given.
    mutating func visit(_ value: Any) -> Bool {
        switch value {
        case let string as String:
            return visitString(string)
        case let flag as Bool:
            key.append(flag ? UInt8(ascii: "T") : UInt8(ascii: "F"))
            return true
        case let number as Int:
            key.append(UInt8(ascii: "i"))
            leaves.append(Leaf(text: String(number), keptEnd: 0))
            return true
        case let dictionary as [String: Any]:
            key.append(UInt8(ascii: "{"))
            for (name, child) in dictionary.sorted(by: { $0.key < $1.key }) {
                key.append(contentsOf: name.utf8)
                key.append(UInt8(ascii: ":"))
                guard visit(child) else { return false }
            }
            key.append(UInt8(ascii: "}"))
            return true
        case let list as [[String: Any]]:
            return visitList(list)
        case let list as [Any]:  // also every [String]
            return visitList(list)
        default:
            return false
        }
    }

    private mutating func visitList<T>(_ list: [T]) -> Bool {
        key.append(UInt8(ascii: "["))
        for element in list {
            guard visit(element) else { return false }
        }
        key.append(UInt8(ascii: "]"))
        return true
    }

    /// Strings become placeholders, except where the engine looks at their characters: it
    /// indents the output of a partial after a line break, so an empty string, a line break
    /// at the start, and the line ending at the end are part of the shape.
    private mutating func visitString(_ string: String) -> Bool {
        let scalars = string.unicodeScalars
        guard let first = scalars.first, first != "\n" else {
            // Empty, or starting a line: the value itself is the shape (if it cannot be taken for a placeholder).
            if scalars.contains(where: { $0 == TemplateSkeletons.openMark }) { return false }
            key.append(UInt8(ascii: "="))
            key.append(contentsOf: String(string.utf8.count).utf8)
            key.append(UInt8(ascii: ":"))
            key.append(contentsOf: string.utf8)
            return true
        }
        let ending: String
        if string.utf8.count >= 2, string.hasSuffixBytes("\r\n") {
            ending = "\r\n"
        } else if let last = scalars.last, last == "\n" || last == "\r" {
            ending = String(last)
        } else {
            ending = ""
        }
        key.append(UInt8(ascii: "s"))
        key.append(contentsOf: ending.utf8)
        leaves.append(Leaf(text: string, keptEnd: ending.utf8.count))
        return true
    }

    /// The same context with placeholders in place of the leaves.
    func placeholders(_ value: Any) -> Any {
        var next = 0
        return placeholders(value, next: &next)
    }

    private func placeholders(_ value: Any, next: inout Int) -> Any {
        func placeholder(ending: String) -> String {
            defer { next += 1 }
            return "\(TemplateSkeletons.openMark)\(next)&\(TemplateSkeletons.closeMark)" + ending
        }
        switch value {
        case let string as String:
            guard let first = string.unicodeScalars.first, first != "\n" else { return string }
            let leaf = leaves[next]
            return placeholder(ending: String(decoding: string.utf8.suffix(leaf.keptEnd), as: UTF8.self))
        case is Bool:
            return value
        case is Int:
            return placeholder(ending: "")
        case let dictionary as [String: Any]:
            var copy: [String: Any] = [:]
            for (name, child) in dictionary.sorted(by: { $0.key < $1.key }) {
                copy[name] = placeholders(child, next: &next)
            }
            return copy
        case let list as [[String: Any]]:
            return list.map { placeholders($0, next: &next) as! [String: Any] }
        case let list as [Any]:
            return list.map { placeholders($0, next: &next) }
        default:
            preconditionFailure("a value the shape walk refused")
        }
    }
}

/// A page rendered with placeholders, cut into literal runs and the places values go.
private struct Skeleton: Sendable {
    enum Part: Sendable {
        case literal(Range<Int>)
        case value(Int, escaped: Bool)
    }

    let bytes: [UInt8]
    let parts: [Part]
    let literalCount: Int

    init(_ rendered: String, leaves: Int) {
        bytes = Array(rendered.utf8)
        parts = Self.cut(bytes, leaves: leaves)
        literalCount = parts.reduce(0) { total, part in
            if case .literal(let range) = part { return total + range.count }
            return total
        }
    }

    private static func cut(_ bytes: [UInt8], leaves: Int) -> [Part] {
        var parts: [Part] = []
        var literalStart = 0
        var index = 0
        let open: [UInt8] = Array(String(TemplateSkeletons.openMark).utf8)
        let close: [UInt8] = Array(String(TemplateSkeletons.closeMark).utf8)
        let escapedAmp: [UInt8] = Array("&amp;".utf8)
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            position + pattern.count <= bytes.count && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
        }
        while index < bytes.count {
            guard bytes[index] == open[0], matches(open, at: index) else {
                index += 1
                continue
            }
            // The template may not contain the marks (checked up front), so this is a placeholder.
            var cursor = index + open.count
            var number = 0
            while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                number = number * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
            }
            let escaped = matches(escapedAmp, at: cursor)
            cursor += escaped ? escapedAmp.count : 1
            precondition(matches(close, at: cursor) && number < leaves, "malformed template placeholder")
            if literalStart < index { parts.append(.literal(literalStart..<index)) }
            parts.append(.value(number, escaped: escaped))
            index = cursor + close.count
            literalStart = index
        }
        if literalStart < bytes.count { parts.append(.literal(literalStart..<bytes.count)) }
        return parts
    }

    func fill(_ leaves: [Leaf]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literalCount + leaves.reduce(0) { $0 + $1.text.utf8.count } + 256)
        bytes.withUnsafeBufferPointer { skeleton in
            for part in parts {
                switch part {
                case .literal(let range):
                    output.append(contentsOf: skeleton[range])
                case .value(let index, let escaped):
                    let leaf = leaves[index]
                    var text = leaf.text
                    text.withUTF8 { utf8 in
                        let value = UnsafeBufferPointer(rebasing: utf8.dropLast(leaf.keptEnd))
                        if escaped { HTMLEscape.append(value, to: &output) } else { output.append(contentsOf: value) }
                    }
                }
            }
        }
        return output
    }
}

/// HTML escaping of template values, byte by byte: the five characters the template
/// engine escapes, wherever they are (also before a combining mark).
enum HTMLEscape {
    static func append(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var start = 0
        for index in 0..<text.count {
            let replacement: StaticString
            switch text[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
    }
}

extension String {
    fileprivate func hasSuffixBytes(_ suffix: String) -> Bool { utf8.reversed().starts(with: suffix.utf8.reversed()) }
}
