import MentorBase
import MentorSchema

/// Column titles and code labels, taken from the shipped schemas so that an exported base reads
/// back through `validate`/`import` under the same headers.
enum Vocabulary {
    private static func schema(_ kind: RecordKind) -> KindSchema? { try? MentorSchemas.schema(for: kind) }

    /// The field's Russian title («ФИО наставника»), or its name when the schema lacks it.
    static func title(_ kind: RecordKind, _ field: String) -> String {
        schema(kind)?.field(field)?.title ?? field
    }

    /// The Russian label of a code («ученик – ученик»), or the code itself.
    static func label(_ kind: RecordKind, _ field: String, _ code: String) -> String {
        labels[kind]?[field]?[code] ?? code
    }

    /// Every coded field's labels, built once: a row's labels are dictionary look-ups.
    static let labels: [RecordKind: [String: [String: String]]] = {
        var out: [RecordKind: [String: [String: String]]] = [:]
        for kind in RecordKind.allCases {
            guard let s = schema(kind) else { continue }
            for f in s.fields where !f.codeList.isEmpty {
                var m: [String: String] = [:]
                for c in f.codeList { m[c.value] = c.label }
                out[kind, default: [:]][f.name] = m
            }
        }
        return out
    }()

    /// The field's sensitivity and the consent field that allows publishing it.
    static func publication(_ kind: RecordKind, _ field: String) -> (sensitivity: Sensitivity, publishAs: String?)? {
        guard let f = schema(kind)?.field(field) else { return nil }
        return (f.sensitivity, f.publishAs)
    }

    /// A pairing's form as people read it: the label, or the file's own words for `other`.
    static func formText(_ p: Pairing) -> String? {
        guard let form = p.form else { return nil }
        if form == "other", let t = p.formText, !t.isEmpty { return t }
        return label(.pairs, "form", form)
    }

    static func kindsText(_ p: Pairing) -> [String] { p.kinds.map { label(.pairs, "kinds", $0) } }

    /// Distinct non-empty values in first-seen order (lists here are a few items: no hashing).
    static func distinct(_ xs: [String]) -> [String] {
        var out: [String] = []
        for x in xs where !x.isEmpty && !out.contains(x) { out.append(x) }
        return out
    }

    /// ``joined(_:)`` over any sequence (a lazy map of a row's few values), building an array only
    /// when two different values are found.
    static func joined<S: Sequence>(sequence xs: S) -> Cell where S.Element == String {
        var first: String?
        var more: [String] = []
        for x in xs where !x.isEmpty {
            guard let f = first else { first = x; continue }
            if x != f && !more.contains(x) { more.append(x) }
        }
        guard let first else { return .empty }
        if more.isEmpty { return .text(first) }
        return .text(([first] + more).joined(separator: "; "))
    }

    static func joined(_ xs: [String]) -> Cell {
        switch xs.count {
        case 0: return .empty
        case 1: return xs[0].isEmpty ? .empty : .text(xs[0])
        default:
            let d = distinct(xs)
            return d.isEmpty ? .empty : .text(d.joined(separator: "; "))
        }
    }
}

extension Optional where Wrapped == String {
    /// The text as a cell, empty for nil or "".
    var cell: Cell {
        switch self {
        case .some(let s) where !s.isEmpty: return .text(s)
        default: return .empty
        }
    }
}

extension Optional where Wrapped == CalendarDate {
    var cell: Cell { map(Cell.date) ?? .empty }
}

extension Optional where Wrapped == Int {
    var cell: Cell { map { .number(Double($0)) } ?? .empty }
}

extension Vocabulary {
    /// A questionnaire's title for a sheet name.
    static func kindTitle(_ form: ImportKind) -> String {
        switch form {
        case .mentorQuestionnaire: return "Анкеты наставников"
        case .menteeQuestionnaire: return "Анкеты наставляемых"
        case .monitoringQuestionnaire: return "Анкеты мониторинга"
        default: return form.rawValue
        }
    }
}
