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
    /// The 0-based column whose whole cell is a field's value, by field (at most one: the mapper keeps the best).
    private let directColumn: [Int?]
    @exclusivity(unchecked) private var pendingBlank: [Int] = []
    /// Fields boxed so the per-row loop copies one reference, not a whole `FieldSpec`.
    private let boxes: [FieldBox]
    /// The same boxes, unretained (`boxes` keeps them alive): a call that takes a box through
    /// `_withUnsafeGuaranteedRef` costs no retain and release, which passing an `unowned(unsafe)`
    /// reference to a function did on every cell.
    private let boxRefs: [Unmanaged<FieldBox>]
    private let missing: Set<ByteKey>
    /// The missing-value spellings as bytes, for comparing without building a lower-case String.
    private let missingBytes: [[UInt8]]
    /// Fields that have a column, in schema order.
    private let active: [Int]
    private let rules: RowRules
    // Unchecked exclusivity: the validator is used from one thread and these are never passed inout
    // while another access runs; the per-row dynamic checks were a measurable share of the time.
    @exclusivity(unchecked) private var set: SetRules
    /// Data rows validated (blank rows not counted).
    @exclusivity(unchecked) public private(set) var rowCount = 0
    /// The last row number seen: a workbook reader may skip empty rows, whose numbers then go missing.
    @exclusivity(unchecked) private var lastRow: Int?

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
        var direct = [Int?](repeating: nil, count: mapping.schema.fields.count)
        for c in mapping.columns {
            switch c.target {
            case .field(let f), .namePart(let f, _), .option(let f, _):
                plan.append((c.column - 1, c.target))
                if col[f] == nil { col[f] = c.column; hdr[f] = c.header }
                if case .field = c.target { direct[f] = c.column - 1 } else { parts = true }
            default: break
            }
        }
        self.directColumn = direct
        self.plan = plan
        self.fieldColumn = col
        self.fieldHeader = hdr
        self.hasParts = parts
        self.width = mapping.columns.count
        self.boxes = mapping.schema.fields.map(FieldBox.init)
        self.boxRefs = boxes.map { Unmanaged.passUnretained($0) }
        self.missing = Set(mapping.schema.missingValues.map(ByteKey.init))
        self.missingBytes = mapping.schema.missingValues.map { Array($0.utf8) }
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
            let t = Fold.spaces(s)
            if let known = Fold.lowercasedMatchesAny(t, missingBytes) { return known }
            return missing.contains(ByteKey(t.lowercased()))
        default: return false
        }
    }

    /// Validates one row; nil for a blank row (reported only when data follows it).
    /// The row is taken: a caller that passes its last use of it lends its cells without a copy.
    public func validate(_ row: consuming Row) -> ValidatedRecord? {
        // Each field's cell is moved out of the row while it is read and put back after (it ends
        // in the record's `raw`): read as a copy, its text was retained and released per cell.
        var cells: [Cell] = []
        swap(&cells, &row.cells)
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

        // Name parts and option columns are gathered first; whole-cell columns are read in place.
        var parts: [Int: [NamePart: String]] = [:]
        var ticked: [Int: [String]] = [:]
        if hasParts {
            for (ci, target) in plan {
                let cell = ci < cells.count ? cells[ci] : .empty
                switch target {
                case .namePart(let f, let p):
                    if !isMissing(cell) { parts[f, default: [:]][p] = Fold.spaces(cell.text(dateStyle: .russian)) }
                case .option(let f, let o):
                    if optionTicked(cell, field: f) { ticked[f, default: []].append(o) }
                default: break
                }
            }
        }

        var values = freshValues()
        // Fields given a value in this row, as bits (schemas have fewer than 64 fields; beyond
        // that the array itself is asked). Reading `values[i]` back to test it copied the value.
        var filled: UInt64 = 0
        // A cell's issues and kinds, declared once for the row and emptied per cell only when
        // something was put in them: declared per cell, each was released at every cell's end.
        var issues: [NormalizerIssue] = []
        var kinds: [FieldValue] = []
        for i in active {
            if !issues.isEmpty { issues = [] }
            if !kinds.isEmpty { kinds = [] }
            // `boxes` holds every box for the validator's life: no retain per cell.
            unowned(unsafe) let box = boxes[i]
            let boxRef = boxRefs[i]
            var joined = false
            let cell: Cell
            var from = -1
            if hasParts, let p = parts[i] {
                cell = .text([p[.lastName], p[.firstName], p[.patronymic]].compactMap { $0 }.joined(separator: " "))
                joined = true
            } else if let c = directColumn[i], c < cells.count {
                cell = RecordValidator.take(&cells[c])
                from = c
            } else {
                cell = .empty
            }
            defer { if from >= 0 { cells[from] = cell } }
            // What the cell comes to. Text cells are looked up among the column's recent values
            // first: normalisers are pure functions of the text, so a repeated spelling gives the
            // same outcome without being read again.
            let missingCell: Bool
            var value: FieldValue?
            if reusesWork, !joined, case .text(let s) = cell, box.recent.enabled {
                // A hit is read unretained: the column's recent texts keep it meanwhile.
                if let hit = box.recentRef._withUnsafeGuaranteedRef({ $0.lookupUnretained(s) }) {
                    missingCell = hit._withUnsafeGuaranteedRef {
                        RecordValidator.read($0, value: &value, issues: &issues, kinds: &kinds)
                    }
                } else {
                    let o = boxRef._withUnsafeGuaranteedRef { computeOutcome($0, cell) }
                    box.recentRef._withUnsafeGuaranteedRef { $0.remember(s, o) }
                    missingCell = RecordValidator.read(o, value: &value, issues: &issues, kinds: &kinds)
                }
            } else if isMissing(cell) {
                missingCell = true
            } else {
                missingCell = false
                if usesFastPaths, case .text(let s) = cell, let v = boxRef._withUnsafeGuaranteedRef({ fastValue($0, s) }) {
                    value = v
                } else {
                    // Moved out of the result, not copied: a copy retained what the result then released.
                    var r = boxRef._withUnsafeGuaranteedRef { normalize($0, cell, &kinds) }
                    value = r.value.take()
                    swap(&issues, &r.issues)
                }
            }
            if hasParts, let opts = ticked[i] {
                var list = (values[i]?.items ?? [])
                for o in opts {
                    let v: FieldValue = box.spec.codes != nil ? .code(o) : .text(o)
                    if !list.contains(v) { list.append(v) }
                }
                RecordValidator.fill(&values, &filled, i, .list(list))
                if missingCell { continue }
            }
            if missingCell {
                if box.spec.required && !RecordValidator.isFilled(values, filled, i) {
                    diags.append(Diagnostic(code: "constraint-error", severity: .error, location: location(row: row.number, field: i),
                                            message: box.requiredMessage, hint: box.requiredHint))
                }
                continue
            }
            if !kinds.isEmpty, let ki = box.kindsFieldIndex {
                // The kinds written beside a form go to the kinds field.
                if !RecordValidator.isFilled(values, filled, ki) {
                    RecordValidator.fill(&values, &filled, ki, .list(kinds))
                } else {
                    var list = values[ki]?.items ?? []
                    for k in kinds where !list.contains(k) { list.append(k) }
                    RecordValidator.fill(&values, &filled, ki, .list(list))
                }
            }
            if !issues.isEmpty {
                let special = box.spec.sensitivity == .special
                let shown: String? = special ? nil : cell.text(dateStyle: .russian)
                for issue in issues {
                    var message = issue.message
                    if special {
                        // Special categories never appear in reports or logs, not even misspelt.
                        message = Localized(ru: "значение не из списка категорий", en: "a value outside the list of categories")
                    }
                    diags.append(Diagnostic(code: issue.code, severity: issue.severity, location: location(row: row.number, field: i),
                                            value: shown, message: message, hint: issue.hint))
                }
            }
            if case .none = value { continue }
            if !RecordValidator.isFilled(values, filled, i) {
                // The common case: the value moves into the record (no copy, no retain).
                values[i] = consume value
                if i < 64 { filled |= 1 << UInt64(i) }
            } else if case .list(let a)? = values[i], case .list(let b)? = value {
                // Matched one pattern at a time: matching the pair at once made the compiler destroy a
                // tuple of optionals through the runtime's generic path on every cell.
                RecordValidator.fill(&values, &filled, i, .list(a + b.filter { !a.contains($0) }))
            } else {
                values[i] = consume value
            }
            if box.hasRange, let v = values[i],
               let d = boxRef._withUnsafeGuaranteedRef({ checkRange($0, v, cell, row.number) }) { diags.append(d) }
        }

        var record = ValidatedRecord(schema: schema, location: SourceLocation(file: file, sheet: sheet, row: row.number),
                                     values: values, diagnostics: diags, raw: cells)
        rules.apply(&record, options: options, locate: { self.location(row: row.number, field: $0) })
        // The diagnostics are moved out and back: passing `record` beside `&record.diagnostics`
        // made the compiler copy the whole record (a retain and a release of each of its parts).
        var found: [Diagnostic] = []
        swap(&found, &record.diagnostics)
        set.observe(record, locate: { self.location(row: row.number, field: $0) }, into: &found)
        swap(&found, &record.diagnostics)
        // Moved out: without `consume` the compiler copied the whole record to return it and then
        // destroyed the local (a retain and a release of each of its parts, every row).
        return consume record
    }

    /// Puts what a cell came to into the row loop's value, issues and kinds; true when it is missing.
    @inline(__always)
    static func read(_ o: CellOutcome, value: inout FieldValue?, issues: inout [NormalizerIssue],
                     kinds: inout [FieldValue]) -> Bool {
        if o.isMissing { return true }
        value = o.value
        if !o.issues.isEmpty { issues = o.issues }
        if !o.kinds.isEmpty { kinds = o.kinds }
        return false
    }

    /// The cell, `.empty` left in its place.
    @inline(__always)
    static func take(_ cell: inout Cell) -> Cell {
        var out = Cell.empty
        swap(&out, &cell)
        return out
    }

    @inline(__always)
    static func isFilled(_ values: [FieldValue?], _ filled: UInt64, _ k: Int) -> Bool {
        k < 64 ? filled & (1 << UInt64(k)) != 0 : !values[k].isAbsent
    }

    @inline(__always)
    static func fill(_ values: inout [FieldValue?], _ filled: inout UInt64, _ k: Int, _ v: FieldValue) {
        values[k] = v
        if k < 64 { filled |= 1 << UInt64(k) }
    }

    /// Off in tests that compare the validator with and without reusing work across rows (recent
    /// texts, recycled value arrays): the records and diagnostics must not differ.
    var reusesWork = true
    /// Off in the same tests: text cells the normalisers' fast paths read are taken straight
    /// from those paths (`fastValue`) rather than through `normalize`.
    var usesFastPaths = true
    /// A values array handed back by the caller (`recycle`), emptied in place and reused for the
    /// next record. Freeing an array of optional enums goes through the runtime's generic
    /// per-element destroy, which cost more than the rest of a row's bookkeeping. A caller that
    /// keeps its records keeps them intact (copy on write); after a few such copies in a row the
    /// validator stops trying and builds each array afresh.
    @exclusivity(unchecked) private var spareValues: [FieldValue?] = []
    @exclusivity(unchecked) private var recycleValues = true
    @exclusivity(unchecked) private var keptInARow = 0

    /// Takes back the values array of a record this validator made, once the caller is done with
    /// it (it is left empty). The record is the caller's until then: held by nobody else, the
    /// caller may take values out of it without copying the array.
    public func recycle(_ values: inout [FieldValue?]) {
        guard reusesWork && recycleValues else { return }
        swap(&spareValues, &values)
        if !values.isEmpty { values = [] }
    }

    @inline(__always)
    private func freshValues() -> [FieldValue?] {
        guard reusesWork && recycleValues else { return RecordValidator.noValues(count: boxes.count) }
        var values: [FieldValue?] = []
        swap(&values, &spareValues)
        guard values.count == boxes.count else { return RecordValidator.noValues(count: boxes.count) }
        let before = values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        values.withUnsafeMutableBufferPointer { buffer in
            for k in buffer.indices {
                if case .none = buffer[k] { continue }
                buffer[k] = nil
            }
        }
        let after = values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        if before != after {
            // The caller still held the previous record: its array was copied, not reused.
            keptInARow += 1
            if keptInARow >= 8 { recycleValues = false }
        } else {
            keptInARow = 0
        }
        return values
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

    /// What a cell comes to, kept for the column's recent values.
    /// `count` empty values, initialised in place (`Array(repeating:count:)` copies the optional
    /// through its generic value witness once per element).
    @inline(__always)
    static func noValues(count: Int) -> [FieldValue?] {
        [FieldValue?](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { (buffer.baseAddress.unsafelyUnwrapped + k).initialize(to: nil) }
            initialized = count
        }
    }

    private func computeOutcome(_ box: FieldBox, _ cell: Cell) -> CellOutcome {
        if isMissing(cell) { return CellOutcome.missing }
        var kinds: [FieldValue] = []
        let r = normalize(box, cell, &kinds)
        return CellOutcome(value: r.value, issues: r.issues, kinds: kinds)
    }

    /// The value of a (not missing) text cell when its normaliser's fast path reads it — exactly
    /// what `normalize` would give, with no issues and no kinds — or nil for the full path.
    /// The common cells (text, plain numbers, whole names, dd.mm.yyyy dates, classes, phones) skip `Normalized`
    /// and its issue list, whose making and freeing showed in profiles on every cell.
    @inline(__always)
    private func fastValue(_ box: FieldBox, _ s: String) -> FieldValue? {
        switch box.normalizer {
        case .text: return .text(Fold.spaces(s))
        case .integer, .years: return Numbers.plainDigits(s).map { .integer($0) }
        case .date, .birthDate:
            // `Dates.normalize` reads text through `fastDayMonthYear` first; only a real date is taken here.
            if case .date(let d)? = Dates.fastDayMonthYear(s) { return .date(d) }
            return nil
        case .className: return ClassNames.plain(s).map { .text($0) }
        case .phones: return Phones.fastNumbers(s).map { .list($0) }
        case .personName:
            guard !box.repeats else { return nil }
            return Names.commonName(s, words: box.words).map { .name($0) }
        default: return nil
        }
    }

    /// `kinds`: what a form-and-kind cell names besides the form.
    private func normalize(_ box: FieldBox, _ cell: Cell, _ kinds: inout [FieldValue]) -> Normalized {
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
            if !box.repeats {
                // Spaces only separate words: the common case is read before they are folded.
                if case .text(let s) = cell, let common = Names.parseCommon(s, words: box.words) { return common }
                return Names.parse(cell.trimmedText, fullNameRequired: box.isSubjectName)
            }
            let text = cell.trimmedText
            return box.memo.value(for: text) { Names.parse(text, fullNameRequired: false) }
        case .personNameList: return Names.parseList(cell.trimmedText)
        case .code: return box.spec.codes?.normalizeSingle(cell) ?? Normalized(.text(cell.trimmedText))
        case .codeList: return box.spec.codes?.normalizeList(cell) ?? Choices.normalize(cell)
        case .formAndKind:
            guard let fk = box.spec.formKinds else { return Normalized(.text(cell.trimmedText)) }
            let (form, found) = fk.normalize(cell)
            kinds = found
            return form
        case .url: return Links.normalize(cell)
        case .schoolYear: return SchoolYears.normalize(cell)
        }
    }

    private func checkRange(_ box: FieldBox, _ v: FieldValue, _ cell: Cell, _ row: Int) -> Diagnostic? {
        // Reads the box's copies of the bounds: copying the whole FieldSpec each row cost more than the check.
        func diag(_ ru: String, _ en: String) -> Diagnostic {
            Diagnostic(code: "constraint-error", severity: .error, location: location(row: row, field: box.spec.index),
                       value: cell.text(dateStyle: .russian), message: Localized(ru: ru, en: en),
                       hint: box.spec.hint ?? box.spec.note)
        }
        switch v {
        case .integer(let n):
            if let lo = box.minimum, Double(n) < lo {
                return diag("значение \(n) меньше допустимого (\(Cell.format(number: lo)))", "value \(n) is below the minimum (\(Cell.format(number: lo)))")
            }
            if let hi = box.maximum, Double(n) > hi {
                return diag("значение \(n) больше допустимого (\(Cell.format(number: hi)))", "value \(n) is above the maximum (\(Cell.format(number: hi)))")
            }
        case .number(let n):
            if let lo = box.minimum, n < lo { return diag("значение меньше допустимого", "value below the minimum") }
            if let hi = box.maximum, n > hi { return diag("значение больше допустимого", "value above the maximum") }
        case .date(let d):
            if let lo = box.minimumDate, d < lo {
                return diag("дата \(d.russian) раньше допустимой (\(lo.russian))", "date \(d.russian) is before \(lo.russian)")
            }
            if let hi = box.maximumDate, d > hi {
                return diag("дата \(d.russian) позже допустимой (\(hi.russian))", "date \(d.russian) is after \(hi.russian)")
            }
            if box.notAfterToday && d > options.referenceDate {
                return diag("дата \(d.russian) еще не наступила", "date \(d.russian) is in the future")
            }
        case .year(let y):
            if let lo = box.minimumDate, y < lo.year { return diag("год \(y) раньше допустимого (\(lo.year))", "year \(y) is before \(lo.year)") }
            if box.notAfterToday && y > options.referenceDate.year { return diag("год \(y) еще не наступил", "year \(y) is in the future") }
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
    /// The column's recent texts and their outcomes (see `RecordValidator.outcome`).
    let recent = RecentTexts()
    /// `recent`, unretained (this box owns it), for calls that should not retain it per cell.
    let recentRef: Unmanaged<RecentTexts>
    /// Given names and patronymics of a name column, one String per spelling.
    let words = WordInterner()
    let minimum: Double?, maximum: Double?
    let minimumDate: CalendarDate?, maximumDate: CalendarDate?
    let notAfterToday: Bool
    let requiredMessage: Localized
    let requiredHint: Localized
    let kindsFieldIndex: Int?

    init(_ spec: FieldSpec) {
        self.spec = spec
        self.recentRef = Unmanaged.passUnretained(recent)
        self.minimum = spec.minimum
        self.maximum = spec.maximum
        self.minimumDate = spec.minimumDate
        self.maximumDate = spec.maximumDate
        self.notAfterToday = spec.notAfterToday
        self.kindsFieldIndex = spec.kindsFieldIndex
        self.requiredMessage = Localized(ru: "обязательное поле «\(spec.title)» не заполнено",
                                         en: "the required field “\(spec.titleEn)” is empty")
        self.requiredHint = spec.hint ?? Localized(ru: spec.note.ru, en: spec.note.en)
        self.normalizer = spec.normalizer
        self.isSubjectName = spec.name == "fullName"
        self.repeats = spec.name == "mentorName" || spec.name == "partnerName"
        self.hasRange = spec.minimum != nil || spec.maximum != nil || spec.minimumDate != nil || spec.maximumDate != nil || spec.notAfterToday
    }
}
