import MentorBase

/// A JSON value of the plugin protocol, parsed from one line's bytes.
enum WireJSON {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WireJSON])
    case object([(String, WireJSON)])

    subscript(key: String) -> WireJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    var int: Int? {
        guard case .number(let n) = self, n.isFinite, n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }
}

/// A small, strict JSON parser for protocol lines (JSONDecoder costs more per row than the
/// rest of a conversion). Depth is capped; strings must be valid UTF-8.
struct WireParser {
    struct Failure: Error {}

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var scratch: [UInt8] = []

    private init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The value the whole line holds, or nil when it is not exactly one JSON value.
    static func parse(_ line: ArraySlice<UInt8>) -> WireJSON? {
        line.withUnsafeBufferPointer { buf in
            var p = WireParser(buf)
            guard let v = try? p.value() else { return nil }
            p.skipSpace()
            return p.i == buf.count ? v : nil
        }
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
    }

    private mutating func value() throws -> WireJSON {
        skipSpace()
        guard i < b.count else { throw Failure() }
        switch b[i] {
        case 0x22: return .string(try string())
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw Failure() }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw Failure() }
        i += n
    }

    private mutating func object() throws -> WireJSON {
        depth += 1
        defer { depth -= 1 }
        guard depth < 32 else { throw Failure() }
        i += 1
        var members: [(String, WireJSON)] = []
        skipSpace()
        if i < b.count, b[i] == 0x7D { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == 0x22 else { throw Failure() }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == 0x3A else { throw Failure() }
            i += 1
            members.append((key, try value()))
            skipSpace()
            guard i < b.count else { throw Failure() }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; return .object(members) }
            throw Failure()
        }
    }

    private mutating func array() throws -> WireJSON {
        depth += 1
        defer { depth -= 1 }
        guard depth < 32 else { throw Failure() }
        i += 1
        var items: [WireJSON] = []
        skipSpace()
        if i < b.count, b[i] == 0x5D { i += 1; return .array(items) }
        while true {
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw Failure() }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x5D { i += 1; return .array(items) }
            throw Failure()
        }
    }

    private mutating func string() throws -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count, b[i] != 0x22, b[i] != 0x5C, b[i] >= 0x20 { i += 1 }
        guard i < b.count else { throw Failure() }
        if b[i] == 0x22 {
            let s = String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            i += 1
            guard let s else { throw Failure() }
            return s
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while true {
            guard i < b.count else { throw Failure() }
            let c = b[i]
            if c == 0x22 { i += 1; break }
            guard c >= 0x20 else { throw Failure() }
            if c != 0x5C { scratch.append(c); i += 1; continue }
            guard i + 1 < b.count else { throw Failure() }
            i += 2
            switch b[i - 1] {
            case 0x22: scratch.append(0x22)
            case 0x5C: scratch.append(0x5C)
            case 0x2F: scratch.append(0x2F)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                var u = try hex4()
                if (0xD800...0xDBFF).contains(u) {
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { throw Failure() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Failure() }
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(u) {
                    throw Failure()
                }
                guard let scalar = Unicode.Scalar(u) else { throw Failure() }
                scratch.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw Failure()
            }
        }
        guard let s = String(validating: scratch, as: UTF8.self) else { throw Failure() }
        return s
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw Failure() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x37)
            case 0x61...0x66: d = UInt32(c - 0x57)
            default: throw Failure()
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func number() throws -> Double {
        let start = i
        if i < b.count, b[i] == 0x2D { i += 1 }
        let intStart = i
        while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
        guard i > intStart, !(b[intStart] == 0x30 && i - intStart > 1) else { throw Failure() }
        if i < b.count, b[i] == 0x2E {
            i += 1
            let f = i
            while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            guard i > f else { throw Failure() }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            let e = i
            while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
            guard i > e else { throw Failure() }
        }
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)), d.isFinite else {
            throw Failure()
        }
        return d
    }
}

extension WireLine {
    /// The protocol line `raw`, or nil when it is not JSON or not a protocol line.
    static func parse(_ raw: ArraySlice<UInt8>) -> WireLine? {
        guard let v = WireParser.parse(raw), case .object = v else { return nil }
        var line = WireLine()
        if let list = v["sheets"] {
            guard case .array(let items) = list else { return nil }
            var entries: [SheetEntry] = []
            for item in items {
                guard let name = item["name"]?.string else { return nil }
                entries.append(SheetEntry(name: name, hidden: item["hidden"]?.bool))
            }
            line.sheets = entries
        }
        if let s = v["sheet"] {
            guard let name = s.string else { return nil }
            line.sheet = name
            line.hidden = v["hidden"]?.bool
        }
        if let r = v["row"] {
            guard let n = r.int else { return nil }
            line.row = n
        }
        if let c = v["cells"] {
            guard case .array(let items) = c else { return nil }
            var cells: [WireCell] = []
            cells.reserveCapacity(items.count)
            for item in items {
                guard let cell = WireCell.from(item) else { return nil }
                cells.append(cell)
            }
            line.cells = cells
        }
        return line
    }
}

extension WireCell {
    /// A cell of the dump contract, or nil for anything else (a bad date included).
    static func from(_ v: WireJSON) -> WireCell? {
        switch v {
        case .null: return WireCell(cell: .empty)
        case .bool(let b): return WireCell(cell: .boolean(b))
        case .number(let n): return WireCell(cell: .number(n))
        case .string(let s): return WireCell(cell: s.isEmpty ? .empty : .text(s))
        case .object:
            if let d = v["date"]?.string { return CalendarDate(iso: Substring(d)).map { WireCell(cell: .date($0)) } }
            if let d = v["datetime"]?.string { return CalendarDateTime(iso: Substring(d)).map { WireCell(cell: .dateTime($0)) } }
            if let e = v["error"]?.string { return WireCell(cell: .error(e)) }
            return nil
        case .array: return nil
        }
    }
}
