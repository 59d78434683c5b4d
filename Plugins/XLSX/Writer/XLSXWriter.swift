#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CXLSXWriter
import MentorBase

/// Writes workbooks with libxlsxwriter: typed cells, real dates, a styled header, comments,
/// fills and validation lists.
///
/// - Every text cell goes through `worksheet_write_string`, so text that starts with `=`
///   stays text; numbers and booleans keep their types; dates are date cells shown
///   `dd.mm.yyyy` (`dd.mm.yyyy hh:mm` with a time).
/// - The first `SheetSpec.headerRows` rows are bold and frozen, with an autofilter over the
///   used range; column widths follow the widest value of each column (or `ColumnSpec.width`).
///   Both are applied when a sheet ends, which libxlsxwriter allows in constant-memory mode too.
/// - `WriteOptions.constantMemory` switches to libxlsxwriter's constant-memory mode (rows are
///   flushed as they are written, strings are inline).
/// - Error cells (`Cell.error`) are written as their text: libxlsxwriter can store an
///   error only as a formula's result, and a formula is what text must never become.
/// - libxlsxwriter needs a file name: without ``OutputTarget/filePath`` the workbook goes to a
///   private temporary folder and is copied into the target's sink by ``finish()``.
final class XLSXWriter: TableWriter {
    let target: OutputTarget
    private let constantMemory: Bool
    private let path: String
    private let tempFolder: String?
    // Internal (not private) for the chart extension in XLSXWriter+Chart.swift.
    var workbook: UnsafeMutablePointer<lxw_workbook>?
    var current: SheetState?
    private var names = SheetNames()
    private var formats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
    /// Dropdown lists too long for Excel's 255-character inline list, written to a hidden sheet at the end.
    private var longLists: [[String]] = []
    private let listSheetName = "Списки"
    private var finished = false
    private var sheetCount = 0

    /// Per-sheet bookkeeping while its rows stream.
    final class SheetState {
        let worksheet: UnsafeMutablePointer<lxw_worksheet>
        let spec: SheetSpec
        let name: String
        var nextRow = 0
        var widthChars: [Int] = []

        init(worksheet: UnsafeMutablePointer<lxw_worksheet>, spec: SheetSpec, name: String) {
            self.worksheet = worksheet
            self.spec = spec
            self.name = name
        }
    }

