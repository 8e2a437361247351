/// A value pages hand to templates: a string, a number, a flag, a list, or an object of
/// named values (`TemplateObject`).
///
/// Pages are built from these typed values rather than `[String: Any]`: the skeleton cache
/// (`TemplateSkeletons`) reads every page's shape, and a protocol call per value costs a
/// fraction of the runtime casts, dictionary hashing and key sorting an `Any` tree needs.
/// The template engine still gets plain `[String: Any]`, made only when it renders a page.
protocol TemplateValue {
    /// Appends this value's shape and its leaves; false for a value a skeleton cannot hold.
    func visit(_ shape: inout TemplateShape) -> Bool
    /// The value as the template engine takes it (String, Int, Bool, `[String: Any]`, `[Any]`);
    /// with `numbering`, every leaf is replaced by its numbered placeholder.
    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any
}

extension TemplateValue {
    /// The value as the template engine takes it.
    var engineValue: Any {
        var none: TemplateShape.Numbering?
        return engineValue(&none)
    }
}

/// Named values in the order they were set. Setting nil removes a name, as in a dictionary,
/// so optional values can be assigned as they are; a literal leaves out its nil values.
struct TemplateObject: TemplateValue, ExpressibleByDictionaryLiteral {
    // Two arrays rather than one of pairs: looking a name up then compares strings only,
    // without copying existentials.
    private var names: [String] = []
    private var values: [any TemplateValue] = []

    init(dictionaryLiteral elements: (String, (any TemplateValue)?)...) {
        names.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        // A literal names each key once (as a dictionary literal must), so no look-ups here.
        for case (let name, let value?) in elements {
            names.append(name)
            values.append(value)
        }
    }

    subscript(name: String) -> (any TemplateValue)? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            switch (names.firstIndex(of: name), newValue) {
            case (let index?, let value?): values[index] = value
            case (let index?, nil):
                names.remove(at: index)
                values.remove(at: index)
            case (nil, let value?):
                names.append(name)
                values.append(value)
            case (nil, nil): break
            }
        }
    }

    func visit(_ shape: inout TemplateShape) -> Bool {
        shape.key.append(UInt8(ascii: "{"))
        for index in names.indices {
            shape.key.append(contentsOf: names[index].utf8)
            shape.key.append(UInt8(ascii: ":"))
            guard values[index].visit(&shape) else { return false }
        }
        shape.key.append(UInt8(ascii: "}"))
        return true
    }

    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any {
        var dictionary: [String: Any] = [:]
        dictionary.reserveCapacity(names.count)
        // In order, so placeholders are numbered as `visit` met the leaves.
        for index in names.indices {
            dictionary[names[index]] = values[index].engineValue(&numbering)
        }
        return dictionary
    }
}

extension String: TemplateValue {
    func visit(_ shape: inout TemplateShape) -> Bool { shape.add(self) }

    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any {
        guard numbering != nil, let ending = TemplateShape.leafEnding(self) else { return self }
        return numbering!.next(ending: ending)
    }
}

extension Int: TemplateValue {
    func visit(_ shape: inout TemplateShape) -> Bool {
        shape.key.append(UInt8(ascii: "i"))
        shape.leaves.append(TemplateShape.Leaf(text: String(self), keptEnd: 0))
        return true
    }

    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any {
        guard numbering != nil else { return self }
        return numbering!.next(ending: "")
    }
}

extension Bool: TemplateValue {
    func visit(_ shape: inout TemplateShape) -> Bool {
        shape.key.append(self ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        return true
    }

    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any { self }
}

extension Array: TemplateValue where Element: TemplateValue {
    func visit(_ shape: inout TemplateShape) -> Bool {
        shape.key.append(UInt8(ascii: "["))
        for element in self {
            guard element.visit(&shape) else { return false }
        }
        shape.key.append(UInt8(ascii: "]"))
        return true
    }

    func engineValue(_ numbering: inout TemplateShape.Numbering?) -> Any {
        var values: [Any] = []
        values.reserveCapacity(count)
        for element in self {
            values.append(element.engineValue(&numbering))
        }
        return values
    }
}

/// The shape of a page's values and the values themselves, in one walk (see `TemplateSkeletons`).
struct TemplateShape {
    /// A value as it is spliced in: its UTF-8 bytes, less a line ending kept in the skeleton.
    struct Leaf {
        var text: String
        /// Bytes at the end of `text` that the skeleton already holds.
        var keptEnd: Int
    }

    /// Numbers the placeholders as the engine's values are made, in the order `visit` met the leaves.
    struct Numbering {
        private var count = 0

        mutating func next(ending: String) -> String {
            defer { count += 1 }
            return "\(TemplateSkeletons.openMark)\(count)&\(TemplateSkeletons.closeMark)" + ending
        }
    }

    var key: [UInt8] = []
    var leaves: [Leaf] = []

    init() {
        key.reserveCapacity(1024)
        leaves.reserveCapacity(64)
    }

    /// Strings become placeholders, except where the engine looks at their characters: it
    /// indents the output of a partial after a line break, so an empty string, a line break
    /// at the start, and the line ending at the end are part of the shape.
    mutating func add(_ string: String) -> Bool {
        guard let ending = Self.leafEnding(string) else {
            // Empty, or starting a line: the value itself is the shape (if it cannot be taken for a placeholder).
            if string.unicodeScalars.contains(where: { $0 == TemplateSkeletons.openMark }) { return false }
            key.append(UInt8(ascii: "="))
            key.append(contentsOf: String(string.utf8.count).utf8)
            key.append(UInt8(ascii: ":"))
            key.append(contentsOf: string.utf8)
            return true
        }
        key.append(UInt8(ascii: "s"))
        key.append(contentsOf: ending.utf8)
        leaves.append(Leaf(text: string, keptEnd: ending.utf8.count))
        return true
    }

    /// The line ending a leaf keeps in the skeleton ("" for none); nil when the string is not
    /// a leaf (it is empty or starts with a line break).
    static func leafEnding(_ string: String) -> String? {
        let utf8 = string.utf8
        guard let first = utf8.first, first != UInt8(ascii: "\n") else { return nil }
        switch utf8.last {
        case UInt8(ascii: "\n"):
            return utf8.count >= 2 && utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: "\r") ? "\r\n" : "\n"
        case UInt8(ascii: "\r"): return "\r"
        default: return ""
        }
    }
}
