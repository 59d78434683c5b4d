@testable import MentorBase
import Testing

/// The keys and stored values the import's producer computes for every row are written straight
/// into byte buffers; these tests hold them to the plain definitions they replaced.
@Suite struct KeyEncodingTests {
    /// Names with every kind of character folding treats differently.
    static let names: [String] = [
        "", " ", "Иванов", "ИВАНОВ", "иванов", "Ёлкин", "ёлкин Пётр", "Смирнов-Б", "О'Нил", "О’Нил", "Orlova", "Ivanov",
        "Иванов И.И.", "Иванов И. И.", "  Иванов   Иван  ", "Иванов\tИван", "А.", ".", "...", "Иван.Иванович",
        "Petrova Anna", "PETROVA", "Xyz Hkm", "Müller", "ÇELİK", "Straße", "Ⱥbc", "José-María", "Ωмега", "日本 語",
        "Иванов 😀 Иван", "Ivan0v 7", "x'", "'x", "Иванов--Петров", "a\u{301}b", "Ǆemal", "İstanbul",
        "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдежзийклмнопрстуфхцчшщъыьэюя", "ЀѐЂђЏџӘәҒғ", "Ё-ё.Ё",
    ]

    /// `NameKey.fold` as it was written before the byte buffers: the reference.
    static func referenceFold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c0 in s.unicodeScalars {
            let v = c0.value
            var folded: Unicode.Scalar?
            if v >= 0x430 && v <= 0x44F {
                folded = c0
            } else if v >= 0x410 && v <= 0x42F {
                folded = Unicode.Scalar(v + 0x20)
            } else if v == 0x401 || v == 0x451 {
                folded = "е"
            } else if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D {
                let look: [Unicode.Scalar: Unicode.Scalar] = [
                    "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н", "K": "К", "k": "к",
                    "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х", "y": "у",
                ]
                let c = look[c0] ?? c0
                folded = c.value < 0x80 ? Unicode.Scalar(c.value | (c.value >= 0x41 && c.value <= 0x5A ? 0x20 : 0)) : lower(c)
            } else if v >= 0x80, c0.properties.isAlphabetic {
                folded = lower(c0)
            }
            if let f = folded {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(f)
            } else if c0 == "'" || c0 == "’" {
                continue
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c == "Ё" || c == "ё" { return "е" }
        let l = c.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? (l.first ?? c) : c
    }

    @Test func foldIsTheReferenceFold() {
        for s in Self.names {
            #expect(NameKey.fold(s) == Self.referenceFold(s), "\(s)")
            #expect(NameKey.foldWithoutSpaces(s) == String(String.UnicodeScalarView(Self.referenceFold(s).unicodeScalars.filter { $0 != " " })), "\(s)")
        }
    }

    /// The name and initials keys: each part folded alone, empty ones left out, and the first
    /// letter of each further part.
    @Test func nameKeysAreThePartsFoldedAndJoined() {
        let parts: [String?] = [nil, "", ".", "Иван", "И.", "ivan", "Ёж", "😀x", "'"]
        for last in Self.names.prefix(20) {
            for first in parts {
                for patronymic in parts {
                    var name = Self.referenceFold(last)
                    var initials = name
                    for part in [first, patronymic] {
                        let f = Self.referenceFold(part ?? "")
                        guard !f.isEmpty else { continue }
                        name += " " + f
                        if let c = f.unicodeScalars.first { initials += " " + String(Character(c)) }
                    }
                    let k = NameKey.keys(lastName: last, firstName: first, patronymic: patronymic)
                    #expect(k.name == name && k.initials == initials, "\(last) \(first ?? "nil") \(patronymic ?? "nil")")
                }
            }
        }
    }

    @Test func isoIsThePaddedISO() {
        var dates: [CalendarDate] = [CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!]
        for z in stride(from: -700_000, through: 2_900_000, by: 4_999) {
            if let d = CalendarDate(daysSinceEpoch: z) { dates.append(d) }
        }
        for d in dates { #expect(d.iso == d.paddedISO) }
        var odd = CalendarDate(year: 2020, month: 1, day: 1)!
        odd.year = 12345
        #expect(odd.iso == odd.paddedISO)
        #expect(odd.iso == "12345-01-01")
    }

    /// Lists and guardians as JSON: the text `MiniJSON.render` gives for the same values.
    @Test func listsAndGuardiansAreTheRenderedJSON() {
        let items: [[String]] = [["a"], ["+79111011110", "+79120000000"], ["кавычка \" и \\ и\nперевод"], ["", "x"]]
        for l in items {
            #expect(StoredCoding.list(l) == .text(MiniJSON.render(.array(l.map { .string($0) }))))
        }
        #expect(StoredCoding.list([]) == nil)
        let gs: [[Guardian]] = [
            [Guardian(name: "Иванова Мария")],
            [Guardian(name: "A \"B\"", phone: "+79110000000", relation: "parent"), Guardian(name: "C", relation: "other")],
        ]
        for g in gs {
            let reference = MiniJSON.render(.array(g.map { g in
                var o: [(String, MiniJSON.Value)] = [("name", .string(g.name))]
                if let p = g.phone { o.append(("phone", .string(p))) }
                if let r = g.relation { o.append(("relation", .string(r))) }
                return .object(o)
            }))
            #expect(Person.encode(g) == .text(reference))
            #expect(Person.decodeGuardians(Person.encode(g)) == g)
        }
        #expect(Person.canonicalSet(["b"]) == ["b"])
        #expect(Person.canonicalSet(["b", "a", "b"]) == ["a", "b"])
    }

    @Test func displayNamesJoinTheParts() {
        let parts: [String?] = [nil, "", "Иван"]
        for last in ["", "Иванов"] {
            for first in parts {
                for patronymic in parts {
                    let p = Person(lastName: last, firstName: first, patronymic: patronymic)
                    #expect(p.displayName == [last, first, patronymic].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "))
                    let r = PersonReference(lastName: last, firstName: first, patronymic: patronymic)
                    #expect(r.displayName == p.displayName)
                    let n = FieldInput.NameParts(lastName: last, firstName: first, patronymic: patronymic)
                    #expect(n.display == [last, first, patronymic].compactMap { $0 }.joined(separator: " "))
                }
            }
        }
    }
}

/// A log appended to another keeps what the first only counted: its dropped diagnostics and
/// their severities (the import's report is rebuilt from the store's log this way).
@Test func aLogAppendedToAnotherKeepsItsDroppedCounts() {
    var store = DiagnosticLog(capacity: 3)
    for i in 0..<5 {
        store.append(Diagnostic(code: "w\(i)", severity: i == 4 ? .error : .warning, location: SourceLocation(row: i),
                                message: Localized(ru: "x", en: "x")))
    }
    var log = DiagnosticLog()
    log.append(Diagnostic(code: "general", severity: .warning, location: SourceLocation(), message: Localized(ru: "y", en: "y")))
    log.append(log: store)
    #expect(log.items.map(\.code) == ["general", "w0", "w1", "w2"])
    #expect(log.dropped == 2)
    #expect(log.errorCount == 1 && log.warningCount == 5)
}
