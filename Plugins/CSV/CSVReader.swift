import CLibCSV
#if canImport(Glibc)
import Glibc
#endif
import MentorBase

/// Reads delimited text with libcsv, one record at a time.
///
/// The encoding and delimiter are settled once from the first 64 KiB; libcsv then parses the
/// raw bytes (UTF-8 and Windows-1251 are ASCII-compatible, UTF-16 is transcoded to UTF-8 on
/// the fly) and each field is decoded as it completes.
final class CSVReader: TableReader {
    let source: InputSource
    let options: ReadOptions
    let encoding: TextEncodingDetector.Result
    let delimiter: UInt8
    let sheets: [SheetInfo]
    let details: SourceDetails
    private let log = DiagnosticBox()
    private var opened = false

    var diagnostics: DiagnosticLog { log.log }

    init(source: InputSource, options: ReadOptions) throws {
        self.source = source
        self.options = options
        let head = try source.peek(64 * 1024)
        if let forced = options.encoding, let e = TextEncodingName(rawValue: forced) {
            encoding = TextEncodingDetector.forced(e, head)
        } else if let e = TextEncodingDetector.detect(head) {
            encoding = e
        } else {
            throw MentorBaseError(code: "encoding-error", kind: .data, location: source.location,
                                  message: Localized(ru: "файл не похож на текст: в нём есть нулевые байты",
                                                     en: "the file does not look like text: it contains NUL bytes"),
                                  hint: Localized(ru: "проверьте, что это CSV; другой формат укажите через --from",
                                                  en: "check that this is a CSV; name another format with --from"))
        }
        let prefix = CSVReader.utf8Prefix(head, encoding)
        if let d = options.delimiter {
            guard d.utf8.count == 1, let b = d.utf8.first, b != 0x22, b != 0x0A, b != 0x0D else {
                throw MentorBaseError.usage(ru: "разделитель должен быть одним символом ASCII, не кавычкой и не переводом строки",
                                            en: "the delimiter must be one ASCII character, not a quote or a line break")
            }
            delimiter = b
        } else {
            let ext = source.fileExtension
            delimiter = DelimiterSniffer.sniff(prefix[...]) ?? (ext == "tsv" ? 0x09 : 0x2C)
        }
        let last = source.name.split(separator: "/").last.map(String.init) ?? source.name
        var base = last
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { base = String(last[..<dot]) }
        sheets = [SheetInfo(name: base)]
        details = SourceDetails(encoding: encoding.encoding.rawValue,
                                delimiter: String(UnicodeScalar(delimiter)))
    }

    /// The head as UTF-8 bytes, for sniffing the delimiter.
    static func utf8Prefix(_ head: [UInt8], _ e: TextEncodingDetector.Result) -> [UInt8] {
        let body = Array(head.dropFirst(e.bomLength))
        switch e.encoding {
        case .utf16LE, .utf16BE:
            var t = UTF16Transcoder(bigEndian: e.encoding == .utf16BE)
            var out: [UInt8] = []
            _ = body.withUnsafeBytes { t.transcode($0, into: &out) }
            return out
        default:
            // Delimiters, quotes and line breaks are ASCII in UTF-8 and Windows-1251 alike.
            return body
        }
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard index == 0 else {
            throw MentorBaseError.usage(ru: "в CSV один лист", en: "a CSV has one sheet")
        }
        if opened, source.fileURL == nil {
            throw MentorBaseError.io(source.location, ru: "поток уже прочитан", en: "the stream was already read")
        }
        opened = true
        return try CSVRowCursor(reader: self, stream: source.openStream(), log: log)
    }
}

/// A reference holder so the reader and its cursors share one bounded log.
final class DiagnosticBox {
    var log = DiagnosticLog(capacity: 1000)
}

