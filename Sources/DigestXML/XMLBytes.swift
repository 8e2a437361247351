/// Writes XML straight into bytes, laid out and escaped exactly as `XMLWriter` (libxml2's
/// text writer, indenting by two spaces) writes it, for documents made of pieces that are
/// shared: an author's feed is its header and the entries of its newest papers, and each
/// paper's entry is in the feed of every author who has one. Made once as bytes, an entry
/// is copied into each feed instead of written again through libxml2, which had been
/// 5–6% of a full build's CPU (docs/performance.md).
///
/// Escaping follows libxml2 2.9's: in text `&`, `<`, `>`, `"` and carriage return; in
/// attributes those and tab and line feed too. Characters XML 1.0 forbids are dropped
/// first (`XMLWriter.xmlSafe`), so any string yields well-formed XML.
public struct XMLBytes {
    public private(set) var bytes: [UInt8] = []

    private enum State { case startTagOpen, text, children }
    private var open: [(name: String, state: State)] = []
    /// How deep the first element is, for a piece that goes inside another document.
    private let depth: Int

    /// A document, starting with the XML declaration.
    public init() {
        depth = 0
        bytes.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
        bytes.append(0x0A)
    }

    /// A piece whose first element sits `depth` elements deep in the document it goes into.
    public init(depth: Int) {
        self.depth = depth
    }

    public mutating func startElement(_ name: String, attributes: KeyValuePairs<String, String> = [:]) {
        beginChild()
        indent(open.count + depth)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            bytes.append(0x20)
            bytes.append(contentsOf: key.utf8)
            bytes.append(contentsOf: #"=""#.utf8)
            escape(value, attribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
        open.append((name, .startTagOpen))
    }

    public mutating func text(_ value: String) {
        guard let last = open.indices.last else { return }
        if open[last].state == .startTagOpen { bytes.append(UInt8(ascii: ">")) }
        open[last].state = .text
        escape(value, attribute: false)
    }

    public mutating func endElement() {
        guard let (name, state) = open.popLast() else { return }
        switch state {
        case .startTagOpen:
            bytes.append(contentsOf: "/>".utf8)
        case .text:
            closingTag(name)
        case .children:
            indent(open.count + depth)
            closingTag(name)
        }
        bytes.append(0x0A)
    }

    /// `<name attr="…">text</name>`; an empty text still gives an open and a closing tag.
    public mutating func element(_ name: String, _ text: String, attributes: KeyValuePairs<String, String> = [:]) {
        startElement(name, attributes: attributes)
        self.text(text)
        endElement()
    }

    /// `<name attr="…"/>`.
    public mutating func emptyElement(_ name: String, attributes: KeyValuePairs<String, String>) {
        startElement(name, attributes: attributes)
        endElement()
    }

    /// Elements another `XMLBytes` wrote at this depth (`init(depth:)` with the number of
    /// elements open here).
    public mutating func append(piece: [UInt8]) {
        beginChild()
        bytes.append(contentsOf: piece)
    }

    /// Closes every open element and returns the bytes.
    public mutating func finish() -> [UInt8] {
        while !open.isEmpty { endElement() }
        return bytes
    }

    private mutating func beginChild() {
        guard let last = open.indices.last else { return }
        if open[last].state == .startTagOpen { bytes.append(contentsOf: ">\n".utf8) }
        open[last].state = .children
    }

    private mutating func indent(_ level: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private mutating func closingTag(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func escape(_ value: String, attribute: Bool) {
        var safe = XMLWriter.xmlSafe(value)
        safe.withUTF8 { source in
            var start = 0
            for index in source.indices {
                let replacement: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                case 0x0A where attribute: replacement = "&#10;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }
}
