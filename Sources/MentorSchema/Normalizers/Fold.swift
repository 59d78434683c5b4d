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
        var clean = true
        var prevSpace = true
        for c in s.unicodeScalars {
            if c == " " {
                if prevSpace { clean = false; break }
                prevSpace = true
            } else if isSpaceLike(c) {
                clean = false
                break
            } else {
                prevSpace = false
            }
        }
        if clean && !prevSpace { return s }
        if clean && s.isEmpty { return s }
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

    @inline(__always) static func isCyrillic(_ c: Unicode.Scalar) -> Bool { c.value >= 0x400 && c.value <= 0x4FF }
    @inline(__always) static func isLatin(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
}
