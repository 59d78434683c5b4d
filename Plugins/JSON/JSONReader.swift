import MentorBase

/// Reads the three JSON layouts as sheets of rows (see ``JSONPlugin`` for the cell mapping).
///
/// When the source can be opened again (a file, bytes in memory) a cheap first pass collects
/// every key of every sheet, so the header row lists them all even if some appear only late.
/// A one-shot stream (standard input) in the array or NDJSON layout is read once: a key that
/// first appears after the header row was returned becomes a new column at the end, with an
/// `extra-cell` warning. A one-shot object layout is held in memory (up to
/// `InputLimits.maxFileBytes`), because its sheet names are spread over the whole document.
final class JSONTableReader: TableReader {
    let sheets: [SheetInfo]
    let details: SourceDetails
    var diagnostics: DiagnosticLog { box.log }

    private let box = JSONDiagnosticBox()
    private let layout: JSONLayout
    /// Keys per sheet from the first pass; nil when they are discovered while reading.
    private let sheetKeys: [JSONKeyTable?]
    /// Opens the source again from its first byte; nil for a one-shot stream.
    private let reopen: (() throws -> any ByteStream)?
    private var oneShot: (any ByteStream)?
    private let name: String
    private let limits: InputLimits

    /// The sniffing window: what `InputSource.peek()` returns by default.
    static let headSize = 64 * 1024

    init(source: InputSource, options: ReadOptions) throws {
        if let forced = options.encoding, forced != "utf-8", forced != "utf-8-bom" {
            throw MentorBaseError.usage(ru: "JSON всегда в UTF-8; кодировку \(forced) указать нельзя",
                                        en: "JSON is always UTF-8; encoding \(forced) cannot be forced")
        }
        name = source.name
        limits = options.limits
        let head = try source.peek(JSONTableReader.headSize)
        let hasBOM = head.starts(with: [0xEF, 0xBB, 0xBF])
        let forcedNDJSON = ["ndjson", "jsonl"].contains(source.fileExtension ?? "")
        let analyzer = JSONLayoutAnalyzer(name: source.name, limits: options.limits, forcedNDJSON: forcedNDJSON)

        let first = try source.openStream()
        // A one-shot stream refuses a second open; files and memory do not.
        let canReopen = (try? source.openStream()) != nil
        var replay: InputSource = source

        if !canReopen {
            let decision = try analyzer.decideFromHead(head, isWholeInput: head.count < JSONTableReader.headSize)
            switch decision {
            case .array, .ndjson:
                let l: JSONLayout = decision == .array ? .array : .ndjson
                layout = l
                sheetKeys = [nil]
                sheets = [SheetInfo(name: JSONNames.stem(of: source.name))]
                oneShot = first
                reopen = nil
                details = SourceDetails(encoding: hasBOM ? "utf-8-bom" : "utf-8", extras: [("layout", l.rawValue)])
                return
            case .needsWholeInput:
                // Sheet names are spread over the whole document: hold it in memory, bounded.
                let bytes = try first.readToEnd(limit: options.limits.maxFileBytes, location: source.location)
                replay = InputSource(bytes: bytes, name: source.name)
            }
        }

        let open = { [replay] () throws -> any ByteStream in try replay.openStream() }
        let plan = try analyzer.fullPass(open: open)
        layout = plan.layout
        sheetKeys = plan.sheets.map(\.keys)
        sheets = plan.sheets.map { SheetInfo(name: $0.name ?? JSONNames.stem(of: source.name)) }
        reopen = open
        details = SourceDetails(encoding: hasBOM ? "utf-8-bom" : "utf-8", extras: [("layout", plan.layout.rawValue)])
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard sheets.indices.contains(index) else {
            throw MentorBaseError.usage(ru: "в файле нет листа номер \(index + 1)", en: "the file has no sheet number \(index + 1)")
        }
        let stream: any ByteStream
        if let reopen {
            stream = try reopen()
        } else if let s = oneShot {
            stream = s
            oneShot = nil
        } else {
            throw MentorBaseError.io(SourceLocation(file: name), ru: "поток уже прочитан", en: "the stream was already read")
        }
        let location = SourceLocation(file: name, sheet: layout == .object ? sheets[index].name : nil)
        let sc = JSONScanner(stream: stream, location: location, maxCellBytes: limits.maxCellBytes)
        _ = try sc.skipBOM()
        switch layout {
        case .array:
            try sc.expect(0x5B, Localized(ru: "«[»", en: "“[”"))
        case .ndjson:
            break
        case .object:
            // Skip the sheets before this one; their own cursors check their content.
            try sc.expect(0x7B, Localized(ru: "«{»", en: "“{”"))
            for k in 0...index {
                if k > 0 { try sc.expect(0x2C, Localized(ru: "«,»", en: "“,”")) }
                try sc.expect(0x22, Localized(ru: "имя листа в кавычках", en: "a quoted sheet name"))
                try sc.skipStringBody()
                try sc.expect(0x3A, Localized(ru: "«:»", en: "“:”"))
                if k < index { try sc.skipValue() }
            }
            try sc.expect(0x5B, Localized(ru: "«[» (массив строк листа)", en: "“[” (the sheet's array of rows)"))
        }
        return JSONRowCursor(scanner: sc, layout: layout, keys: sheetKeys[index], limits: limits, box: box)
    }
}

