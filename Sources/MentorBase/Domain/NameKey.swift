/// The folded forms of names that identity matching compares.
///
/// Folding: lower case, `ё`→`е`, Latin look-alike letters inside a name read as Cyrillic,
/// dots dropped, any run of other separators one space. The original spelling is kept for display.
public enum NameKey {
    /// The folded key of a whole name («Фамилия Имя Отчество»).
    public static func fold(_ s: String) -> String {
        withFoldBuffer(for: s) { buffer in
            var n = 0
            append(s, to: buffer, at: &n, spaces: true)
            return n
        }
    }

    /// `fold(s)` with the spaces left out (class names: `7 Б` and `7Б` are one class).
    public static func foldWithoutSpaces(_ s: String) -> String {
        withFoldBuffer(for: s) { buffer in
            var n = 0
            append(s, to: buffer, at: &n, spaces: false)
            return n
        }
    }

    /// The full-name key and the initials key of name parts, each part folded once: the parts'
    /// folded forms joined by a space (empty ones left out), and the folded surname followed by
    /// the first letter of each further part. The same as `fold` of each part, joined.
    public static func keys(lastName: String, firstName: String?, patronymic: String?) -> (name: String, initials: String) {
        let bytes = lastName.utf8.count + (firstName?.utf8.count ?? 0) + (patronymic?.utf8.count ?? 0)
        // One buffer holds the name key (at most 2 × bytes + 2, see `withFoldBuffer`), then the
        // initials key after it (the folded surname again, and two spaced letters of ≤ 4 bytes).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 5 * bytes + 16) { buffer in
            var n = 0
            append(lastName, to: buffer, at: &n, spaces: true)
            let lastEnd = n
            // Where each further part's first letter starts in the name key (nil when it folds to nothing).
            func appendPart(_ part: String?) -> Range<Int>? {
                guard let part else { return nil }
                let mark = n
                buffer[n] = 0x20
                n += 1
                append(part, to: buffer, at: &n, spaces: true)
                if n == mark + 1 {
                    n = mark
                    return nil
                }
                return (mark + 1)..<(mark + 1 + scalarLength(buffer[mark + 1]))
            }
            let firstLetter = appendPart(firstName)
            let patronymicLetter = appendPart(patronymic)
            let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
            let start = n
            for i in 0..<lastEnd { buffer[n] = buffer[i]; n += 1 }
            for r in [firstLetter, patronymicLetter] {
                guard let r else { continue }
                buffer[n] = 0x20
                n += 1
                for i in r { buffer[n] = buffer[i]; n += 1 }
            }
            return (name, String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<n]), as: UTF8.self))
        }
    }

    /// Runs `body` over a scratch buffer large enough for the folded form of `s` (every scalar
    /// folds to at most twice its UTF-8 bytes: a Latin look-alike letter becomes a two-byte
    /// Cyrillic one; a space is written only in place of at least one separator byte) and makes
    /// a String of the bytes `body` says it wrote. The buffer is on the stack for names of
    /// ordinary length: no allocation besides the result's own.
    private static func withFoldBuffer(for s: String, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * s.utf8.count + 2) { buffer in
            let n = body(buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
        }
    }

    /// Bytes of the UTF-8 sequence that starts with `lead`.
    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// What one scalar of a name folds to.
    private enum Folded {
        case scalar(Unicode.Scalar)
        /// Dropped without a trace (apostrophes: `О'Нил` is `онил`).
        case dropped
        /// Separates words: one space at most, and none at the start.
        case separator
    }

    private static func folded(_ c0: Unicode.Scalar) -> Folded {
        let v = c0.value
        // Fast paths for what names are made of: Cyrillic and ASCII.
        if v >= 0x430 && v <= 0x44F { return .scalar(c0) }
        if v >= 0x410 && v <= 0x42F { return Unicode.Scalar(v + 0x20).map(Folded.scalar) ?? .scalar(c0) }
        if v == 0x401 || v == 0x451 { return .scalar("е") }
        if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D {
            let c = lookalike(c0)
            if c.value < 0x80 {
                return .scalar(Unicode.Scalar(UInt8(c.value | (c.value >= 0x41 && c.value <= 0x5A ? 0x20 : 0))))
            }
            return .scalar(lower(c))
        }
        if v >= 0x80, c0.properties.isAlphabetic { return .scalar(lower(lookalike(c0))) }
        if c0 == "'" || c0 == "’" { return .dropped }
        return .separator
    }

    /// Appends the folded form of `s` at `buffer[n...]` (see `withFoldBuffer` for the room it
    /// needs); `spaces: false` leaves the separating spaces out. Swift strings hold valid UTF-8,
    /// so the scalars are decoded without checks.
    private static func append(_ s: String, to buffer: UnsafeMutableBufferPointer<UInt8>, at n: inout Int, spaces: Bool) {
        let start = n
        var pendingSpace = false
        // Read in place (a `var` copy for `withUTF8` cost a retain and a release per part).
        withUTF8Bytes(s) { u in
            var i = 0
            while i < u.count {
                let b0 = u[i]
                // Cyrillic А…я, Ё and ё (two bytes, D0 90 to D1 8F, D0 81, D1 91): what names are
                // made of, folded on the bytes; the same outcome as `folded` gives for them.
                if (b0 == 0xD0 || b0 == 0xD1) && i + 1 < u.count {
                    let v = UInt32(b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F)
                    if (v >= 0x410 && v <= 0x44F) || v == 0x401 || v == 0x451 {
                        let f = v == 0x401 || v == 0x451 ? 0x435 : v <= 0x42F ? v + 0x20 : v
                        if pendingSpace && n > start && spaces {
                            buffer[n] = 0x20
                            n += 1
                        }
                        pendingSpace = false
                        buffer[n] = UInt8(0xC0 | f >> 6)
                        buffer[n + 1] = UInt8(0x80 | f & 0x3F)
                        n += 2
                        i += 2
                        continue
                    }
                }
                let len = scalarLength(b0)
                var v = len == 1 ? UInt32(b0) : UInt32(b0) & (0xFF >> UInt32(len + 1))
                for k in 1..<max(len, 1) where i + k < u.count { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                i += len
                guard let c0 = Unicode.Scalar(v) else { continue }
                switch folded(c0) {
                case .scalar(let f):
                    if pendingSpace && n > start && spaces {
                        buffer[n] = 0x20
                        n += 1
                    }
                    pendingSpace = false
                    for b in f.utf8 {
                        buffer[n] = b
                        n += 1
                    }
                case .dropped:
                    continue
                case .separator:
                    pendingSpace = true
                }
            }
        }
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
