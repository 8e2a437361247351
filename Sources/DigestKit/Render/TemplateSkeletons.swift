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
///
/// Skeletons outlive a build: the build cache keeps those made or used lately (`Kept`), so
/// a rebuild, which renders the pages of a new day in the shapes of the days before, seldom
/// runs the engine at all.
final class TemplateSkeletons: @unchecked Sendable {
    private let lock = NSLock()
    private var skeletons: [Key: Skeleton] = [:]
    /// How many builds ago each skeleton taken over from an earlier build was last used;
    /// one made or used in this build is not in it.
    private var ages: [Key: Int] = [:]
    private var hits = 0
    private var made = 0

    /// Pages spliced from a skeleton made for an earlier page or build, and skeletons made.
    var counts: (reused: Int, made: Int) { lock.withLock { (hits, made) } }

    struct Key: Hashable {
        var template: String
        var shape: [UInt8]

        // Hashes the shape's bytes in one call rather than one byte at a time.
        func hash(into hasher: inout Hasher) {
            hasher.combine(template)
            shape.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
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
    /// holds a value a skeleton cannot hold; the caller then renders the page directly.
    func render(_ template: String, _ context: TemplateObject, with render: ([String: Any]) -> String) -> [UInt8]? {
        var shape = TemplateShape()
        guard context.visit(&shape) else { return nil }
        let key = Key(template: template, shape: shape.key)
        let cached: Skeleton? = lock.withLock {
            // A kept skeleton made for as many values (the key says so, unless the file lied).
            let found = skeletons[key].flatMap { $0.leaves == shape.leaves.count ? $0 : nil }
            if found != nil {
                hits += 1
                ages[key] = nil
            }
            return found
        }
        let skeleton: Skeleton
        if let cached {
            skeleton = cached
        } else {
            var numbering: TemplateShape.Numbering? = TemplateShape.Numbering()
            let page = render(context.engineValue(&numbering) as! [String: Any])
            skeleton = Skeleton(Array(page.utf8), leaves: shape.leaves.count)!
            lock.withLock {
                skeletons[key] = skeleton
                ages[key] = nil
                made += 1
            }
        }
        return skeleton.fill(shape.leaves)
    }

    // Noncharacters cannot be written as literals in Swift.
    static let openMark = Unicode.Scalar(0xFDD0)!
    static let closeMark = Unicode.Scalar(0xFDD1)!
}

extension TemplateSkeletons {
    /// A skeleton unused for more builds than this is not kept: the shapes of pages that change
    /// come back within days (a day of as many papers), and the file stays small.
    static let maximumAge = 8

    /// Takes over the skeletons an earlier build kept; one whose page is not a well-formed
    /// skeleton of its shape is left out, and made again if needed.
    func take(_ kept: Kept) {
        lock.withLock {
            for entry in kept.entries {
                guard skeletons[entry.key] == nil, let skeleton = Skeleton(entry.page, leaves: entry.leaves) else { continue }
                skeletons[entry.key] = skeleton
                ages[entry.key] = entry.age + 1
            }
        }
    }

    /// What to keep for the next build: every skeleton made or used in this one, and those
    /// taken over that were used within `maximumAge` builds, in the order of their keys.
    func kept() -> Kept {
        lock.withLock {
            let entries = skeletons.compactMap { key, skeleton -> Kept.Entry? in
                let age = ages[key] ?? 0
                guard age <= Self.maximumAge else { return nil }
                return Kept.Entry(key: key, page: skeleton.bytes, leaves: skeleton.leaves, age: age)
            }
            return Kept(
                entries: entries.sorted { a, b in
                    a.key.template != b.key.template ? a.key.template < b.key.template : a.key.shape.lexicographicallyPrecedes(b.key.shape)
                })
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
    let leaves: Int
    let parts: [Part]
    let literalCount: Int

    /// Nil when `bytes` hold a malformed placeholder or one numbered `leaves` or more (which
    /// the engine never makes, but a kept file could hold).
    init?(_ bytes: [UInt8], leaves: Int) {
        guard let parts = Self.cut(bytes, leaves: leaves) else { return nil }
        self.bytes = bytes
        self.leaves = leaves
        self.parts = parts
        literalCount = parts.reduce(0) { total, part in
            if case .literal(let range) = part { return total + range.count }
            return total
        }
    }

    private static func cut(_ bytes: [UInt8], leaves: Int) -> [Part]? {
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
            // `memchr` finds the marks' lead byte: a kept skeleton is cut at every build that takes it.
            let found = bytes.withUnsafeBufferPointer { buffer -> Int? in
                let base = buffer.baseAddress!
                let lead = memchr(base + index, Int32(open[0]), buffer.count - index)
                return lead.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            guard let found else { break }
            index = found
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            // The template may not contain the marks (checked up front), so this is a placeholder.
            var cursor = index + open.count
            var number = 0
            while cursor < bytes.count, number < leaves, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                number = number * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
            }
            let escaped = matches(escapedAmp, at: cursor)
            cursor += escaped ? escapedAmp.count : 1
            guard matches(close, at: cursor), number < leaves else { return nil }
            if literalStart < index { parts.append(.literal(literalStart..<index)) }
            parts.append(.value(number, escaped: escaped))
            index = cursor + close.count
            literalStart = index
        }
        if literalStart < bytes.count { parts.append(.literal(literalStart..<bytes.count)) }
        return parts
    }

    func fill(_ leaves: [TemplateShape.Leaf]) -> [UInt8] {
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
