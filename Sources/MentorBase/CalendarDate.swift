/// A calendar date with no time zone: what a spreadsheet date cell means.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Makes a date, or nil when it does not exist (31.02, month 13, 29.02 of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01; nil outside years 1...9999.
    public init?(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate? { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`, written as ten bytes without interpolation and padding strings (an import
    /// encodes several dates per row). Ten bytes make a small String: no allocation.
    public var iso: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else { return paddedISO }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            b[0] = 0x30 + UInt8(year / 1000)
            b[1] = 0x30 + UInt8(year / 100 % 10)
            b[2] = 0x30 + UInt8(year / 10 % 10)
            b[3] = 0x30 + UInt8(year % 10)
            b[4] = 0x2D
            b[5] = 0x30 + UInt8(month / 10)
            b[6] = 0x30 + UInt8(month % 10)
            b[7] = 0x2D
            b[8] = 0x30 + UInt8(day / 10)
            b[9] = 0x30 + UInt8(day % 10)
            return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
        }
    }

    /// `iso` through the general padding: for any year (a negative one, or one past 9999).
    var paddedISO: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `DD.MM.YYYY`
    public var russian: String { "\(pad(day, 2)).\(pad(month, 2)).\(pad(year, 4))" }
    public var description: String { iso }

    public func text(style: DateTextStyle) -> String { style == .iso ? iso : russian }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso s: Substring) {
        // Fast path for the common exact form (ten ASCII bytes, as the store writes every date):
        // the same numbers the general path reads, without splitting into substrings.
        let fast = s.utf8.withContiguousStorageIfAvailable { b -> (Int, Int, Int)? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            var fields = (0, 0, 0)
            for i in 0..<10 where i != 4 && i != 7 {
                let d = Int(b[i]) - 0x30
                guard d >= 0 && d <= 9 else { return nil }
                if i < 4 { fields.0 = fields.0 * 10 + d } else if i < 7 { fields.1 = fields.1 * 10 + d } else { fields.2 = fields.2 * 10 + d }
            }
            return fields
        }
        if let f = fast ?? nil {
            self.init(year: f.0, month: f.1, day: f.2)
            return
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A date with a time of day, no time zone.
public struct CalendarDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: CalendarDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init?(date: CalendarDate, hour: Int, minute: Int, second: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since the start of the day.
    public var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// `YYYY-MM-DDTHH:MM:SS`
    public var iso: String { "\(date.iso)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }
    /// `DD.MM.YYYY HH:MM` (seconds shown only when not zero)
    public var russian: String {
        let base = "\(date.russian) \(pad(hour, 2)):\(pad(minute, 2))"
        return second == 0 ? base : base + ":\(pad(second, 2))"
    }
    public var description: String { iso }
    public func text(style: DateTextStyle) -> String { style == .iso ? iso : russian }

    /// Parses `YYYY-MM-DDTHH:MM:SS` (or with a space, or without seconds).
    public init?(iso s: Substring) {
        guard s.count >= 16 else { return nil }
        let sep = s.index(s.startIndex, offsetBy: 10)
        guard s[sep] == "T" || s[sep] == " ", let d = CalendarDate(iso: s[..<sep]) else { return nil }
        let t = s[s.index(after: sep)...].split(separator: ":", omittingEmptySubsequences: false)
        guard t.count == 2 || t.count == 3, t.allSatisfy({ $0.count == 2 }),
              let h = Int(t[0]), let m = Int(t[1]) else { return nil }
        let sec = t.count == 3 ? Int(t[2]) : 0
        guard let sec else { return nil }
        self.init(date: d, hour: h, minute: m, second: sec)
    }

    public static func < (a: CalendarDateTime, b: CalendarDateTime) -> Bool {
        (a.date, a.secondOfDay) < (b.date, b.secondOfDay)
    }
}

@inline(__always)
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
