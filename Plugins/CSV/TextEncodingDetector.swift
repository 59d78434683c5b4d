import MentorBase

/// Decides a text file's encoding from its first bytes, without flags.
///
/// Order: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8; otherwise,
/// when no NUL byte suggests binary data, Windows-1251 (what Russian Excel writes).
enum TextEncodingDetector {
    struct Result {
        var encoding: TextEncodingName
        /// Bytes to skip at the start (the BOM).
        var bomLength: Int
    }

    static func detect(_ head: [UInt8]) -> Result? {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return Result(encoding: .utf8BOM, bomLength: 3) }
        if head.starts(with: [0xFF, 0xFE]) { return Result(encoding: .utf16LE, bomLength: 2) }
        if head.starts(with: [0xFE, 0xFF]) { return Result(encoding: .utf16BE, bomLength: 2) }
        if head.contains(0) { return nil }
        if isValidUTF8Prefix(head) { return Result(encoding: .utf8, bomLength: 0) }
        return Result(encoding: .windows1251, bomLength: 0)
    }

    /// The bytes for a forced encoding: the BOM is skipped when it is there.
    static func forced(_ e: TextEncodingName, _ head: [UInt8]) -> Result {
        switch e {
        case .utf8, .utf8BOM:
            return Result(encoding: head.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8BOM : .utf8,
                          bomLength: head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        case .utf16LE:
            return Result(encoding: .utf16LE, bomLength: head.starts(with: [0xFF, 0xFE]) ? 2 : 0)
        case .utf16BE:
            return Result(encoding: .utf16BE, bomLength: head.starts(with: [0xFE, 0xFF]) ? 2 : 0)
        case .windows1251:
            return Result(encoding: .windows1251, bomLength: 0)
        }
    }

    /// Valid UTF-8, allowing a character cut off at the very end of the prefix.
    static func isValidUTF8Prefix(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        // Drop an incomplete trailing sequence (at most 3 bytes).
        var back = 0
        while back < 3, end - back - 1 >= 0, (bytes[end - back - 1] & 0xC0) == 0x80 { back += 1 }
        if end - back - 1 >= 0 {
            let lead = bytes[end - back - 1]
            let need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
            if lead >= 0xC0 && need > back { end = end - back - 1 }
        }
        return bytes[0..<end].withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }
}

/// Turns UTF-16 bytes into UTF-8 bytes chunk by chunk (libcsv parses bytes, not UTF-16).
struct UTF16Transcoder {
    let bigEndian: Bool
    private var pendingByte: UInt8?
    private var pendingHigh: UInt16?

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    /// Appends the UTF-8 form of `input` to `out`; returns false on an unpaired surrogate.
    mutating func transcode(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        var i = 0
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2 + 1)
        if let p = pendingByte, input.count > 0 {
            units.append(bigEndian ? UInt16(p) << 8 | UInt16(input[0]) : UInt16(input[0]) << 8 | UInt16(p))
            pendingByte = nil
            i = 1
        }
        while i + 1 < input.count {
            let a = UInt16(input[i]), b = UInt16(input[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        if i < input.count { pendingByte = input[i] }
        for u in units {
            if let high = pendingHigh {
                pendingHigh = nil
                guard (0xDC00...0xDFFF).contains(u) else { return false }
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
                appendUTF8(scalar, &out)
            } else if (0xD800...0xDBFF).contains(u) {
                pendingHigh = u
            } else if (0xDC00...0xDFFF).contains(u) {
                return false
            } else {
                appendUTF8(UInt32(u), &out)
            }
        }
        return true
    }

    /// True when input ended cleanly (no half code unit or surrogate left).
    var isComplete: Bool { pendingByte == nil && pendingHigh == nil }

    @inline(__always)
    private func appendUTF8(_ s: UInt32, _ out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (s >> 6)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (s >> 12)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (s >> 18)))
            out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }
}

/// Windows-1251 bytes to UTF-8 bytes through a precomputed table.
struct Windows1251ToUTF8 {
    /// For each byte: up to three UTF-8 bytes packed little-endian, and the count in the top byte; 0 = unassigned.
    private let table: [UInt32]

    init() {
        var t = [UInt32](repeating: 0, count: 256)
        for b in 0..<256 {
            let scalar: UInt32 = b < 0x80 ? UInt32(b) : UInt32(Windows1251.upperHalf[b - 0x80])
            if b >= 0x80 && scalar == 0 { continue }
            var bytes: [UInt8] = []
            if scalar < 0x80 {
                bytes = [UInt8(scalar)]
            } else if scalar < 0x800 {
                bytes = [UInt8(0xC0 | (scalar >> 6)), UInt8(0x80 | (scalar & 0x3F))]
            } else {
                bytes = [UInt8(0xE0 | (scalar >> 12)), UInt8(0x80 | ((scalar >> 6) & 0x3F)), UInt8(0x80 | (scalar & 0x3F))]
            }
            var packed = UInt32(bytes.count) << 24
            for (i, x) in bytes.enumerated() { packed |= UInt32(x) << (8 * UInt32(i)) }
            t[b] = packed
        }
        table = t
    }

    /// Decodes one field; nil when it holds the unassigned byte 0x98.
    func decode(_ field: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> String? {
        scratch.removeAll(keepingCapacity: true)
        for b in field {
            let packed = table[Int(b)]
            let n = packed >> 24
            if n == 0 { return nil }
            scratch.append(UInt8(truncatingIfNeeded: packed))
            if n > 1 { scratch.append(UInt8(truncatingIfNeeded: packed >> 8)) }
            if n > 2 { scratch.append(UInt8(truncatingIfNeeded: packed >> 16)) }
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
