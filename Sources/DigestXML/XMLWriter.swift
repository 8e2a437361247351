@preconcurrency import CLibXML2

/// Writes an XML document to memory through libxml2's text writer.
///
/// Escaping is done by libxml2; characters that XML 1.0 forbids (most C0 controls,
/// lone surrogates, U+FFFE/U+FFFF) are dropped before they reach it, so any string
/// from content yields a well-formed document.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init(indent: Bool = true) {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    public func startElement(_ name: String) {
        xmlTextWriterStartElement(writer, name)
    }

    public func endElement() {
        xmlTextWriterEndElement(writer)
    }

    public func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, name, Self.xmlSafe(value))
    }

    public func text(_ value: String) {
        xmlTextWriterWriteString(writer, Self.xmlSafe(value))
    }

    /// `<name attr="…">text</name>` in one call.
    public func element(_ name: String, _ text: String, attributes: KeyValuePairs<String, String> = [:]) {
        startElement(name)
        for (key, value) in attributes { attribute(key, value) }
        self.text(text)
        endElement()
    }

    /// An element with attributes and no content, written as `<name …/>`.
    public func emptyElement(_ name: String, attributes: KeyValuePairs<String, String>) {
        startElement(name)
        for (key, value) in attributes { attribute(key, value) }
        endElement()
    }

    /// Closes every open element and returns the document's bytes.
    public func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }

    /// The string with every character that XML 1.0 does not allow removed.
    public static func xmlSafe(_ value: String) -> String {
        if !mayHaveDisallowed(value) { return value }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.lazy.filter(isAllowed))
        return String(scalars)
    }

    /// Whether the UTF-8 holds a C0 control other than tab, line feed and carriage return,
    /// or U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`): the only characters a Swift string can
    /// hold that XML 1.0 does not allow. One pass over bytes, instead of decoding every
    /// scalar of every feed's text.
    static func mayHaveDisallowed(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20, byte != 0x9, byte != 0xA, byte != 0xD { return true }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
                index += 1
            }
            return false
        }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
