import Foundation

extension StringProtocol {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. Foundation's
    /// `contains(_: StringProtocol)` goes through NSString and was a tenth of a build.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = String(self)
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard text.count >= pattern.count else { return false }
                var index = 0
                let last = text.count - pattern.count
                while index <= last {
                    if text[index] == first, memcmp(text.baseAddress! + index, pattern.baseAddress!, pattern.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// Whether any UTF-8 byte of the string is `byte` (memchr: many bytes per cycle).
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(byte), bytes.count) != nil
        }
    }
}
