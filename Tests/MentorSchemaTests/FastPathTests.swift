import Foundation
import MentorBase
import Testing
@testable import MentorSchema

// Every fast path of the validator is checked against the slow path (or against the code it
// replaced, kept below as a reference) over many generated inputs: same input, same result.

/// A small seeded generator, so a failing input can be reproduced.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededRandom {
    /// A string of `1...maxParts` pieces drawn from `pool`.
    mutating func text(from pool: [String], maxParts: Int) -> String {
        let n = Int.random(in: 0...maxParts, using: &self)
        var s = ""
        for _ in 0..<n { s += pool.randomElement(using: &self) ?? "" }
        return s
    }
}

/// Spaces of every kind the folding code knows, and look-alikes it must not take for spaces.
let spacePieces = [" ", "  ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{202F}", "\u{2007}", "\u{2009}", "\u{3000}"]
let wordPieces = ["Иванов", "Петровна", "Анна", "Ёлкин", "ёж", "Мамедов", "оглы", "Smith", "Пeтpов", "И.", "И.И.", "-", "7Б", "2010",
                  "«Б»", "–", "—", "·", "a", "Б", "ИВАНОВ", "Ильинична", "Кузьмич", "Николаевич", ".", "\u{301}", "é", "İ", "ß", "Σ",
                  "Ѐ", "Џ", "ѐ", "Ѡ", "Ґ", "ґ", "нет данных", "Н/Д", "н/д"]

@Suite struct FoldFastPathTests {
    @Test func spacesFastPathMatchesTheGeneralPath() {
        var rng = SeededRandom(1)
        for _ in 0..<20_000 {
            let s = rng.text(from: spacePieces + wordPieces, maxParts: 8)
            #expect(Fold.spaces(s) == Fold.spacesGeneral(s), "input: \(s.debugDescription)")
            #expect(Fold.spaces(s).unicodeScalars.elementsEqual(ReferenceFold.spaces(s).unicodeScalars), "input: \(s.debugDescription)")
        }
    }

    @Test func lowercaseComparisonMatchesLowercased() {
        var rng = SeededRandom(2)
        let extra = ["ABC", "Ѐ", "ЀЁЂ", "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "Ѡѡ", "Ӂ", "İ", "Σ", "ẞ", "K"]
        for _ in 0..<20_000 {
            let s = rng.text(from: wordPieces + extra + [" ", "/"], maxParts: 4)
            var candidates = [["н/д", "нет данных", "—", "–", ""], [s.lowercased()], [s], [s.uppercased()]]
                .randomElement(using: &rng) ?? []
            candidates.append(rng.text(from: wordPieces, maxParts: 2).lowercased())
            let bytes = candidates.map { Array($0.utf8) }
            let expected = bytes.contains(Array(s.lowercased().utf8))
            if let fast = Fold.lowercasedMatchesAny(s, bytes) {
                #expect(fast == expected, "input: \(s.debugDescription) candidates: \(candidates)")
            } else {
                // Nil only for text the fast path does not cover.
                let covered = s.utf8.count <= 64 && s.unicodeScalars.allSatisfy { $0.isASCII || (0x400...0x45F).contains($0.value) }
                #expect(!covered, "input: \(s.debugDescription)")
            }
        }
    }
}

@Suite struct HeaderSearchFastPathTests {
    @Test func byteSearchMatchesFoundationOnPlainText() {
        var rng = SeededRandom(9)
        let pieces = [" ", "фио", "наставника", "ф", "и", "о", "е", "ё", "й", "и\u{306}", "е\u{308}", "телефон", "tel", "e", "é",
                      "e\u{301}", "ѐ", "ї", "і", "\u{483}", "7", "класс", "№", "«", "–"]
        var plain = 0
        for _ in 0..<30_000 {
            let haystack = " " + rng.text(from: pieces, maxParts: 6) + " "
            let needle = " " + rng.text(from: pieces, maxParts: 2) + " "
            guard let h = Fold.plainBytes(haystack), let n = Fold.plainBytes(needle) else {
                // Text outside ASCII and U+0400–U+047F is left to Foundation.
                let simple = { (s: String) in s.unicodeScalars.allSatisfy { $0.isASCII || (0x400...0x47F).contains($0.value) } }
                #expect(!(simple(haystack) && simple(needle)), "\(haystack.debugDescription) \(needle.debugDescription)")
                continue
            }
            plain += 1
            #expect(Fold.bytes(h, contain: n) == haystack.contains(needle), "\(haystack.debugDescription) \(needle.debugDescription)")
        }
        #expect(plain > 5_000)
    }