    init(target: OutputTarget, options: WriteOptions) throws {
        self.target = target
        let setting = options.settings["constant-memory"]?.lowercased()
        self.constantMemory = options.constantMemory || setting == "true" || setting == "1" || setting == "yes"
        if let p = target.filePath {
            // libxlsxwriter reports a bad destination only at close, and on stderr: check it first.
            try XLSXWriter.checkWritable(p, target.location)
            path = p
            tempFolder = nil
        } else {
            var template = Array("/tmp/mentorbase-xlsx-XXXXXX".utf8CString)
            guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                let m = String(cString: strerror(errno))
                throw MentorBaseError.io(target.location, ru: "не удалось создать временную папку: \(m)",
                                         en: "cannot create a temporary folder: \(m)")
            }
            let folder = String(cString: dir)
            tempFolder = folder
            path = folder + "/workbook.xlsx"
        }
        var opts = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        guard let wb = path.withCString({ workbook_new_opt($0, &opts) }) else {
            removeTemporaryFiles()
            throw MentorBaseError.io(target.location, ru: "libxlsxwriter не смог создать книгу", en: "libxlsxwriter could not create the workbook")
        }
        workbook = wb
    }

    private static func checkWritable(_ path: String, _ loc: SourceLocation) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw MentorBaseError.io(loc, ru: "это папка, а не файл", en: "this is a directory, not a file")
            }
            guard access(path, W_OK) == 0 else {
                throw MentorBaseError.io(loc, ru: "нет прав на запись", en: "permission denied")
            }
            return
        }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        guard stat(folder.isEmpty ? "/" : folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw MentorBaseError.io(loc, ru: "папка для файла не существует", en: "the folder does not exist")
        }
        guard access(folder.isEmpty ? "/" : folder, W_OK | X_OK) == 0 else {
            throw MentorBaseError.io(loc, ru: "нет прав на запись в папку", en: "permission denied for the folder")
        }
    }

    deinit {
        // An abandoned writer frees its workbook without writing a file.
        if let workbook { lxw_workbook_free(workbook) }
        removeTemporaryFiles()
    }

    private func removeTemporaryFiles() {
        guard let tempFolder else { return }
        unlink(path)
        rmdir(tempFolder)
    }

    // MARK: TableWriter

    func beginSheet(_ spec: SheetSpec) throws {
        guard let workbook, !finished else { throw closedError() }
        try endSheet()
        let name = names.claim(spec.name)
        guard let ws = name.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw MentorBaseError.io(target.location, ru: "libxlsxwriter отклонил лист «\(name)»",
                                     en: "libxlsxwriter refused sheet “\(name)”")
        }
        sheetCount += 1
        let state = SheetState(worksheet: ws, spec: spec, name: name)
        current = state
        try applyValidations(state)
        try applyNotes(state)
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        guard workbook != nil, !finished else { throw closedError() }
        if current == nil { try beginSheet(SheetSpec(name: "Лист1")) }
        guard let sheet = current else { return }
        let row = sheet.nextRow
        guard row < 1_048_576 else {
            throw MentorBaseError.io(location(sheet, row, nil), ru: "в листе Excel не больше 1 048 576 строк",
                                     en: "an Excel sheet holds at most 1,048,576 rows")
        }
        let header = row < sheet.spec.headerRows
        let width = max(cells.count, (annotations.keys.max() ?? -1) + 1)
        guard width <= 16_384 else {
            throw MentorBaseError.io(location(sheet, row, 16_385), ru: "в листе Excel не больше 16 384 столбцов",
                                     en: "an Excel sheet holds at most 16,384 columns")
        }
        // The widths are taken out of the sheet for the row (a class property is checked on every
        // access) and put back at the end, even when a cell fails.
        var widths: [Int] = []
        swap(&widths, &sheet.widthChars)
        defer { swap(&widths, &sheet.widthChars) }
        if widths.count < width {
            widths.append(contentsOf: repeatElement(0, count: width - widths.count))
        }
        let ws = sheet.worksheet
        let r = lxw_row_t(row)
        for c in 0..<width {
            let cell = c < cells.count ? cells[c] : .empty
            let note = annotations.isEmpty ? nil : annotations[c]
            let col = lxw_col_t(c)
            let fmt = format(for: cell, bold: header, fill: note?.fill)
            var err = LXW_NO_ERROR
            var chars = 0
            switch cell {
            case .empty:
                if fmt != nil { err = worksheet_write_blank(ws, r, col, fmt) }
            case .text(let s):
                if s.isEmpty {
                    if fmt != nil { err = worksheet_write_blank(ws, r, col, fmt) }
                } else {
                    (err, chars) = writeMeasuredText(ws, r, col, s, fmt)
                }
            case .number(let n):
                if n.isFinite {
                    err = worksheet_write_number(ws, r, col, n, fmt)
                    chars = XLSXWriter.numberWidth(n)
                } else {
                    let s = n.isNaN ? "NaN" : (n > 0 ? "Infinity" : "-Infinity")
                    err = writeText(ws, r, col, s, fmt)
                    chars = s.count
                }
            case .boolean(let b):
                err = worksheet_write_boolean(ws, r, col, b ? 1 : 0, fmt)
                chars = 5
            case .date(let d):
                if d.year >= 1900 {
                    err = worksheet_write_number(ws, r, col, ExcelSerial.serial(of: d, system: .excel1900), fmt)
                } else {
                    err = writeText(ws, r, col, d.russian, fmt)   // before Excel's calendar: keep it readable
                }
                chars = 10
            case .dateTime(let d):
                if d.date.year >= 1900 {
                    err = worksheet_write_number(ws, r, col, ExcelSerial.serial(of: d, system: .excel1900), fmt)
                } else {
                    err = writeText(ws, r, col, d.russian, fmt)
                }
                chars = 16
            case .error(let e):
                err = writeText(ws, r, col, e, fmt)
                chars = e.count
            }
            try check(err, sheet, row, c)
            if header { chars += 2 }   // bold text and the autofilter button need room
            if chars > widths[c] { widths[c] = chars }
            if let comment = note?.comment, !comment.isEmpty {
                let e = comment.withCString { worksheet_write_comment(ws, r, col, $0) }
                try check(e, sheet, row, c)
            }
        }
        sheet.nextRow += 1
    }

    func finish() throws {
        guard let wb = workbook, !finished else { throw closedError() }
        try endSheet()
        if sheetCount == 0 {
            // A workbook needs a sheet; an empty export is one empty sheet.
            try beginSheet(SheetSpec(name: "Лист1", headerRows: 0))
            try endSheet()
        }
        try writeLongLists(wb)
        finished = true
        workbook = nil                    // nothing of the workbook is touched after close
        current = nil
        formats.removeAll()
        let err = workbook_close(wb)
        guard err == LXW_NO_ERROR else {
            removeTemporaryFiles()
            throw lxwError(err, target.location)
        }
        if tempFolder != nil {
            defer { removeTemporaryFiles() }
            try target.copyFileToSink(path)
        }
    }

    // MARK: Sheets

    /// Applies what only the whole sheet knows: frozen header, autofilter, column widths.
    private func endSheet() throws {
        guard let sheet = current else { return }
        current = nil
        let ws = sheet.worksheet
        let headerRows = sheet.spec.headerRows
        let columns = max(sheet.widthChars.count, sheet.spec.columns.count)
        if headerRows > 0 && sheet.nextRow > 0 && columns > 0 {
            worksheet_freeze_panes(ws, lxw_row_t(min(headerRows, sheet.nextRow)), 0)
            let last = max(sheet.nextRow - 1, headerRows - 1)
            try check(worksheet_autofilter(ws, lxw_row_t(headerRows - 1), 0, lxw_row_t(last), lxw_col_t(columns - 1)),
                      sheet, headerRows - 1, nil)
        }
        for c in 0..<columns {
            var width: Double
            if c < sheet.spec.columns.count, let w = sheet.spec.columns[c].width {
                width = w
            } else {
                let chars = c < sheet.widthChars.count ? sheet.widthChars[c] : 0
                width = min(max(Double(chars) * 1.1 + 1, 8.43), 60)
            }
            try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, nil), sheet, nil, c)
        }
    }

    /// `ColumnSpec.validation`: dropdown lists, date and whole-number checks on the data rows.
    private func applyValidations(_ sheet: SheetState) throws {
        let firstRow = lxw_row_t(sheet.spec.headerRows)
        for (c, column) in sheet.spec.columns.enumerated() {
            guard let rule = column.validation else { continue }
            var dv = lxw_data_validation()
            dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            var err = LXW_NO_ERROR
            switch rule {
            case .list(let values):
                let inline = values.joined(separator: ",")
                // libxlsxwriter 1.1.4 sizes its copy of an inline list by characters but copies
                // bytes (`_validation_list_to_csv`): any non-ASCII item overflows its buffer. So only
                // ASCII lists go inline; Cyrillic ones go to the hidden list sheet.
                if inline.utf8.count <= 255 && inline.utf8.allSatisfy({ $0 < 0x80 })
                    && !values.contains(where: { $0.contains(",") || $0.contains("\"") }) {
                    dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
                    err = XLSXWriter.withCStringArray(values) { list in
                        dv.value_list = list
                        return worksheet_data_validation_range(sheet.worksheet, firstRow, lxw_col_t(c), 1_048_575, lxw_col_t(c), &dv)
                    }
                } else {
                    // Too long (or holding commas) for an inline list: point at a hidden sheet's column.
                    longLists.append(values)
                    let column = SourceLocation.letter(forColumn: longLists.count)
                    let formula = "='\(listSheetName)'!$\(column)$1:$\(column)$\(max(values.count, 1))"
                    dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
                    err = formula.withCString { f in
                        dv.value_formula = UnsafeMutablePointer(mutating: f)
                        return worksheet_data_validation_range(sheet.worksheet, firstRow, lxw_col_t(c), 1_048_575, lxw_col_t(c), &dv)
                    }
                }
            case .date:
                dv.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
                dv.minimum_datetime = lxw_datetime(year: 1900, month: 1, day: 1, hour: 0, min: 0, sec: 0)
                dv.maximum_datetime = lxw_datetime(year: 9999, month: 12, day: 31, hour: 0, min: 0, sec: 0)
                err = worksheet_data_validation_range(sheet.worksheet, firstRow, lxw_col_t(c), 1_048_575, lxw_col_t(c), &dv)
            case .wholeNumber(let lo, let hi):
                dv.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
                dv.minimum_number = Double(lo)
                dv.maximum_number = Double(hi)
                err = worksheet_data_validation_range(sheet.worksheet, firstRow, lxw_col_t(c), 1_048_575, lxw_col_t(c), &dv)
            }
            try check(err, sheet, nil, c)
        }
    }

    /// `ColumnSpec.note`: a comment on the column's (last) header cell.
    private func applyNotes(_ sheet: SheetState) throws {
        let row = max(sheet.spec.headerRows - 1, 0)
        for (c, column) in sheet.spec.columns.enumerated() {
            guard let note = column.note, !note.isEmpty else { continue }
            let err = note.withCString { worksheet_write_comment(sheet.worksheet, lxw_row_t(row), lxw_col_t(c), $0) }
            try check(err, sheet, row, c)
        }
    }

    private func writeLongLists(_ wb: UnsafeMutablePointer<lxw_workbook>) throws {
        guard !longLists.isEmpty else { return }
        let name = names.claim(listSheetName)
        guard let ws = name.withCString({ workbook_add_worksheet(wb, $0) }) else {
            throw MentorBaseError.io(target.location, ru: "не удалось добавить лист списков", en: "cannot add the lists sheet")
        }
        let rows = longLists.map(\.count).max() ?? 0
        // Row by row across all lists: constant-memory mode only accepts rows in order.
        for r in 0..<rows {
            for (c, list) in longLists.enumerated() where r < list.count {
                let e = list[r].withCString { worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), $0, nil) }
                guard e == LXW_NO_ERROR else { throw lxwError(e, target.location) }
            }
        }
        worksheet_hide(ws)
    }

    // MARK: Cells

    /// Text as a string cell, and the width it needs (``displayWidth(_:)``), from one pass over its
    /// bytes: a native Swift string hands libxlsxwriter its own NUL-terminated UTF-8 with no copy,
    /// and only text holding a literal `_xHHHH_` is rebuilt (``protectEscapes(_:)``).
    private func writeMeasuredText(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ r: lxw_row_t, _ c: lxw_col_t,
                                   _ s: String, _ fmt: UnsafeMutablePointer<lxw_format>?) -> (lxw_error, Int) {
        let count = s.utf8.count
        let (width, escapes, err) = s.withCString { p -> (Int, Bool, lxw_error) in
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: count)
            var longest = 0
            var line = 0
            var escapes = false
            for i in 0..<count {
                let byte = bytes[i]
                if byte == 0x0A {
                    longest = max(longest, line)
                    line = 0
                } else if byte & 0xC0 != 0x80 {
                    line += 1
                    if byte == 0x5F && !escapes && i + 6 < count && bytes[i + 1] == 0x78 && XLSXWriter.isEscape(bytes, i) {
                        escapes = true
                    }
                }
            }
            let width = max(longest, line)
            if escapes { return (width, true, LXW_NO_ERROR) }
            return (width, false, worksheet_write_string(ws, r, c, p, fmt))
        }
        if escapes { return (writeText(ws, r, c, s, fmt), width) }
        return (err, width)
    }

    /// Characters of `Cell.format(number:)` without building the string, for integers (row numbers,
    /// counts); other numbers are formatted.
    static func numberWidth(_ n: Double) -> Int {
        guard n == n.rounded(), abs(n) < 1e15 else { return Cell.format(number: n).utf8.count }
        var v = Int64(n).magnitude
        var digits = 1
        while v >= 10 { v /= 10; digits += 1 }
        return n < 0 ? digits + 1 : digits
    }

    /// Text as a string cell. A literal `_xHHHH_` is escaped as `_x005F_xHHHH_` so that readers
    /// do not decode it as a character escape.
    private func writeText(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ r: lxw_row_t, _ c: lxw_col_t,
                           _ s: String, _ fmt: UnsafeMutablePointer<lxw_format>?) -> lxw_error {
        let text = XLSXWriter.protectEscapes(s)
        return text.withCString { worksheet_write_string(ws, r, c, $0, fmt) }
    }

    static func protectEscapes(_ s: String) -> String {
        // Byte scan first: nearly all text has no `_xHHHH_` and must not pay for a rebuild.
        var s = s
        let needs = s.withUTF8 { b -> Bool in
            guard b.count >= 7 else { return false }
            for i in 0..<(b.count - 6) where b[i] == 0x5F && b[i + 1] == 0x78 && isEscape(b, i) { return true }
            return false
        }
        guard needs else { return s }
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 12)
            for i in 0..<b.count {
                if b[i] == 0x5F && i + 6 < b.count && b[i + 1] == 0x78 && isEscape(b, i) {
                    out.append(contentsOf: "_x005F".utf8)
                }
                out.append(b[i])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `_xHHHH_` at `i` (the caller checked `_x`).
    private static func isEscape(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 6 < b.count, b[i + 6] == 0x5F else { return false }
        for k in 2...5 {
            let c = b[i + k]
            let hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
            if !hex { return false }
        }
        return true
    }

    /// Characters on the longest line: what a column needs to show the text.
    static func displayWidth(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { b in
            var longest = 0
            var line = 0
            for byte in b {
                if byte == 0x0A {
                    longest = max(longest, line)
                    line = 0
                } else if byte & 0xC0 != 0x80 {
                    line += 1
                }
            }
            return max(longest, line)
        }
    }

    /// One cached format per combination of number format, boldness and fill; nil for plain cells.
    private func format(for cell: Cell, bold: Bool, fill: CellAnnotation.Fill?) -> UnsafeMutablePointer<lxw_format>? {
        let kind: Int
        switch cell {
        case .date(let d): kind = d.year >= 1900 ? 1 : 0
        case .dateTime(let d): kind = d.date.year >= 1900 ? 2 : 0
        default: kind = 0
        }
        let fillCode: Int
        switch fill {
        case nil: fillCode = 0
        case .error?: fillCode = 1
        case .warning?: fillCode = 2
        case .changed?: fillCode = 3
        }
        if kind == 0 && !bold && fillCode == 0 { return nil }
        let key = kind * 100 + (bold ? 10 : 0) + fillCode
        if let f = formats[key] { return f }
        guard let wb = workbook, let f = workbook_add_format(wb) else { return nil }
        if kind == 1 { format_set_num_format(f, "dd.mm.yyyy") }
        if kind == 2 { format_set_num_format(f, "dd.mm.yyyy hh:mm") }
        if bold { format_set_bold(f) }
        switch fillCode {
        case 1: format_set_bg_color(f, 0xFFC7CE)     // light red: an error
        case 2: format_set_bg_color(f, 0xFFEB9C)     // light yellow: a warning
        case 3: format_set_bg_color(f, 0xDDEBF7)     // light blue: a changed value
        default: break
        }
        if fillCode != 0 { format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue)) }
        formats[key] = f
        return f
    }

    // MARK: Errors

    private func location(_ sheet: SheetState, _ row: Int?, _ column: Int?) -> SourceLocation {
        SourceLocation(file: target.name, sheet: sheet.name, row: row.map { $0 + 1 }, column: column)
    }

    private func check(_ err: lxw_error, _ sheet: SheetState, _ row: Int?, _ column: Int?) throws {
        guard err != LXW_NO_ERROR else { return }
        throw lxwError(err, location(sheet, row, column.map { $0 + 1 }))
    }

    func lxwError(_ err: lxw_error, _ loc: SourceLocation) -> MentorBaseError {
        let text = String(cString: lxw_strerror(err))
        if err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
            return MentorBaseError.io(loc, ru: "текст длиннее 32 767 символов — предела ячейки Excel (\(text))",
                                      en: "the text is longer than Excel's 32,767-character cell limit (\(text))")
        }
        return MentorBaseError.io(loc, ru: "ошибка записи XLSX: \(text)", en: "XLSX write error: \(text)")
    }

    private func closedError() -> MentorBaseError {
        MentorBaseError.io(target.location, ru: "книга уже закрыта", en: "the workbook is already closed")
    }

    /// Runs `body` with a NULL-terminated C array of the strings.
    private static func withCStringArray<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}
