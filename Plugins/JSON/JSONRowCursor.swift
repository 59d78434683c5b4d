import MentorBase

/// Pulls one object at a time from an array or NDJSON lines and returns it as a row.
///
/// Row 1 is the header (the keys); then one row per object, cells in header order, missing
/// keys as `.empty`. Rows are numbered as a person finds them: the line for NDJSON (so the
/// header and the first record both say 1: the keys come from that line), and the object's
/// ordinal + 1 for arrays.
///
/// A cursor belongs to one task and its state is never reached through overlapping accesses, so
/// dynamic exclusivity checks are turned off for its fields.
final class JSONRowCursor: RowCursor {
    private let sc: JSONScanner
    private let layout: JSONLayout
    private let keys: JSONKeyTable
    /// The keys came from a first pass, so the header can be returned before any object is read.
    private let headerKnown: Bool
    private let limits: InputLimits
    private let box: JSONDiagnosticBox
    @exclusivity(unchecked) private var headerReturned = false
    @exclusivity(unchecked) private var pending: Row?
    @exclusivity(unchecked) private var done = false
    @exclusivity(unchecked) private var ordinal = 0
    @exclusivity(unchecked) private var afterFirstElement = false
    @exclusivity(unchecked) private var filled: [Bool] = []
    @exclusivity(unchecked) private var nested: [UInt8] = []

    init(scanner: JSONScanner, layout: JSONLayout, keys: JSONKeyTable?, limits: InputLimits, box: JSONDiagnosticBox) {
        self.sc = scanner
        self.layout = layout
        self.keys = keys ?? JSONKeyTable()
        self.headerKnown = keys != nil
        self.limits = limits
        self.box = box
        if layout == .ndjson { scanner.mentionsTextPosition = false }
    }

    func next() throws -> Row? {
        if let p = pending {
            pending = nil
            return p
        }
        if done { return nil }
        if headerKnown && !headerReturned && keys.count > 0 {
            headerReturned = true
            return headerRow()
        }
        guard let row = try readRecord() else {
            done = true
            if !headerReturned && keys.count > 0 {
                headerReturned = true
                return headerRow()
            }
            return nil
        }
        if !headerReturned {
            headerReturned = true
            pending = row
            return headerRow()
        }
        return row
    }

    private func headerRow() -> Row {
        Row(number: 1, cells: keys.names.map { .text($0) })
    }

    // MARK: Records

    private func readRecord() throws -> Row? {
        sc.location.row = nil
        sc.location.field = nil
        switch layout {
        case .ndjson:
            guard let b = try sc.skipWhitespace() else { return nil }
            let line = sc.line
            sc.location.row = line
            guard b == 0x7B else { throw notAnObject(b) }
            try countRow()
            let row = try readObject(number: line)
            guard try sc.finishLine() else { throw JSONLayoutAnalyzer.twoValuesOnLine(sc) }
            return row
        case .array, .object:
            // Errors before the next object belong to the row it would have been.
            sc.location.row = ordinal + 2
            guard var b = try sc.skipWhitespace() else { throw sc.truncated() }
            if b == 0x5D {
                sc.advance()
                sc.location.row = nil
                if layout == .array, let extra = try sc.skipWhitespace() {
                    throw sc.unexpected(extra, expected: Localized(ru: "конец файла после «]»", en: "the end of the file after “]”"))
                }
                return nil
            }
            if afterFirstElement {
                guard b == 0x2C else { throw sc.unexpected(b, expected: Localized(ru: "«,» или «]»", en: "“,” or “]”")) }
                sc.advance()
                guard let n = try sc.skipWhitespace() else { throw sc.truncated() }
                b = n
            }
            afterFirstElement = true
            sc.location.row = ordinal + 2
            guard b == 0x7B else { throw notAnObject(b) }
            try countRow()
            return try readObject(number: ordinal + 1)
        }
    }

    private func countRow() throws {
        ordinal += 1
        if ordinal > limits.maxRows {
            throw MentorBaseError.limit(sc.location, ru: "строк больше допустимого (\(limits.maxRows))",
                                        en: "more rows than allowed (\(limits.maxRows))")
        }
    }

