/// The folded forms of names that identity matching compares.
///
/// Folding: lower case, `ё`→`е`, Latin look-alike letters inside a name read as Cyrillic,
/// dots dropped, any run of other separators one space. The original spelling is kept for display.
public enum NameKey {
    /// The folded key of a whole name («Фамилия Имя Отчество»).
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c0 in s.unicodeScalars {
            let v = c0.value
            // Fast paths for what names are made of: Cyrillic and ASCII.
            var folded: Unicode.Scalar?
            if v >= 0x430 && v <= 0x44F {
                folded = c0
            } else if v >= 0x410 && v <= 0x42F {
                folded = Unicode.Scalar(v + 0x20)
            } else if v == 0x401 || v == 0x451 {
                folded = "е"
            } else if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D {
                let c = lookalike(c0)
                folded = c.value < 0x80 ? Unicode.Scalar(c.value | (c.value >= 0x41 && c.value <= 0x5A ? 0x20 : 0)) : lower(c)
            } else if v >= 0x80, c0.properties.isAlphabetic {
                folded = lower(lookalike(c0))
            }
            if let f = folded {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(f)
            } else if c0 == "." {
                pendingSpace = true
            } else if c0 == "'" || c0 == "’" {
                continue
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// The full-name key of name parts: the folded «Фамилия Имя Отчество».
    public static func key(lastName: String, firstName: String?, patronymic: String?) -> String {
        fold([lastName, firstName ?? "", patronymic ?? ""].filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// The initials key: the folded surname and the first letter of the name and patronymic
    /// (`иванов и и`), shared by «Иванов Иван Иванович» and «Иванов И. И.».
    public static func initialsKey(lastName: String, firstName: String?, patronymic: String?) -> String {
        var parts = [fold(lastName)]
        for p in [firstName, patronymic] {
            if let p, let first = fold(p).unicodeScalars.first { parts.append(String(Character(first))) }
        }
        return parts.joined(separator: " ")
    }

    /// True when a name part is only an initial (`И.` or `И`).
    public static func isInitial(_ part: String?) -> Bool {
        guard let part else { return false }
        var letters = 0
        for c in part.unicodeScalars {
            let v = c.value
            let isLetter = (v >= 0x410 && v <= 0x451) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || (v >= 0x80 && !(v >= 0x410 && v <= 0x451) && c.properties.isAlphabetic)
            if isLetter {
                letters += 1
                if letters > 1 { return false }
            }
        }
        return letters == 1
    }

    private static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c == "Ё" || c == "ё" { return "е" }
        let l = c.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? (l.first ?? c) : c
    }

    /// Latin letters that look like Cyrillic ones, as typed by mistake in Russian names.
    private static func lookalike(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c {
        case "A": return "А"
        case "a": return "а"
        case "B": return "В"
        case "C": return "С"
        case "c": return "с"
        case "E": return "Е"
        case "e": return "е"
        case "H": return "Н"
        case "K": return "К"
        case "k": return "к"
        case "M": return "М"
        case "O": return "О"
        case "o": return "о"
        case "P": return "Р"
        case "p": return "р"
        case "T": return "Т"
        case "X": return "Х"
        case "x": return "х"
        case "y": return "у"
        default: return c
        }
    }
}

/// SNILS as the identity key: its eleven digits, whatever the spelling.
public enum SNILSKey {
    /// The 11 digits of a SNILS (`112-233-445 95` → `11223344595`), or nil when it has another count.
    public static func digits(_ s: String?) -> String? {
        guard let s else { return nil }
        let d = s.unicodeScalars.filter { ("0"..."9").contains($0) }
        guard d.count == 11 else { return nil }
        return String(String.UnicodeScalarView(d))
    }
}