/// Recently seen short values of one column, so repeated cells (classes, forms, schools)
/// share one String instead of being validated and allocated again.
///
/// Four slots per column, each keeping its bytes in a small fixed buffer so a lookup is a
/// length compare and a `memcmp`, with no String access unless it hits.
private struct ColumnCache {
    static let slots = 4
    static let maxBytes = 48
    private let bytes: UnsafeMutablePointer<UInt8>
    private var lengths: (Int, Int, Int, Int) = (-1, -1, -1, -1)
    private var strings: [String] = ["", "", "", ""]
    private var next = 0

    init() {
        bytes = .allocate(capacity: ColumnCache.slots * ColumnCache.maxBytes)
    }

    func free() { bytes.deallocate() }

    @inline(__always)
    private func length(_ i: Int) -> Int {
        switch i {
        case 0: return lengths.0
        case 1: return lengths.1
        case 2: return lengths.2
        default: return lengths.3
        }
    }

    @inline(__always)
    func lookup(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
        let n = buf.count
        for i in 0..<ColumnCache.slots where length(i) == n {
            if memcmp(bytes + i * ColumnCache.maxBytes, buf.baseAddress!, n) == 0 { return strings[i] }
        }
        return nil
    }

    @inline(__always)
    mutating func remember(_ s: String, _ buf: UnsafeBufferPointer<UInt8>) {
        let i = next
        next = (next + 1) & 3
        (bytes + i * ColumnCache.maxBytes).update(from: buf.baseAddress!, count: buf.count)
        switch i {
        case 0: lengths.0 = buf.count
        case 1: lengths.1 = buf.count
        case 2: lengths.2 = buf.count
        default: lengths.3 = buf.count
        }
        strings[i] = s
    }
}

/// State the libcsv callbacks write into, reached through libcsv's `void *data`.
///
/// A struct behind a pointer rather than a class: the callbacks run once per field, and
/// class property access would pay a dynamic exclusivity check each time.
private struct ParseState {
    var caches: [ColumnCache] = []
    var fields: [Cell] = []
    var rows: [Row] = []
    var rowNumber = 1
    var lastTerminator: Int32 = 0
    var lastRecordHadFields = false
    var headerWidth: Int?
    var error: MentorBaseError?
    let encoding: TextEncodingName
    let limits: InputLimits
    let fileName: String
    let sheetName: String
    let log: DiagnosticBox
    let cp1251 = Windows1251ToUTF8()
    var scratch: [UInt8] = []

    init(encoding: TextEncodingName, limits: InputLimits, fileName: String, sheetName: String, log: DiagnosticBox) {
        self.encoding = encoding
        self.limits = limits
        self.fileName = fileName
        self.sheetName = sheetName
        self.log = log
        fields.reserveCapacity(32)
    }

    func location(column: Int? = nil) -> SourceLocation {
        SourceLocation(file: fileName, row: rowNumber, column: column)
    }

    @inline(__always)
    mutating func addField(_ ptr: UnsafeMutableRawPointer?, _ len: Int) {
        guard error == nil else { return }
        guard len > 0, let ptr else {
            fields.append(.empty)
            return
        }
        if len > limits.maxCellBytes {
            error = .limit(location(column: fields.count + 1),
                           ru: "ячейка длиннее \(limits.maxCellBytes) байт", en: "a cell is longer than \(limits.maxCellBytes) bytes")
            return
        }
        if fields.count >= limits.maxColumns {
            error = .limit(location(), ru: "больше \(limits.maxColumns) столбцов", en: "more than \(limits.maxColumns) columns")
            return
        }
        let buf = UnsafeBufferPointer(start: ptr.assumingMemoryBound(to: UInt8.self), count: len)
        let column = fields.count
        let cacheable = len <= ColumnCache.maxBytes
        if cacheable {
            // One cache (and one buffer) per column: never repeatElement, which would share a buffer.
            while column >= caches.count { caches.append(ColumnCache()) }
            if let hit = caches[column].lookup(buf) {
                fields.append(.text(hit))
                return
            }
        }
        let s: String?
        if encoding == .windows1251 {
            s = cp1251.decode(buf, scratch: &scratch)
        } else {
            s = decodeUTF8(buf)
        }
        guard let s else {
            error = .encoding(location(column: fields.count + 1), encoding: encoding.rawValue)
            return
        }
        if cacheable { caches[column].remember(s, buf) }
        fields.append(.text(s))
    }