/// Works out a JSON source's layout and, in the full pass, every sheet's keys.
struct JSONLayoutAnalyzer {
    let name: String
    let limits: InputLimits
    /// `.ndjson` / `.jsonl` files are NDJSON whatever their first line looks like.
    let forcedNDJSON: Bool

    /// What the first bytes of a one-shot stream tell.
    enum HeadDecision: Equatable {
        case array, ndjson
        /// The object layout, or too little seen to know: read the whole input first.
        case needsWholeInput
    }

    /// One sheet found by the full pass: its name (nil: named after the file) and keys.
    struct SheetPlan {
        var name: String?
        var keys: JSONKeyTable
    }

    private func scanner(_ stream: any ByteStream) -> JSONScanner {
        JSONScanner(stream: stream, location: SourceLocation(file: name), maxCellBytes: limits.maxCellBytes)
    }

    /// Decides from the first bytes whether a one-shot stream can be read as it comes.
    func decideFromHead(_ head: [UInt8], isWholeInput: Bool) throws -> HeadDecision {
        let sc = scanner(MemoryStream(head))
        _ = try sc.skipBOM()
        guard let first = try sc.skipWhitespace() else {
            if forcedNDJSON { return .ndjson }
            if isWholeInput { throw emptyInput() }
            return .needsWholeInput
        }
        if forcedNDJSON { return .ndjson }
        switch first {
        case 0x5B:
            return .array
        case 0x7B:
            // Only a sure NDJSON streams; anything else is settled by the full pass over the whole input.
            let outcome: BraceOutcome
            do { outcome = try classifyBrace(sc, collect: false) } catch { return .needsWholeInput }
            switch outcome {
            case .ndjson: return .ndjson
            case .violation:
                let again = scanner(MemoryStream(head))
                _ = try? again.skipBOM()
                if (try? again.skipValue()) != nil, (try? again.skipWhitespace()) == 0x7B { return .ndjson }
                return .needsWholeInput
            case .object: return .needsWholeInput
            }
        default:
            throw topLevelNotATable(sc, first)
        }
    }

    /// Reads the whole source once, cheaply, for its layout and every sheet's keys.
    func fullPass(open: () throws -> any ByteStream) throws -> (layout: JSONLayout, sheets: [SheetPlan]) {
        let sc = scanner(try open())
        _ = try sc.skipBOM()
        guard let first = try sc.skipWhitespace() else {
            if forcedNDJSON { return (.ndjson, [SheetPlan(name: nil, keys: JSONKeyTable())]) }
            throw emptyInput()
        }
        if forcedNDJSON { return (.ndjson, [SheetPlan(name: nil, keys: try collectNDJSON(sc))]) }
        switch first {
        case 0x5B:
            return (.array, [SheetPlan(name: nil, keys: try collectArray(sc, trailing: true))])
        case 0x7B:
            switch try classifyBrace(sc, collect: true) {
            case .object(let plans):
                return (.object, plans)
            case .ndjson:
                break
            case .violation(let error):
                // An object layout broken in its first value, unless another value follows: then it is NDJSON.
                let again = scanner(try open())
                _ = try again.skipBOM()
                guard (try? again.skipValue()) != nil, (try? again.skipWhitespace()) == 0x7B else { throw error }
            }
            let lines = scanner(try open())
            _ = try lines.skipBOM()
            return (.ndjson, [SheetPlan(name: nil, keys: try collectNDJSON(lines))])
        default:
            throw topLevelNotATable(sc, first)
        }
    }

