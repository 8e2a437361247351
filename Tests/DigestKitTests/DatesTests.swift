import Testing
@testable import DigestKit

@Suite struct DatesTests {
    @Test func calendarDaysValidateMonthLengths() {
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2025-02-29") == nil)
        #expect(CalendarDay("2025-02-30") == nil)
        #expect(CalendarDay("2100-02-29") == nil)
        #expect(CalendarDay("2000-02-29") != nil)
        #expect(CalendarDay("2025-13-01") == nil)
        #expect(CalendarDay("2025-1-01") == nil)
        #expect(CalendarDay("2025-01-01T") == nil)
    }

    @Test func daysSinceEpochRoundTrips() {
        for offset in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDay(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
        #expect(CalendarDay("1970-01-01")!.daysSinceEpoch == 0)
        #expect(CalendarDay("2026-11-20")!.weekday == 5)  // a Friday
    }

    @Test func parsesRFC3339WithOffsets() {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")?.secondsSinceEpoch == 0)
        #expect(Timestamp(rfc3339: "1970-01-01T01:00:00+01:00")?.secondsSinceEpoch == 0)
        #expect(Timestamp(rfc3339: "1969-12-31T19:00:00.5-05:00")?.secondsSinceEpoch == 0)
        #expect(Timestamp(rfc3339: "2026-11-20 08:00:00z") != nil)
        #expect(Timestamp(rfc3339: "2026-11-20T08:00:00") == nil)  // the offset is required
        #expect(Timestamp(rfc3339: "2026-11-20T24:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "2026-02-30T08:00:00Z") == nil)
    }

    @Test func formatsRFC822ForRSS() {
        let time = Timestamp(rfc3339: "2026-11-20T08:05:09+01:00")!
        #expect(time.rfc822 == "Fri, 20 Nov 2026 07:05:09 +0000")
        #expect(time.rfc3339 == "2026-11-20T07:05:09Z")
    }

    @Test func timestampsBecomeDaysInTheSiteTimeZone() throws {
        let berlin = try #require(SiteTimeZone(identifier: "Europe/Berlin"))
        let losAngeles = try #require(SiteTimeZone(identifier: "America/Los_Angeles"))
        let lateUTC = Timestamp(rfc3339: "2026-11-19T23:30:00Z")!
        #expect(SiteTimeZone.utc.day(of: lateUTC).description == "2026-11-19")
        #expect(berlin.day(of: lateUTC).description == "2026-11-20")
        // Across the end of daylight saving time in the US (2026-11-01 at 09:00 UTC).
        #expect(losAngeles.day(of: Timestamp(rfc3339: "2026-11-01T06:59:00Z")!).description == "2026-10-31")
        #expect(losAngeles.day(of: Timestamp(rfc3339: "2026-11-01T07:30:00Z")!).description == "2026-11-01")
        #expect(losAngeles.day(of: Timestamp(rfc3339: "2026-11-02T07:30:00Z")!).description == "2026-11-01")
        #expect(losAngeles.day(of: Timestamp(rfc3339: "2026-11-02T08:30:00Z")!).description == "2026-11-02")
    }

    @Test func startOfDayIsLocalMidnight() throws {
        let berlin = try #require(SiteTimeZone(identifier: "Europe/Berlin"))
        #expect(berlin.startOfDay(CalendarDay("2026-07-01")!).rfc3339 == "2026-06-30T22:00:00Z")
        #expect(berlin.startOfDay(CalendarDay("2026-12-01")!).rfc3339 == "2026-11-30T23:00:00Z")
        #expect(SiteTimeZone(identifier: "Mars/Olympus_Mons") == nil)
    }
}
