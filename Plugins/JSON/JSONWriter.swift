import MentorBase

/// Writes sheets as JSON objects, one per row, straight into byte buffers flushed to the sink.
///
/// The first row of each sheet is the header: its titles become the keys (see
/// ``JSONNames/uniqueKeys(_:)`` for empty and repeated titles). Each later row becomes one
/// object listing every key in header order, missing cells as `null`. A row longer than the
/// header adds keys `column_N` (N = the 1-based column) from that row on, so no value is
/// dropped; objects already written do not get them, since the output streams.
/// Cells: empty → `null`, text → string, number → number (`null` if not finite),
/// boolean → `true`/`false`, date → `"YYYY-MM-DD"`, date-time → `"YYYY-MM-DDTHH:MM:SS"`,
/// error → its text as a string. Output is UTF-8 without a BOM.
///
/// One writer belongs to one task and its state is never reached through overlapping accesses, so
/// dynamic exclusivity checks are turned off for its hot fields.
final class JSONTableWriter: TableWriter {
    private let sink: any ByteSink
    private let layout: JSONLayout
    @exclusivity(unchecked) private var out: [UInt8] = []
    private let flushAt = 64 * 1024
    @exclusivity(unchecked) private var sheetCount = 0
    private var sheetNames = Set<String>()
    @exclusivity(unchecked) private var inSheet = false
    @exclusivity(unchecked) private var hasHeader = false
    /// Every key pre-encoded as `"key":`, back to back, so a row costs no string work for keys;
    /// `keyEnds[i]` is where key i's bytes end.
    @exclusivity(unchecked) private var keyBytes: [UInt8] = []
    @exclusivity(unchecked) private var keyEnds: [Int] = []
    private var keyNames = Set<String>()
    @exclusivity(unchecked) private var rowsInSheet = 0
    @exclusivity(unchecked) private var finished = false

    init(sink: any ByteSink, layout: JSONLayout) {
        self.sink = sink
        self.layout = layout
        out.reserveCapacity(flushAt + 16 * 1024)
    }

    func beginSheet(_ spec: SheetSpec) throws {
        try checkOpen()
        if layout != .object && sheetCount >= 1 {
            throw JSONTableWriter.oneSheetOnly(layout)
        }
        closeSheet()
        switch layout {
        case .object:
            out.append(contentsOf: sheetCount == 0 ? [0x7B, 0x0A] : [0x2C, 0x0A])
            let base = spec.name.isEmpty ? "sheet_\(sheetCount + 1)" : spec.name
            JSONText.appendString(JSONNames.claim(base, in: &sheetNames), to: &out)
            out.append(contentsOf: ": [".utf8)
        case .array:
            out.append(0x5B)
        case .ndjson:
            break
        }
        sheetCount += 1
        inSheet = true
        hasHeader = false
        keyBytes.removeAll()
        keyEnds.removeAll()
        keyNames.removeAll()
        rowsInSheet = 0
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        try checkOpen()
        guard inSheet else {
            throw MentorBaseError.usage(ru: "строка записывается до начала листа (нет вызова beginSheet)",
                                        en: "a row was written before any sheet was begun (no beginSheet call)")
        }
        guard hasHeader else {
            hasHeader = true
            for key in JSONNames.uniqueKeys(cells.map { $0.text() }) { addKey(key) }
            return
        }
        while keyEnds.count < cells.count {
            addKey(JSONNames.claim("column_\(keyEnds.count + 1)", in: &keyNames))
        }
        switch layout {
        case .array, .object:
            out.append(contentsOf: rowsInSheet == 0 ? [0x0A] : [0x2C, 0x0A])
        case .ndjson:
            break
        }
        out.append(0x7B)
        keyBytes.withUnsafeBufferPointer { keys in
            var start = 0
            for i in 0..<keyEnds.count {
                if i > 0 { out.append(0x2C) }
                let end = keyEnds[i]
                out.append(contentsOf: UnsafeBufferPointer(rebasing: keys[start..<end]))
                start = end
                if i < cells.count { appendValue(cells[i]) } else { out.append(contentsOf: JSONTableWriter.null) }
            }
        }
        out.append(0x7D)
        if layout == .ndjson { out.append(0x0A) }
        rowsInSheet += 1
        if out.count >= flushAt { try flush() }
    }

