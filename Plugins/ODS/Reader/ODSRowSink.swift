import MentorBase
import OfficeContainer

/// Collects the warnings of one reader and every cursor it made.
final class DiagnosticBox {
    var log = DiagnosticLog()
}

/// What a cursor hands out, in order: a run of empty rows (a gap between rows with values)
/// or a row with values, possibly repeated (`table:number-rows-repeated`). Runs are expanded
/// one row per `next()`, so a repeated row costs one entry however many times it repeats.
enum PendingRows {
    case empty(first: Int, count: Int)
    case row(first: Int, count: Int, cells: [Cell])
}

/// The SAX2 sink of one sheet's rows: follows `content.xml` to the `target`-th top-level
/// `table:table`, turns its `table:table-row`s into rows and stops caring at its end.
///
/// Repeats are handled without expanding empty runs: an empty cell run only becomes `.empty`
/// cells when a value follows it in the row, and an empty row run only becomes empty rows when
/// a row with values follows it in the sheet. Runs at the end of a row or sheet (LibreOffice
/// ends each row with `number-columns-repeated="16377"` and each sheet with about a million
/// repeated empty rows) therefore cost nothing.
final class ODSRowSink: SAXSink {
    /// Finished rows, consumed by the cursor from `head`.
    var queue: [PendingRows] = []
    var head = 0
    /// Merged ranges seen so far (anchors with `number-columns-spanned`/`number-rows-spanned`).
    private(set) var merged: [CellRange] = []
    /// True once the target table's end tag went by (the rest of the part need not be parsed).
    private(set) var tableFinished = false

    private let target: Int
    private let sheetName: String
    private let limits: InputLimits
    private let diagnostics: DiagnosticBox
    /// Merged ranges a sheet may declare (each costs 32 bytes).
    static let maxMergedRanges = 1_000_000
    /// Repeat counts are clamped here so row and column arithmetic cannot overflow.
    private static let maxRepeat = 1 << 40

    // Where the parse is.
    private var inSpreadsheet = false
    private var tableIndex = -1
    private var active = false
    /// Depth inside a subtree whose events are ignored (other sheets, shapes, annotations …).
    private var skipDepth = 0

    // The current row.
    private var inRow = false
    private var rowFirst = 0
    private var rowRepeat = 1
    private var nextRow = 1
    /// The last row number handed to the queue (rows with values or the empty rows before them).
    private var queuedThrough = 0
    private var cells: [Cell] = []
    private var pendingEmptyCells = 0
    private var column = 0
    private var rowMerges: [(first: Int, last: Int, rows: Int)] = []

    // The current cell.
    private var inCell = false
    private var cellDepth = 0
    private var paragraphDepth = 0
    private var paragraphs = 0
    private var text: [UInt8] = []
    private var cellFirstColumn = 1
    private var cellRepeat = 1
    private var typed: Cell?
    private var kind: Kind = .none
    private var stringValue: String?
    private var badValue: String?
    /// A formula cell with a numeric 1 or 0 (a boolean in disguise, see `formulaBoolean`).
    private var numericFormula = false
    private var formulaBody: String?

    /// The cell's `office:value-type` (`calcext:value-type="error"` wins).
    private enum Kind { case none, string, float, date, time, boolean, error, formulaWithoutValue }

    init(target: Int, sheetName: String, limits: InputLimits, diagnostics: DiagnosticBox, location: SourceLocation) {
        self.target = target
        self.sheetName = sheetName
        self.limits = limits
        self.diagnostics = diagnostics
        super.init(location: location)
        text.reserveCapacity(256)
    }

    // MARK: SAX events

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if skipDepth > 0 { skipDepth += 1; return }
        if inCell { cellContentStarts(name, count, attributes); return }
        if !active {
            if xmlNameIs(name, "spreadsheet") {
                inSpreadsheet = true
            } else if inSpreadsheet, xmlNameIs(name, "table") {
                tableIndex += 1
                if tableIndex == target { active = true } else { skipDepth = 1 }
            }
            return
        }
        if xmlNameIs(name, "table-row") {
            rowStarts(XMLAttributes(count, attributes))
        } else if inRow, xmlNameIs(name, "table-cell") {
            cellStarts(count, attributes, covered: false)
        } else if inRow, xmlNameIs(name, "covered-table-cell") {
            cellStarts(count, attributes, covered: true)
        } else if !inRow, xmlNameIs(name, "table-row-group") || xmlNameIs(name, "table-header-rows")
                    || xmlNameIs(name, "table-rows") {
            return                                   // rows are inside
        } else {
            skipDepth = 1                            // columns, shapes, forms, named ranges …
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if skipDepth > 0 { skipDepth -= 1; return }
        if inCell {
            if cellDepth > 0 {
                if paragraphDepth == cellDepth { paragraphDepth = 0 }
                cellDepth -= 1
            } else {
                cellEnds()
            }
            return
        }
        if !active {
            if xmlNameIs(name, "spreadsheet") { inSpreadsheet = false }
            return
        }
        if xmlNameIs(name, "table-row") {
            if inRow { rowEnds() }
        } else if xmlNameIs(name, "table") {
            active = false
            tableFinished = true
        }
    }

