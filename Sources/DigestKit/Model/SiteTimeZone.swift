import Foundation

/// The site's time zone: turns instants into digest days and days into instants.
///
/// Foundation's `TimeZone` carries the IANA database (including DST rules); the
/// calendar arithmetic around it is ours and stays pure.
public struct SiteTimeZone: Sendable, Hashable {
    public let identifier: String
    private let zone: TimeZone

    /// An IANA zone such as `Europe/Berlin` or `UTC`; nil when the name is unknown.
    public init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public static let utc = SiteTimeZone(identifier: "UTC")!

    /// Offset from UTC in seconds at an instant.
    public func offset(at instant: Timestamp) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
    }

    /// The calendar day an instant falls on in this zone.
    public func day(of instant: Timestamp) -> CalendarDay {
        let local = instant.secondsSinceEpoch + Int64(offset(at: instant))
        return Timestamp(secondsSinceEpoch: local).utcComponents.day
    }

    /// The local time of day of an instant, `HH:MM`.
    public func timeOfDay(of instant: Timestamp) -> String {
        let local = Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset(at: instant)))
        let parts = local.utcComponents
        return pad(parts.hour, 2) + ":" + pad(parts.minute, 2)
    }

    /// The first instant of a day in this zone (local midnight, or the first moment after a DST gap).
    public func startOfDay(_ day: CalendarDay) -> Timestamp {
        let midnightUTC = Int64(day.daysSinceEpoch) * 86_400
        var guess = midnightUTC - Int64(offset(at: Timestamp(secondsSinceEpoch: midnightUTC)))
        // The offset at the guess may differ (a DST change near midnight); one correction settles it.
        let corrected = midnightUTC - Int64(offset(at: Timestamp(secondsSinceEpoch: guess)))
        if self.day(of: Timestamp(secondsSinceEpoch: corrected)) == day { guess = corrected }
        return Timestamp(secondsSinceEpoch: guess)
    }

    public static func == (lhs: SiteTimeZone, rhs: SiteTimeZone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
