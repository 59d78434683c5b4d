/// One validated, normalised field value handed to ``RecordAssembler``: the seam between
/// validation and the store.
///
/// It mirrors MentorSchema's `FieldValue` case for case, so the adapter the lead wires after
/// merging is a plain switch (see ``RecordAssembler``). Names arrive split, phones as
/// `+7XXXXXXXXXX`, codes as codes, several values as `.list`.
public enum FieldInput: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case date(CalendarDate)
    case dateTime(CalendarDateTime)
    /// Only the year is known («Год рождения»).
    case year(Int)
    /// One code of the field's list.
    case code(String)
    /// The code `other`, with the file's own text.
    case other(String)
    case name(NameParts)
    case phone(String)
    case email(String)
    case list([FieldInput])

    /// A person's name split into parts.
    public struct NameParts: Hashable, Sendable {
        public var lastName: String
        public var firstName: String?
        public var patronymic: String?

        public init(lastName: String, firstName: String? = nil, patronymic: String? = nil) {
            self.lastName = lastName
            self.firstName = firstName
            self.patronymic = patronymic
        }

        /// Splits «Фамилия Имя Отчество» on spaces (the canonical order; the validator has
        /// already reordered other spellings). Nil when there is no word.
        public init?(canonical s: String) {
            let words = s.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }).map(String.init)
            guard let first = words.first else { return nil }
            lastName = first
            firstName = words.count > 1 ? words[1] : nil
            patronymic = words.count > 2 ? words[2...].joined(separator: " ") : nil
        }

        public var display: String { Person.joinedName(lastName, firstName, patronymic, keepEmpty: true) }
    }

    /// The items of a list, or the value itself as a one-item list.
    public var items: [FieldInput] {
        if case .list(let l) = self { return l }
        return [self]
    }

    /// `value.text`, the strings of the usual cases taken in place (the getter copied the whole value first).
    static func text(of value: FieldInput) -> String {
        switch value {
        case .text(let s), .code(let s), .other(let s), .phone(let s), .email(let s): return s
        default: return value.text
        }
    }

    /// The value as text: codes as codes, dates ISO, lists joined with "; ".
    public var text: String {
        switch self {
        case .text(let s), .code(let s), .other(let s), .phone(let s), .email(let s): return s
        case .integer(let n), .year(let n): return String(n)
        case .number(let n): return Cell.format(number: n)
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return d.iso
        case .dateTime(let d): return d.iso
        case .name(let n): return n.display
        case .list(let l): return l.map(\.text).joined(separator: "; ")
        }
    }
}