    override func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard inCell, skipDepth == 0, paragraphDepth > 0 else { return }
        guard text.count + count <= limits.maxCellBytes else { return cellTooLong() }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    // MARK: Rows

    private func rowStarts(_ attributes: XMLAttributes) {
        inRow = true
        rowFirst = nextRow
        rowRepeat = min(max(attributes.int("number-rows-repeated") ?? 1, 1), ODSRowSink.maxRepeat)
        cells.removeAll(keepingCapacity: true)
        pendingEmptyCells = 0
        column = 0
        rowMerges.removeAll(keepingCapacity: true)
    }

    private func rowEnds() {
        inRow = false
        nextRow = rowFirst + rowRepeat
        if !rowMerges.isEmpty {
            for r in 0..<rowRepeat {
                for m in rowMerges {
                    guard merged.count < ODSRowSink.maxMergedRanges else {
                        return stop(MentorBaseError.limit(place(row: rowFirst + r),
                                                          ru: "больше \(ODSRowSink.maxMergedRanges) объединённых диапазонов на листе",
                                                          en: "more than \(ODSRowSink.maxMergedRanges) merged ranges in the sheet"))
                    }
                    merged.append(CellRange(firstRow: rowFirst + r, firstColumn: m.first,
                                            lastRow: rowFirst + r + m.rows - 1, lastColumn: m.last))
                }
            }
        }
        guard !cells.isEmpty else { return }         // an empty run: a gap until a row with values follows
        let last = rowFirst + rowRepeat - 1
        guard last <= limits.maxRows else {
            return stop(MentorBaseError.limit(place(row: max(rowFirst, limits.maxRows + 1)),
                                              ru: "на листе больше \(limits.maxRows) строк",
                                              en: "the sheet has more than \(limits.maxRows) rows"))
        }
        if rowFirst > queuedThrough + 1 {
            queue.append(.empty(first: queuedThrough + 1, count: rowFirst - queuedThrough - 1))
        }
        queue.append(.row(first: rowFirst, count: rowRepeat, cells: cells))
        queuedThrough = last
    }

    // MARK: Cells

