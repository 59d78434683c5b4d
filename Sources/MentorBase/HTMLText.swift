/// Text made safe for HTML element content and quoted attribute values: one implementation for
/// the HTML export, the site templates and the web page.
public enum HTMLText {
    /// `&`, `<`, `>`, `"`, `'` as entities; carriage returns, C0/C1 controls and noncharacters
    /// dropped (they are parse errors in HTML); text needing none of that is returned as is.
    public static func escape(_ s: String) -> String {
        var clean = true
        for u in s.utf8 where u == 0x26 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x27
            || (u < 0x20 && u != 0x0A && u != 0x09) || u == 0x7F || u == 0xC2 || u == 0xEF || u >= 0xF0 {
            // 0xC2 leads the C1 controls, 0xEF and 0xF0–0xF4 the noncharacters: look closer below.
            clean = false
            break
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 || (0x7F...0x9F).contains(ch.value) || (0xFDD0...0xFDEF).contains(ch.value)
                    || ch.value & 0xFFFE == 0xFFFE { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
