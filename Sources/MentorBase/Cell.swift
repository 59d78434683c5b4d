/// One value as a reader found it in a file, before any schema gives it meaning.
///
/// Readers report what the file holds: an Excel date cell is a `.date`, while
/// "05.09.2010" typed into a CSV stays `.text` until the schema asks for a date.
public enum Cell: Hashable, Sendable {
    case empty
    case text(String)
    case number(Double)
    case boolean(Bool)
    case date(CalendarDate)
    case dateTime(CalendarDateTime)
    /// A spreadsheet error value such as `#N/A` or `#DIV/0!`.
    case error(String)

    /// True for `.empty` and for text that is empty.
    public var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.isEmpty
        default: return false
        }
    }

    /// The cell as plain text for text formats (CSV, logs, header matching).
    ///
    /// Numbers use the shortest form that reads back to the same value, without a
    /// trailing `.0`; dates are ISO 8601 unless `dateStyle` says otherwise.
    public func text(dateStyle: DateTextStyle = .iso) -> String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .number(let n): return Cell.format(number: n)
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return d.text(style: dateStyle)
        case .dateTime(let d): return d.text(style: dateStyle)
        case .error(let e): return e
        }
    }

    /// Shortest round-tripping decimal form of a number, integers without `.0`.
    public static func format(number n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 {
            return String(Int64(n))
        }
        return "\(n)"
    }
}

/// How dates are spelled when a cell is rendered as text.
public enum DateTextStyle: Sendable {
    /// `2024-09-01`, `2024-09-01T08:30:00`
    case iso
    /// `01.09.2024`, `01.09.2024 08:30` (what Russian Excel shows and re-parses)
    case russian
}
