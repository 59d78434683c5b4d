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
        // Fast path over the bytes: most cells need nothing.
        var clean = true
        var prevSpace = true
        var t = s
        t.withUTF8 { b in
            for i in 0..<b.count {
                let c = b[i]
                if c == 0x20 {
                    if prevSpace { clean = false; return }
                    prevSpace = true
                } else if c == 0x09 || c == 0x0A || c == 0x0D || c == 0xC2 || c == 0xE2 {
                    // Tabs, line breaks, NBSP (C2 A0) and narrow spaces (E2 80 xx) take the slow path.
                    if c == 0xC2 && (i + 1 >= b.count || b[i + 1] != 0xA0) { prevSpace = false; continue }
                    if c == 0xE2 && (i + 2 >= b.count || b[i + 1] != 0x80 || (b[i + 2] != 0xAF && b[i + 2] != 0x87)) {
                        prevSpace = false
                        continue
                    }
                    clean = false
                    return
                } else {
                    prevSpace = false
                }
            }
        }
        if clean && (!prevSpace || s.isEmpty) { return s }
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
