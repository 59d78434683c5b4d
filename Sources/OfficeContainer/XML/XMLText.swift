/// Escaping for writers of XML parts.
public enum XMLText {
    /// Appends `s` escaped for element text and attribute values (`&`, `<`, `>`, `"`, `'`);
    /// characters XML 1.0 forbids (control characters but tab, line feed and carriage return,
    /// lone surrogates cannot occur in a Swift `String`, U+FFFE, U+FFFF) are dropped, since no
    /// parser would read the part back otherwise. Carriage returns and tabs are written as
    /// character references so attribute-value normalisation cannot eat them.
    public static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]                  // &amp;
                case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]                        // &lt;
                case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]                        // &gt;
                case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]            // &quot;
                case 0x27: out += [0x26, 0x61, 0x70, 0x6F, 0x73, 0x3B]            // &apos;
                case 0x09: out += [0x26, 0x23, 0x39, 0x3B]                        // &#9;
                case 0x0A: out += [0x26, 0x23, 0x31, 0x30, 0x3B]                  // &#10;
                case 0x0D: out += [0x26, 0x23, 0x31, 0x33, 0x3B]                  // &#13;
                case 0x00...0x1F: break
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    i += 2                                                         // U+FFFE, U+FFFF
                default: out.append(b)
                }
                i += 1
            }
        }
    }

    /// `s` escaped as ``append(_:to:)`` does.
    public static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
