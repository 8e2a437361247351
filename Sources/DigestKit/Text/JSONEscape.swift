/// JSON string quoting, the one place it is done: the feeds, the search index and JSON-LD
/// (through `JSONBytes`) and imported content files (`JSONWriter`) all quote with it, so
/// the same text is the same bytes everywhere. Control characters (U+0000–U+001F and DEL,
/// U+007F) become escapes; everything else is copied as UTF-8, in runs.
enum JSONEscape {
    /// `"text"` appended to `bytes`. `htmlSafe` also writes `<`, `>` and `&` as escapes, so
    /// the JSON can sit inside an HTML `<script>` element.
    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, htmlSafe: Bool, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in 0..<utf8.count where mayEscape[Int(utf8[index])] {
            let byte = utf8[index]
            let escape: StaticString
            var hex = false
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case 0..<0x20, 0x7F:
                escape = "\\u00"
                hex = true
            case UInt8(ascii: "<") where htmlSafe: escape = "\\u003c"
            case UInt8(ascii: ">") where htmlSafe: escape = "\\u003e"
            case UInt8(ascii: "&") where htmlSafe: escape = "\\u0026"
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
            if hex {
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    static func appendQuoted(_ text: String, htmlSafe: Bool = false, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted($0, htmlSafe: htmlSafe, to: &bytes) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Bytes escaped in some mode; all others are copied as they are.
    private static let mayEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26
    }
}
