/// Text folding used to compare what people type: case, `ё`/`е`, spaces, NBSP, punctuation.
public enum Fold {
    /// Folds a header for matching: lower case, `ё`→`е`, every run of spaces, NBSP, punctuation
    /// and symbols becomes one space, a trailing `*` (required mark) goes, ends trimmed.
    ///
    /// `"  ФИО  наставника*"` and `"Ф.И.О. наставника"` fold to `"фио наставника"` and `"ф и о наставника"`;
    /// dotted abbreviations are glued back (`ф.и.о.` → `фио`) so both meet.
    public static func header(_ s: String) -> String {
        var words: [String.UnicodeScalarView] = []
        var word = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if isLetter(c) || isDigit(c) {
                word.append(lower(c))
            } else {
                if !word.isEmpty {
                    words.append(word)
                    word = String.UnicodeScalarView()
                }
                // «№» is a word of its own: «№ пары» meets «Номер пары».
                if c == "№" { words.append("номер".unicodeScalars) }
            }
        }
        if !word.isEmpty { words.append(word) }
        // Glue runs of single letters ("Ф.И.О.", "Ф И О") into one word so abbreviations meet.
        var out = String.UnicodeScalarView()
        var previousSingle = false
        for w in words {
            let single = w.count == 1 && isLetter(w.first!)
            if !out.isEmpty && !(single && previousSingle) { out.append(" ") }
            out.append(contentsOf: w)
            previousSingle = single
        }
        return String(out)
    }

    /// Folds to letters and digits only: lower case, `ё`→`е`, everything else dropped.
    /// `"7 «Б»"` → `"7б"`, `"ученик – ученик"` → `"ученикученик"`.
    public static func compact(_ s: String, dropping stopWords: Set<String> = []) -> String {
        var out = String.UnicodeScalarView()
        if stopWords.isEmpty {
            for c in s.unicodeScalars where isLetter(c) || isDigit(c) { out.append(lower(c)) }
            return String(out)
        }
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty {
                let w = String(word)
                if !stopWords.contains(w) { out.append(contentsOf: word) }
                word = String.UnicodeScalarView()
            }
        }
        for c in s.unicodeScalars {
            if isLetter(c) || isDigit(c) { word.append(lower(c)) } else { flush() }
        }
        flush()
        return String(out)
    }

    /// Trims spaces, NBSP, tabs and line breaks at both ends and folds inner runs of spaces and NBSP
    /// into one space (line breaks inside are kept).
    public static func spaces(_ s: String) -> String {
        // Most cells need nothing: one pass over the bytes proves it without building anything.
        if spacesAreClean(s) { return s }
        return spacesGeneral(s)
    }

    /// True when `spaces` would return its input unchanged: no space at either end, no two spaces
    /// in a row, no tab, line break, NBSP (C2 A0) or narrow space (E2 80 AF, E2 80 87).
    @inline(__always) static func spacesAreClean(_ s: String) -> Bool {
        let answer = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            guard n > 0, let p = b.baseAddress else { return true }
            if p[0] == 0x20 || p[n - 1] == 0x20 { return false }
            var i = 0
            while i < n {
                let c = p[i]
                if c <= 0x20 {
                    // The last byte is not a space, so a space always has a byte after it.
                    if c == 0x20 {
                        if p[i + 1] == 0x20 { return false }
                    } else if c == 0x09 || c == 0x0A || c == 0x0D {
                        return false
                    }
                } else if c == 0xC2 {
                    if i + 1 < n && p[i + 1] == 0xA0 { return false }
                } else if c == 0xE2 {
                    if i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xAF || p[i + 2] == 0x87) { return false }
                }
                i += 1
            }
            return true
        }
        return answer ?? false
    }

    /// `spaces` without the fast check: the reference the fast path must agree with.
    static func spacesGeneral(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for c in s.unicodeScalars {
            if c == "\n" || c == "\r" {
                pending = false
                if !out.isEmpty && out.last != "\n" { out.append("\n") }
            } else if isSpaceLike(c) {
                pending = true
            } else {
                if pending && !out.isEmpty && out.last != "\n" { out.append(" ") }
                pending = false
                out.append(c)
            }
        }
        while let l = out.last, l == "\n" { out.removeLast() }
        return String(out)
    }

    /// Compares `s.lowercased()` with a few short byte strings without building the lower-case
    /// String, for text of ASCII and the basic Cyrillic letters (U+0400–U+045F), whose lower case
    /// is one letter of the same UTF-8 length. Nil when `s` holds anything else or is longer than
    /// 64 bytes: the caller then lower-cases the ordinary way.
    static func lowercasedMatchesAny(_ s: String, _ candidates: [[UInt8]]) -> Bool? {
        let answer = s.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            let n = b.count
            guard n <= 64 else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out -> Bool? in
                var i = 0
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        out[i] = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
                        i += 1
                    } else if (c == 0xD0 || c == 0xD1) && i + 1 < n {
                        // D0 80–BF is U+0400–U+043F, D1 80–9F is U+0440–U+045F.
                        let c2 = b[i + 1]
                        guard c2 >= 0x80 && c2 <= 0xBF, c == 0xD0 || c2 <= 0x9F else { return nil }
                        let v = (UInt32(c & 0x1F) << 6) | UInt32(c2 & 0x3F)
                        let lower: UInt32 = v <= 0x40F ? v + 0x50 : (v <= 0x42F ? v + 0x20 : v)
                        out[i] = UInt8(0xC0 | (lower >> 6))
                        out[i + 1] = UInt8(0x80 | (lower & 0x3F))
                        i += 2
                    } else {
                        return nil
                    }
                }
                for m in candidates where m.count == n {
                    var same = true
                    for k in 0..<n where m[k] != out[k] { same = false; break }
                    if same { return true }
                }
                return false
            }
        }
        return answer ?? nil
    }

    /// The UTF-8 bytes of text made only of ASCII and the Cyrillic letters U+0400–U+047F, nil for
    /// anything else. In such text no character is a combining mark or canonically equivalent
    /// to another sequence, so Foundation's (canonical) substring search and a byte search agree.
    static func plainBytes(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var expectContinuation = false
        for b in s.utf8 {
            if expectContinuation {
                guard b & 0xC0 == 0x80 else { return nil }
                expectContinuation = false
            } else if b >= 0x80 {
                guard b == 0xD0 || b == 0xD1 else { return nil }
                expectContinuation = true
            }
            out.append(b)
        }
        return expectContinuation ? nil : out
    }

    /// True when `haystack` holds `needle` as a run of bytes.
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0 else { return true }
        guard n <= h else { return false }
        let first = needle[0]
        var i = 0
        while i <= h - n {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    static func isSpaceLike(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\u{A0}" || c == "\t" || c == "\n" || c == "\r" || c == "\u{202F}" || c == "\u{2007}"
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { return true }
        if v >= 0x400 && v <= 0x4FF { return true }
        if v < 0x80 { return false }
        return c.properties.isAlphabetic
    }

    /// Lower case for Cyrillic and Latin, with `ё`/`Ё` read as `е`.
    @inline(__always) static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        if v >= 0x41 && v <= 0x5A { return Unicode.Scalar(v + 32)! }
        if v >= 0x410 && v <= 0x42F { return Unicode.Scalar(v + 32)! }
        if v == 0x401 || v == 0x451 { return "е" }
        if v >= 0x400 && v <= 0x40F { return Unicode.Scalar(v + 80)! }
        if v < 0x80 || (v >= 0x430 && v <= 0x45F) { return c }
        let l = c.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? l.first! : c
    }

    /// Latin letters that look like Cyrillic ones, mapped to the Cyrillic letter a reader sees.
    static let latinLookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "A": "А", "a": "а", "B": "В", "E": "Е", "e": "е", "K": "К", "k": "к", "M": "М", "H": "Н",
        "O": "О", "o": "о", "P": "Р", "p": "р", "C": "С", "c": "с", "T": "Т", "y": "у", "Y": "У",
        "X": "Х", "x": "х",
    ]

    /// The Cyrillic letter a Latin look-alike stands for (other scalars unchanged), without a dictionary lookup.
    @inline(__always) static func cyrillicLookalike(_ c: Unicode.Scalar) -> Unicode.Scalar {
        guard c.value < 0x80 else { return c }
        switch c {
        case "A": return "А"
        case "a": return "а"
        case "B": return "В"
        case "E": return "Е"
        case "e": return "е"
        case "K": return "К"
        case "k": return "к"
        case "M": return "М"
        case "H": return "Н"
        case "O": return "О"
        case "o": return "о"
        case "P": return "Р"
        case "p": return "р"
        case "C": return "С"
        case "c": return "с"
        case "T": return "Т"
        case "y": return "у"
        case "Y": return "У"
        case "X": return "Х"
        case "x": return "х"
        default: return c
        }
    }

    @inline(__always) static func isCyrillic(_ c: Unicode.Scalar) -> Bool { c.value >= 0x400 && c.value <= 0x4FF }
    @inline(__always) static func isLatin(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
}
