/// Small helpers for writing JSON text by hand, for streaming output without building a tree.
public enum JSONText {
    /// Appends `s` as a quoted JSON string (UTF-8) to `out`.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            var start = 0
            for i in 0..<buf.count {
                let b = buf[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                start = i + 1
            }
            if start < buf.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...])) }
        }
        out.append(0x22)
    }

    /// `s` as a quoted JSON string.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a number; JSON has no NaN or infinity, so those become `null`.
    public static func appendNumber(_ n: Double, to out: inout [UInt8]) {
        if n.isFinite {
            out.append(contentsOf: Cell.format(number: n).utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
    }

    /// Appends a cell in the `dump` contract's shape: null, string, number, bool,
    /// `{"date": …}`, `{"datetime": …}` or `{"error": …}`.
    public static func appendCell(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case .empty: out.append(contentsOf: "null".utf8)
        case .text(let s): appendString(s, to: &out)
        case .number(let n): appendNumber(n, to: &out)
        case .boolean(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .date(let d): out.append(contentsOf: "{\"date\":\"\(d.iso)\"}".utf8)
        case .dateTime(let d): out.append(contentsOf: "{\"datetime\":\"\(d.iso)\"}".utf8)
        case .error(let e):
            out.append(contentsOf: "{\"error\":".utf8)
            appendString(e, to: &out)
            out.append(0x7D)
        }
    }
}
