import MentorBase

/// Record files (`.rec`, the plain-text format of GNU recutils): records of `Field: value`
/// lines separated by blank lines. Read-only, streaming. The worked example of docs/plugins.md.
public struct RecfilePlugin: FormatPlugin {
    /// The plugin; it holds no state.
    public init() {}

    /// Id `rec`, extension `.rec`, read-only and streaming, one setting.
    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "rec", name: "Record file (recutils)", extensions: ["rec"],
                         mediaTypes: ["text/x-recfile"], capabilities: [.read, .streaming],
                         options: [FormatOption(name: "trim",
                                                help: Localized(ru: "чтение: true — убрать пробелы по краям значений",
                                                                en: "reading: true trims spaces around values"))])
    }

    /// Plausible when the first meaningful lines all look like `Field: value`; never `.content`,
    /// since the format has no signature.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let byName = probe.fileExtension == "rec" ? SniffMatch(.fileExtension, reason: "extension .rec") : nil
        let text = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.trimmingSuffix("\r") }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("+") }.prefix(3)
        guard !lines.isEmpty, lines.allSatisfy({ RecfileReader.field(in: $0) != nil }) else { return byName }
        return SniffMatch(.plausibleContent, reason: "Field: value lines")
    }

    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        let trim: Bool
        switch options.settings["trim"]?.lowercased() {
        case nil, "false", "no": trim = false
        case "true", "yes": trim = true
        case let other?:
            throw MentorBaseError.usage(ru: "trim: ожидалось true или false, а не «\(other)»",
                                        en: "trim: expected true or false, not “\(other)”")
        }
        return RecfileReader(source: source, limits: options.limits, trim: trim)
    }
}

/// One sheet named after the file; its header is the first record's field names. A row's
/// number is the line its record starts on (the header shares the first record's line), so
/// an editor's "go to line" finds it.
final class RecfileReader: TableReader, RowCursor {
    let sheets: [SheetInfo]
    let details = SourceDetails(encoding: "utf-8")
    private(set) var diagnostics = DiagnosticLog()
    private let source: InputSource
    private let limits: InputLimits
    private let trim: Bool
    private var lines: LineSplitter?
    private var header: [String] = []
    private var pending: Row?     // the first record, held back while the header goes out
    private var records = 0
    private var done = false

    init(source: InputSource, limits: InputLimits, trim: Bool) {
        self.source = source
        self.limits = limits
        self.trim = trim
        let file = source.name.split(separator: "/").last.map(String.init) ?? source.name
        sheets = [SheetInfo(name: file)]
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard index == 0, lines == nil else {
            throw MentorBaseError.usage(ru: "в файле один лист, и он читается один раз",
                                        en: "the file has one sheet, read once")
        }
        lines = LineSplitter(stream: try source.openStream(), limit: limits.maxCellBytes, location: source.location)
        return self
    }

    func next() throws -> Row? {
        if let first = pending {
            pending = nil
            return first
        }
        guard !done, let record = try readRecord() else { done = true; return nil }
        records += 1
        if records > limits.maxRows {
            throw MentorBaseError.limit(SourceLocation(file: source.name, row: record[0].line),
                                        ru: "больше \(limits.maxRows) записей", en: "more than \(limits.maxRows) records")
        }
        if records == 1 {
            header = record.map(\.name)
            pending = Row(number: record[0].line, cells: record.map { .text($0.value) })
            return Row(number: record[0].line, cells: header.map { .text($0) })
        }
        var cells = [Cell](repeating: .empty, count: header.count)
        for field in record {
            guard let i = header.firstIndex(of: field.name) else {
                diagnostics.append(Diagnostic(
                    code: "extra-field", severity: .warning,
                    location: SourceLocation(file: source.name, row: field.line, field: field.name), value: field.value,
                    message: Localized(ru: "поля нет в первой записи; значение пропущено",
                                       en: "the first record lacks this field; the value is skipped"),
                    hint: Localized(ru: "добавьте поле в первую запись", en: "add the field to the first record")))
                continue
            }
            cells[i] = .text(field.value)
        }
        return Row(number: record[0].line, cells: cells)
    }

