import MentorBase

/// Reads JSON tokens from a byte stream through one fixed buffer, whatever the chunk sizes.
///
/// The scanner never holds more than its buffer plus the value being read, so memory stays flat
/// on files of any length. Every error it throws carries ``location`` (file, sheet, row, field,
/// set by the caller as it walks the document) plus the line and column in the file's text.
///
/// Its state is owned by one reader on one task and never reached through overlapping accesses,
/// so dynamic exclusivity checks (a measurable share of the time per byte) are turned off for it.
final class JSONScanner {
    private let stream: any ByteStream
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var end = 0
    /// Bytes that were in the buffer before the current fill.
    @exclusivity(unchecked) private var consumedBefore = 0
    /// Absolute offset of the first byte of the current line.
    @exclusivity(unchecked) private var lineStart = 0
    /// True once the stream returned 0 bytes.
    @exclusivity(unchecked) private(set) var reachedEnd = false
    /// The 1-based line of the next byte.
    @exclusivity(unchecked) private(set) var line = 1
    /// Where errors are reported; the cursor keeps `row` and `field` current.
    @exclusivity(unchecked) var location: SourceLocation
    /// Whether messages add "line L, column C" (NDJSON rows are lines already, so they do not).
    @exclusivity(unchecked) var mentionsTextPosition = true
    let maxCellBytes: Int
    /// Scratch for string bytes; reused so reading a cell allocates only its `String`.
    @exclusivity(unchecked) var scratch: [UInt8] = []

    /// Nested arrays and objects deeper than this are refused (they would only be a cell's text).
    static let maxDepth = 200

    init(stream: any ByteStream, location: SourceLocation, maxCellBytes: Int, bufferSize: Int = 64 * 1024) {
        self.stream = stream
        self.location = location
        self.maxCellBytes = max(1, maxCellBytes)
        self.capacity = max(16, bufferSize)
        self.storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        scratch.reserveCapacity(256)
    }

    deinit { storage.deallocate() }

    /// The 1-based column (in bytes) of the next byte in its line.
    var column: Int { consumedBefore + pos - lineStart + 1 }

    // MARK: Bytes

