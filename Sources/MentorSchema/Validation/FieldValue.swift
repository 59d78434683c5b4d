import MentorBase

/// A validated, normalised value of one field, typed so later stages never re-parse text.
public enum FieldValue: Hashable, Sendable {
    /// Trimmed text (free text, links, SNILS as `XXX-XXX-XXX YY`, class names as `7Б`, school years as `2022/2023`).
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case date(CalendarDate)
    case dateTime(CalendarDateTime)
    /// Only the year is known (a «Год рождения» column).
    case year(Int)
    /// One code from the field's list (`student_student`, `parent`).
    case code(String)
    /// The code `other` with the text the file gave.
    case other(String)
    /// A person's name split into parts, with the spelling kept for display (boxed: keeps every value small).
    indirect case name(PersonName)
    /// A phone normalised to `+7XXXXXXXXXX` (or `+` and the digits of a foreign number).
    case phone(String)
    /// A lower-cased e-mail address.
    case email(String)
    /// Several values: phones, e-mails, codes of a multiple choice, names of several mentees.
    case list([FieldValue])

    /// The value as text for reports and text formats (codes as codes, dates as `dd.mm.yyyy`).
    public var displayText: String {
        switch self {
        case .text(let s), .code(let s), .phone(let s), .email(let s): return s
        case .other(let s): return s
        case .integer(let n): return String(n)
        case .number(let n): return Cell.format(number: n)
        case .boolean(let b): return b ? "да" : "нет"
        case .date(let d): return d.russian
        case .dateTime(let d): return d.russian
        case .year(let y): return String(y)
        case .name(let n): return n.display
        case .list(let items): return items.map(\.displayText).joined(separator: "; ")
        }
    }

    /// The items of a list, or the value itself as a one-item list.
    public var items: [FieldValue] {
        if case .list(let l) = self { return l }
        return [self]
    }

    /// The code, for `.code` values (and `other` for `.other`).
    public var codeValue: String? {
        switch self {
        case .code(let c): return c
        case .other: return "other"
        default: return nil
        }
    }

    public var dateValue: CalendarDate? {
        switch self {
        case .date(let d): return d
        case .dateTime(let d): return d.date
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    public var intValue: Int? {
        if case .integer(let n) = self { return n }
        return nil
    }

    public var nameValue: PersonName? {
        if case .name(let n) = self { return n }
        return nil
    }
}

extension Optional where Wrapped == FieldValue {
    /// True for nil, tested by pattern. `value == nil` picks Equatable's `==` for optionals here,
    /// which compares through a tuple the runtime copies and destroys generically (slow per cell).
    @inline(__always) var isAbsent: Bool {
        if case .none = self { return true }
        return false
    }
}
