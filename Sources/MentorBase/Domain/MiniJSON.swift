/// A tiny reader for the JSON the store itself writes: arrays of strings, flat objects of
/// strings and arrays of such objects. Anything else reads as nil; it never traps.
public enum MiniJSON {
    /// A JSON value of the small subset the store writes.
    public indirect enum Value: Hashable, Sendable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
            case (.bool(let x), .bool(let y)): return x == y
            case (.null, .null): return true
            case (.array(let x), .array(let y)): return x == y
            case (.object(let x), .object(let y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: return false
            }
        }

        public func hash(into h: inout Hasher) {
            switch self {
            case .string(let s), .number(let s): h.combine(s)
            case .bool(let b): h.combine(b)
            case .null: h.combine(0)
            case .array(let a): h.combine(a)
            case .object(let o): for (k, v) in o { h.combine(k); h.combine(v) }
            }
        }

        /// The string, for string values.
        public var string: String? {
            if case .string(let s) = self { return s }
            return nil
        }

        /// The member `key` of an object.
        public subscript(key: String) -> Value? {
            if case .object(let o) = self { return o.first { $0.0 == key }?.1 }
            return nil
        }
    }

    /// Parses a whole document; nil when it is not valid JSON of the subset.
    public static func parse(_ text: String) -> Value? {
        var p = Parser(bytes: Array(text.utf8))
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == p.bytes.count ? v : nil
    }

    /// `["a","b"]` → `["a", "b"]`; nil when the text is not an array of strings.
    public static func stringArray(_ text: String) -> [String]? {
        if let fast = compactStringArray(text) { return fast }
        guard case .array(let items)? = parse(text) else { return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.string else { return nil }
            out.append(s)
        }
        return out
    }

    /// The store's own compact form, `["a","b"]` with no spaces and no escapes, read straight from
    /// the bytes (phones and e-mails of every person on a read); nil for anything else, which the
    /// general parser then reads.
    private static func compactStringArray(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { b -> [String]? in
            guard b.count >= 2, b[0] == 0x5B, b[b.count - 1] == 0x5D else { return nil }
            var out: [String] = []
            var i = 1
            if b.count == 2 { return out }
            while true {
                guard i < b.count, b[i] == 0x22 else { return nil }
                let start = i + 1
                var j = start
                while j < b.count, b[j] != 0x22 {
                    if b[j] == 0x5C { return nil }
                    j += 1
                }
                guard j < b.count else { return nil }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self))
                i = j + 1
                guard i < b.count else { return nil }
                if b[i] == 0x2C { i += 1; continue }
                return b[i] == 0x5D && i == b.count - 1 ? out : nil
            }
        }
    }

    /// Writes a value back as compact JSON.
    public static func render(_ v: Value) -> String {
        switch v {
        case .string(let s): return JSONText.quote(s)
        case .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(render).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.map { JSONText.quote($0.0) + ":" + render($0.1) }.joined(separator: ",") + "}"
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 64 else { return nil }
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case 0x22: return string().map(Value.string)
            case 0x5B:
                i += 1
                var items: [Value] = []
                skipSpace()
                if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
                while true {
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x5D { i += 1; return .array(items) }
                    return nil
                }
            case 0x7B:
                i += 1
                var members: [(String, Value)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == 0x22, let k = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == 0x3A else { return nil }
                    i += 1
                    guard let v = value(depth: depth + 1) else { return nil }
                    members.append((k, v))
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x7D { i += 1; return .object(members) }
                    return nil
                }
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default:
                let start = i
                while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2D || bytes[i] == 0x2B
                        || bytes[i] == 0x2E || bytes[i] == 0x65 || bytes[i] == 0x45 { i += 1 }
                guard i > start else { return nil }
                return .number(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }

        mutating func literal(_ word: String, _ v: Value) -> Value? {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return nil }
            i += w.count
            return v
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == 0x22 else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                if b == 0x5C {
                    i += 1
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case 0x22, 0x5C, 0x2F: out.append(e)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x75:
                        guard var code = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(code), i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                            i += 2
                            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: return nil
                    }
                } else {
                    out.append(b)
                    i += 1
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var n: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: return nil
                }
                n = n * 16 + d
                i += 1
            }
            return n
        }
    }
}
