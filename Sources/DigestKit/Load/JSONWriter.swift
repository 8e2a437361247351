/// Writes JSON values as Digest's content files are written: two-space indents, one array
/// element or object member per line, keys in the order given, non-ASCII as UTF-8. The
/// same value always gives the same bytes, so imported files diff well in git.
enum JSONWriter {
    static func write(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    private static func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value.value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: format(number).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            guard !elements.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            for (index, element) in elements.enumerated() {
                pad(indent + 2, &out)
                write(element, indent: indent + 2, into: &out)
                out.append(contentsOf: (index + 1 < elements.count ? ",\n" : "\n").utf8)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(contentsOf: "{\n".utf8)
            for (index, member) in members.enumerated() {
                pad(indent + 2, &out)
                writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(member.value, indent: indent + 2, into: &out)
                out.append(contentsOf: (index + 1 < members.count ? ",\n" : "\n").utf8)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whole numbers without a fraction (`12`, not `12.0`); others as Swift prints them.
    private static func format(_ number: Double) -> String {
        if number.rounded() == number, let integer = Int(exactly: number) { return String(integer) }
        return "\(number)"
    }

    private static func pad(_ count: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        JSONEscape.appendQuoted(text, to: &out)
    }
}

extension JSON {
    /// Values built in code carry no position.
    static func string(_ text: String) -> JSON { JSON(value: .string(text), offset: 0) }
    static func number(_ value: Int) -> JSON { JSON(value: .number(Double(value)), offset: 0) }
    static func array(_ elements: [JSON]) -> JSON { JSON(value: .array(elements), offset: 0) }
    static func strings(_ texts: [String]) -> JSON { .array(texts.map(JSON.string)) }
    static func object(_ members: [(String, JSON)]) -> JSON {
        JSON(value: .object(members.map { JSON.Member(key: $0.0, keyOffset: 0, value: $0.1) }), offset: 0)
    }

    /// The same value, ignoring where it came from.
    func sameValue(as other: JSON) -> Bool {
        switch (value, other.value) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.sameValue(as: $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.sameValue(as: $1.value) }
        default: return false
        }
    }
}
