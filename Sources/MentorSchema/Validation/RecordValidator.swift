import MentorBase

/// Validates the data rows of one sheet, one at a time, in three tiers:
/// cell (type, required, codes, pattern, range, SNILS, phones, e-mails), row (the kind's row rules)
/// and set (unique people and pairs, repeated submissions), keeping only compact keys between rows.
///
/// ```swift
/// let v = RecordValidator(mapping: detection.mapping, file: "база.xlsx", sheet: "Лист1", options: options)
/// while let row = try cursor.next() {
///     if let record = v.validate(row) { … record.values, record.diagnostics … }
/// }
/// let late = v.finish()   // set-tier diagnostics known only at the end
/// ```
public final class RecordValidator {
    public let mapping: HeaderMapping
    public let schema: KindSchema
    public let options: ValidationOptions
    let file: String?
    let sheet: String?
    /// Column index (0-based) → where its cell goes, for the columns that feed something.
    private let plan: [(index: Int, target: ColumnTarget)]
    private let fieldColumn: [Int?]
    private let fieldHeader: [String?]
    private let hasParts: Bool
    private let width: Int
    private var scratch: [Cell]
    private var pendingBlank: [Int] = []
    /// Fields boxed so the per-row loop copies one reference, not a whole `FieldSpec`.
    private let boxes: [FieldBox]
    private let missing: Set<ByteKey>
    /// Fields that have a column, in schema order.
    private let active: [Int]
    private let rules: RowRules
    private var set: SetRules
    /// Data rows validated (blank rows not counted).
    public private(set) var rowCount = 0
    /// The last row number seen: a workbook reader may skip empty rows, whose numbers then go missing.
    private var lastRow: Int?

    /// Tells the validator a row it will not see was consumed (the header, a numbering row).
    public func noteConsumed(row: Int) { lastRow = row }

    public init(mapping: HeaderMapping, file: String?, sheet: String?, options: ValidationOptions) {
        self.mapping = mapping
        self.schema = mapping.schema
        self.options = options
        self.file = file
        self.sheet = sheet
        var plan: [(Int, ColumnTarget)] = []
        var col = [Int?](repeating: nil, count: mapping.schema.fields.count)
        var hdr = [String?](repeating: nil, count: mapping.schema.fields.count)
        var parts = false
        for c in mapping.columns {
            switch c.target {
            case .field(let f), .namePart(let f, _), .option(let f, _):
                plan.append((c.column - 1, c.target))
                if col[f] == nil { col[f] = c.column; hdr[f] = c.header }
                if case .field = c.target {} else { parts = true }
            default: break
            }
        }
        self.plan = plan
        self.fieldColumn = col
        self.fieldHeader = hdr
        self.hasParts = parts
        self.width = mapping.columns.count
        self.scratch = [Cell](repeating: .empty, count: mapping.schema.fields.count)
        self.boxes = mapping.schema.fields.map(FieldBox.init)
        self.missing = Set(mapping.schema.missingValues.map(ByteKey.init))
        self.active = mapping.schema.fields.indices.filter { col[$0] != nil }
        self.rules = RowRules(schema: mapping.schema, mapping: mapping)
        self.set = SetRules(schema: mapping.schema)
    }

    /// Where a field's diagnostics point: this row, the field's column and header.
    func location(row: Int, field: Int?) -> SourceLocation {
        guard let field else { return SourceLocation(file: file, sheet: sheet, row: row) }
        return SourceLocation(file: file, sheet: sheet, row: row, column: fieldColumn[field],
                              field: fieldHeader[field] ?? schema.fields[field].title)
    }

    func isMissing(_ cell: Cell) -> Bool {
        switch cell {
        case .empty: return true
        case .text(let s):
            if s.isEmpty { return true }
            if s.utf8.count > 24 { return false }
            // No missing-value spelling starts with a digit: dates, phones and numbers skip the lookup.
            if let b = s.utf8.first, b >= 0x30 && b <= 0x39 { return false }
            return missing.contains(ByteKey(Fold.spaces(s).lowercased()))
        default: return false
        }
    }