    func finish() throws {
        try checkOpen()
        if sheetCount == 0 {
            switch layout {
            case .array: out.append(contentsOf: "[]\n".utf8)
            case .object: out.append(contentsOf: "{}\n".utf8)
            case .ndjson: break
            }
        } else {
            closeSheet()
            switch layout {
            case .array: out.append(0x0A)
            case .object: out.append(contentsOf: "\n}\n".utf8)
            case .ndjson: break
            }
        }
        finished = true
        try flush()
        try sink.close()
    }

    // MARK: Pieces

    private func addKey(_ key: String) {
        keyNames.insert(key)
        JSONText.appendString(key, to: &keyBytes)
        keyBytes.append(0x3A)
        keyEnds.append(keyBytes.count)
    }

    private func closeSheet() {
        guard inSheet else { return }
        inSheet = false
        switch layout {
        case .array, .object:
            if rowsInSheet > 0 { out.append(0x0A) }
            out.append(0x5D)
        case .ndjson:
            break
        }
    }

    private static let null: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    @inline(__always)
    private func appendValue(_ cell: Cell) {
        switch cell {
        case .empty:
            out.append(contentsOf: JSONTableWriter.null)
        case .text(let s):
            appendString(s)
        case .number(let n):
            appendNumber(n)
        case .boolean(let b):
            out.append(contentsOf: b ? JSONTableWriter.trueBytes : JSONTableWriter.falseBytes)
        case .date(let d):
            out.append(0x22)
            appendDate(d)
            out.append(0x22)
        case .dateTime(let t):
            out.append(0x22)
            appendDate(t.date)
            out.append(0x54)
            appendDigits(t.hour, 2)
            out.append(0x3A)
            appendDigits(t.minute, 2)
            out.append(0x3A)
            appendDigits(t.second, 2)
            out.append(0x22)
        case .error(let e):
            appendString(e)
        }
    }

    /// A quoted, escaped string straight from the String's own UTF-8 storage (no copy of it);
    /// the same escaping as `JSONText.appendString`.
    @inline(__always)
    private func appendString(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil { JSONText.appendString(s, to: &out) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private func appendEscaped(_ buf: UnsafeBufferPointer<UInt8>) {
        out.append(0x22)
        defer { out.append(0x22) }
        guard let base = buf.baseAddress else { return }
        var start = 0
        var i = 0
        let n = buf.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Eight bytes at a time while none is a control character, a quote or a backslash
            // (the usual has-zero-byte / has-byte-less-than word tricks; false alarms only slow down).
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let control = (w &- ones &* 0x20) & ~w & highs
                let q = w ^ (ones &* 0x22)
                let quote = (q &- ones) & ~q & highs
                let bs = w ^ (ones &* 0x5C)
                let backslash = (bs &- ones) & ~bs & highs
                if control | quote | backslash != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b = base[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                out.append(JSONTableWriter.hex[Int(b >> 4)])
                out.append(JSONTableWriter.hex[Int(b & 0xF)])
            }
            i += 1
            start = i
        }
        if start < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<n])) }
    }

    /// Integers below 10^15 as plain digits without a String; everything else through `JSONText`.
    private func appendNumber(_ n: Double) {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 {
            var v = Int64(n)
            if v < 0 {
                out.append(0x2D)
                v = -v
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buf in
                repeat {
                    buf[15 - count] = UInt8(v % 10) + 0x30
                    v /= 10
                    count += 1
                } while v > 0
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[(16 - count)...]))
            }
        } else {
            JSONText.appendNumber(n, to: &out)
        }
    }

    private func appendDate(_ d: CalendarDate) {
        appendDigits(d.year, 4)
        out.append(0x2D)
        appendDigits(d.month, 2)
        out.append(0x2D)
        appendDigits(d.day, 2)
    }

    /// `value` (0…9999) zero-padded to `width` digits.
    private func appendDigits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            out.append(UInt8(v / divisor % 10) + 0x30)
            v %= divisor
            divisor /= 10
        }
    }

    private func flush() throws {
        guard !out.isEmpty else { return }
        try out.withUnsafeBytes { try sink.write($0) }
        out.removeAll(keepingCapacity: true)
    }

    private func checkOpen() throws {
        if finished {
            throw MentorBaseError.usage(ru: "запись после завершения файла", en: "writing after the file was finished")
        }
    }

    static func oneSheetOnly(_ layout: JSONLayout) -> MentorBaseError {
        MentorBaseError.usage(ru: "JSON вида \(layout.rawValue) хранит один лист; выберите лист (--sheet) или запишите вид object (--dialect object)",
                              en: "the \(layout.rawValue) JSON layout holds one sheet; pick a sheet (--sheet) or write the object layout (--dialect object)")
    }
}
