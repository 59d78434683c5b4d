import MentorBase

/// Reads dates as Russian files write them: `dd.mm.yyyy`, `d.m.yy`, `dd.mm.yyyy г.`, ISO 8601,
/// «5 сентября 2010 г.», and spreadsheet serial numbers in the 1900 or 1904 system.
///
/// A date that does not exist (31.02) is an error, never a guess.
public enum Dates {
    static let months: [String: Int] = [
        "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
        "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
        "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
        "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    ]

    /// The result of reading a date: a day, a bare year, or why it is not a date.
    public enum Parsed: Hashable, Sendable {
        case date(CalendarDate)
        case dateTime(CalendarDateTime)
        case year(Int)
        /// Day, month and year are numbers but the day does not exist (31.02.2010).
        case nonexistent(String)
        case unreadable
    }

    /// Reads a cell as a date. `referenceYear` sets the century of two-digit years
    /// (`yy` up to its last two digits is 20yy, above is 19yy).
    public static func parse(_ cell: Cell, system: ExcelDateSystem = .excel1900, referenceYear: Int) -> Parsed {
        switch cell {
        case .date(let d): return .date(d)
        case .dateTime(let dt): return .dateTime(dt)
        case .number(let n):
            if n == n.rounded(), n >= 1900, n <= 2100 { return .year(Int(n)) }
            if n.truncatingRemainder(dividingBy: 1) != 0, let dt = ExcelSerial.dateTime(fromSerial: n, system: system) {
                return .dateTime(dt)
            }
            if let d = ExcelSerial.date(fromSerial: n, system: system) { return .date(d) }
            return .unreadable
        case .text(let s): return parse(text: s, system: system, referenceYear: referenceYear)
        default: return .unreadable
        }
    }

    /// Reads text as a date (see the type's overview for the spellings).
    public static func parse(text raw: String, system: ExcelDateSystem = .excel1900, referenceYear: Int) -> Parsed {
        if let fast = fastDayMonthYear(raw) { return fast }
        var s = Fold.spaces(raw).lowercased()
        for suffix in [" года", " год", " г.", " г", "г.", "г"] where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            s = Fold.spaces(s)
            break
        }
        if s.isEmpty { return .unreadable }
        // Google Forms in an English locale: "2022/09/15 10:31:05 AM GMT+3" — drop the zone, keep AM/PM.
        var meridiem: String?
        if s.contains(" gmt") || s.contains(" utc") || s.hasSuffix(" am") || s.hasSuffix(" pm") || s.contains(" am ") || s.contains(" pm ") {
            var kept: [Substring] = []
            for w in s.split(separator: " ") {
                if w.hasPrefix("gmt") || w.hasPrefix("utc") { continue }
                if w == "am" || w == "pm" { meridiem = String(w); continue }
                kept.append(w)
            }
            s = kept.joined(separator: " ")
        }
        let u = Array(s.utf8)
        // Time part after a space or T: "15.09.2022 10:31:05", "2022-09-15T10:31".
        var datePart = s[...]
        var timePart: Substring?
        if let sp = s.firstIndex(where: { $0 == " " || $0 == "t" }), !s.contains(where: { $0.isLetter && $0 != "t" }) {
            datePart = s[..<sp]
            timePart = s[s.index(after: sp)...]
        }
        if u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Only digits: a year, or a serial number a CSV export wrote for a date cell.
            guard let n = Int(s) else { return .unreadable }
            if u.count == 4 && n >= 1900 && n <= 2100 { return .year(n) }
            if u.count == 5, let d = ExcelSerial.date(fromSerial: Double(n), system: system) { return .date(d) }
            if u.count == 8 {
                // 05092010 (ddmmyyyy) as some forms store it.
                let d = n / 1_000_000, m = (n / 10_000) % 100, y = n % 10_000
                if let date = CalendarDate(year: y, month: m, day: d) { return .date(date) }
            }
            return .unreadable
        }
        // Month names: "5 сентября 2010".
        let words = s.split(separator: " ")
        if words.count == 3, let m = months[String(words[1])], let d = Int(words[0]), let y = Int(words[2]) {
            let year = expandYear(y, digits: words[2].count, referenceYear: referenceYear)
            if let date = CalendarDate(year: year, month: m, day: d) { return .date(date) }
            return .nonexistent(s)
        }
        let parts = datePart.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else {
            return .unreadable
        }
        let a = Int(parts[0])!, b = Int(parts[1])!, c = Int(parts[2])!
        let date: CalendarDate?
        if parts[0].count == 4 {
            // ISO order yyyy-mm-dd (or yyyy.mm.dd).
            guard parts[1].count <= 2, parts[2].count <= 2 else { return .unreadable }
            date = CalendarDate(year: a, month: b, day: c)
            if date == nil { return .nonexistent(s) }
        } else {
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4 else { return .unreadable }
            date = CalendarDate(year: expandYear(c, digits: parts[2].count, referenceYear: referenceYear), month: b, day: a)
            if date == nil { return .nonexistent(s) }
        }
        guard let date else { return .unreadable }
        if let timePart, !timePart.isEmpty {
            let t = timePart.split(separator: ":")
            guard t.count == 2 || t.count == 3, var h = Int(t[0]), let m = Int(t[1]) else { return .unreadable }
            if let meridiem {
                guard (1...12).contains(h) else { return .unreadable }
                if meridiem == "am" && h == 12 { h = 0 } else if meridiem == "pm" && h != 12 { h += 12 }
            }
            let sec = t.count == 3 ? Int(t[2].prefix(2)) : 0
            guard let sec, let dt = CalendarDateTime(date: date, hour: h, minute: m, second: sec) else { return .unreadable }
            return .dateTime(dt)
        }
        return .date(date)
    }

    /// `dd.mm.yyyy` exactly, read straight from the bytes (the common case in Russian files).
    @inline(__always) static func fastDayMonthYear(_ s: String) -> Parsed? {
        let read = s.utf8.withContiguousStorageIfAvailable { b -> (day: Int, month: Int, year: Int)? in
            guard b.count == 10, b[2] == 0x2E, b[5] == 0x2E else { return nil }
            @inline(__always) func d(_ i: Int) -> Int? {
                let v = Int(b[i]) &- 0x30
                return v >= 0 && v <= 9 ? v : nil
            }
            guard let d0 = d(0), let d1 = d(1), let m0 = d(3), let m1 = d(4),
                  let y0 = d(6), let y1 = d(7), let y2 = d(8), let y3 = d(9) else { return nil }
            return (d0 * 10 + d1, m0 * 10 + m1, y0 * 1000 + y1 * 100 + y2 * 10 + y3)
        }
        guard let found = read, let (day, month, year) = found else { return nil }
        if let d = CalendarDate(year: year, month: month, day: day) { return .date(d) }
        return .nonexistent(s)
    }

    static func expandYear(_ y: Int, digits: Int, referenceYear: Int) -> Int {
        guard digits == 2 else { return y }
        let pivot = referenceYear % 100
        return y <= pivot ? (referenceYear / 100) * 100 + y : (referenceYear / 100 - 1) * 100 + y
    }

    /// A date field: a day is required; a bare year is accepted only when `allowYear`.
    public static func normalize(_ cell: Cell, system: ExcelDateSystem, referenceYear: Int, allowYear: Bool) -> Normalized {
        switch parse(cell, system: system, referenceYear: referenceYear) {
        case .date(let d): return Normalized(.date(d))
        case .dateTime(let dt): return Normalized(.date(dt.date))
        case .year(let y):
            if allowYear { return Normalized(.year(y)) }
            return .error("type-error", ru: "указан только год (\(y)), нужна полная дата",
                          en: "only a year (\(y)) is given; a full date is needed",
                          hintRu: "ДД.ММ.ГГГГ, например 05.09.2010", hintEn: "DD.MM.YYYY, e.g. 05.09.2010")
        case .nonexistent(let s):
            return .error("type-error", ru: "такой даты нет: «\(s)»", en: "no such date: “\(s)”",
                          hintRu: "проверьте день и месяц", hintEn: "check the day and the month")
        case .unreadable:
            let t = cell.trimmedText
            return .error("type-error", ru: "не дата: «\(t)»", en: "not a date: “\(t)”",
                          hintRu: "ДД.ММ.ГГГГ, например 05.09.2010", hintEn: "DD.MM.YYYY, e.g. 05.09.2010")
        }
    }

    /// A date-and-time field («Отметка времени»); a bare date reads as midnight.
    public static func normalizeDateTime(_ cell: Cell, system: ExcelDateSystem, referenceYear: Int) -> Normalized {
        switch parse(cell, system: system, referenceYear: referenceYear) {
        case .dateTime(let dt): return Normalized(.dateTime(dt))
        case .date(let d):
            if let dt = CalendarDateTime(date: d, hour: 0, minute: 0, second: 0) { return Normalized(.dateTime(dt)) }
            return Normalized(nil)
        case .nonexistent(let s):
            return .error("type-error", ru: "такой даты нет: «\(s)»", en: "no such date: “\(s)”")
        case .year, .unreadable:
            let t = cell.trimmedText
            return .error("type-error", ru: "не дата и время: «\(t)»", en: "not a date and time: “\(t)”",
                          hintRu: "ДД.ММ.ГГГГ ЧЧ:ММ:СС", hintEn: "DD.MM.YYYY HH:MM:SS")
        }
    }
}