    @inline(__always)
    mutating func endRecord(_ terminator: Int32) {
        guard error == nil else { return }
        // With CSV_REPALL_NL a CRLF arrives as a record ended by CR and an empty one ended by LF.
        if fields.isEmpty && terminator == 0x0A && lastTerminator == 0x0D {
            lastTerminator = 0
            return
        }
        lastTerminator = terminator
        if rowNumber > limits.maxRows {
            error = .limit(location(), ru: "больше \(limits.maxRows) строк", en: "more than \(limits.maxRows) rows")
            return
        }
        let isBlank = fields.isEmpty || (fields.count == 1 && fields[0] == .empty)
        if !isBlank {
            if let w = headerWidth {
                if fields.count != w { reportRagged(fields.count, w) }
            } else {
                headerWidth = fields.count
            }
        }
        rows.append(Row(number: rowNumber, cells: fields))
        fields.removeAll(keepingCapacity: true)
        rowNumber += 1
    }

    private mutating func reportRagged(_ count: Int, _ width: Int) {
        let more = count > width
        log.log.append(Diagnostic(
            code: more ? "extra-cell" : "missing-cell", severity: .warning,
            location: SourceLocation(file: fileName, row: rowNumber, column: more ? width + 1 : count + 1),
            message: Localized(ru: "в строке \(count) ячеек, а в первой строке \(width)",
                               en: "the row has \(count) cells, the first row has \(width)"),
            hint: Localized(ru: more ? "лишний разделитель или неэкранированный текст с разделителем"
                                     : "в строке не хватает разделителей",
                            en: more ? "a stray delimiter, or text with the delimiter not in quotes"
                                     : "the row lacks delimiters")))
    }
}

/// The field as a String, or nil when its bytes are not valid UTF-8.
///
/// `String(decoding:)` is the stdlib's fast path but repairs bad bytes with U+FFFD; a repair
/// always changes the bytes, so comparing them back proves the input was valid. (The
/// validating initialiser is generic and several times slower here.)
@inline(__always)
func decodeUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
    var s = String(decoding: buf, as: UTF8.self)
    let same = s.withUTF8 { u in
        u.count == buf.count && (u.count == 0 || memcmp(u.baseAddress!, buf.baseAddress!, u.count) == 0)
    }
    return same ? s : nil
}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { ptr, len, data in
    data!.assumingMemoryBound(to: ParseState.self).pointee.addField(ptr, len)
}

private let recordCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { c, data in
    data!.assumingMemoryBound(to: ParseState.self).pointee.endRecord(c)
}

/// libcsv's parser state "inside a field" (FIELD_BEGUN in libcsv.c).
private let fieldBegun: Int32 = 2

/// The pull cursor: parses the next chunk only when the queue of finished rows is empty.
final class CSVRowCursor: RowCursor {
    private let parser: UnsafeMutablePointer<csv_parser>
    private let state: UnsafeMutablePointer<ParseState>
    private let stream: any ByteStream
    private let encoding: TextEncodingDetector.Result
    private var raw: [UInt8]
    private var transcoded: [UInt8] = []
    private var utf16: UTF16Transcoder?
    private var head = 0
    private var finished = false
    private var skipBOM: Int
    private let limits: InputLimits
    private let fileName: String

