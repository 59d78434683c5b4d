import MentorBase
import Testing

@Suite struct CalendarTests {
    @Test func rejectsDatesThatDoNotExist() {
        #expect(CalendarDate(year: 2023, month: 2, day: 31) == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 13, day: 1) == nil)
    }

    @Test func daysSinceEpochRoundTrips() throws {
        for z in stride(from: -719_000, through: 2_900_000, by: 997) {
            let d = try #require(CalendarDate(daysSinceEpoch: z))
            #expect(d.daysSinceEpoch == z)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    }

    @Test(arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (61.0, "1900-03-01"),
        (45292.0, "2024-01-01"), (36526.0, "2000-01-01"),
    ])
    func excel1900Serials(serial: Double, iso: String) {
        #expect(ExcelSerial.date(fromSerial: serial, system: .excel1900)?.iso == iso)
    }

    @Test func phantomLeapDayIsNotADate() {
        #expect(ExcelSerial.date(fromSerial: 60, system: .excel1900) == nil)
    }

    @Test func excel1904SystemAdds1462Days() {
        #expect(ExcelSerial.date(fromSerial: 0, system: .excel1904)?.iso == "1904-01-01")
        #expect(ExcelSerial.date(fromSerial: 45292 - 1462, system: .excel1904)?.iso == "2024-01-01")
    }

    @Test func serialInverse() throws {
        for s in [1.0, 59, 61, 100, 45292, 2_958_465] {
            let d = try #require(ExcelSerial.date(fromSerial: s, system: .excel1900))
            #expect(ExcelSerial.serial(of: d, system: .excel1900) == s)
        }
    }

    @Test func dateTimeFromSerialRoundsToSeconds() {
        let dt = ExcelSerial.dateTime(fromSerial: 45292.5 + 1.0 / 86_400 * 0.9999, system: .excel1900)
        #expect(dt?.iso == "2024-01-01T12:00:01")
        #expect(ExcelSerial.dateTime(fromSerial: 45292.99999999, system: .excel1900)?.iso == "2024-01-02T00:00:00")
    }

    @Test func isoParsing() {
        #expect(CalendarDate(iso: "2024-09-01")?.russian == "01.09.2024")
        #expect(CalendarDate(iso: "2024-9-01") == nil)
        #expect(CalendarDateTime(iso: "2024-09-01T08:30:05")?.russian == "01.09.2024 08:30:05")
        #expect(CalendarDateTime(iso: "2024-09-01 08:30")?.iso == "2024-09-01T08:30:00")
    }
}