    private func refill() throws -> Bool {
        if reachedEnd { return false }
        consumedBefore += end
        pos = 0
        end = 0
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(start: storage, count: capacity))
        if n <= 0 {
            reachedEnd = true
            return false
        }
        end = min(n, capacity)
        return true
    }

    /// The next byte without consuming it; nil at the end of the input.
    @inline(__always)
    func peekByte() throws -> UInt8? {
        if pos < end { return storage[pos] }
        return try refill() ? storage[pos] : nil
    }

    /// Consumes the byte `peekByte()` returned.
    @inline(__always)
    func advance() { pos += 1 }

    /// Consumes and returns the next byte; the input ending here is an error.
    @inline(__always)
    func nextByte() throws -> UInt8 {
        guard let b = try peekByte() else { throw truncated() }
        pos += 1
        return b
    }

    /// Skips JSON whitespace and returns the next byte without consuming it; nil at the end.
    func skipWhitespace() throws -> UInt8? {
        while true {
            while pos < end {
                let b = storage[pos]
                switch b {
                case 0x20, 0x09, 0x0D:
                    pos += 1
                case 0x0A:
                    pos += 1
                    line += 1
                    lineStart = consumedBefore + pos
                default:
                    return b
                }
            }
            if try !refill() { return nil }
        }
    }

    /// For NDJSON: skips blanks to the end of the line. True when the line (or the input) ended there.
    func finishLine() throws -> Bool {
        while let b = try peekByte() {
            switch b {
            case 0x20, 0x09, 0x0D:
                pos += 1
            case 0x0A:
                pos += 1
                line += 1
                lineStart = consumedBefore + pos
                return true
            default:
                return false
            }
        }
        return true
    }

    /// Consumes a UTF-8 byte order mark if the input starts with one. Call before anything else.
    func skipBOM() throws -> Bool {
        guard try peekByte() == 0xEF else { return false }
        advance()
        guard try peekByte() == 0xBB else { throw encodingError() }
        advance()
        guard try peekByte() == 0xBF else { throw encodingError() }
        advance()
        lineStart = consumedBefore + pos
        return true
    }

    /// Consumes `byte` (after whitespace) or throws saying what was expected.
    func expect(_ byte: UInt8, _ what: Localized) throws {
        guard let b = try skipWhitespace() else { throw truncated() }
        guard b == byte else { throw unexpected(b, expected: what) }
        advance()
    }

    // MARK: Strings

    /// Reads a string's body (the opening quote already consumed) into ``scratch`` as unescaped
    /// UTF-8 bytes, not yet validated.
    func readStringBytes() throws {
        scratch.removeAll(keepingCapacity: true)
        while true {
            if pos == end, try !refill() { throw truncated() }
            var i = JSONScanner.plainRun(storage, from: pos, to: end)
            while i < end {
                let b = storage[i]
                if b == 0x22 || b == 0x5C || b < 0x20 { break }
                i += 1
            }
            if i > pos {
                if scratch.count + (i - pos) > maxCellBytes { throw tooLong() }
                scratch.append(contentsOf: UnsafeBufferPointer(start: storage + pos, count: i - pos))
                pos = i
            }
            if pos == end { continue }
            let b = storage[pos]
            pos += 1
            switch b {
            case 0x22:
                return
            case 0x5C:
                try readEscape()
                if scratch.count > maxCellBytes { throw tooLong() }
            default:
                pos -= 1
                throw syntax(ru: "в строке неэкранированный управляющий символ (перевод строки внутри кавычек?)",
                             en: "an unescaped control character inside a string (a line break inside quotes?)")
            }
        }
    }

    /// Reads a string (opening quote consumed) and checks that it is valid UTF-8.
    func readString() throws -> String {
        try readStringBytes()
        return try decodeScratch()
    }

    /// ``scratch`` as a String; invalid UTF-8 is an `encoding-error`.
    func decodeScratch() throws -> String {
        guard UTF8Check.isValid(scratch) else { throw encodingError() }
        return String(decoding: scratch, as: UTF8.self)
    }

    private func readEscape() throws {
        let e = try nextByte()
        switch e {
        case 0x22, 0x5C, 0x2F: scratch.append(e)
        case 0x62: scratch.append(0x08)
        case 0x66: scratch.append(0x0C)
        case 0x6E: scratch.append(0x0A)
        case 0x72: scratch.append(0x0D)
        case 0x74: scratch.append(0x09)
        case 0x75:
            var code = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(code) {
                guard try nextByte() == 0x5C, try nextByte() == 0x75 else { throw loneSurrogate() }
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate() }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw loneSurrogate()
            }
            appendUTF8(code)
        default:
            throw syntax(ru: "недопустимая escape-последовательность «\\\(printable(e))»",
                         en: "an invalid escape sequence “\\\(printable(e))”")
        }
    }

    /// Appends a scalar value (never a surrogate here) as UTF-8.
    private func appendUTF8(_ c: UInt32) {
        switch c {
        case 0..<0x80:
            scratch.append(UInt8(c))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | c >> 6))
            scratch.append(UInt8(0x80 | c & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | c >> 12))
            scratch.append(UInt8(0x80 | (c >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | c & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | c >> 18))
            scratch.append(UInt8(0x80 | (c >> 12) & 0x3F))
            scratch.append(UInt8(0x80 | (c >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | c & 0x3F))
        }
    }

    private func readHex4() throws -> UInt16 {
        var v: UInt16 = 0
        for _ in 0..<4 {
            let h = try nextByte()
            let d: UInt8
            switch h {
            case 0x30...0x39: d = h - 0x30
            case 0x41...0x46: d = h - 0x41 + 10
            case 0x61...0x66: d = h - 0x61 + 10
            default:
                throw syntax(ru: "после \\u нужны четыре шестнадцатеричные цифры",
                             en: "\\u must be followed by four hexadecimal digits")
            }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    private func loneSurrogate() -> MentorBaseError {
        syntax(ru: "escape-последовательность \\u задаёт половину суррогатной пары без второй половины",
               en: "a \\u escape is half of a surrogate pair without the other half")
    }

    /// Where the first quote, backslash or control byte at or after `from` may be, jumping eight
    /// bytes at a time over plain text (the has-zero-byte word trick; false alarms only stop early).
    @inline(__always)
    static func plainRun(_ p: UnsafeMutablePointer<UInt8>, from: Int, to end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = from
        while i + 8 <= end {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let control = (w &- ones &* 0x20) & ~w & highs
            let q = w ^ (ones &* 0x22)
            let bs = w ^ (ones &* 0x5C)
            if control | ((q &- ones) & ~q & highs) | ((bs &- ones) & ~bs & highs) != 0 { break }
            i += 8
        }
        return i
    }

    /// Skips a string's body (opening quote consumed) without decoding it.
    func skipStringBody() throws {
        while true {
            if pos == end, try !refill() { throw truncated() }
            pos = JSONScanner.plainRun(storage, from: pos, to: end)
            while pos < end {
                let b = storage[pos]
                pos += 1
                if b == 0x22 { return }
                if b == 0x5C {
                    _ = try nextByte()
                    break
                }
            }
        }
    }

    // MARK: Numbers and literals

    /// Reads a number literal (strict JSON grammar) into ``scratch``; returns whether it is a plain integer.
    func readNumberLiteral() throws -> Bool {
        scratch.removeAll(keepingCapacity: true)
        var integer = true
        func digits(required: Bool) throws {
            var n = 0
            while let b = try peekByte(), b >= 0x30, b <= 0x39 {
                scratch.append(b)
                advance()
                n += 1
                if scratch.count > maxCellBytes { throw tooLong() }
            }
            if required && n == 0 { throw badNumber() }
        }
        if try peekByte() == 0x2D {
            scratch.append(0x2D)
            advance()
        }
        guard let first = try peekByte() else { throw truncated() }
        if first == 0x30 {
            scratch.append(first)
            advance()
        } else if first >= 0x31 && first <= 0x39 {
            try digits(required: true)
        } else {
            throw badNumber()
        }
        if try peekByte() == 0x2E {
            integer = false
            scratch.append(0x2E)
            advance()
            try digits(required: true)
        }
        if let e = try peekByte(), e == 0x65 || e == 0x45 {
            integer = false
            scratch.append(e)
            advance()
            if let s = try peekByte(), s == 0x2B || s == 0x2D {
                scratch.append(s)
                advance()
            }
            try digits(required: true)
        }
        // "01", "1.2.3", "12abc": the literal must end at a delimiter.
        if let b = try peekByte(), isWordByte(b) { throw badNumber() }
        return integer
    }

    /// The value of the literal in ``scratch``.
    func numberValue(integer: Bool) -> Double {
        if integer && scratch.count <= 16 {
            var v: Int64 = 0
            var negative = false
            for b in scratch {
                if b == 0x2D { negative = true } else { v = v &* 10 &+ Int64(b &- 0x30) }
            }
            return Double(negative ? -v : v)
        }
        return Double(String(decoding: scratch, as: UTF8.self)) ?? .nan
    }

    /// Consumes `word` (`true`, `false`, `null`) or throws.
    func expectLiteral(_ word: StaticString) throws {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in bytes {
            guard let b = try peekByte() else { throw truncated() }
            guard b == expected else { throw unexpected(b, expected: Localized(ru: "значение", en: "a value")) }
            advance()
        }
        if let b = try peekByte(), isWordByte(b) { throw unexpected(b, expected: Localized(ru: "значение", en: "a value")) }
    }

    @inline(__always)
    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2E || b == 0x2B || b == 0x2D || b == 0x5F
    }

    // MARK: Whole values

    /// Reads any value and appends its compact JSON text to `out` (strings re-escaped, numbers as written).
    func captureValue(into out: inout [UInt8], depth: Int = 0) throws {
        guard depth < JSONScanner.maxDepth else {
            throw MentorBaseError.limit(location, ru: "вложенность JSON глубже \(JSONScanner.maxDepth) уровней",
                                        en: "JSON nested deeper than \(JSONScanner.maxDepth) levels")
        }
        guard let b = try skipWhitespace() else { throw truncated() }
        switch b {
        case 0x7B, 0x5B:
            let close: UInt8 = b == 0x7B ? 0x7D : 0x5D
            advance()
            out.append(b)
            if try skipWhitespace() == close {
                advance()
                out.append(close)
                return
            }
            while true {
                if b == 0x7B {
                    try expect(0x22, Localized(ru: "ключ в кавычках", en: "a quoted key"))
                    JSONText.appendString(try readString(), to: &out)
                    try expect(0x3A, Localized(ru: "«:» после ключа", en: "“:” after the key"))
                    out.append(0x3A)
                }
                try captureValue(into: &out, depth: depth + 1)
                if out.count > maxCellBytes { throw tooLong() }
                guard let sep = try skipWhitespace() else { throw truncated() }
                advance()
                if sep == close {
                    out.append(close)
                    return
                }
                guard sep == 0x2C else {
                    pos -= 1
                    throw unexpected(sep, expected: b == 0x7B ? Localized(ru: "«,» или «}»", en: "“,” or “}”")
                                                          : Localized(ru: "«,» или «]»", en: "“,” or “]”"))
                }
                out.append(0x2C)
            }
        case 0x22:
            advance()
            JSONText.appendString(try readString(), to: &out)
        case 0x2D, 0x30...0x39:
            _ = try readNumberLiteral()
            out.append(contentsOf: scratch)
        case 0x74:
            try expectLiteral("true")
            out.append(contentsOf: "true".utf8)
        case 0x66:
            try expectLiteral("false")
            out.append(contentsOf: "false".utf8)
        case 0x6E:
            try expectLiteral("null")
            out.append(contentsOf: "null".utf8)
        default:
            throw unexpected(b, expected: Localized(ru: "значение", en: "a value"))
        }
        if out.count > maxCellBytes { throw tooLong() }
    }

    /// Skips any value without decoding it (the cheap first pass). Nesting is counted, not checked
    /// in detail: the full pass that reads the value reports what is wrong inside it.
    func skipValue() throws {
        guard let first = try skipWhitespace() else { throw truncated() }
        switch first {
        case 0x7B, 0x5B, 0x22, 0x2D, 0x30...0x39, 0x74, 0x66, 0x6E: break
        default: throw unexpected(first, expected: Localized(ru: "значение", en: "a value"))
        }
        var depth = 0
        repeat {
            guard let b = try skipWhitespace() else { throw truncated() }
            switch b {
            case 0x7B, 0x5B:
                depth += 1
                if depth > JSONScanner.maxDepth {
                    throw MentorBaseError.limit(location, ru: "вложенность JSON глубже \(JSONScanner.maxDepth) уровней",
                                                en: "JSON nested deeper than \(JSONScanner.maxDepth) levels")
                }
                advance()
            case 0x7D, 0x5D:
                guard depth > 0 else { throw unexpected(b, expected: Localized(ru: "значение", en: "a value")) }
                depth -= 1
                advance()
            case 0x22:
                advance()
                try skipStringBody()
            case 0x2C, 0x3A:
                guard depth > 0 else { throw unexpected(b, expected: Localized(ru: "значение", en: "a value")) }
                advance()
            default:
                guard isWordByte(b) else { throw unexpected(b, expected: Localized(ru: "значение", en: "a value")) }
                while let w = try peekByte(), isWordByte(w) { advance() }
            }
        } while depth > 0
    }

    // MARK: Errors

    private func textPosition(_ lang: Language) -> String {
        guard mentionsTextPosition else { return "" }
        return lang == .ru ? " (в тексте файла: строка \(line), позиция \(column))"
                           : " (in the file's text: line \(line), column \(column))"
    }

    /// A `source-error` at the current place.
    func syntax(ru: String, en: String, hintRu: String? = nil, hintEn: String? = nil) -> MentorBaseError {
        MentorBaseError.source(location, ru: ru + textPosition(.ru), en: en + textPosition(.en),
                               hintRu: hintRu, hintEn: hintEn)
    }

    /// The input ended inside a value.
    func truncated() -> MentorBaseError {
        syntax(ru: "файл обрывается посреди JSON-значения", en: "the file ends in the middle of a JSON value",
               hintRu: "файл, вероятно, записан не полностью; сохраните его заново",
               hintEn: "the file was probably cut short; save it again")
    }

    /// `encoding-error`: JSON must be UTF-8.
    func encodingError() -> MentorBaseError {
        var e = MentorBaseError.encoding(location, encoding: "UTF-8")
        e.message = Localized(ru: e.message.ru + textPosition(.ru), en: e.message.en + textPosition(.en))
        e.hint = Localized(ru: "JSON всегда в UTF-8: сохраните файл в этой кодировке",
                           en: "JSON is always UTF-8: save the file in that encoding")
        return e
    }

    /// A value longer than `InputLimits.maxCellBytes`.
    func tooLong() -> MentorBaseError {
        MentorBaseError.limit(location, ru: "значение длиннее \(maxCellBytes) байт" + textPosition(.ru),
                              en: "a value longer than \(maxCellBytes) bytes" + textPosition(.en))
    }

    private func badNumber() -> MentorBaseError {
        syntax(ru: "неправильно записано число", en: "a malformed number")
    }

    /// A byte that does not fit the grammar here; bytes that are never valid UTF-8 are an `encoding-error`.
    func unexpected(_ b: UInt8, expected: Localized) -> MentorBaseError {
        if b >= 0x80 && (b < 0xC2 || b > 0xF4) { return encodingError() }
        return syntax(ru: "ожидалось: \(expected.ru), а встретилось «\(printable(b))»",
                      en: "expected \(expected.en) but found “\(printable(b))”")
    }

    private func printable(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return String(UnicodeScalar(b)) }
        let hex = String(b, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