    init(reader: CSVReader, stream: any ByteStream, log: DiagnosticBox) throws {
        self.stream = stream
        self.encoding = reader.encoding
        self.limits = reader.options.limits
        self.fileName = reader.source.name
        self.skipBOM = reader.encoding.bomLength
        self.raw = [UInt8](repeating: 0, count: 64 * 1024)
        state = .allocate(capacity: 1)
        state.initialize(to: ParseState(encoding: reader.encoding.encoding == .windows1251 ? .windows1251 : .utf8,
                           limits: reader.options.limits, fileName: reader.source.name,
                           sheetName: reader.sheets[0].name, log: log))
        if reader.encoding.encoding == .utf16LE || reader.encoding.encoding == .utf16BE {
            utf16 = UTF16Transcoder(bigEndian: reader.encoding.encoding == .utf16BE)
        }
        parser = .allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            state.deinitialize(count: 1)
            state.deallocate()
            throw MentorBaseError.io(reader.source.location, ru: "не хватает памяти", en: "out of memory")
        }
        csv_set_delim(parser, reader.delimiter)
        csv_set_space_func(parser, mb_csv_no_space)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        for c in state.pointee.caches { c.free() }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func next() throws -> Row? {
        while head >= state.pointee.rows.count {
            if finished { return nil }
            state.pointee.rows.removeAll(keepingCapacity: true)
            head = 0
            try parseNextChunk()
        }
        let row = state.pointee.rows[head]
        head += 1
        return row
    }

    private func parseNextChunk() throws {
        var n = try raw.withUnsafeMutableBytes { try stream.read(into: $0) }
        var start = 0
        // Skip the BOM, which may arrive split over tiny chunks.
        while skipBOM > 0 && n > 0 {
            let k = min(skipBOM, n - start)
            skipBOM -= k
            start += k
            if start == n {
                start = 0
                n = try raw.withUnsafeMutableBytes { try stream.read(into: $0) }
            }
        }
        let data = UnsafeMutableRawPointer(state)
        if n == 0 {
            finished = true
            if let t = utf16, !t.isComplete {
                throw MentorBaseError.encoding(state.pointee.location(), encoding: encoding.encoding.rawValue)
            }
            // libcsv's own check (CSV_STRICT_FINI) needs CSV_STRICT, which would also refuse the
            // stray quotes inside unquoted cells that Excel and Python accept; so look at the
            // parser's state: inside a quoted field that has not seen its closing quote.
            let unterminated = parser.pointee.quoted != 0 && parser.pointee.pstate == fieldBegun
            let openedAt = state.pointee.location(column: state.pointee.fields.count + 1)
            let rc = csv_fini(parser, fieldCallback, recordCallback, data)
            if let e = state.pointee.error { throw e }
            if rc != 0 || unterminated {
                throw MentorBaseError.source(openedAt,
                    ru: "кавычка открыта и не закрыта до конца файла",
                    en: "a quote was opened and never closed before the end of the file",
                    hintRu: "проверьте кавычки в этой строке: текст с кавычкой внутри пишется как \"\"",
                    hintEn: "check the quotes in this row: a quote inside quoted text is written as \"\"")
            }
            return
        }
        let consumed: Int
        if var t = utf16 {
            transcoded.removeAll(keepingCapacity: true)
            let ok = raw.withUnsafeBytes { t.transcode(UnsafeRawBufferPointer(rebasing: $0[start..<n]), into: &transcoded) }
            utf16 = t
            guard ok else { throw MentorBaseError.encoding(state.pointee.location(), encoding: encoding.encoding.rawValue) }
            consumed = transcoded.withUnsafeBytes {
                csv_parse(parser, $0.baseAddress, $0.count, fieldCallback, recordCallback, data)
            } - transcoded.count + (n - start)
        } else {
            consumed = raw.withUnsafeBytes {
                csv_parse(parser, $0.baseAddress! + start, n - start, fieldCallback, recordCallback, data)
            }
        }
        if let e = state.pointee.error { throw e }
        if consumed < n - start {
            throw MentorBaseError.source(state.pointee.location(), ru: "не удалось разобрать CSV", en: "cannot parse the CSV")
        }
        // A field still being collected that is already too long: stop before it eats memory.
        if parser.pointee.entry_pos > limits.maxCellBytes {
            throw MentorBaseError.limit(state.pointee.location(column: state.pointee.fields.count + 1),
                ru: "ячейка длиннее \(limits.maxCellBytes) байт (возможно, не закрыта кавычка)",
                en: "a cell is longer than \(limits.maxCellBytes) bytes (perhaps a quote is not closed)")
        }
    }
}