    /// What a top-level `{` turned out to be.
    enum BraceOutcome {
        /// A complete object of arrays of objects with nothing after it.
        case object([SheetPlan])
        /// Its first value is not an array of objects, or another value follows it.
        case ndjson
        /// It starts as the object layout but breaks it later.
        case violation(MentorBaseError)
    }

    /// Reads the first top-level value (the scanner stands at its `{`) as the object layout.
    ///
    /// The object layout is chosen when the first key holds an array of objects (or an empty
    /// array) and nothing follows the closing brace. An NDJSON record whose first field holds
    /// such an array is told apart by the line after it.
    func classifyBrace(_ sc: JSONScanner, collect: Bool) throws -> BraceOutcome {
        sc.advance()
        var plans: [SheetPlan] = []
        if try sc.skipWhitespace() == 0x7D {
            sc.advance()
        } else {
            while true {
                try sc.expect(0x22, Localized(ru: "имя листа в кавычках", en: "a quoted sheet name"))
                let sheetName = try sc.readString()
                sc.location.sheet = sheetName
                try sc.expect(0x3A, Localized(ru: "«:» после имени листа", en: "“:” after the sheet name"))
                guard let v = try sc.skipWhitespace() else { throw sc.truncated() }
                guard v == 0x5B else {
                    if plans.isEmpty { return .ndjson }
                    return .violation(sc.syntax(ru: "значение листа «\(sheetName)» — не массив объектов",
                                                en: "the value of sheet “\(sheetName)” is not an array of objects",
                                                hintRu: "в JSON вида {\"лист\": [...]} каждое значение — массив объектов; если это NDJSON, назовите файл *.ndjson",
                                                hintEn: "in a {\"sheet\": [...]} file every value is an array of objects; if this is NDJSON, name the file *.ndjson"))
                }
                sc.advance()
                if plans.isEmpty {
                    // An array of non-objects under the first key means a record with a list in it, not a sheet.
                    guard let e = try sc.skipWhitespace() else { throw sc.truncated() }
                    if e != 0x7B && e != 0x5D { return .ndjson }
                }
                do {
                    plans.append(SheetPlan(name: sheetName, keys: try collectElements(sc, collect: collect)))
                } catch let error as MentorBaseError where error.code == "source-error" {
                    return .violation(error)
                }
                guard let sep = try sc.skipWhitespace() else { throw sc.truncated() }
                sc.advance()
                if sep == 0x7D { break }
                guard sep == 0x2C else { throw sc.unexpected(sep, expected: Localized(ru: "«,» или «}»", en: "“,” or “}”")) }
            }
        }
        sc.location.sheet = nil
        sc.location.row = nil
        guard let after = try sc.skipWhitespace() else { return .object(plans) }
        if after == 0x7B { return .ndjson }
        throw sc.unexpected(after, expected: Localized(ru: "конец файла", en: "the end of the file"))
    }

    /// The keys of an array layout (the scanner stands at its `[`).
    private func collectArray(_ sc: JSONScanner, trailing: Bool) throws -> JSONKeyTable {
        sc.advance()
        let keys = try collectElements(sc, collect: true)
        if trailing, let b = try sc.skipWhitespace() {
            throw sc.unexpected(b, expected: Localized(ru: "конец файла после «]»", en: "the end of the file after “]”"))
        }
        return keys
    }

    /// The keys of an array's objects (the `[` consumed), through its `]`.
    private func collectElements(_ sc: JSONScanner, collect: Bool) throws -> JSONKeyTable {
        let keys = JSONKeyTable()
        var ordinal = 0
        if try sc.skipWhitespace() == 0x5D {
            sc.advance()
            return keys
        }
        while true {
            ordinal += 1
            sc.location.row = ordinal + 1
            sc.location.field = nil
            guard let b = try sc.skipWhitespace() else { throw sc.truncated() }
            guard b == 0x7B else { throw notAnObject(sc, b) }
            if collect { try collectKeys(sc, into: keys) } else { try sc.skipValue() }
            guard let sep = try sc.skipWhitespace() else { throw sc.truncated() }
            sc.advance()
            if sep == 0x5D { break }
            guard sep == 0x2C else { throw sc.unexpected(sep, expected: Localized(ru: "«,» или «]»", en: "“,” or “]”")) }
        }
        sc.location.row = nil
        sc.location.field = nil
        return keys
    }