    @Test func headerMatchingIsUnchangedForTheSamples() throws {
        // Every header spelling the schemas know, inside longer Forms-style questions.
        for kind in RecordKind.allCases {
            let schema = try MentorSchemas.schema(for: kind)
            let mapper = try HeaderMapper(schema: schema)
            for f in schema.fields {
                for spelling in f.headerSpellings {
                    for text in ["Укажите \(spelling) пожалуйста", "\(spelling)", "Ваш \(spelling.lowercased())?"] {
                        let k = Fold.header(text)
                        let padded = " " + k + " "
                        let former = mapper.contained.firstIndex { padded.contains(" " + $0.folded + " ") }
                        #expect(mapper.firstContained(in: padded) == former, "\(kind) \(text)")
                    }
                }
            }
        }
    }
}

@Suite struct NameFastPathTests {
    static let namePieces = ["Иванов", "Иванова", "Петр", "Петрович", "Петровна", "Анна", "Ильинична", "Кузьмич", "Мамедов",
                             "Рашид", "оглы", "кызы", "Ли", "Ян", "Smith", "John", "Пeтpов", "Aнна", "И.", "И.И.", "И", "-", "Салтыков-Щедрин",
                             "2", "Ёлкин", "ЁЛКИН", "Сергеевич", "Ильич", "ович", "евна", ".", "Жан-Поль", "é", "Zoë", "İ"]

    @Test func nameParsingMatchesTheFormerParser() {
        var rng = SeededRandom(3)
        for _ in 0..<30_000 {
            var s = ""
            let words = Int.random(in: 0...5, using: &rng)
            for w in 0..<words {
                if w > 0 || Bool.random(using: &rng) { s += spacePieces.randomElement(using: &rng) ?? " " }
                s += NameFastPathTests.namePieces.randomElement(using: &rng) ?? ""
            }
            if Bool.random(using: &rng) { s += spacePieces.randomElement(using: &rng) ?? "" }
            for required in [true, false] {
                #expect(Names.parse(s, fullNameRequired: required) == ReferenceNames.parse(s, fullNameRequired: required),
                        "input: \(s.debugDescription)")
            }
        }
    }

