/// An instant, as whole seconds since 1970-01-01T00:00:00Z.
///
/// Sub-second precision is dropped: nothing Digest shows or orders needs it.
public struct Timestamp: Sendable, Hashable, Comparable {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses RFC 3339 (`2026-11-20T08:00:00Z`, `2026-11-20T09:30:00.123+01:00`).
    /// A space instead of `T` is accepted, as RFC 3339 allows; the offset is required.
    public init?(rfc3339 text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count >= 20, let day = CalendarDay(String(decoding: b[0..<10], as: UTF8.self)),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hour = parseDigits(b[11..<13]), let minute = parseDigits(b[14..<16]),
            let second = parseDigits(b[17..<19]), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[index]) { index += 1 }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                let offsetHours = parseDigits(b[index + 1..<index + 3]),
                let offsetMinutes = parseDigits(b[index + 4..<index + 6]), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        // A leap second (:60) is counted as the first second of the next minute.
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        self.secondsSinceEpoch = seconds
    }

    /// The UTC calendar day and time of day.
    var utcComponents: (day: CalendarDay, hour: Int, minute: Int, second: Int) {
        let days = Int((secondsSinceEpoch >= 0 ? secondsSinceEpoch : secondsSinceEpoch - 86_399) / 86_400)
        let rest = Int(secondsSinceEpoch - Int64(days) * 86_400)
        return (CalendarDay(daysSinceEpoch: days), rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// RFC 822 / RFC 2822 in UTC, as RSS wants: `Fri, 20 Nov 2026 08:00:00 +0000`.
    public var rfc822: String {
        let (day, hour, minute, second) = utcComponents
        let weekday = CalendarDay.weekdayNames[day.weekday].prefix(3)
        let month = CalendarDay.monthNames[day.month - 1].prefix(3)
        return "\(weekday), \(pad(day.day, 2)) \(month) \(pad(day.year, 4)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)) +0000"
    }

    /// RFC 3339 in UTC: `2026-11-20T08:00:00Z`.
    public var rfc3339: String {
        let (day, hour, minute, second) = utcComponents
        return "\(day)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