    private func cellStarts(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, covered: Bool) {
        inCell = true
        cellDepth = 0
        paragraphDepth = 0
        paragraphs = 0
        text.removeAll(keepingCapacity: true)
        cellFirstColumn = column + 1
        cellRepeat = 1
        typed = nil
        kind = .none
        stringValue = nil
        badValue = nil
        numericFormula = false
        formulaBody = nil
        guard let base = attributes else { return }
        var office: UnsafeBufferPointer<UInt8>?
        var calcextError = false
        var value, dateValue, timeValue, booleanValue, formula: UnsafeBufferPointer<UInt8>?
        var columnsSpanned = 1, rowsSpanned = 1
        for i in 0..<count {
            let a = base + i * 5
            guard let local = a[0], let start = a[3], let end = a[4] else { continue }
            let v = UnsafeBufferPointer(start: start, count: end - start)
            switch local[0] {
            case UInt8(ascii: "v"):
                if xmlNameIs(local, "value-type") {
                    if let uri = a[2], xmlNameIs(uri, "urn:oasis:names:tc:opendocument:xmlns:office:1.0") {
                        office = v
                    } else if v.elementsEqual("error".utf8) {
                        calcextError = true              // calcext:value-type: LibreOffice's error results
                    }
                } else if xmlNameIs(local, "value") {
                    value = v
                }
            case UInt8(ascii: "d"): if xmlNameIs(local, "date-value") { dateValue = v }
            case UInt8(ascii: "t"): if xmlNameIs(local, "time-value") { timeValue = v }
            case UInt8(ascii: "b"): if xmlNameIs(local, "boolean-value") { booleanValue = v }
            case UInt8(ascii: "s"): if xmlNameIs(local, "string-value") { stringValue = XMLAttributes.decode(v) }
            case UInt8(ascii: "f"): if xmlNameIs(local, "formula") { formula = v }
            case UInt8(ascii: "n"):
                if xmlNameIs(local, "number-columns-repeated") {
                    cellRepeat = min(max(parseDecimal(v) ?? 1, 1), ODSRowSink.maxRepeat)
                } else if xmlNameIs(local, "number-columns-spanned") {
                    columnsSpanned = min(max(parseDecimal(v) ?? 1, 1), ODSRowSink.maxRepeat)
                } else if xmlNameIs(local, "number-rows-spanned") {
                    rowsSpanned = min(max(parseDecimal(v) ?? 1, 1), ODSRowSink.maxRepeat)
                }
            default: break
            }
        }
        if !covered, columnsSpanned > 1 || rowsSpanned > 1 {
            rowMerges.append((cellFirstColumn, cellFirstColumn + columnsSpanned - 1, rowsSpanned))
        }
        if calcextError { kind = .error; return }
        guard let office else {
            if formula != nil { kind = .formulaWithoutValue }
            return
        }
        func bad(_ v: UnsafeBufferPointer<UInt8>?) { badValue = v.map { String(decoding: $0, as: UTF8.self) } ?? "" }
        if office.elementsEqual("float".utf8) || office.elementsEqual("percentage".utf8) || office.elementsEqual("currency".utf8) {
            kind = .float
            if let d = value.flatMap(ODSValues.double) {
                typed = .number(d)
                if formula != nil, d == 0 || d == 1 {
                    formulaBody = formula.map { f in
                        let body = f.firstIndex(of: UInt8(ascii: "=")).map { UnsafeBufferPointer(rebasing: f[($0 + 1)...]) } ?? f
                        return String(decoding: body, as: UTF8.self)
                    }
                    numericFormula = true
                }
            } else { bad(value) }
        } else if office.elementsEqual("string".utf8) {
            kind = .string
        } else if office.elementsEqual("date".utf8) {
            kind = .date
            if let c = dateValue.flatMap(ODSValues.date) { typed = c } else { bad(dateValue) }
        } else if office.elementsEqual("time".utf8) {
            kind = .time
            if let d = timeValue.flatMap(ODSValues.time) { typed = .number(d) } else { bad(timeValue) }
        } else if office.elementsEqual("boolean".utf8) {
            kind = .boolean
            if let b = booleanValue.flatMap(ODSValues.boolean) { typed = .boolean(b) } else { bad(booleanValue) }
        }
    }

    /// LibreOffice has no boolean formula results: `=A2>5`, `=TRUE()` and the booleans of XLSX
    /// files it converts are stored as a formula with a numeric 1 or 0 shown as TRUE/FALSE
    /// (ИСТИНА/ЛОЖЬ in Russian), and LibreOffice exports them to XLSX as booleans. A formula cell
    /// whose value is 1 or 0 and whose formula is `TRUE()`/`FALSE()` or whose shown text says
    /// TRUE/FALSE is therefore a boolean; a plain number 1 or 0 never is.
    private static func formulaBoolean(value: Double, formulaBody: String?, shown: String) -> Cell? {
        guard value == 0 || value == 1 else { return nil }
        let truth = value == 1
        if let body = formulaBody?.uppercased(), body == (truth ? "TRUE()" : "FALSE()") { return .boolean(truth) }
        let words = truth ? ["TRUE", "ИСТИНА"] : ["FALSE", "ЛОЖЬ"]
        return words.contains(shown.uppercased()) ? .boolean(truth) : nil
    }

    /// An element inside a cell: paragraphs (and lists of them) carry the text; within a
    /// paragraph, spans and links are followed and `text:s`, `text:tab`, `text:line-break` become
    /// characters; everything else (annotations, shapes, notes) is skipped with its content.
    private func cellContentStarts(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if paragraphDepth == 0 {
            if xmlNameIs(name, "p") || xmlNameIs(name, "h") {
                if paragraphs > 0 { append(0x0A, count: 1) }
                paragraphs += 1
                cellDepth += 1
                paragraphDepth = cellDepth
            } else if xmlNameIs(name, "list") || xmlNameIs(name, "list-item") || xmlNameIs(name, "list-header") {
                cellDepth += 1
            } else {
                skipDepth = 1
            }
            return
        }
        if xmlNameIs(name, "s") {
            let n = XMLAttributes(count, attributes).int("c") ?? 1
            append(0x20, count: max(n, 1))
        } else if xmlNameIs(name, "tab") {
            append(0x09, count: 1)
        } else if xmlNameIs(name, "line-break") {
            append(0x0A, count: 1)
        } else if ODSRowSink.skippedInline(name) {
            skipDepth = 1
            return
        }
        cellDepth += 1
    }

