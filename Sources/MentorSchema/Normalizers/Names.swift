import Foundation
import MentorBase

/// Reads people's names: «Фамилия Имя Отчество», «Имя Отчество Фамилия», initials, Latin look-alikes.
public enum Names {
    static let patronymicEndings = ["ович", "евич", "ьич", "овна", "евна", "ична", "инична", "оглы", "кызы"]

    /// True when a word reads as a patronymic (`Петрович`, `Ильинична`).
    public static func isPatronymic(_ word: String) -> Bool {
        if let r = word.utf8.withContiguousStorageIfAvailable({ isPatronymic(utf8: UnsafeBufferPointer(rebasing: $0[...])) }) {
            return r
        }
        return isPatronymicGeneral(word)
    }

    /// `isPatronymic` over a word's UTF-8 bytes: only the last six letters matter, decoded
    /// backwards, folded, and compared with every ending at once as vectors (no buffer allocated).
    static func isPatronymic(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        // The usual spellings first: a word ending in one of the four-letter endings written in
        // lower-case Cyrillic, byte for byte, with something before it (so five letters or more).
        // Folding leaves those letters as they are, so the reading below would say yes too.
        if b.count >= 9, let base = b.baseAddress {
            let last = UnsafeRawPointer(base + b.count - 8).loadUnaligned(as: UInt64.self)
            if endingWords.contains(last) { return true }
        }
        var tail = SIMD8<UInt32>()
        var k = 0
        var end = b.count
        // Cyrillic words (every letter two bytes, U+0400–U+045F): folded without decoding in general.
        while k < 6 && end >= 2 {
            let lead = b[end - 2], trail = b[end - 1]
            guard (lead == 0xD0 || lead == 0xD1) && trail & 0xC0 == 0x80 else { break }
            let v = (UInt32(lead & 0x1F) << 6) | UInt32(trail & 0x3F)
            guard v <= 0x45F else { break }
            tail[k] = (v == 0x401 || v == 0x451) ? 0x435 : (v <= 0x40F ? v + 80 : (v <= 0x42F ? v + 32 : v))
            k += 1
            end -= 2
        }
        while k < 6 && end > 0 {
            var start = end - 1
            while start > 0 && b[start] & 0xC0 == 0x80 { start -= 1 }
            let lead = UInt32(b[start])
            var v: UInt32
            switch end - start {
            case 1: v = lead
            case 2: v = lead & 0x1F
            case 3: v = lead & 0x0F
            default: v = lead & 0x07
            }
            var j = start + 1
            while j < end {
                v = (v << 6) | UInt32(b[j] & 0x3F)
                j += 1
            }
            guard let scalar = Unicode.Scalar(v) else { return isPatronymicGeneral(String(decoding: b, as: UTF8.self)) }
            tail[k] = Fold.lower(Fold.cyrillicLookalike(scalar)).value
            k += 1
            end = start
        }
        // Fewer than five letters is never a patronymic: k counts up to six of them.
        guard k > 4 else { return false }
        for e in endingVectors where e.count <= k && (tail & e.mask) == e.scalars { return true }
        return false
    }

    /// The four-letter endings as their eight UTF-8 bytes, loaded as one word each.
    static let endingWords: [UInt64] = ["ович", "евич", "овна", "евна", "ична"].map { e in
        Array(e.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }

    /// The endings as reversed scalar values in vector lanes, with a mask of the lanes they fill.
    static let endingVectors: [(count: Int, scalars: SIMD8<UInt32>, mask: SIMD8<UInt32>)] = endingScalars.map { e in
        var v = SIMD8<UInt32>(), m = SIMD8<UInt32>()
        for (i, x) in e.enumerated() where i < 8 {
            v[i] = x
            m[i] = .max
        }
        return (e.count, v, m)
    }

    /// The scalar-by-scalar reading `isPatronymic` must agree with.
    static func isPatronymicGeneral(_ word: String) -> Bool {
        var tail: [UInt32] = []
        var count = 0
        for c in word.unicodeScalars.reversed() {
            count += 1
            if tail.count < 6 { tail.append(Fold.lower(Fold.cyrillicLookalike(c)).value) }
        }
        guard count > 4 else { return false }
        for e in endingScalars where e.count <= tail.count {
            var match = true
            for (i, v) in e.enumerated() where tail[i] != v { match = false; break }
            if match { return true }
        }
        return false
    }

    /// The endings as reversed scalar values.
    static let endingScalars: [[UInt32]] = patronymicEndings.map { $0.unicodeScalars.reversed().map(\.value) }

    /// What one pass over a name's bytes found: up to three word ranges (UTF-8 offsets) and
    /// the marks that send a cell to the general path.
    struct Scan: Equatable {
        var words = 0
        var w0 = 0..<0, w1 = 0..<0, w2 = 0..<0
        var shortWord = false, hasDigit = false, hasDot = false, mixed = false
    }

    /// What each byte is to `scan`, as bits (0 for a byte inside a word that needs no note).
    static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in [0x20, 0x09, 0x0A, 0x0D] { t[c] = ByteClass.space }
        t[0xC2] = ByteClass.c2
        t[0xE2] = ByteClass.e2
        for c in 0x30...0x39 { t[c] = ByteClass.digit }
        t[0x2E] = ByteClass.dot
        t[0xD0] = ByteClass.cyrillic
        t[0xD1] = ByteClass.cyrillic
        for c in 0x41...0x5A { t[c] = ByteClass.latin }
        for c in 0x61...0x7A { t[c] = ByteClass.latin }
        return t
    }()