    /// The next record's fields in file order with their line numbers, or nil at the end.
    private func readRecord() throws -> [(name: String, value: String, line: Int)]? {
        guard let lines else { return nil }
        var fields: [(name: String, value: String, line: Int)] = []
        while let (line, lineNumber) = try lines.next() {
            if line.isEmpty {
                if fields.isEmpty { continue } else { break }
            }
            if line.hasPrefix("#") || line.hasPrefix("%") { continue }   // comments, record descriptors
            if line.hasPrefix("+"), !fields.isEmpty {                      // a continuation line
                fields[fields.count - 1].value += "\n" + line.dropFirst().drop { $0 == " " }
                continue
            }
            guard let (name, value) = RecfileReader.field(in: line[...]) else {
                throw MentorBaseError.source(SourceLocation(file: source.name, row: lineNumber),
                                             ru: "ожидалось «Поле: значение»", en: "expected “Field: value”",
                                             hintRu: "продолжение значения начинайте с «+ »",
                                             hintEn: "start a continued value with “+ ”")
            }
            guard fields.count < limits.maxColumns else {
                throw MentorBaseError.limit(SourceLocation(file: source.name, row: lineNumber),
                                            ru: "больше \(limits.maxColumns) полей в записи",
                                            en: "more than \(limits.maxColumns) fields in a record")
            }
            fields.append((name, trim ? value.trimmingSpaces : value, lineNumber))
        }
        return fields.isEmpty ? nil : fields
    }

    /// `Name: value` → (`Name`, `value`); nil when the line is not a field.
    static func field(in line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return nil }
        let name = line[..<colon]
        guard !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "{" || $0 == ";" || $0 == "," })
        else { return nil }
        var value = line[line.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        return (String(name), String(value))
    }
}

/// Splits a byte stream into UTF-8 lines, whatever the chunk boundaries; refuses lines over `limit` bytes.
final class LineSplitter {
    private let stream: any ByteStream
    private let limit: Int
    private let location: SourceLocation
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0      // bytes after `start` known to hold no line break
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var atEnd = false
    private var lineNumber = 0

    init(stream: any ByteStream, limit: Int, location: SourceLocation) {
        self.stream = stream
        self.limit = limit
        self.location = location
    }

    /// The next line without its `\n` (and `\r`), with its 1-based number; nil at the end.
    func next() throws -> (String, Int)? {
        while true {
            if let nl = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                let line = try decode(buffer[start..<nl])
                start = nl + 1
                scanned = 0
                return line
            }
            scanned = buffer.count - start
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = try decode(buffer[start...])
                start = buffer.count
                scanned = 0
                return line
            }
            if buffer.count - start > limit {
                throw MentorBaseError.limit(SourceLocation(file: location.file, row: lineNumber + 1),
                                            ru: "строка длиннее \(limit) байт", en: "the line is longer than \(limit) bytes")
            }
            buffer.removeFirst(start)
            start = 0
            let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { atEnd = true } else { buffer += chunk[0..<n] }
        }
    }

    private func decode(_ bytes: ArraySlice<UInt8>) throws -> (String, Int) {
        lineNumber += 1
        var b = bytes
        if lineNumber == 1, b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }   // a UTF-8 BOM
        if b.last == 0x0D { b = b.dropLast() }
        guard let s = String(validating: b, as: UTF8.self) else {
            throw MentorBaseError.encoding(SourceLocation(file: location.file, row: lineNumber), encoding: "UTF-8")
        }
        return (s, lineNumber)
    }
}

extension Substring {
    func trimmingSuffix(_ s: String) -> Substring { hasSuffix(s) ? dropLast(s.count) : self }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