    /// The keys of NDJSON records, one object per line.
    private func collectNDJSON(_ sc: JSONScanner) throws -> JSONKeyTable {
        let keys = JSONKeyTable()
        sc.mentionsTextPosition = false
        while let b = try sc.skipWhitespace() {
            sc.location.row = sc.line
            sc.location.field = nil
            guard b == 0x7B else { throw notAnObject(sc, b) }
            try collectKeys(sc, into: keys)
            guard try sc.finishLine() else { throw JSONLayoutAnalyzer.twoValuesOnLine(sc) }
        }
        return keys
    }

    /// Adds the keys of one object (the scanner stands at its `{`) and skips its values.
    private func collectKeys(_ sc: JSONScanner, into keys: JSONKeyTable) throws {
        sc.advance()
        if try sc.skipWhitespace() == 0x7D {
            sc.advance()
            return
        }
        var hint = 0
        while true {
            sc.location.field = nil
            try sc.expect(0x22, Localized(ru: "ключ в кавычках", en: "a quoted key"))
            try sc.readStringBytes()
            if let i = keys.index(of: sc.scratch, hint: hint) {
                hint = i + 1
                sc.location.field = keys.names[i]
            } else {
                let name = try sc.decodeScratch()
                if keys.count >= limits.maxColumns {
                    throw MentorBaseError.limit(sc.location, ru: "ключей больше допустимого (\(limits.maxColumns))",
                                                en: "more keys than allowed (\(limits.maxColumns))")
                }
                hint = keys.add(sc.scratch, name: name) + 1
                sc.location.field = name
            }
            try sc.expect(0x3A, Localized(ru: "«:» после ключа", en: "“:” after the key"))
            try sc.skipValue()
            guard let sep = try sc.skipWhitespace() else { throw sc.truncated() }
            sc.advance()
            if sep == 0x7D {
                sc.location.field = nil
                return
            }
            guard sep == 0x2C else { throw sc.unexpected(sep, expected: Localized(ru: "«,» или «}»", en: "“,” or “}”")) }
        }
    }

    // MARK: Errors

    private func emptyInput() -> MentorBaseError {
        MentorBaseError.source(SourceLocation(file: name), ru: "файл пуст: в нём нет JSON-значения",
                               en: "the file is empty: it holds no JSON value",
                               hintRu: "ожидался массив объектов [...], объект {\"лист\": [...]} или NDJSON",
                               hintEn: "expected an array of objects [...], an object {\"sheet\": [...]} or NDJSON")
    }

    private func topLevelNotATable(_ sc: JSONScanner, _ b: UInt8) -> MentorBaseError {
        sc.location.row = sc.line
        let e = sc.unexpected(b, expected: Localized(ru: "«[» или «{» в начале файла", en: "“[” or “{” at the start of the file"))
        guard e.code == "source-error" else { return e }
        return MentorBaseError.source(e.location, ru: e.message.ru, en: e.message.en,
                                      hintRu: "таблица в JSON — это массив объектов, объект массивов или NDJSON, а не отдельное значение",
                                      hintEn: "a table in JSON is an array of objects, an object of arrays, or NDJSON, not a lone value")
    }

    /// An array element or NDJSON line that is not an object.
    func notAnObject(_ sc: JSONScanner, _ b: UInt8) -> MentorBaseError {
        let e = sc.unexpected(b, expected: Localized(ru: "объект {…}", en: "an object {…}"))
        guard e.code == "source-error" else { return e }
        return MentorBaseError.source(e.location, ru: e.message.ru, en: e.message.en,
                                      hintRu: "каждая строка таблицы — объект {\"ключ\": значение, …}",
                                      hintEn: "every row of the table is an object {\"key\": value, …}")
    }

    /// More than one value on an NDJSON line.
    static func twoValuesOnLine(_ sc: JSONScanner) -> MentorBaseError {
        sc.syntax(ru: "на строке больше одного JSON-значения", en: "more than one JSON value on the line",
                  hintRu: "в NDJSON ровно один объект на строке", hintEn: "NDJSON holds exactly one object per line")
    }
}
