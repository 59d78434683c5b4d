import MentorBase

/// Where one column of a file goes.
public enum ColumnTarget: Hashable, Sendable {
    /// The whole cell is this field's value.
    case field(Int)
    /// One of separate surname/name/patronymic columns, joined into a name field.
    case namePart(field: Int, part: NamePart)
    /// A column per option (Yandex Forms, Google grids): a ticked cell adds `option` to a list field.
    case option(field: Int, option: String)
    /// Deliberately left out (a mapping file said so).
    case ignored
    /// Nothing matched.
    case unmapped
}

/// How a column's target was found, for the report and `--save-map`.
public enum MatchReason: String, Sendable, Codable {
    case title, alias, contains, option, mapFile = "map-file", none
}

/// One column of the header row and its target.
public struct ColumnMapping: Sendable, Hashable {
    /// 1-based column index.
    public var column: Int
    /// The header as the file spells it.
    public var header: String
    public var target: ColumnTarget
    public var reason: MatchReason
    /// A lower score loses to a higher one when two columns claim one field.
    var score: Int

    public var columnLetter: String { SourceLocation.letter(forColumn: column) }
}

/// A file's header matched to a kind's fields.
public struct HeaderMapping: Sendable {
    public let schema: KindSchema
    public var kind: RecordKind { schema.kind }
    /// The 1-based row number of the header.
    public var headerRow: Int
    public var columns: [ColumnMapping]
    /// Rows above the header (titles) and a column-numbering row under it, skipped.
    public var skippedRows: [Int] = []
    /// Columns that lost a field to a better column.
    public var duplicates: [(column: ColumnMapping, winner: Int)] = []

    /// Field indexes with at least one column.
    public var mappedFields: Set<Int> {
        var s = Set<Int>()
        for c in columns {
            switch c.target {
            case .field(let f), .namePart(let f, _), .option(let f, _): s.insert(f)
            default: break
            }
        }
        return s
    }

    /// Required fields no column feeds.
    public var missingRequired: [FieldSpec] {
        let m = mappedFields
        return schema.fields.filter { $0.required && !m.contains($0.index) }
    }

    /// Columns with a header that nothing matched.
    public var unmapped: [ColumnMapping] {
        columns.filter { $0.target == .unmapped && !$0.header.isEmpty }
    }

    /// True when the field has a column.
    public func hasColumn(_ field: Int) -> Bool { mappedFields.contains(field) }

    /// The first column feeding a field (for locating row-rule diagnostics).
    public func column(of field: Int) -> ColumnMapping? {
        columns.first {
            switch $0.target {
            case .field(let f), .namePart(let f, _), .option(let f, _): return f == field
            default: return false
            }
        }
    }

    /// Header problems: required fields without a column, unknown and duplicate columns.
    public func diagnostics(file: String?, sheet: String?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for f in missingRequired {
            out.append(Diagnostic(code: "missing-label", severity: .error,
                                  location: SourceLocation(file: file, sheet: sheet, row: headerRow, field: f.title),
                                  message: Localized(ru: "нет обязательного столбца «\(f.title)»",
                                                     en: "the required column “\(f.titleEn)” (“\(f.title)”) is missing"),
                                  hint: Localized(ru: "добавьте столбец или укажите соответствие в файле --map",
                                                  en: "add the column or map it in a --map file")))
        }
        for c in unmapped {
            out.append(Diagnostic(code: "extra-label", severity: .warning,
                                  location: SourceLocation(file: file, sheet: sheet, row: headerRow, column: c.column, field: c.header),
                                  value: c.header,
                                  message: Localized(ru: "столбец «\(c.header)» не сопоставлен ни с одним полем и не проверяется",
                                                     en: "column “\(c.header)” matches no field and is not checked"),
                                  hint: Localized(ru: "переименуйте столбец или укажите его в файле --map",
                                                  en: "rename the column or map it in a --map file")))
        }
        for (c, winner) in duplicates {
            let name = fieldName(of: c.target)
            out.append(Diagnostic(code: "duplicate-label", severity: .warning,
                                  location: SourceLocation(file: file, sheet: sheet, row: headerRow, column: c.column, field: c.header),
                                  value: c.header,
                                  message: Localized(ru: "столбец «\(c.header)» тоже похож на поле «\(name)», но оно уже взято из столбца \(SourceLocation.letter(forColumn: winner)); этот столбец не проверяется",
                                                     en: "column “\(c.header)” also looks like field “\(name)”, already taken from column \(SourceLocation.letter(forColumn: winner)); this column is not checked"),
                                  hint: Localized(ru: "уберите лишний столбец или укажите соответствие в файле --map",
                                                  en: "remove the extra column or map it in a --map file")))
        }
        return out
    }

    func fieldName(of target: ColumnTarget) -> String {
        switch target {
        case .field(let f), .namePart(let f, _), .option(let f, _): return schema.fields[f].title
        default: return ""
        }
    }

    /// The mapping as a file `--map` reads back.
    public func mappingFile() -> MappingFile {
        var cols: [MappingFile.Column] = []
        for c in columns where !c.header.isEmpty {
            let target: String?
            switch c.target {
            case .field(let f): target = schema.fields[f].name
            case .namePart(let f, let p): target = schema.fields[f].name + "." + p.rawValue
            case .option(let f, let o): target = schema.fields[f].name + "=" + o
            case .ignored, .unmapped: target = nil
            }
            cols.append(MappingFile.Column(header: c.header, target: target))
        }
        return MappingFile(kind: kind.rawValue, headerRow: headerRow, columns: cols)
    }
}
