/// Compact JSON written straight to bytes, members in the order written: the search index,
/// JSON Feed and each paper page's JSON-LD. Foundation's `JSONEncoder` went through
/// `Encodable` and a tree of boxes, and took a tenth of a large build.
///
/// `htmlSafe` also writes `<`, `>` and `&` as `\u` escapes, which JSON allows anywhere in a
/// string, so the JSON can sit inside an HTML `<script>` element: `</script>` cannot end it.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    private let htmlSafe: Bool
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    init(htmlSafe: Bool = false, capacity: Int = 1024) {
        self.htmlSafe = htmlSafe
        bytes.reserveCapacity(capacity)
    }

    /// `{ … }`, its members written by `body` with `key(_:)` and a value each.
    mutating func object(_ body: (inout JSONBytes) -> Void) {
        container("{", "}", body)
    }

    /// `[ … ]`, its elements written by `body`.
    mutating func array(_ body: (inout JSONBytes) -> Void) {
        container("[", "]", body)
    }

    private mutating func container(_ open: Unicode.Scalar, _ close: Unicode.Scalar, _ body: (inout JSONBytes) -> Void) {
        separate()
        bytes.append(UInt8(ascii: open))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: close))
        needsComma = true
    }

    /// `[`, for an array written over several calls (a search chunk); `closeArray()` ends it.
    mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func array(_ strings: [String]) {
        array { json in for string in strings { json.string(string) } }
    }

    mutating func array(_ numbers: [Int]) {
        array { json in for number in numbers { json.number(number) } }
    }

    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { appendQuoted($0) }
        needsComma = true
    }

    /// A string already in UTF-8 (the search index's terms).
    mutating func string(utf8: [UInt8]) {
        separate()
        utf8.withUnsafeBufferPointer { appendQuoted($0) }
        needsComma = true
    }

    mutating func number(_ value: Int) {
        separate()
        // Digit by digit, with no String in between: the search index writes millions.
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
        needsComma = true
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        number(value)
    }

    /// A member, left out when `value` is nil (as `Encodable` leaves out nil optionals).
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        JSONEscape.appendQuoted(utf8, htmlSafe: htmlSafe, to: &bytes)
    }
}