    /// Validates one row; nil for a blank row (reported only when data follows it).
    public func validate(_ row: Row) -> ValidatedRecord? {
        let cells = row.cells
        if let last = lastRow, row.number > last + 1 {
            // Rows a reader left out hold nothing: they are blank rows as the person sees the sheet.
            pendingBlank.append(contentsOf: (last + 1)..<row.number)
        }
        lastRow = row.number
        var anyValue = false
        for c in cells where !c.isEmpty {
            if case .text(let s) = c, Fold.spaces(s).isEmpty { continue }
            anyValue = true
            break
        }
        if !anyValue {
            pendingBlank.append(row.number)
            return nil
        }
        var diags: [Diagnostic] = []
        for b in pendingBlank {
            diags.append(Diagnostic(code: "blank-row", severity: .warning, location: SourceLocation(file: file, sheet: sheet, row: b),
                                    message: Localized(ru: "пустая строка внутри таблицы", en: "an empty row inside the table"),
                                    hint: Localized(ru: "удалите пустую строку", en: "delete the empty row")))
        }
        pendingBlank.removeAll(keepingCapacity: true)
        rowCount += 1

        // Cells beyond the header hold data no column name explains.
        if cells.count > width {
            for i in width..<cells.count where !isMissing(cells[i]) {
                diags.append(Diagnostic(code: "extra-cell", severity: .warning,
                                        location: SourceLocation(file: file, sheet: sheet, row: row.number, column: i + 1),
                                        value: cells[i].text(dateStyle: .russian),
                                        message: Localized(ru: "значение в столбце без заголовка не проверяется и не загружается",
                                                           en: "a value in a column without a header is neither checked nor loaded"),
                                        hint: Localized(ru: "дайте столбцу заголовок или перенесите значение", en: "give the column a header or move the value")))
            }
        }

        // Distribute cells to fields.
        for i in scratch.indices { scratch[i] = .empty }
        var parts: [Int: [NamePart: String]] = [:]
        var ticked: [Int: [String]] = [:]
        for (ci, target) in plan {
            let cell = ci < cells.count ? cells[ci] : .empty
            switch target {
            case .field(let f): scratch[f] = cell
            case .namePart(let f, let p):
                if !isMissing(cell) { parts[f, default: [:]][p] = Fold.spaces(cell.text(dateStyle: .russian)) }
            case .option(let f, let o):
                if optionTicked(cell, field: f) { ticked[f, default: []].append(o) }
            default: break
            }
        }

        var values = [FieldValue?](repeating: nil, count: schema.fields.count)
        for i in active {
            let box = boxes[i]
            var cell = scratch[i]
            if hasParts, let p = parts[i] {
                cell = .text([p[.lastName], p[.firstName], p[.patronymic]].compactMap { $0 }.joined(separator: " "))
            }
            if hasParts, let opts = ticked[i] {
                var list = (values[i]?.items ?? [])
                for o in opts {
                    let v: FieldValue = box.spec.codes != nil ? .code(o) : .text(o)
                    if !list.contains(v) { list.append(v) }
                }
                values[i] = .list(list)
                if isMissing(cell) { continue }
            }
            if isMissing(cell) {
                if box.spec.required && values[i] == nil {
                    let f = box.spec
                    diags.append(Diagnostic(code: "constraint-error", severity: .error, location: location(row: row.number, field: i),
                                            message: Localized(ru: "обязательное поле «\(f.title)» не заполнено",
                                                               en: "the required field “\(f.titleEn)” is empty"),
                                            hint: f.hint ?? Localized(ru: f.note.ru, en: f.note.en)))
                }
                continue
            }
            let r = normalize(box, cell, &values)
            if !r.issues.isEmpty {
                let special = box.spec.sensitivity == .special
                let shown: String? = special ? nil : cell.text(dateStyle: .russian)
                for issue in r.issues {
                    var message = issue.message
                    if special {
                        // Special categories never appear in reports or logs, not even misspelt.
                        message = Localized(ru: "значение не из списка категорий", en: "a value outside the list of categories")
                    }
                    diags.append(Diagnostic(code: issue.code, severity: issue.severity, location: location(row: row.number, field: i),
                                            value: shown, message: message, hint: issue.hint))
                }
            }
            if let v = r.value {
                if let existing = values[i], case .list(let a) = existing, case .list(let b) = v {
                    values[i] = .list(a + b.filter { !a.contains($0) })
                } else {
                    values[i] = v
                }
                if box.hasRange, let d = checkRange(box.spec, v, cell, row.number) { diags.append(d) }
            }
        }

        var record = ValidatedRecord(schema: schema, location: SourceLocation(file: file, sheet: sheet, row: row.number),
                                     values: values, diagnostics: diags, raw: cells)
        rules.apply(&record, options: options, locate: { self.location(row: row.number, field: $0) })
        set.observe(record, locate: { self.location(row: row.number, field: $0) }, into: &record.diagnostics)
        return record
    }

    /// Set-tier diagnostics that need the whole sheet (older submissions). Trailing blank rows are ignored.
    public func finish() -> [Diagnostic] {
        pendingBlank.removeAll()
        return set.finish(file: file, sheet: sheet, locateColumn: { fieldColumn[$0] }, header: { fieldHeader[$0] ?? schema.fields[$0].title })
    }

    private func optionTicked(_ cell: Cell, field: Int) -> Bool {
        switch cell {
        case .empty: return false
        case .boolean(let b): return b
        case .number(let n): return n != 0
        case .text(let s):
            let t = Fold.spaces(s).lowercased()
            return !t.isEmpty && !["нет", "0", "-", "false", "no", "ложь"].contains(t)
        default: return true
        }
    }

