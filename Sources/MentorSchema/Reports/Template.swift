import Foundation
import MentorBase

/// An empty fill-in table for one kind: the headers, a comment on each explaining it, dropdown
/// lists for coded fields, date and whole-number checks, a frozen header (XLSX).
public enum Template {
    /// Excel keeps a dropdown's list in one formula string of at most 255 characters.
    static let listLimit = 250

    /// The sheet layout of a kind's template.
    public static func sheet(for schema: KindSchema, lang: Language) -> SheetSpec {
        let columns = schema.fields.map { column(for: $0, lang: lang) }
        return SheetSpec(name: String(schema.title.ru.prefix(31)), columns: columns, headerRows: 1)
    }

    /// The header row (the titles).
    public static func headerRow(for schema: KindSchema) -> [Cell] {
        schema.fields.map { .text($0.title) }
    }

    static func column(for f: FieldSpec, lang: Language) -> ColumnSpec {
        var note = f.note(lang)
        if f.required { note = (lang == .ru ? "Обязательно. " : "Required. ") + note }
        if let e = f.example { note += (lang == .ru ? "\nПример: " : "\nExample: ") + e }
        var validation: ColumnValidation?
        switch f.normalizer {
        case .code, .codeList, .formAndKind:
            // A label with a comma cannot sit in an Excel list; use a synonym without one.
            let labels = f.codeList.map { c -> String in
                if !c.label.contains(",") { return c.label }
                return (c.synonyms ?? []).first { !$0.contains(",") } ?? c.label.replacingOccurrences(of: ",", with: "")
            }
            if labels.joined(separator: ",").count <= listLimit {
                validation = .list(labels)
            }
            if f.normalizer != .code {
                note += lang == .ru ? "\nМожно несколько через запятую." : "\nSeveral may be given, separated by commas."
            }
            note += (lang == .ru ? "\nВарианты: " : "\nChoices: ") + f.codeList.map(\.label).joined(separator: "; ")
        case .date, .birthDate:
            validation = .date
        case .integer, .years:
            if let lo = f.minimum, let hi = f.maximum { validation = .wholeNumber(min: Int(lo), max: Int(hi)) }
        case .boolean:
            validation = .list(["да", "нет"])
        default: break
        }
        let width = min(45, max(12, Double(f.title.count) * 0.9))
        return ColumnSpec(title: f.title, width: width, validation: validation, note: note)
    }

    /// Writes the template through a writer (XLSX: comments and validations; CSV: the header row).
    public static func write(_ schema: KindSchema, to writer: any TableWriter, lang: Language) throws {
        try writer.beginSheet(sheet(for: schema, lang: lang))
        try writer.writeRow(headerRow(for: schema))
        try writer.finish()
    }
}
