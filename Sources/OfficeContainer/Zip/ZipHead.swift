/// One local file header found in the first bytes of a zip, for sniffing.
public struct ZipHeadEntry: Sendable, Hashable {
    /// The entry's name as stored.
    public var name: String
    /// 0 stored, 8 deflated.
    public var method: UInt16
    /// The entry's bytes when it is stored (not compressed), declares its size up front and
    /// lies wholly inside the head: OpenDocument's `mimetype` entry, say.
    public var storedData: [UInt8]?
}

/// Looks at the first bytes of a zip without its central directory (which sits at the end
/// of the file, out of a sniffer's reach).
public enum ZipHead {
    /// True when `head` starts with a zip local file header (`PK\u{3}\u{4}`).
    public static func hasSignature(_ head: [UInt8]) -> Bool {
        head.count >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04
    }

    /// The local headers found in `head`, in file order.
    ///
    /// Entries may use data descriptors (sizes written after the data), so the scan searches
    /// for each header's signature instead of trusting sizes; a compressed entry's bytes may
    /// therefore, rarely, yield a spurious header. Good enough to rank a file, never to read it.
    public static func entries(in head: [UInt8]) -> [ZipHeadEntry] {
        var out: [ZipHeadEntry] = []
        var i = 0
        let n = head.count
        while i + 30 <= n {
            guard head[i] == 0x50, head[i + 1] == 0x4B, head[i + 2] == 0x03, head[i + 3] == 0x04 else { i += 1; continue }
            let flags = Int(head[i + 6]) | Int(head[i + 7]) << 8
            let method = UInt16(head[i + 8]) | UInt16(head[i + 9]) << 8
            let size = Int(head[i + 18]) | Int(head[i + 19]) << 8 | Int(head[i + 20]) << 16 | Int(head[i + 21]) << 24
            let nameLength = Int(head[i + 26]) | Int(head[i + 27]) << 8
            let extraLength = Int(head[i + 28]) | Int(head[i + 29]) << 8
            let start = i + 30
            guard nameLength > 0, start + nameLength <= n else { break }
            let name = String(decoding: head[start..<(start + nameLength)], as: UTF8.self)
            var data: [UInt8]?
            let dataStart = start + nameLength + extraLength
            if method == 0, flags & 8 == 0, size > 0, dataStart + size <= n {
                data = Array(head[dataStart..<(dataStart + size)])
            }
            out.append(ZipHeadEntry(name: name, method: method, storedData: data))
            i = start + nameLength
        }
        return out
    }
}