    @Test func commonNamesReadBeforeFoldingSpacesMatchTheFoldedReading() {
        var rng = SeededRandom(14)
        var common = 0
        for _ in 0..<30_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                s += rng.text(from: spacePieces, maxParts: 2) + (NameFastPathTests.namePieces.randomElement(using: &rng) ?? "")
            }
            s += rng.text(from: spacePieces, maxParts: 2)
            if let fast = Names.parseCommon(s) {
                common += 1
                #expect(fast == Names.parse(Fold.spaces(s)), "input: \(s.debugDescription)")
                #expect(fast == Names.parse(Fold.spaces(s), fullNameRequired: false), "input: \(s.debugDescription)")
            }
        }
        #expect(common > 3_000)
    }

    /// The fast path keeps the cell's text as the name's spelling only when the text is exactly
    /// the parts joined by single spaces; `display` (which hands the spelling out) is then the
    /// joined parts, byte for byte, as it is without the spelling.
    @Test func spellingIsKeptOnlyWhenItIsTheJoinedParts() {
        var rng = SeededRandom(21)
        var kept = 0, notKept = 0
        for _ in 0..<30_000 {
            var s = ""
            for w in 0..<Int.random(in: 1...4, using: &rng) {
                if w > 0 { s += Bool.random(using: &rng) ? " " : rng.text(from: spacePieces, maxParts: 2) }
                s += NameFastPathTests.namePieces.randomElement(using: &rng) ?? ""
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { s = rng.text(from: spacePieces, maxParts: 1) + s }
            guard let n = Names.commonName(s) else { continue }
            let joined = [n.lastName, n.firstName, n.patronymic].compactMap { $0 }.joined(separator: " ")
            var unspelled = n
            unspelled.spelled = nil
            #expect(Array(unspelled.display.utf8) == Array(joined.utf8))
            #expect(Array(n.display.utf8) == Array(joined.utf8), "input: \(s.debugDescription)")
            if let spelled = n.spelled {
                kept += 1
                #expect(Array(spelled.utf8) == Array(joined.utf8), "input: \(s.debugDescription)")
            } else {
                notKept += 1
                #expect(Array(s.utf8) != Array(joined.utf8), "input: \(s.debugDescription)")
            }
            // The spelling is not part of the value.
            #expect(n == unspelled && n.hashValue == unspelled.hashValue)
            // What the assembler hands out instead of the joined parts is the parts' display.
            if let spelled = n.spelled, case .name(let parts) = FieldInput(FieldValue.name(n)) {
                #expect(Array(spelled.utf8) == Array(parts.display.utf8), "input: \(s.debugDescription)")
            }
        }
        #expect(kept > 1_000 && notKept > 1_000)
    }

    @Test func scanMatchesTheByteByByteScan() {
        var rng = SeededRandom(4)
        for _ in 0..<30_000 {
            let s = rng.text(from: spacePieces + wordPieces + ["\u{C2}", "\u{E2}"], maxParts: 9)
            let (fast, slow) = Array(s.utf8).withUnsafeBufferPointer { (Names.scan($0), Names.scanGeneral($0)) }
            #expect(fast == slow, "input: \(s.debugDescription)")
        }
    }

    @Test func patronymicTestMatchesTheScalarReading() {
        var rng = SeededRandom(5)
        let pieces = ["о", "в", "и", "ч", "е", "н", "а", "ь", "г", "л", "ы", "к", "з", "О", "В", "И", "Ч", "o", "e", "a", "k", "x", "Петр",
                      "Ильин", "Кузьм", "\u{301}", "ё", "é", "İ", "😀", "ович", "евна", "ична"]
        for _ in 0..<30_000 {
            let s = rng.text(from: pieces, maxParts: 10)
            let fast = Array(s.utf8).withUnsafeBufferPointer { Names.isPatronymic(utf8: $0) }
            #expect(fast == Names.isPatronymicGeneral(s), "input: \(s.debugDescription)")
            #expect(Names.isPatronymic(s) == ReferenceNames.isPatronymic(s), "input: \(s.debugDescription)")
        }
        for p in ["Петрович", "Петровна", "Ильинична", "Ильич", "Рашид оглы"] { #expect(Names.isPatronymic(p)) }
        for p in ["Кузьмич", "Петр", "ович"] { #expect(!Names.isPatronymic(p)) }
    }
}

@Suite struct ValueFastPathTests {
    @Test func dayMonthYearMatchesTheFormerReading() {
        var rng = SeededRandom(6)
        let pieces = ["0", "1", "2", "3", "9", ".", "/", "-", "a", "г", " ", "31", "29", "02", "2024", "1900", "0000"]
        for _ in 0..<50_000 {
            var s = rng.text(from: pieces, maxParts: 8)
            if Bool.random(using: &rng) {
                s = String(format: "%02d.%02d.%04d", Int.random(in: 0...40, using: &rng), Int.random(in: 0...14, using: &rng),
                           Int.random(in: 0...9999, using: &rng))
            }
            #expect(Dates.fastDayMonthYear(s) == ReferenceDates.fastDayMonthYear(s), "input: \(s.debugDescription)")
        }
    }

    @Test func classFastPathMatchesTheFullReading() {
        var rng = SeededRandom(12)
        let pieces = ["1", "7", "0", "5", "9", "10", "11", "12", "Б", "б", "А", "а", "Я", "я", "Ё", "ё", "B", "b", "A", "і", "Ѣ", " ", "-",
                      "«", "»", "кл", "класс", ".", "\u{301}"]
        var fast = 0
        for _ in 0..<50_000 {
            let s = rng.text(from: pieces, maxParts: 4)
            if let p = ClassNames.plain(s) {
                fast += 1
                #expect(Normalized(.text(p)) == ClassNames.general(s), "input: \(s.debugDescription)")
            }
            #expect(ClassNames.normalize(.text(s)) == ClassNames.general(s), "input: \(s.debugDescription)")
        }
        #expect(fast > 1_000)
    }

    @Test func plainDigitsMatchTheFormerCheck() {
        var rng = SeededRandom(13)
        let pieces = ["0", "1", "9", "12345", "999999999", " ", "-", "+", "a", "٣", "１", "лет"]
        for _ in 0..<50_000 {
            let raw = rng.text(from: pieces, maxParts: 6)
            let former: Int? = raw.utf8.count <= 18 && !raw.isEmpty && raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(raw) : nil
            #expect(Numbers.plainDigits(raw) == former, "input: \(raw.debugDescription)")
        }
    }

    @Test func phoneFastPathMatchesTheFormerOneAndTheGeneralPath() {
        var rng = SeededRandom(7)
        let pieces = ["8", "7", "9", "1", "0", "5", " ", "  ", "(", ")", "-", "+", ".", ",", ";", "/", "\n", "\r", "\r\n", "\t", "\u{A0}", "a",
                      "доб.", "916", "1234567",
                      "8 (916) 123-45-67", "+7 916 123 45 67", "+44 20 7946 0958", "89161234567", "79161234567"]
        for _ in 0..<50_000 {
            let s = rng.text(from: pieces, maxParts: 8)
            let fast = Phones.fastASCII(s)
            if let fast {
                // Read before spaces are folded, the same as after.
                #expect(fast == Phones.normalize(text: Fold.spaces(s)), "input: \(s.debugDescription)")
                // The full path always gets the cell with its spaces folded (CR LF as one line break).
                #expect(fast == Phones.normalizeGeneral(text: Fold.spaces(s)), "input: \(s.debugDescription)")
                // The former fast path agreed wherever it answered, except that it let a part of
                // signs without digits («8 916 123-45-67, -») pass, which the full path reports.
                #expect(fast == ReferencePhones.fastASCII(s), "input: \(s.debugDescription)")
            } else if let former = ReferencePhones.fastASCII(s) {
                #expect(Phones.normalize(text: s).value == former.value, "input: \(s.debugDescription)")
                #expect(Phones.normalize(text: s).issues.allSatisfy { $0.code == "phone-invalid" }, "input: \(s.debugDescription)")
            }
        }
    }
}

@Suite struct SWARTests {
    @Test func eightByteCyrillicTestIsExact() {
        var rng = SeededRandom(15)
        let interesting: [UInt8] = [0x00, 0x20, 0x2E, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xCF, 0xD0, 0xD1, 0xD2, 0xE2, 0xFE, 0xFF]
        for _ in 0..<200_000 {
            var bytes = [UInt8](repeating: 0, count: 8)
            for k in 0..<8 {
                bytes[k] = Bool.random(using: &rng) ? (interesting.randomElement(using: &rng) ?? 0)
                    : (Bool.random(using: &rng) ? UInt8.random(in: 0x80...0xBF, using: &rng) : UInt8.random(in: 0xD0...0xD1, using: &rng))
            }
            let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let expected = bytes.allSatisfy { $0 & 0xC0 == 0x80 || $0 & 0xFE == 0xD0 }
            #expect(Names.allCyrillic(w) == expected, "\(bytes)")
        }
    }
}

@Suite struct InternerTests {
    @Test func internedNamesEqualFreshOnes() {
        var rng = SeededRandom(16)
        let interner = WordInterner()
        let words = NameFastPathTests.namePieces + ["Александровна", "Константинович", "Ли", "Жанна", "Аркадьевич", "Очень-очень-длинноеимякотороенепоместится"]
        for _ in 0..<30_000 {
            let s = [words, words, words].map { $0.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            #expect(Names.parseCommon(s, words: interner) == Names.parseCommon(s), "input: \(s.debugDescription)")
        }
        // Every word comes back as itself, whatever was interned before in its slot.
        for w in words {
            let back = Array(w.utf8).withUnsafeBufferPointer { interner.string($0) }
            if w.utf8.count <= WordInterner.maxBytes { #expect(back == w) } else { #expect(back == nil) }
        }
    }
}