    enum ByteClass {
        static let space: UInt8 = 1, c2: UInt8 = 2, e2: UInt8 = 4, digit: UInt8 = 8, dot: UInt8 = 16
        static let cyrillic: UInt8 = 32, latin: UInt8 = 64
    }

    /// Words split on any space or line break (space, tab, CR, LF, NBSP, U+202F, U+2007); digits,
    /// dots and scripts noted on the way.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Scan {
        byteClass.withUnsafeBufferPointer { table in
            var r = Scan()
            var start = -1
            var wordCyr = false, wordLat = false
            let n = b.count
            var i = 0
            while true {
                // Find the end of the current run of word bytes (or the end of the text).
                var spaceLen = 0
                while i < n {
                    // Eight bytes at a time while they are all Cyrillic letters (D0/D1 lead bytes
                    // and continuation bytes): nothing in them ends a word or needs a note but
                    // the script. Each byte is tested exactly: (b & C0) == 80 or (b & FE) == D0.
                    if i + 8 <= n, let base = b.baseAddress {
                        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        if Names.allCyrillic(w) {
                            if start < 0 { start = i }
                            wordCyr = true
                            i += 8
                            continue
                        }
                    }
                    let c = b[i]
                    let k = table[Int(c)]
                    if k == 0 {
                        if start < 0 { start = i }
                        i += 1
                        continue
                    }
                    if k == ByteClass.space {
                        spaceLen = 1
                    } else if k == ByteClass.c2 {
                        if i + 1 < n && b[i + 1] == 0xA0 { spaceLen = 2 }
                    } else if k == ByteClass.e2 {
                        if i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xAF || b[i + 2] == 0x87) { spaceLen = 3 }
                    }
                    if spaceLen > 0 { break }
                    if start < 0 { start = i }
                    if k == ByteClass.cyrillic {
                        wordCyr = true
                    } else if k == ByteClass.latin {
                        wordLat = true
                    } else if k == ByteClass.digit {
                        r.hasDigit = true
                    } else if k == ByteClass.dot {
                        r.hasDot = true
                    }
                    i += 1
                }
                if start >= 0 {
                    switch r.words {
                    case 0: r.w0 = start..<i
                    case 1: r.w1 = start..<i
                    case 2: r.w2 = start..<i
                    default: break
                    }
                    r.words += 1
                    if i - start <= 2 { r.shortWord = true }
                    if wordCyr && wordLat { r.mixed = true }
                }
                start = -1
                wordCyr = false
                wordLat = false
                if i >= n { break }
                i += spaceLen
            }
            return r
        }
    }

    /// True when each of the eight bytes is a continuation byte (80–BF) or D0/D1.
    @inline(__always) static func allCyrillic(_ w: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, one: UInt64 = 0x0101_0101_0101_0101
        // A byte of x is FF exactly when ((x & 7F) + 1) carries into its top bit and its top bit is set.
        @inline(__always) func isFF(_ x: UInt64) -> UInt64 { ((x & low7) &+ one) & x & high }
        let continuation = isFF(~((w & 0xC0C0_C0C0_C0C0_C0C0) ^ high))
        let lead = isFF(~((w & 0xFEFE_FEFE_FEFE_FEFE) ^ 0xD0D0_D0D0_D0D0_D0D0))
        return continuation | lead == high
    }

    /// The reference `scan` must agree with: the same pass, one byte at a time, no table.
    static func scanGeneral(_ b: UnsafeBufferPointer<UInt8>) -> Scan {
        var r = Scan()
        var start = -1
        var wordCyr = false, wordLat = false
        let n = b.count
        func endWord(_ end: Int) {
            if start >= 0 {
                switch r.words {
                case 0: r.w0 = start..<end
                case 1: r.w1 = start..<end
                case 2: r.w2 = start..<end
                default: break
                }
                r.words += 1
                if end - start <= 2 { r.shortWord = true }
                if wordCyr && wordLat { r.mixed = true }
            }
            start = -1
            wordCyr = false
            wordLat = false
        }
        var i = 0
        while i < n {
            let c = b[i]
            var spaceLen = 0
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                spaceLen = 1
            } else if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 {
                spaceLen = 2
            } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xAF || b[i + 2] == 0x87 {
                spaceLen = 3
            }
            if spaceLen > 0 {
                endWord(i)
                i += spaceLen
                continue
            }
            if start < 0 { start = i }
            if c >= 0x30 && c <= 0x39 {
                r.hasDigit = true
            } else if c == 0x2E {
                r.hasDot = true
            } else if c == 0xD0 || c == 0xD1 {
                wordCyr = true
            } else if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
                wordLat = true
            }
            i += 1
        }
        endWord(n)
        return r
    }

    /// Splits and checks one name. `required` decides whether a lone surname is an error or a warning.
    public static func parse(_ raw: String, fullNameRequired: Bool = true) -> Normalized {
        // One pass over the bytes; the common case (two or three whole Cyrillic or Latin words)
        // is cut straight from the cell.
        let found = raw.utf8.withContiguousStorageIfAvailable { b -> (hasDigit: Bool, name: PersonName?) in
            let s = scan(UnsafeBufferPointer(rebasing: b[...]))
            return (s.hasDigit, common(s, b))
        }
        if let name = found?.name { return Normalized(.name(name)) }
        return parseGeneral(raw, hasDigit: found?.hasDigit ?? raw.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, fullNameRequired: fullNameRequired)
    }

    /// The common case alone: two or three whole words, nil for anything else. Spaces around and
    /// between the words do not matter (they only separate words), so a cell can be read before
    /// its spaces are folded: `parseCommon(x)`, when not nil, is `parse(Fold.spaces(x))`.
    static func parseCommon(_ raw: String, words interner: WordInterner? = nil) -> Normalized? {
        commonName(raw, words: interner).map { Normalized(.name($0)) }
    }

    /// The name `parseCommon` reads, before it is wrapped (the validator takes it as it is).
    @inline(__always)
    static func commonName(_ raw: String, words interner: WordInterner? = nil) -> PersonName? {
        raw.utf8.withContiguousStorageIfAvailable { b -> PersonName? in
            let s = scan(UnsafeBufferPointer(rebasing: b[...]))
            // The parts are the cell's words in order: when single spaces join them and nothing
            // surrounds them, the cell's text is the joined name.
            return common(s, b, interner, spelled: joinedBySingleSpaces(s, b) ? raw : nil)
        } ?? nil
    }

    /// True when the scanned words are the whole of `b`, each next one a single ASCII space after
    /// the one before.
    static func joinedBySingleSpaces(_ s: Scan, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        func follows(_ a: Range<Int>, _ c: Range<Int>) -> Bool {
            c.lowerBound == a.upperBound + 1 && b[a.upperBound] == 0x20
        }
        let last = s.words == 2 ? s.w1 : s.w2
        return (s.words == 2 || s.words == 3) && s.w0.lowerBound == 0 && last.upperBound == b.count
            && follows(s.w0, s.w1) && (s.words == 2 || follows(s.w1, s.w2))
    }

    @inline(__always)
    /// `spelled`: the cell's text, when it is exactly the words joined (see `PersonName.spelled`).
    static func common(_ s: Scan, _ b: UnsafeBufferPointer<UInt8>, _ interner: WordInterner? = nil,
                       spelled: String? = nil) -> PersonName? {
        guard !s.hasDot && !s.hasDigit && !s.mixed && !s.shortWord && (s.words == 2 || s.words == 3) else { return nil }
        // The words are whole UTF-8 sequences (cut at ASCII spaces), so decoding copies them unchanged.
        func word(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
        // Given names and patronymics repeat (a few hundred spellings cover most people): an
        // interner hands out one String per spelling instead of a new one per cell.
        func given(_ r: Range<Int>) -> String {
            interner?.string(UnsafeBufferPointer(rebasing: b[r])) ?? word(r)
        }
        if s.words == 2 { return PersonName(lastName: word(s.w0), firstName: given(s.w1), patronymic: nil, spelled: spelled) }
        let third = UnsafeBufferPointer(rebasing: b[s.w2]), second = UnsafeBufferPointer(rebasing: b[s.w1])
        if isPatronymic(utf8: third) || !isPatronymic(utf8: second) {
            return PersonName(lastName: word(s.w0), firstName: given(s.w1), patronymic: given(s.w2), spelled: spelled)
        }
        return nil
    }

    /// The full reading of a name (initials, order, look-alikes, odd word counts): the reference
    /// the fast path of `parse` must agree with. `hasDigit`: the cell holds an ASCII digit.
    static func parseGeneral(_ raw: String, hasDigit: Bool, fullNameRequired: Bool) -> Normalized {
        let words0: [String] = raw.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var issues: [NormalizerIssue] = []
        let text = words0.joined(separator: " ")
        if hasDigit {
            return .error("type-error", ru: "в ФИО есть цифры: «\(text)»", en: "the name contains digits: “\(text)”",
                          hintRu: "впишите фамилию, имя и отчество буквами", hintEn: "write the surname, name and patronymic in letters")
        }
        // Split "И.И." into separate initials and separate words glued by a dot ("Иванов И.И.").
        var tokens: [String] = []
        for part in words0 {
            let p = String(part)
            let pieces = p.split(separator: ".", omittingEmptySubsequences: true)
            if pieces.count > 1 && pieces.allSatisfy({ $0.count <= 2 }) {
                for piece in pieces { tokens.append(String(piece) + ".") }
            } else if pieces.count > 1, let last = pieces.last, pieces.dropLast().allSatisfy({ $0.count == 1 }) {
                // "И.И.Иванов"
                for piece in pieces.dropLast() { tokens.append(String(piece) + ".") }
                tokens.append(String(last))
            } else {
                tokens.append(p)
            }
        }
        tokens = tokens.filter { !$0.isEmpty && $0 != "-" }
        guard !tokens.isEmpty else { return Normalized(nil) }

        // Latin letters inside Cyrillic words look the same but never match.
        var fixedTokens: [String] = []
        var hadLookalikes = false
        for t in tokens {
            let hasCyr = t.unicodeScalars.contains(where: Fold.isCyrillic)
            let hasLat = t.unicodeScalars.contains(where: Fold.isLatin)
            if hasCyr && hasLat {
                hadLookalikes = true
                var v = String.UnicodeScalarView()
                for c in t.unicodeScalars { v.append(Fold.latinLookalikes[c] ?? c) }
                fixedTokens.append(String(v))
            } else {
                fixedTokens.append(t)
            }
        }
        if hadLookalikes {
            let fixed = fixedTokens.joined(separator: " ")
            issues.append(NormalizerIssue("name-latin-letters", .warning,
                ru: "в ФИО латинские буквы, похожие на русские: «\(text)»",
                en: "the name mixes Latin letters that look Cyrillic: “\(text)”",
                hintRu: "перепечатайте русскими буквами: «\(fixed)»", hintEn: "retype in Cyrillic: “\(fixed)”"))
        }

        func isInitial(_ t: String) -> Bool {
            let letters = t.unicodeScalars.filter { $0 != "." }
            return letters.count == 1 && (t.hasSuffix(".") || t.count == 1)
        }
        let initials = tokens.filter(isInitial)
        let words = tokens.filter { !isInitial($0) }

        if !initials.isEmpty {
            guard words.count == 1 else {
                return Normalized(nil, issues + [NormalizerIssue("type-error", .error,
                    ru: "не удалось разобрать ФИО: «\(text)»", en: "cannot read the name: “\(text)”",
                    hintRu: "Фамилия Имя Отчество полностью", hintEn: "surname, name, patronymic in full")])
            }
            let name = PersonName(lastName: words[0], firstName: initials.first.map(initialForm),
                                  patronymic: initials.count > 1 ? initialForm(initials[1]) : nil, hasInitials: true)
            issues.append(NormalizerIssue("name-initials", .warning,
                ru: "ФИО с инициалами: «\(text)» — такую запись нельзя надежно сопоставить с человеком",
                en: "a name with initials: “\(text)” cannot be matched to a person reliably",
                hintRu: "впишите имя и отчество полностью", hintEn: "write the name and patronymic in full"))
            return Normalized(.name(name), issues)
        }

        switch words.count {
        case 1:
            let name = PersonName(lastName: words[0], firstName: nil, patronymic: nil)
            issues.append(NormalizerIssue("name-incomplete", fullNameRequired ? .error : .warning,
                ru: "указана только фамилия: «\(text)»", en: "only a surname is given: “\(text)”",
                hintRu: "Фамилия Имя Отчество полностью", hintEn: "surname, name, patronymic in full"))
            return Normalized(fullNameRequired ? nil : .name(name), issues)
        case 2:
            return Normalized(.name(PersonName(lastName: words[0], firstName: words[1], patronymic: nil)), issues)
        case 3:
            if !isPatronymic(words[2]) && isPatronymic(words[1]) {
                let name = PersonName(lastName: words[2], firstName: words[0], patronymic: words[1])
                issues.append(NormalizerIssue("name-order", .warning,
                    ru: "ФИО записано в порядке «Имя Отчество Фамилия»: «\(text)», прочитано как «\(name.display)»",
                    en: "the name is in “name patronymic surname” order: “\(text)”, read as “\(name.display)”",
                    hintRu: "пишите «Фамилия Имя Отчество»", hintEn: "write “surname name patronymic”"))
                return Normalized(.name(name), issues)
            }
            return Normalized(.name(PersonName(lastName: words[0], firstName: words[1], patronymic: words[2])), issues)
        default:
            // "Мамедов Эльчин Рашид оглы": the patronymic may be two words.
            let tail = words[2...].joined(separator: " ")
            let name = PersonName(lastName: words[0], firstName: words[1], patronymic: tail)
            let lastKey = PersonName.foldKey(words[words.count - 1])
            if words.count == 4 && (lastKey == "оглы" || lastKey == "кызы" || lastKey == "улы" || lastKey == "кизи") {
                return Normalized(.name(name), issues)
            }
            issues.append(NormalizerIssue("name-unusual", .warning,
                ru: "в ФИО больше трех слов: «\(text)», прочитано как фамилия «\(words[0])», имя «\(words[1])», отчество «\(tail)»",
                en: "the name has more than three words: “\(text)”",
                hintRu: "проверьте, что в ячейке один человек", hintEn: "check that the cell names one person"))
            return Normalized(.name(name), issues)
        }
    }

    private static func initialForm(_ t: String) -> String {
        let letter = t.unicodeScalars.first { $0 != "." }.map { String($0) } ?? t
        return letter.uppercased() + "."
    }

    /// Several names in one cell, split on `;`, `,` or line breaks.
    public static func parseList(_ raw: String) -> Normalized {
        var values: [FieldValue] = []
        var issues: [NormalizerIssue] = []
        let parts = raw.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" || $0 == "\r" })
        for p in parts {
            let t = Fold.spaces(String(p))
            if t.isEmpty { continue }
            let r = parse(t, fullNameRequired: false)
            issues += r.issues
            if let v = r.value { values.append(v) }
        }
        if values.isEmpty && issues.isEmpty { return Normalized(nil) }
        return Normalized(values.isEmpty ? nil : .list(values), issues)
    }
}

