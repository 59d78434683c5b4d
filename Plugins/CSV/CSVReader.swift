import CLibCSV
import Foundation
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
    static let maxBytes = 128
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

/// The field bytes of a run of whole rows, handed from the parsing thread to the cursor.
private struct RawBatch {
    /// Every field's bytes, back to back.
    var bytes: [UInt8] = []
    /// End offset in `bytes` of each field.
    var fieldEnds: [Int] = []
    /// For each row, the count of fields in this batch up to the row's end.
    var rowEnds: [Int] = []
    /// The row number of the first row.
    var firstRow: Int
    /// The error that stopped parsing after these rows.
    var error: MentorBaseError?
    /// No batch follows.
    var last = false

    init(firstRow: Int) {
        self.firstRow = firstRow
        bytes.reserveCapacity(RawBatch.targetBytes + 4096)
        fieldEnds.reserveCapacity(RawBatch.targetRows * 16)
        rowEnds.reserveCapacity(RawBatch.targetRows)
    }

    static let targetRows = 2048
    static let targetBytes = 512 * 1024
}

/// A bounded hand-over queue between the parsing thread and the cursor.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition`
/// is locked.
private final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [RawBatch] = []
    private var cancelled = false
    private let capacity = 3

    /// Blocks while the queue is full; false when the consumer has gone away.
    func put(_ batch: RawBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// Blocks until a batch arrives.
    func take() -> RawBatch {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let b = queue.removeFirst()
        condition.broadcast()
        return b
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// What the libcsv callbacks write into, reached through libcsv's `void *data`.
///
/// A struct behind a pointer rather than a class: the callbacks run once per field, and
/// class property access would pay a dynamic exclusivity check each time.
private struct ProducerState {
    var batch = RawBatch(firstRow: 1)
    var rowNumber = 1
    var fieldsInRow = 0
    var lastTerminator: Int32 = 0
    var error: MentorBaseError?
    let limits: InputLimits
    let fileName: String
    let channel: BatchChannel
    var stopped = false

    func location(column: Int? = nil) -> SourceLocation {
        SourceLocation(file: fileName, row: rowNumber, column: column)
    }

    @inline(__always)
    mutating func addField(_ ptr: UnsafeMutableRawPointer?, _ len: Int) {
        guard error == nil else { return }
        if len > limits.maxCellBytes {
            error = .limit(location(column: fieldsInRow + 1),
                           ru: "ячейка длиннее \(limits.maxCellBytes) байт", en: "a cell is longer than \(limits.maxCellBytes) bytes")
            return
        }
        if fieldsInRow >= limits.maxColumns {
            error = .limit(location(), ru: "больше \(limits.maxColumns) столбцов", en: "more than \(limits.maxColumns) columns")
            return
        }
        if len > 0, let ptr {
            // libcsv hands out its own `unsigned char` buffer, so the bytes are already bound to
            // UInt8 (valid for `len` bytes during the callback). As a typed buffer they are
            // appended in one copy; as raw bytes `append(contentsOf:)` went byte by byte.
            batch.bytes.append(contentsOf: UnsafeBufferPointer(start: ptr.assumingMemoryBound(to: UInt8.self), count: len))
        }
        batch.fieldEnds.append(batch.bytes.count)
        fieldsInRow += 1
    }

    @inline(__always)
    mutating func endRecord(_ terminator: Int32) {
        guard error == nil else { return }
        // With CSV_REPALL_NL a CRLF arrives as a record ended by CR and an empty one ended by LF.
        if fieldsInRow == 0 && terminator == 0x0A && lastTerminator == 0x0D {
            lastTerminator = 0
            return
        }
        lastTerminator = terminator
        if rowNumber > limits.maxRows {
            error = .limit(location(), ru: "больше \(limits.maxRows) строк", en: "more than \(limits.maxRows) rows")
            return
        }
        batch.rowEnds.append(batch.fieldEnds.count)
        fieldsInRow = 0
        rowNumber += 1
        if batch.rowEnds.count >= RawBatch.targetRows || batch.bytes.count >= RawBatch.targetBytes {
            flush(last: false)
        }
    }

    /// Hands the batch over (blocking while the cursor is behind) and starts the next one.
    mutating func flush(last: Bool) {
        batch.last = last
        if !channel.put(batch) { stopped = true }
        batch = RawBatch(firstRow: rowNumber)
    }
}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { ptr, len, data in
    data!.assumingMemoryBound(to: ProducerState.self).pointee.addField(ptr, len)
}

private let recordCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { c, data in
    data!.assumingMemoryBound(to: ProducerState.self).pointee.endRecord(c)
}

/// libcsv's parser state "inside a field" (FIELD_BEGUN in libcsv.c).
private let fieldBegun: Int32 = 2

/// The parsing side: reads the stream, runs libcsv and hands over batches of raw fields.
///
/// `@unchecked Sendable`: it is created by the cursor, handed whole to the parsing thread, and
/// never touched by the cursor again; the two meet only in the `BatchChannel`.
private final class CSVProducer: @unchecked Sendable {
    private let parser: UnsafeMutablePointer<csv_parser>
    private let state: UnsafeMutablePointer<ProducerState>
    private let stream: any ByteStream
    private let encoding: TextEncodingName
    private var utf16: UTF16Transcoder?
    private var skipBOM: Int
    private var raw = [UInt8](repeating: 0, count: 64 * 1024)
    private var transcoded: [UInt8] = []
    private let limits: InputLimits

    init(reader: CSVReader, stream: any ByteStream, channel: BatchChannel) throws {
        self.stream = stream
        self.encoding = reader.encoding.encoding
        self.skipBOM = reader.encoding.bomLength
        self.limits = reader.options.limits
        if encoding == .utf16LE || encoding == .utf16BE {
            utf16 = UTF16Transcoder(bigEndian: encoding == .utf16BE)
        }
        parser = .allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw MentorBaseError.io(reader.source.location, ru: "не хватает памяти", en: "out of memory")
        }
        csv_set_delim(parser, reader.delimiter)
        csv_set_space_func(parser, mb_csv_no_space)
        state = .allocate(capacity: 1)
        state.initialize(to: ProducerState(limits: reader.options.limits, fileName: reader.source.name, channel: channel))
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses to the end (or until the cursor goes away), then hands over the last batch.
    func run() {
        do {
            while !state.pointee.stopped {
                if try !parseNextChunk() { break }
                if state.pointee.error != nil { break }
            }
        } catch let e as MentorBaseError {
            state.pointee.error = e
        } catch {
            state.pointee.error = .io(SourceLocation(file: state.pointee.fileName),
                                      ru: "ошибка чтения: \(error)", en: "read error: \(error)")
        }
        if state.pointee.stopped { return }
        state.pointee.batch.error = state.pointee.error
        state.pointee.flush(last: true)
    }

    private func read() throws -> Int {
        try raw.withUnsafeMutableBytes { try stream.read(into: $0) }
    }

    /// One chunk through libcsv; false at the end of the input.
    private func parseNextChunk() throws -> Bool {
        var n = try read()
        var start = 0
        // Skip the BOM, which may arrive split over tiny chunks.
        while skipBOM > 0 && n > 0 {
            let k = min(skipBOM, n - start)
            skipBOM -= k
            start += k
            if start == n {
                start = 0
                n = try read()
            }
        }
        let data = UnsafeMutableRawPointer(state)
        if n == 0 {
            if let t = utf16, !t.isComplete {
                throw MentorBaseError.encoding(state.pointee.location(), encoding: encoding.rawValue)
            }
            // libcsv's own check (CSV_STRICT_FINI) needs CSV_STRICT, which would also refuse the
            // stray quotes inside unquoted cells that Excel and Python accept; so look at the
            // parser's state: inside a quoted field that has not seen its closing quote.
            let unterminated = parser.pointee.quoted != 0 && parser.pointee.pstate == fieldBegun
            let openedAt = state.pointee.location(column: state.pointee.fieldsInRow + 1)
            let rc = csv_fini(parser, fieldCallback, recordCallback, data)
            if state.pointee.error != nil { return false }
            if rc != 0 || unterminated {
                throw MentorBaseError.source(openedAt,
                    ru: "кавычка открыта и не закрыта до конца файла",
                    en: "a quote was opened and never closed before the end of the file",
                    hintRu: "проверьте кавычки в этой строке: текст с кавычкой внутри пишется как \"\"",
                    hintEn: "check the quotes in this row: a quote inside quoted text is written as \"\"")
            }
            return false
        }
        let expected: Int
        let consumed: Int
        if var t = utf16 {
            transcoded.removeAll(keepingCapacity: true)
            let ok = raw.withUnsafeBytes { t.transcode(UnsafeRawBufferPointer(rebasing: $0[start..<n]), into: &transcoded) }
            utf16 = t
            guard ok else { throw MentorBaseError.encoding(state.pointee.location(), encoding: encoding.rawValue) }
            expected = transcoded.count
            consumed = transcoded.withUnsafeBytes {
                csv_parse(parser, $0.baseAddress, $0.count, fieldCallback, recordCallback, data)
            }
        } else {
            expected = n - start
            consumed = raw.withUnsafeBytes {
                csv_parse(parser, $0.baseAddress! + start, n - start, fieldCallback, recordCallback, data)
            }
        }
        if state.pointee.error != nil { return false }
        if consumed < expected {
            throw MentorBaseError.source(state.pointee.location(), ru: "не удалось разобрать CSV", en: "cannot parse the CSV")
        }
        // A field still being collected that is already too long: stop before it eats memory.
        if parser.pointee.entry_pos > limits.maxCellBytes {
            throw MentorBaseError.limit(state.pointee.location(column: state.pointee.fieldsInRow + 1),
                ru: "ячейка длиннее \(limits.maxCellBytes) байт (возможно, не закрыта кавычка)",
                en: "a cell is longer than \(limits.maxCellBytes) bytes (perhaps a quote is not closed)")
        }
        return true
    }
}

/// What the cursor needs to turn raw fields into cells, behind a pointer (see `ProducerState`).
private struct DecoderState {
    var caches: [ColumnCache] = []
    var scratch: [UInt8] = []
    let cp1251 = Windows1251ToUTF8()
    let windows1251: Bool
    var headerWidth: Int?

    init(windows1251: Bool) { self.windows1251 = windows1251 }

    /// One field's cell, or nil when its bytes are not valid in the encoding.
    @inline(__always)
    mutating func cell(_ buf: UnsafeBufferPointer<UInt8>, column: Int) -> Cell? {
        guard buf.count > 0 else { return .empty }
        let cacheable = buf.count <= ColumnCache.maxBytes
        if cacheable {
            // One cache (and one buffer) per column: never repeatElement, which would share a buffer.
            while column >= caches.count { caches.append(ColumnCache()) }
            if let hit = caches[column].lookup(buf) { return .text(hit) }
        }
        let s = windows1251 ? cp1251.decode(buf, scratch: &scratch) : decodeUTF8(buf)
        guard let s else { return nil }
        if cacheable { caches[column].remember(s, buf) }
        return .text(s)
    }
}

/// The pull cursor. Parsing runs on a second thread one step ahead (libcsv on one core,
/// decoding on the other); the queue between them holds at most a few batches, so memory
/// stays flat whatever the file size.
final class CSVRowCursor: ReadingAheadCursor {
    private let channel = BatchChannel()
    private let decoder: UnsafeMutablePointer<DecoderState>
    private var batch = RawBatch(firstRow: 1)
    private var rowIndex = 0
    private var fieldIndex = 0
    private var failure: MentorBaseError?
    private var done = false
    private let fileName: String
    private let encodingName: String
    private let log: DiagnosticBox

    init(reader: CSVReader, stream: any ByteStream, log: DiagnosticBox) throws {
        fileName = reader.source.name
        encodingName = reader.encoding.encoding.rawValue
        self.log = log
        let producer = try CSVProducer(reader: reader, stream: stream, channel: channel)
        decoder = .allocate(capacity: 1)
        decoder.initialize(to: DecoderState(windows1251: reader.encoding.encoding == .windows1251))
        // The cursor starts with an empty batch; the first `next()` takes the producer's first one.
        let thread = Thread { producer.run() }
        thread.name = "mentorbase.csv-parse"
        thread.start()
    }

    deinit {
        // Unblocks a producer waiting for room; it then stops and frees libcsv's parser.
        channel.cancel()
        for c in decoder.pointee.caches { c.free() }
        decoder.deinitialize(count: 1)
        decoder.deallocate()
    }

    func next() throws -> Row? {
        if let failure { throw failure }
        while rowIndex >= batch.rowEnds.count {
            if let e = batch.error {
                failure = e
                throw e
            }
            if done { return nil }
            batch = channel.take()
            rowIndex = 0
            fieldIndex = 0
            if batch.last { done = true }
        }
        let end = batch.rowEnds[rowIndex]
        let number = batch.firstRow + rowIndex
        var cells: [Cell] = []
        cells.reserveCapacity(end - fieldIndex)
        let first = fieldIndex
        let badColumn: Int? = batch.bytes.withUnsafeBufferPointer { all -> Int? in
            var start = first == 0 ? 0 : batch.fieldEnds[first - 1]
            for f in first..<end {
                let e = batch.fieldEnds[f]
                let buf = UnsafeBufferPointer(rebasing: all[start..<e])
                guard let cell = decoder.pointee.cell(buf, column: f - first) else { return f - first + 1 }
                cells.append(cell)
                start = e
            }
            return nil
        }
        if let badColumn {
            let e = MentorBaseError.encoding(SourceLocation(file: fileName, row: number, column: badColumn),
                                             encoding: encodingName)
            failure = e
            throw e
        }
        rowIndex += 1
        fieldIndex = end
        let isBlank = cells.isEmpty || (cells.count == 1 && cells[0] == .empty)
        if !isBlank {
            if let w = decoder.pointee.headerWidth {
                if cells.count != w { reportRagged(number, cells.count, w) }
            } else {
                decoder.pointee.headerWidth = cells.count
            }
        }
        return Row(number: number, cells: cells)
    }

    private func reportRagged(_ row: Int, _ count: Int, _ width: Int) {
        let more = count > width
        log.log.append(Diagnostic(
            code: more ? "extra-cell" : "missing-cell", severity: .warning,
            location: SourceLocation(file: fileName, row: row, column: more ? width + 1 : count + 1),
            message: Localized(ru: "в строке \(count) ячеек, а в первой строке \(width)",
                               en: "the row has \(count) cells, the first row has \(width)"),
            hint: Localized(ru: more ? "лишний разделитель или неэкранированный текст с разделителем"
                                     : "в строке не хватает разделителей",
                            en: more ? "a stray delimiter, or text with the delimiter not in quotes"
                                     : "the row lacks delimiters")))
    }
}
