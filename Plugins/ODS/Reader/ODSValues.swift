import MentorBase

/// Parsers for the typed attribute values of ODS cells (`office:value`, `office:date-value`,
/// `office:time-value`, `office:boolean-value`). Each returns nil for a value it cannot read;
/// the reader then keeps the cell's displayed text and warns.
enum ODSValues {
    /// An `xsd:double` (`42`, `-0.5`, `1E-07`, `INF`).
    static func double(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !v.isEmpty, v.count <= 64 else { return nil }
        return Double(String(decoding: v, as: UTF8.self))
    }

    /// `true`/`false` (also `1`/`0`, which `xsd:boolean` allows).
    static func boolean(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
        if v.elementsEqual("true".utf8) || v.elementsEqual("1".utf8) { return true }
        if v.elementsEqual("false".utf8) || v.elementsEqual("0".utf8) { return false }
        return nil
    }

    /// An `xsd:date` or `xsd:dateTime` (`2024-09-01`, `2024-09-01T08:30:00`, `…T08:30:00.123`,
    /// an optional time zone, which is ignored: cells have none). Fractions of a second round
    /// to the nearest second; a value whose time is midnight is a date, as in the XLSX reader.
    static func date(_ v: UnsafeBufferPointer<UInt8>) -> Cell? {
        var p = Scanner(v)
        guard let year = p.digits(exactly: 4), p.skip(0x2D), let month = p.digits(exactly: 2), p.skip(0x2D),
              let day = p.digits(exactly: 2), let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        if p.atEnd || p.peek == 0x5A || p.peek == 0x2B || p.peek == 0x2D { return p.timeZone() ? .date(date) : nil }
        guard p.skip(0x54), let h = p.digits(exactly: 2), p.skip(0x3A), let m = p.digits(exactly: 2), p.skip(0x3A),
              let s = p.digits(exactly: 2), h <= 24, m <= 59, s <= 60 else { return nil }
        var seconds = Double(h * 3600 + m * 60 + s)
        if p.peek == 0x2E {
            guard let fraction = p.fraction() else { return nil }
            seconds += fraction
        }
        guard p.timeZone() else { return nil }
        var whole = Int(seconds.rounded())
        var day0 = date
        if whole >= 86_400 {
            guard let next = date.adding(days: whole / 86_400) else { return nil }
            day0 = next
            whole %= 86_400
        }
        if whole == 0 { return .date(day0) }
        return CalendarDateTime(date: day0, hour: whole / 3600, minute: (whole % 3600) / 60, second: whole % 60)
            .map(Cell.dateTime)
    }

    /// An `xsd:duration` of days and time (`PT08H30M00S`, `-PT1H`, `P1DT12H`) as a fraction of
    /// days, which is how the XLSX reader reports a time-of-day cell. Years and months have no
    /// fixed length and are refused.
    static func time(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        var p = Scanner(v)
        let negative = p.skip(0x2D)
        guard p.skip(0x50) else { return nil }             // P
        var seconds = 0.0
        var inTime = false
        var any = false
        while !p.atEnd {
            if p.skip(0x54) { inTime = true; continue }     // T
            guard let n = p.number() else { return nil }
            let unit = p.next()
            switch (unit, inTime) {
            case (0x44, false): seconds += n * 86_400      // D
            case (0x48, true): seconds += n * 3600         // H
            case (0x4D, true): seconds += n * 60           // M
            case (0x53, true): seconds += n                // S
            default: return nil
            }
            any = true
        }
        guard any, seconds.isFinite else { return nil }
        let days = seconds / 86_400
        return negative ? -days : days
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func next() -> UInt8? {
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return bytes[i]
        }

        mutating func skip(_ b: UInt8) -> Bool {
            guard peek == b else { return false }
            i += 1
            return true
        }

        mutating func digits(exactly n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let b = bytes[k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            i += n
            return v
        }

        /// `.123` → 0.123
        mutating func fraction() -> Double? {
            let start = i
            guard skip(0x2E) else { return nil }
            while let b = peek, b >= 0x30, b <= 0x39 { i += 1 }
            guard i - start > 1, i - start < 32 else { return nil }
            return Double("0" + String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// A decimal number with an optional fraction (`08`, `00.5`).
        mutating func number() -> Double? {
            let start = i
            while let b = peek, (b >= 0x30 && b <= 0x39) || b == 0x2E { i += 1 }
            guard i > start, i - start < 32 else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// Nothing, `Z`, or `±HH:MM` up to the end.
        mutating func timeZone() -> Bool {
            if atEnd { return true }
            if skip(0x5A) { return atEnd }
            guard skip(0x2B) || skip(0x2D), digits(exactly: 2) != nil, skip(0x3A), digits(exactly: 2) != nil else { return false }
            return atEnd
        }
    }
}
