import MentorBase

/// One row of a file after validation: typed, normalised values by field, where it came from,
/// and what was wrong with it. This is what the merge planner consumes; it never re-parses text.
///
/// - `values[i]` belongs to `schema.fields[i]`; nil means empty or unreadable (an error then says why).
/// - Field names and value shapes are those of the kind's schema document (`mentorbase schema KIND`):
///   names are `.name(PersonName)`, phones `.list([.phone])`, e-mails `.list([.email])`,
///   SNILS `.text("XXX-XXX-XXX YY")`, coded fields `.code` (or `.other(text)`), multiple choices
///   `.list([.code])`, dates `.date`, «Отметка времени» `.dateTime`, a bare birth year `.year`.
/// - `diagnostics` hold this row's cell- and row-tier findings. Set-tier findings about the row
///   (a duplicate person, an older questionnaire submission) may come later from
///   `RecordValidator.finish()`; match them by `row`.
public struct ValidatedRecord: Sendable {
    public let schema: KindSchema
    public var kind: RecordKind { schema.kind }
    /// File, sheet and row (as a person sees it) of the source row.
    public var location: SourceLocation
    public var row: Int { location.row ?? 0 }
    public var values: [FieldValue?]
    public var diagnostics: [Diagnostic]
    /// The row's cells as read, kept for audit (questionnaire answers are stored raw too).
    public var raw: [Cell]

    /// True when any diagnostic of this row is an error: the record must not be stored as is.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The value of a field by name.
    public subscript(_ name: String) -> FieldValue? {
        get { schema.index(of: name).flatMap { values[$0] } }
        set { if let i = schema.index(of: name) { values[i] = newValue } }
    }

    /// Non-empty values by field name, for code that prefers a dictionary.
    public var fields: [String: FieldValue] {
        var out: [String: FieldValue] = [:]
        for (i, v) in values.enumerated() { if let v { out[schema.fields[i].name] = v } }
        return out
    }
}

/// Settings that make a validation reproducible.
public struct ValidationOptions: Sendable {
    /// «Today»: birth dates after it are errors; ages fall back to it.
    public var referenceDate: CalendarDate
    /// For numbers in date columns that came from a workbook.
    public var dateSystem: ExcelDateSystem

    public init(referenceDate: CalendarDate, dateSystem: ExcelDateSystem = .excel1900) {
        self.referenceDate = referenceDate
        self.dateSystem = dateSystem
    }
}
