import MentorBase

/// Builds cell text from raw UTF-8 bytes, decoding OOXML's `_xHHHH_` escapes.
///
/// Excel writes characters XML cannot hold (control characters, lone surrogates) as
/// `_x000D_`, and a literal `_x` sequence as `_x005F_x…`. Most text has no `_x`, so the
/// common path is one `String` built straight from the byte range.
enum CellText {
    static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= 7, containsEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        return decode(bytes)
    }

    @inline(__always)
    private static func containsEscape(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let end = b.count - 6
        while i < end {
            if b[i] == 0x5F && b[i + 1] == 0x78 { return true }
            i += 1
        }
        return false
    }

    private static func hex(_ b: UInt8) -> UInt16? {
        switch b {
        case 0x30...0x39: return UInt16(b - 0x30)
        case 0x41...0x46: return UInt16(b - 0x37)
        case 0x61...0x66: return UInt16(b - 0x57)
        default: return nil
        }
    }

    /// The code unit of an `_xHHHH_` escape starting at `i`, or nil.
    private static func escape(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16? {
        guard i + 6 < b.count, b[i] == 0x5F, b[i + 1] == 0x78, b[i + 6] == 0x5F,
              let a = hex(b[i + 2]), let c = hex(b[i + 3]), let d = hex(b[i + 4]), let e = hex(b[i + 5]) else { return nil }
        return a << 12 | c << 8 | d << 4 | e
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            guard let unit = escape(b, i) else {
                out.append(b[i])
                i += 1
                continue
            }
            i += 7
            var scalar: Unicode.Scalar?
            if UTF16.isLeadSurrogate(unit), let low = escape(b, i), UTF16.isTrailSurrogate(low) {
                scalar = Unicode.Scalar((UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00) + 0x10000)
                i += 7
            } else {
                scalar = Unicode.Scalar(unit)
            }
            // A lone surrogate cannot be text: keep the replacement character, as Excel shows.
            let s = scalar ?? "\u{FFFD}"
            out.append(contentsOf: String(Character(s)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads xl/sharedStrings.xml into one array, each string built once.
///
/// Rich-text runs (`<r><t>`) are joined; phonetic runs (`<rPh>`) are not part of the text.
final class SharedStringsSink: SAXSink {
    var strings: [String] = []
    private var buffer: [UInt8] = []
    private var capturing = false
    private var phoneticDepth = 0
    private let maxCellBytes: Int

    init(location: SourceLocation, maxCellBytes: Int) {
        self.maxCellBytes = maxCellBytes
        super.init(location: location)
        buffer.reserveCapacity(256)
    }

    override func startElement(_ name: UnsafePointer<UInt8>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        switch name[0] {
        case UInt8(ascii: "t") where name[1] == 0:
            capturing = phoneticDepth == 0
        case UInt8(ascii: "s") where xmlNameIs(name, "si"):
            buffer.removeAll(keepingCapacity: true)
        case UInt8(ascii: "r") where xmlNameIs(name, "rPh"):
            phoneticDepth += 1
        case UInt8(ascii: "s") where xmlNameIs(name, "sst"):
            if let n = XMLAttributes(count, attributes).int("uniqueCount") { strings.reserveCapacity(min(n, 4_000_000)) }
        default:
            break
        }
    }

    override func endElement(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "t") where name[1] == 0:
            capturing = false
        case UInt8(ascii: "s") where xmlNameIs(name, "si"):
            strings.append(buffer.withUnsafeBufferPointer { CellText.make($0) })
        case UInt8(ascii: "r") where xmlNameIs(name, "rPh"):
            phoneticDepth -= 1
        default:
            break
        }
    }

    override func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard capturing else { return }
        if buffer.count + count > maxCellBytes {
            stop(MentorBaseError.limit(location, ru: "строка в общей таблице строк длиннее \(maxCellBytes) байт",
                                       en: "a shared string is longer than \(maxCellBytes) bytes"))
            return
        }
        buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }
}