/// Strings for the words of one column that repeat (given names, patronymics), one per spelling:
/// a 256-slot table keyed by the bytes, each slot holding the last word that hashed there.
/// Used by one validator on one thread; the strings it returns equal a fresh decoding.
final class WordInterner {
    static let slots = 256
    static let maxBytes = 40
    private let bytes: UnsafeMutablePointer<UInt8>
    // Unchecked exclusivity: one interner per column of one validator, used from one thread and
    // never passed inout; the dynamic check on every word showed in profiles.
    @exclusivity(unchecked) private var lengths: [Int]
    @exclusivity(unchecked) private var strings: [String]

    init() {
        bytes = .allocate(capacity: WordInterner.slots * WordInterner.maxBytes)
        lengths = [Int](repeating: -1, count: WordInterner.slots)
        strings = [String](repeating: "", count: WordInterner.slots)
    }

    deinit { bytes.deallocate() }

    /// The String of these UTF-8 bytes (a whole, valid sequence), shared with earlier equal words;
    /// nil for words too long to keep.
    func string(_ word: UnsafeBufferPointer<UInt8>) -> String? {
        let n = word.count
        guard n <= WordInterner.maxBytes, let src = word.baseAddress else { return nil }
        // The slot from the length and the first and last eight bytes (any two Cyrillic letters
        // differ within them): a few loads instead of a multiply per byte. Only the slot depends on
        // it; a hit is still decided by comparing every byte.
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(src)
        if n >= 8 {
            h ^= raw.loadUnaligned(as: UInt64.self)
            h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
            h ^= raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            for c in word { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }
        }
        h = (h ^ (h >> 31)) &* 0x94D0_49BB_1331_11EB
        let k = Int(truncatingIfNeeded: (h >> 56) & UInt64(WordInterner.slots - 1))
        let slot = bytes + k * WordInterner.maxBytes
        if lengths[k] == n && memcmp(slot, src, n) == 0 { return strings[k] }
        let s = String(decoding: word, as: UTF8.self)
        slot.update(from: src, count: n)
        lengths[k] = n
        strings[k] = s
        return s
    }
}
