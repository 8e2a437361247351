/// HTML escaping, byte by byte: the five characters the template engine escapes, wherever
/// they are (also before a combining mark, where escaping whole characters would miss a quote).
/// UTF-8 never uses these bytes inside a multi-byte character, so bytes are enough.
enum HTMLEscape {
    /// Text to put between tags or inside a quoted attribute.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var text = text
        return text.withUTF8 { utf8 in
            var output: [UInt8] = []
            output.reserveCapacity(utf8.count + 32)
            append(utf8, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    static func append(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var start = 0
        for index in 0..<text.count where needsEscape(text[index]) {
            let replacement: StaticString
            switch text[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            default: replacement = "&#39;"
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
