#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MentorBase

/// The reader's warnings, shared by the reader and its cursors.
final class DiagnosticCollector {
    var log = DiagnosticLog()
}

/// What a sheet's cells are read against: the shared strings, the styles' date kinds, the date system.
struct SheetContext {
    var sheetName: String
    var location: SourceLocation
    var sharedStrings: [String]
    var formatKinds: [NumberFormatKind]
    var dateSystem: ExcelDateSystem
    var limits: InputLimits
}

/// Turns a worksheet part's SAX events into rows, queued until the cursor takes them.
///
/// Only rows holding at least one value are queued; empty and styled-only rows are not,
/// so a sheet whose rows run to 1,048,576 with nothing in them costs nothing. The cursor
/// fills gaps with empty rows only when a later row with values follows.
final class SheetSink: SAXSink {
    private let ctx: SheetContext
    private let diagnostics: DiagnosticCollector
    /// Copies of the context's hot fields as immutable properties: no access checks per cell.
    private let sharedStrings: [String]
    private let formatKinds: [NumberFormatKind]
    private let maxCellBytes: Int

    /// Completed rows with values, in order; `head` is the next one to hand out.
    var queue: [Row] = []
    var head = 0
    var merged: [CellRange] = []

    private enum CellType: UInt8 { case number, shared, inline, formulaString, boolean, error, isoDate }
    private enum Capture: UInt8 { case none, value, inline }

    private var inSheetData = false
    private var inMergeCells = false
    private var inRow = false
    private var rowNumber = 0
    private var lastRowNumber = 0
    private var cells: [Cell] = []
    private var lastWidth = 8
    private var rowHasValue = false
    private var nextColumn = 1

    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var hasFormula = false
    private var gotValue = false
    private var capture = Capture.none
    private var inInline = false
    private var phoneticDepth = 0
    private var text: [UInt8] = []

    init(context: SheetContext, diagnostics: DiagnosticCollector) {
        self.ctx = context
        self.diagnostics = diagnostics
        self.sharedStrings = context.sharedStrings
        self.formatKinds = context.formatKinds
        self.maxCellBytes = context.limits.maxCellBytes
        super.init(location: context.location)
        text.reserveCapacity(1024)
    }