    private func normalize(_ box: FieldBox, _ cell: Cell, _ values: inout [FieldValue?]) -> Normalized {
        let refYear = options.referenceDate.year
        switch box.normalizer {
        case .text:
            return Normalized(.text(cell.trimmedText))
        case .integer, .years: return Numbers.integer(cell)
        case .number: return Numbers.number(cell)
        case .boolean: return box.spec.booleans?.normalize(cell) ?? Normalized(nil)
        case .date: return Dates.normalize(cell, system: options.dateSystem, referenceYear: refYear, allowYear: false)
        case .birthDate: return Dates.normalize(cell, system: options.dateSystem, referenceYear: refYear, allowYear: true)
        case .dateTime: return Dates.normalizeDateTime(cell, system: options.dateSystem, referenceYear: refYear)
        case .year: return Numbers.year(cell)
        case .textList, .choiceList: return Choices.normalize(cell)
        case .phones: return Phones.normalize(cell)
        case .emails: return Emails.normalize(cell)
        case .snils: return SNILS.normalize(cell)
        case .className: return ClassNames.normalize(cell)
        case .personName:
            // A mentor's or parent's name repeats down the column: read each spelling once.
            if !box.repeats { return Names.parse(cell.trimmedText, fullNameRequired: box.isSubjectName) }
            let text = cell.trimmedText
            return box.memo.value(for: text) { Names.parse(text, fullNameRequired: false) }
        case .personNameList: return Names.parseList(cell.trimmedText)
        case .code: return box.spec.codes?.normalizeSingle(cell) ?? Normalized(.text(cell.trimmedText))
        case .codeList: return box.spec.codes?.normalizeList(cell) ?? Choices.normalize(cell)
        case .formAndKind:
            guard let fk = box.spec.formKinds else { return Normalized(.text(cell.trimmedText)) }
            let (form, kinds) = fk.normalize(cell)
            if !kinds.isEmpty, let ki = box.spec.kindsFieldIndex {
                var list = values[ki]?.items ?? []
                for k in kinds where !list.contains(k) { list.append(k) }
                values[ki] = .list(list)
            }
            return form
        case .url: return Links.normalize(cell)
        case .schoolYear: return SchoolYears.normalize(cell)
        }
    }

    private func checkRange(_ f: FieldSpec, _ v: FieldValue, _ cell: Cell, _ row: Int) -> Diagnostic? {
        func diag(_ ru: String, _ en: String) -> Diagnostic {
            Diagnostic(code: "constraint-error", severity: .error, location: location(row: row, field: f.index),
                       value: cell.text(dateStyle: .russian), message: Localized(ru: ru, en: en),
                       hint: f.hint ?? f.note)
        }
        switch v {
        case .integer(let n):
            if let lo = f.minimum, Double(n) < lo {
                return diag("значение \(n) меньше допустимого (\(Cell.format(number: lo)))", "value \(n) is below the minimum (\(Cell.format(number: lo)))")
            }
            if let hi = f.maximum, Double(n) > hi {
                return diag("значение \(n) больше допустимого (\(Cell.format(number: hi)))", "value \(n) is above the maximum (\(Cell.format(number: hi)))")
            }
        case .number(let n):
            if let lo = f.minimum, n < lo { return diag("значение меньше допустимого", "value below the minimum") }
            if let hi = f.maximum, n > hi { return diag("значение больше допустимого", "value above the maximum") }
        case .date(let d):
            if let lo = f.minimumDate, d < lo {
                return diag("дата \(d.russian) раньше допустимой (\(lo.russian))", "date \(d.russian) is before \(lo.russian)")
            }
            if let hi = f.maximumDate, d > hi {
                return diag("дата \(d.russian) позже допустимой (\(hi.russian))", "date \(d.russian) is after \(hi.russian)")
            }
            if f.notAfterToday && d > options.referenceDate {
                return diag("дата \(d.russian) еще не наступила", "date \(d.russian) is in the future")
            }
        case .year(let y):
            if let lo = f.minimumDate, y < lo.year { return diag("год \(y) раньше допустимого (\(lo.year))", "year \(y) is before \(lo.year)") }
            if f.notAfterToday && y > options.referenceDate.year { return diag("год \(y) еще не наступил", "year \(y) is in the future") }
        default: break
        }
        return nil
    }
}

/// One field, boxed: the validator's loop passes a reference instead of copying the struct each row.
final class FieldBox {
    let spec: FieldSpec
    let normalizer: NormalizerKind
    let isSubjectName: Bool
    let hasRange: Bool
    /// Results by spelling, for columns whose values repeat (a mentor's name down a mentee base).
    let memo = Memo()
    let repeats: Bool

    init(_ spec: FieldSpec) {
        self.spec = spec
        self.normalizer = spec.normalizer
        self.isSubjectName = spec.name == "fullName"
        self.repeats = spec.name == "mentorName" || spec.name == "partnerName"
        self.hasRange = spec.minimum != nil || spec.maximum != nil || spec.minimumDate != nil || spec.maximumDate != nil || spec.notAfterToday
    }
}
