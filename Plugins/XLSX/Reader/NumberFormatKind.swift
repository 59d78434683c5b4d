/// What a cell's number format says its number means.
///
/// Dates in XLSX are plain numbers with a date format, so the reader classifies every
/// format once and looks the class up per cell by its style index. The rules:
/// - built-in ids 14–17 are dates, 22 is a date with a time, 18–21, 45 and 47 are times of
///   day; 46 (`[h]:mm:ss`) is a duration;
/// - a custom format is read in its first section, ignoring quoted text, `\`-escaped
///   characters, `_x`/`*x` padding and `[...]` brackets: `y`, `d`, `e` or a month `m` make
///   it a date, `h`, `s`, `AM/PM` or a minute `m` (after `h`, before `s`) a time;
/// - elapsed-time formats (`[h]`, `[mm]`, `[ss]` …) are durations, not dates: they stay numbers.
///
/// For every date kind the value decides the cell: a whole serial is a `.date`, a serial with a
/// time part a `.dateTime` (as python-calamine reads them too).
enum NumberFormatKind: UInt8, Sendable {
    /// A plain number (or text, or a duration).
    case number
    /// Date tokens only.
    case date
    /// Date and time tokens.
    case dateTime
    /// Time tokens only: a bare time of day (a serial below 1) stays a number.
    case time

    /// The class of a built-in format id (ECMA-376 §18.8.30).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17: return .date
        case 22: return .dateTime
        case 18...21, 45, 47: return .time
        // Ids 27–36 and 50–58 are East Asian built-in date formats; Excel saves them by id.
        case 27...31, 34...36, 50...58: return .date
        case 32, 33: return .time
        default: return .number
        }
    }

    /// The class of a custom format code such as `dd.mm.yyyy hh:mm` or `[$-419]d mmmm yyyy`.
    static func classify(code: String) -> NumberFormatKind {
        var hasDate = false
        var hasTime = false
        let chars = Array(code.lowercased().unicodeScalars)
        var i = 0
        // Whether the last date/time letter seen was an hour (so a following `m` is minutes).
        var lastWasHour = false
        var monthCandidates: [Int] = []   // indexes of `m` runs not yet known to be minutes
        while i < chars.count {
            let c = chars[i]
            switch c {
            case ";":
                i = chars.count      // only the first section decides
                continue
            case "\"":
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1               // the next character is a literal or padding
            case "[":
                var j = i + 1
                var inner = ""
                while j < chars.count && chars[j] != "]" { inner.unicodeScalars.append(chars[j]); j += 1 }
                // Elapsed time: a duration, never a date.
                if !inner.isEmpty, inner.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { return .number }
                i = j
            case "y", "d", "e":
                // `e` is the era year in East Asian formats, but `0.00e+00` is scientific.
                if c == "e", i + 1 < chars.count, chars[i + 1] == "+" || chars[i + 1] == "-" { break }
                hasDate = true
                lastWasHour = false
            case "h":
                hasTime = true
                lastWasHour = true
            case "s":
                hasTime = true
                // An `m` run just before seconds is minutes.
                if let last = monthCandidates.last, last == previousLetterIndex(chars, before: i) {
                    monthCandidates.removeLast()
                }
                lastWasHour = false
            case "m":
                let start = i
                while i + 1 < chars.count && chars[i + 1] == "m" { i += 1 }
                if lastWasHour {
                    hasTime = true
                } else {
                    monthCandidates.append(start)
                }
                lastWasHour = false
            case "a":
                // AM/PM or A/P marks a time.
                let rest = String(String.UnicodeScalarView(chars[i...].prefix(5)))
                if rest.hasPrefix("am/pm") || rest.hasPrefix("a/p") {
                    hasTime = true
                    i += rest.hasPrefix("am/pm") ? 4 : 2
                }
            case "g":
                // `General` has no date letters, but skip the word so its `e` is not an era.
                let rest = String(String.UnicodeScalarView(chars[i...].prefix(7)))
                if rest == "general" { i += 6 }
            default:
                break
            }
            i += 1
        }
        if !monthCandidates.isEmpty {
            // `m` not next to hours or seconds is a month, unless the format is time-only (`mm:ss`).
            if hasDate || !hasTime { hasDate = true } else { hasTime = true }
        }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return .number
        }
    }

    /// The index of the last date/time letter before `i` (skipping separators), for `mm:ss`.
    private static func previousLetterIndex(_ chars: [Unicode.Scalar], before i: Int) -> Int? {
        var j = i - 1
        while j >= 0 {
            let c = chars[j]
            if c == "m" {
                while j > 0 && chars[j - 1] == "m" { j -= 1 }
                return j
            }
            if c.properties.isAlphabetic { return nil }
            j -= 1
        }
        return nil
    }
}