    /// Reads the object at the scanner (standing at its `{`) into a row in header order.
    private func readObject(number: Int) throws -> Row {
        sc.advance()
        var cells = [Cell](repeating: .empty, count: keys.count)
        if filled.count != keys.count { filled = [Bool](repeating: false, count: keys.count) }
        for i in filled.indices { filled[i] = false }
        if try sc.skipWhitespace() == 0x7D {
            sc.advance()
            return Row(number: number, cells: cells)
        }
        var hint = 0
        while true {
            sc.location.field = nil
            try sc.expect(0x22, Localized(ru: "ключ в кавычках", en: "a quoted key"))
            try sc.readStringBytes()
            let index: Int
            if let i = keys.index(of: sc.scratch, hint: hint) {
                index = i
            } else {
                index = try addKey(number: number)
                cells.append(.empty)
                filled.append(false)
            }
            sc.location.field = keys.names[index]
            try sc.expect(0x3A, Localized(ru: "«:» после ключа", en: "“:” after the key"))
            let cell = try readCell()
            if filled[index] {
                box.log.append(Diagnostic(
                    code: "duplicate-key", severity: .warning, location: sc.location,
                    message: Localized(ru: "ключ «\(keys.names[index])» дважды в одном объекте; оставлено последнее значение",
                                       en: "key “\(keys.names[index])” appears twice in one object; the last value is kept")))
            }
            filled[index] = true
            cells[index] = cell
            hint = index + 1
            guard let sep = try sc.skipWhitespace() else { throw sc.truncated() }
            sc.advance()
            if sep == 0x7D { break }
            guard sep == 0x2C else { throw sc.unexpected(sep, expected: Localized(ru: "«,» или «}»", en: "“,” or “}”")) }
        }
        sc.location.field = nil
        return Row(number: number, cells: cells)
    }

    /// A key not in the header yet: a new column at the end (a warning once the header was returned).
    private func addKey(number: Int) throws -> Int {
        let name = try sc.decodeScratch()
        if keys.count >= limits.maxColumns {
            throw MentorBaseError.limit(sc.location, ru: "ключей больше допустимого (\(limits.maxColumns))",
                                        en: "more keys than allowed (\(limits.maxColumns))")
        }
        let index = keys.add(sc.scratch, name: name)
        if headerReturned {
            var loc = sc.location
            loc.field = name
            loc.column = index + 1
            box.log.append(Diagnostic(
                code: "extra-cell", severity: .warning, location: loc,
                message: Localized(ru: "ключ «\(name)» впервые встретился после строки заголовка; он добавлен столбцом \(index + 1) в конце, а в строке заголовка его нет",
                                   en: "key “\(name)” first appears after the header row was read; it was added as column \(index + 1) at the end, and the header row does not list it"),
                hint: Localized(ru: "читайте из файла, а не из стандартного ввода: тогда все ключи собираются заранее",
                                en: "read from a file rather than standard input: then every key is collected first")))
        }
        return index
    }

    /// One value as a cell: null → empty, string → text, number → number, true/false → boolean,
    /// arrays and objects → their compact JSON text.
    private func readCell() throws -> Cell {
        guard let b = try sc.skipWhitespace() else { throw sc.truncated() }
        switch b {
        case 0x22:
            sc.advance()
            return .text(try sc.readString())
        case 0x2D, 0x30...0x39:
            let integer = try sc.readNumberLiteral()
            let v = sc.numberValue(integer: integer)
            if !v.isFinite {
                let literal = String(decoding: sc.scratch, as: UTF8.self)
                warn("number-out-of-range", value: literal,
                     ru: "число \(literal) не помещается в число с плавающей точкой; прочитано как текст",
                     en: "number \(literal) does not fit a double; read as text")
                return .text(literal)
            }
            if integer && sc.scratch.count > 16 {
                let literal = String(decoding: sc.scratch, as: UTF8.self)
                if Int64(exactly: v).map(String.init) != literal {
                    warn("number-precision", value: literal,
                         ru: "целое \(literal) длиннее 15 знаков и хранится приближённо (\(Cell.format(number: v)))",
                         en: "integer \(literal) has more than 15 digits and is held approximately (\(Cell.format(number: v)))")
                }
            }
            return .number(v)
        case 0x74:
            try sc.expectLiteral("true")
            return .boolean(true)
        case 0x66:
            try sc.expectLiteral("false")
            return .boolean(false)
        case 0x6E:
            try sc.expectLiteral("null")
            return .empty
        case 0x7B, 0x5B:
            nested.removeAll(keepingCapacity: true)
            try sc.captureValue(into: &nested)
            return .text(String(decoding: nested, as: UTF8.self))
        default:
            throw sc.unexpected(b, expected: Localized(ru: "значение", en: "a value"))
        }
    }

    private func warn(_ code: String, value: String, ru: String, en: String) {
        box.log.append(Diagnostic(code: code, severity: .warning, location: sc.location, value: value,
                                  message: Localized(ru: ru, en: en)))
    }

    private func notAnObject(_ b: UInt8) -> MentorBaseError {
        JSONLayoutAnalyzer(name: sc.location.file ?? "", limits: limits, forcedNDJSON: false).notAnObject(sc, b)
    }
}