    /// Inline elements whose content is not the cell's text: notes, annotations, ruby
    /// annotations and drawing objects anchored in the paragraph.
    private static func skippedInline(_ name: UnsafePointer<UInt8>) -> Bool {
        xmlNameIs(name, "note") || xmlNameIs(name, "annotation") || xmlNameIs(name, "annotation-end")
            || xmlNameIs(name, "ruby-text") || xmlNameIs(name, "frame") || xmlNameIs(name, "custom-shape")
            || xmlNameIs(name, "rect") || xmlNameIs(name, "line") || xmlNameIs(name, "polyline")
            || xmlNameIs(name, "polygon") || xmlNameIs(name, "path") || xmlNameIs(name, "circle")
            || xmlNameIs(name, "ellipse") || xmlNameIs(name, "g") || xmlNameIs(name, "connector")
            || xmlNameIs(name, "caption") || xmlNameIs(name, "measure") || xmlNameIs(name, "control")
            || xmlNameIs(name, "regular-polygon") || xmlNameIs(name, "page-thumbnail")
    }

    private func append(_ byte: UInt8, count n: Int) {
        guard n <= limits.maxCellBytes - text.count else { return cellTooLong() }
        text.append(contentsOf: repeatElement(byte, count: n))
    }

    private func cellTooLong() {
        stop(MentorBaseError.limit(place(row: rowFirst, column: cellFirstColumn),
                                   ru: "текст ячейки длиннее \(limits.maxCellBytes) байт",
                                   en: "the cell's text is longer than \(limits.maxCellBytes) bytes"))
    }

    private func cellEnds() {
        inCell = false
        let value = cellValue()
        if value.isEmpty {
            pendingEmptyCells = min(pendingEmptyCells + cellRepeat, ODSRowSink.maxRepeat)
        } else {
            let last = cellFirstColumn + cellRepeat - 1
            guard last <= limits.maxColumns else {
                return stop(MentorBaseError.limit(place(row: rowFirst, column: max(cellFirstColumn, limits.maxColumns + 1)),
                                                  ru: "в строке больше \(limits.maxColumns) столбцов",
                                                  en: "the row has more than \(limits.maxColumns) columns"))
            }
            if pendingEmptyCells > 0 {
                cells.append(contentsOf: repeatElement(Cell.empty, count: pendingEmptyCells))
                pendingEmptyCells = 0
            }
            if cellRepeat == 1 { cells.append(value) } else { cells.append(contentsOf: repeatElement(value, count: cellRepeat)) }
        }
        column = min(column + cellRepeat, ODSRowSink.maxRepeat)
    }

    /// The cell's value: the typed attribute when there is one, else its text.
    private func cellValue() -> Cell {
        if numericFormula, case .number(let d)? = typed {
            return ODSRowSink.formulaBoolean(value: d, formulaBody: formulaBody,
                                             shown: String(decoding: text, as: UTF8.self)) ?? .number(d)
        }
        if let typed { return typed }
        let shown = String(decoding: text, as: UTF8.self)
        switch kind {
        case .error:
            return .error(shown.isEmpty ? "#VALUE!" : shown)
        case .string:
            if let s = stringValue, !s.isEmpty { return .text(s) }
            return shown.isEmpty ? .empty : .text(shown)
        case .none:
            return shown.isEmpty ? .empty : .text(shown)
        case .formulaWithoutValue:
            diagnostics.log.append(Diagnostic(
                code: "formula-no-value", severity: .warning, location: place(row: rowFirst, column: cellFirstColumn),
                message: Localized(ru: "формула без сохранённого значения прочитана как пустая ячейка",
                                   en: "a formula without a stored value is read as an empty cell"),
                hint: Localized(ru: "откройте файл в LibreOffice или МойОфис и сохраните его, чтобы значения формул были записаны",
                                en: "open the file in LibreOffice or MyOffice and save it so that formula values are stored")))
            return .empty
        case .float, .date, .time, .boolean:
            diagnostics.log.append(Diagnostic(
                code: "bad-cell-value", severity: .warning, location: place(row: rowFirst, column: cellFirstColumn),
                value: badValue,
                message: Localized(ru: "значение ячейки не читается как её тип; взят показанный текст",
                                   en: "the cell's value does not parse as its type; its displayed text is used"),
                hint: Localized(ru: "откройте файл в LibreOffice и сохраните заново", en: "open the file in LibreOffice and save it again")))
            return shown.isEmpty ? .empty : .text(shown)
        }
    }

    private func place(row: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: location.file, sheet: sheetName, row: row, column: column)
    }
}