    // MARK: SAX events

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard inSheetData else {
            if xmlNameIs(name, "sheetData") {
                inSheetData = true
            } else if xmlNameIs(name, "mergeCells") {
                inMergeCells = true
            } else if inMergeCells && xmlNameIs(name, "mergeCell") {
                if let ref = XMLAttributes(count, attributes).string("ref"), let r = CellRange(reference: Substring(ref)) {
                    merged.append(r)
                }
            }
            return
        }
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            startCell(count, attributes)
        case UInt8(ascii: "v") where name[1] == 0:
            if inCell {
                text.removeAll(keepingCapacity: true)
                capture = .value
                gotValue = true
            }
        case UInt8(ascii: "f") where name[1] == 0:
            hasFormula = true
        case UInt8(ascii: "t") where name[1] == 0:
            if inInline && phoneticDepth == 0 { capture = .inline }
        case UInt8(ascii: "i") where name[1] == UInt8(ascii: "s") && name[2] == 0:
            if inCell {
                inInline = true
                gotValue = true
                text.removeAll(keepingCapacity: true)
            }
        case UInt8(ascii: "r"):
            if name[1] == UInt8(ascii: "o") && name[2] == UInt8(ascii: "w") && name[3] == 0 {
                startRow(count, attributes)
            } else if xmlNameIs(name, "rPh") {
                phoneticDepth += 1
            }
        default:
            break
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        guard inSheetData else {
            if xmlNameIs(name, "mergeCells") { inMergeCells = false }
            return
        }
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            if inCell { endCell() }
        case UInt8(ascii: "v") where name[1] == 0, UInt8(ascii: "t") where name[1] == 0:
            capture = .none
        case UInt8(ascii: "i") where name[1] == UInt8(ascii: "s") && name[2] == 0:
            inInline = false
            capture = .none
        case UInt8(ascii: "r"):
            if name[1] == UInt8(ascii: "o") && name[2] == UInt8(ascii: "w") && name[3] == 0 {
                endRow()
            } else if xmlNameIs(name, "rPh") {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "s") where xmlNameIs(name, "sheetData"):
            inSheetData = false
        default:
            break
        }
    }

    override func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard capture != .none else { return }
        if text.count + count > maxCellBytes {
            stop(MentorBaseError.limit(cellLocation(), ru: "текст ячейки длиннее \(maxCellBytes) байт",
                                       en: "the cell's text is longer than \(maxCellBytes) bytes"))
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }

    // MARK: Rows

    private func startRow(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        var number = lastRowNumber + 1
        if let r = XMLAttributes(count, attributes).int("r"), r >= 1 {
            if r > lastRowNumber {
                number = r
            } else {
                warn("row-out-of-order", SourceLocation(file: ctx.location.file, sheet: ctx.sheetName, row: r),
                     ru: "строка \(r) идёт не по порядку; прочитана как строка \(number)",
                     en: "row \(r) is out of order; read as row \(number)")
            }
        }
        if number > ctx.limits.maxRows {
            stop(MentorBaseError.limit(SourceLocation(file: ctx.location.file, sheet: ctx.sheetName, row: number),
                                       ru: "в листе больше \(ctx.limits.maxRows) строк", en: "the sheet has more than \(ctx.limits.maxRows) rows"))
            return
        }
        rowNumber = number
        inRow = true
        rowHasValue = false
        nextColumn = 1
        cells = []
        cells.reserveCapacity(lastWidth)
    }

    private func endRow() {
        guard inRow else { return }
        inRow = false
        lastRowNumber = rowNumber
        guard rowHasValue else { return }
        while let last = cells.last, last == .empty { cells.removeLast() }
        lastWidth = max(lastWidth, cells.count)
        queue.append(Row(number: rowNumber, cells: cells))
        cells = []
    }

    // MARK: Cells

    private func startCell(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if !inRow { startRow(0, nil) }   // a cell outside any <row>: give it the next row
        inCell = true
        hasFormula = false
        gotValue = false
        capture = .none
        cellType = .number
        cellStyle = 0
        var column = nextColumn
        if let base = attributes {
            for i in 0..<count {
                let a = base + i * 5
                guard let local = a[0], local[1] == 0, let start = a[3], let end = a[4] else { continue }
                let value = UnsafeBufferPointer(start: start, count: end - start)
                switch local[0] {
                case UInt8(ascii: "r"):
                    if let c = SheetSink.column(ofReference: value) { column = c }
                case UInt8(ascii: "t"):
                    cellType = SheetSink.cellType(value)
                case UInt8(ascii: "s"):
                    cellStyle = parseDecimal(value) ?? 0
                default:
                    break
                }
            }
        }
        if column > ctx.limits.maxColumns {
            stop(MentorBaseError.limit(SourceLocation(file: ctx.location.file, sheet: ctx.sheetName, row: rowNumber, column: column),
                                       ru: "в строке больше \(ctx.limits.maxColumns) столбцов",
                                       en: "the row has more than \(ctx.limits.maxColumns) columns"))
            return
        }
        cellColumn = column
        nextColumn = column + 1
    }

    /// `B7` → 2; nil when the reference has no column letters.
    @inline(__always)
    static func column(ofReference v: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0
        var i = 0
        while i < v.count {
            var b = v[i]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            guard b >= 0x41 && b <= 0x5A else { break }
            n = n * 26 + Int(b - 0x40)
            if n > 1 << 24 { return nil }
            i += 1
        }
        return n == 0 ? nil : n
    }

    private static func cellType(_ v: UnsafeBufferPointer<UInt8>) -> CellType {
        guard let first = v.first else { return .number }
        switch (first, v.count) {
        case (UInt8(ascii: "s"), 1): return .shared
        case (UInt8(ascii: "n"), 1): return .number
        case (UInt8(ascii: "b"), 1): return .boolean
        case (UInt8(ascii: "e"), 1): return .error
        case (UInt8(ascii: "d"), 1): return .isoDate
        case (UInt8(ascii: "s"), 3): return .formulaString
        case (UInt8(ascii: "i"), _): return .inline
        default: return .number
        }
    }

    private func endCell() {
        inCell = false
        inInline = false
        capture = .none
        let value: Cell
        // `<v></v>` under a formula is no cached value either, unless the result is a (possibly empty) string.
        let emptyValue = !gotValue || (text.isEmpty && cellType != .formulaString && cellType != .inline)
        if emptyValue {
            if hasFormula {
                warn("formula-no-value", cellLocation(),
                     ru: "формула без сохранённого значения прочитана как пустая ячейка",
                     en: "a formula without a cached value was read as an empty cell",
                     hintRu: "откройте файл в Excel или LibreOffice и сохраните его, чтобы значения формул были записаны",
                     hintEn: "open and save the file in Excel or LibreOffice so that formula values are stored")
            }
            return
        }
        value = text.withUnsafeBufferPointer { makeCell($0) }
        if case .empty = value { return }
        if case .text(let s) = value, s.isEmpty { return }
        let index = cellColumn - 1
        if index < cells.count {
            cells[index] = value
        } else {
            while cells.count < index { cells.append(.empty) }
            cells.append(value)
        }
        rowHasValue = true
    }

    private func makeCell(_ raw: UnsafeBufferPointer<UInt8>) -> Cell {
        switch cellType {
        case .shared:
            guard let i = parseDecimal(raw) else {
                if raw.isEmpty { return .empty }
                return corruptCell("не номер общей строки", "not a shared-string index", raw)
            }
            guard i < sharedStrings.count else {
                return corruptCell("номер общей строки \(i) вне таблицы (\(sharedStrings.count) строк)",
                                   "shared-string index \(i) is outside the table (\(sharedStrings.count) strings)", raw)
            }
            return .text(sharedStrings[i])
        case .inline, .formulaString:
            return .text(CellText.make(raw))
        case .boolean:
            if raw.count == 1 { return raw[0] == 0x31 ? .boolean(true) : raw[0] == 0x30 ? .boolean(false) : badValue(raw) }
            let s = String(decoding: raw, as: UTF8.self).lowercased()
            return s == "true" ? .boolean(true) : s == "false" ? .boolean(false) : badValue(raw)
        case .error:
            return .error(String(decoding: raw, as: UTF8.self))
        case .isoDate:
            // ISO 8601 (`t="d"`): a date alone, or a date and time (fractions and zone ignored).
            let s = Substring(String(decoding: raw, as: UTF8.self))
            if s.count == 10, let d = CalendarDate(iso: s) { return .date(d) }
            if let dt = CalendarDateTime(iso: s.prefix(19)) { return .dateTime(dt) }
            return badValue(raw)
        case .number:
            guard let n = SheetSink.parseNumber(raw) else { return raw.isEmpty ? .empty : badValue(raw) }
            let kind = cellStyle < formatKinds.count ? formatKinds[cellStyle] : .number
            return kind == .number ? .number(n) : dateCell(n, kind)
        }
    }

    private func dateCell(_ n: Double, _ kind: NumberFormatKind) -> Cell {
        let whole = n == n.rounded(.down)
        var result: Cell?
        switch kind {
        case .number:
            return .number(n)
        case .date, .dateTime, .time:
            // A bare time of day has no date to stand on: it stays a fraction of a day.
            if kind == .time && n < 1 { return .number(n) }
            // The value decides: a whole serial is a date, one with a time part a date-time.
            result = whole ? ExcelSerial.date(fromSerial: n, system: ctx.dateSystem).map(Cell.date)
                : ExcelSerial.dateTime(fromSerial: n, system: ctx.dateSystem).map(Cell.dateTime)
        }
        if let result { return result }
        if ctx.dateSystem == .excel1900 && n >= 60 && n < 61 {
            warn("date-phantom", cellLocation(), value: Cell.format(number: n),
                 ru: "дата 29.02.1900 не существует (ошибка календаря Excel); оставлено число",
                 en: "29.02.1900 never existed (Excel's calendar bug); the number is kept")
        } else {
            warn("date-out-of-range", cellLocation(), value: Cell.format(number: n),
                 ru: "число в формате даты не является датой; оставлено число",
                 en: "a number in a date format is not a date; the number is kept")
        }
        return .number(n)
    }

    /// A decimal number; integers take a fast path, everything else goes through `strtod`.
    @inline(__always)
    static func parseNumber(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = raw.count
        guard count > 0 else { return nil }
        var i = 0
        var negative = false
        if raw[0] == 0x2D { negative = true; i = 1 }
        if count - i > 0 && count - i <= 15 {
            var n: Int64 = 0
            var j = i
            while j < count {
                let d = raw[j] &- 0x30
                if d > 9 { break }
                n = n * 10 + Int64(d)
                j += 1
            }
            if j == count { return Double(negative ? -n : n) }
        }
        // strtod needs a terminated copy; numbers are short.
        guard count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf -> Double? in
            for k in 0..<count { buf[k] = CChar(bitPattern: raw[k]) }
            buf[count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(buf.baseAddress!, &end)
            guard let end, end - buf.baseAddress! == count, v.isFinite else { return nil }
            return v
        }
    }

    // MARK: Problems

    private func cellLocation() -> SourceLocation {
        SourceLocation(file: ctx.location.file, sheet: ctx.sheetName, row: rowNumber, column: cellColumn)
    }

    private func badValue(_ raw: UnsafeBufferPointer<UInt8>) -> Cell {
        let s = String(decoding: raw, as: UTF8.self)
        warn("cell-value-invalid", cellLocation(), value: s,
             ru: "значение не соответствует типу ячейки; прочитано как текст",
             en: "the value does not match the cell's type; read as text")
        return .text(s)
    }

    private func corruptCell(_ ru: String, _ en: String, _ raw: UnsafeBufferPointer<UInt8>) -> Cell {
        var loc = cellLocation()
        loc.part = ctx.location.part
        stop(MentorBaseError.source(loc, ru: "файл повреждён: \(ru)", en: "the file is damaged: \(en)"))
        return .empty
    }

    private func warn(_ code: String, _ loc: SourceLocation, value: String? = nil, ru: String, en: String,
                      hintRu: String? = nil, hintEn: String? = nil) {
        diagnostics.log.append(Diagnostic(code: code, severity: .warning, location: loc, value: value,
                                          message: Localized(ru: ru, en: en),
                                          hint: hintRu.map { Localized(ru: $0, en: hintEn ?? $0) }))
    }
}

/// Collects only the merged ranges of a sheet (the pre-pass that filling merged headers needs).
final class MergedRangesSink: SAXSink {
    var merged: [CellRange] = []
    private var inMergeCells = false

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard name[0] == UInt8(ascii: "m") else { return }
        if xmlNameIs(name, "mergeCells") {
            inMergeCells = true
        } else if inMergeCells && xmlNameIs(name, "mergeCell"),
                  let ref = XMLAttributes(count, attributes).string("ref"), let r = CellRange(reference: Substring(ref)) {
            merged.append(r)
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        if name[0] == UInt8(ascii: "m") && xmlNameIs(name, "mergeCells") { inMergeCells = false }
    }
}
