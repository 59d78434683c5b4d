/// Spreadsheet serial day numbers (what an XLSX date cell stores) to calendar values.
public enum ExcelDateSystem: Sendable {
    /// Serial 1 is 1900-01-01; serial 60 is Lotus' phantom 29.02.1900.
    case excel1900
    /// Serial 0 is 1904-01-01 (old Mac Excel; `date1904="1"` in workbook.xml).
    case excel1904
}

public enum ExcelSerial {
    private static let epoch1899_12_30 = CalendarDate(year: 1899, month: 12, day: 30)!.daysSinceEpoch
    private static let epoch1904_01_01 = CalendarDate(year: 1904, month: 1, day: 1)!.daysSinceEpoch

    /// The serial's date; nil for the phantom 29.02.1900, negatives, and values out of range.
    public static func date(fromSerial serial: Double, system: ExcelDateSystem) -> CalendarDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        switch system {
        case .excel1904:
            return CalendarDate(daysSinceEpoch: epoch1904_01_01 + whole)
        case .excel1900:
            if whole == 60 { return nil }            // 29.02.1900 never existed
            if whole == 0 { return nil }             // 00.01.1900: time-only values
            return CalendarDate(daysSinceEpoch: epoch1899_12_30 + whole + (whole < 60 ? 1 : 0))
        }
    }

    /// The serial as a date and time of day, rounded to the nearest second.
    public static func dateTime(fromSerial serial: Double, system: ExcelDateSystem) -> CalendarDateTime? {
        guard serial.isFinite, serial >= 0 else { return nil }
        var totalSeconds = (serial * 86_400).rounded()
        var whole = (totalSeconds / 86_400).rounded(.down)
        totalSeconds -= whole * 86_400
        if totalSeconds >= 86_400 { whole += 1; totalSeconds -= 86_400 }
        guard let d = date(fromSerial: whole, system: system) else { return nil }
        let s = Int(totalSeconds)
        return CalendarDateTime(date: d, hour: s / 3600, minute: (s % 3600) / 60, second: s % 60)
    }

    /// The serial of a date (the inverse of `date(fromSerial:system:)`).
    public static func serial(of date: CalendarDate, system: ExcelDateSystem) -> Double {
        switch system {
        case .excel1904:
            return Double(date.daysSinceEpoch - epoch1904_01_01)
        case .excel1900:
            let n = date.daysSinceEpoch - epoch1899_12_30
            return Double(n < 61 ? n - 1 : n)
        }
    }

    public static func serial(of dt: CalendarDateTime, system: ExcelDateSystem) -> Double {
        serial(of: dt.date, system: system) + Double(dt.secondOfDay) / 86_400
    }
}
