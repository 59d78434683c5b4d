import Foundation
import MentorBase
import MentorFormats
import Testing
@testable import MentorSchema

// The validator reuses work across rows (recent texts per column, recycled value arrays, rule
// bits) and takes common cells from the normalisers' fast paths; with and without both, records
// and diagnostics must be the same.

@Suite struct ValidatorReuseTests {
    /// Rows with the repeats a real base has (the school, the mentor, the form) and the variety
    /// it has too (names, dates, phones, blanks, mistakes), validated with and without reusing work.
    @Test func reusingWorkAcrossRowsChangesNothing() throws {
        var rng = SeededRandom(8)
        let header = SyntheticMentees.header
        let forms = SyntheticMentees.forms + ["ученик – ученик, виртуальное", "неизвестная форма", "", "—"]
        let categories = SyntheticMentees.categories + ["гении", "", "н/д"]
        let names = ["Иванов Иван Иванович", "Петрова Анна", "Иванов И.И.", "Пeтpова Анна Сергеевна", "Иванов", "", "Иванов 2 Иван",
                     "Мария Петровна Иванова"]
        let dates = ["05.09.2010", "31.02.2011", "2010", "", "5 сентября 2010 г.", "01.10.2022", "завтра"]
        let classes = ["7Б", "7 «Б»", "12А", "", "седьмой", "10-А"]
        let phones = ["8 (916) 123-45-67", "+44 20 7946 0958", "123", "", "89161234567, 8 916 765 43 21"]
        var table = [header]
        for n in 1...3000 {
            let pick = { (a: [String]) in a.randomElement(using: &rng) ?? "" }
            var row = [String(n), pick(names), pick(dates), pick(classes), pick(phones), pick(names), pick(categories),
                       "помощь в учебе", pick(dates), pick(["Орлова Нина Викторовна", "Орлова Н.В.", ""]), pick(forms),
                       pick(["МБОУ СОШ № 4", "", "н/д"]), pick(dates)]
            if n % 97 == 0 { row = Array(repeating: "", count: header.count) }
            table.append(row)
        }
        func run(reuse: Bool, keep: Bool) throws -> ([ValidatedRecord], [Diagnostic]) {
            let all = rows(table)
            let detection = try #require(try HeaderLocator.detect(rows: Array(all.prefix(1)), kind: .mentees, mapFile: nil))
            let v = RecordValidator(mapping: detection.mapping, file: "t.csv", sheet: nil, options: testOptions)
            v.reusesWork = reuse
            v.usesFastPaths = reuse
            v.noteConsumed(row: 1)
            var records: [ValidatedRecord] = []
            var diags: [Diagnostic] = []
            for r in all.dropFirst() {
                guard var rec = v.validate(r) else { continue }
                diags += rec.diagnostics
                // Either keep every record (the recycled arrays must then be copied) or look at
                // each and let it go (they are then reused).
                if keep { records.append(rec) } else { records.append(ValidatedRecord(schema: rec.schema, location: rec.location,
                                                                                      values: rec.values.map { $0 }, diagnostics: [], raw: [])) }
                // As `TableValidation` does: the values array goes back to the validator.
                v.recycle(&rec.values)
            }
            diags += v.finish()
            return (records, diags)
        }
        let (plainRecords, plainDiags) = try run(reuse: false, keep: true)
        for keep in [true, false] {
            let (records, diags) = try run(reuse: true, keep: keep)
            #expect(diags == plainDiags)
            #expect(records.count == plainRecords.count)
            for (a, b) in zip(records, plainRecords) {
                #expect(a.values == b.values, "row \(a.row)")
                #expect(a.location == b.location)
            }
        }
        #expect(plainDiags.count > 100)
    }

    @Test func ruleBitsCoverEveryImplementedRule() {
        #expect(Set(RuleID.allCases.map(\.spelling)) == ImplementedRules.ids)
        #expect(RuleID.allCases.count <= 64)
        for kind in RecordKind.allCases {
            guard let schema = try? MentorSchemas.schema(for: kind) else { continue }
            let bits = RuleSet(schema.rules.map(\.id))
            for r in RuleID.allCases { #expect(bits.contains(r) == schema.hasRule(r.spelling), "\(kind) \(r)") }
        }
    }
}

@Suite struct SetTierFastPathTests {
    @Test func nameKeyBytesMatchTheScalarFolding() {
        var rng = SeededRandom(10)
        let pieces = ["Иванов", "ИВАНОВ", "Ёлкин", "ёлкин", "Ѐ", "Џ", "ѐ", "џ", "Ѡ", "ѡ", "Ґ", "Smith", "A", "a", "K", "y", "x", "-", ".",
                      " ", "'", "7", "é", "e\u{301}", "İ", "ß", "Σ", "😀", "\u{A0}", "Ӂ", "ӂ"]
        for _ in 0..<30_000 {
            let s = rng.text(from: pieces, maxParts: 6)
            var fast = FNV(), slow = FNV()
            SetRules.addNamePart(s, to: &fast)
            SetRules.addNamePartGeneral(s, to: &slow)
            #expect(fast.value == slow.value, "input: \(s.debugDescription)")
        }
    }

    @Test func firstRowsTableActsLikeADictionary() {
        var rng = SeededRandom(11)
        var table = FirstRows()
        var reference: [UInt64: Int32] = [:]
        // Small keys collide in the table's slots; large random ones spread; 0 and the maximum are edge cases.
        for n in 0..<200_000 {
            let key: UInt64 = switch n % 4 {
            case 0: UInt64.random(in: 0...3000, using: &rng)
            case 1: UInt64.random(in: 0...UInt64.max, using: &rng)
            case 2: [0, UInt64.max, 1 << 63].randomElement(using: &rng) ?? 0
            default: UInt64.random(in: 0...50, using: &rng) << 54
            }
            #expect(table[key] == reference[key])
            let row = Int32.random(in: Int32.min...Int32.max, using: &rng)
            if n % 3 == 0 {
                // The validator's one-probe form: the first row if known, else records `row`.
                #expect(table.firstRow(of: key, orRecord: row) == reference[key])
                if reference[key] == nil { reference[key] = row }
            } else if table[key] == nil {
                table[key] = row
                reference[key] = row
            }
        }
        for (k, v) in reference { #expect(table[k] == v) }
    }
}

@Suite struct ReadAheadChoiceTests {
    /// The CSV reader parses on a thread of its own: validation adds no second reading thread in
    /// front of it (unless MENTORBASE_READ_AHEAD says otherwise), and the outcome is the same.
    @Test func csvRowsAreNotReadAheadTwice() throws {
        var text = SyntheticMentees.header.joined(separator: ",") + "\n"
        let synthetic = SyntheticMentees(count: 2_000)
        _ = try synthetic.next()
        while let row = try synthetic.next() {
            text += row.cells.map { "\"" + $0.text() + "\"" }.joined(separator: ",") + "\n"
        }
        let registry = MentorFormats.builtinRegistry()
        let plugin = try #require(registry.plugin(id: "csv") as (any FormatPlugin)?)
        func validate(readAhead: Bool) throws -> ([Int], [String]) {
            let reader = try plugin.makeReader(source: InputSource(bytes: Array(text.utf8), name: "b.csv"), options: ReadOptions())
            var rowsSeen: [Int] = []
            var diags: [Diagnostic] = []
            _ = try TableValidation(kind: .mentees, mapFile: nil, options: testOptions)
                .run(reader: reader, file: "b.csv", namedSheets: false, readAhead: readAhead,
                     onRecord: { rowsSeen.append($0.row) }, onDiagnostic: { diags.append($0) })
            return (rowsSeen, keys(diags))
        }
        let probe = try plugin.makeReader(source: InputSource(bytes: Array(text.utf8), name: "b.csv"), options: ReadOptions())
        let cursor = try probe.rows(inSheet: 0)
        #expect(cursor is any ReadingAheadCursor)
        if ReadAhead.override == nil {
            #expect(!ReadAhead.wanted(for: cursor))
            #expect(ReadAhead.wanted(for: ArrayCursor([])))
        }
        let a = try validate(readAhead: true), b = try validate(readAhead: false)
        #expect(a.0 == b.0 && a.0 == Array(2...2_001))
        #expect(a.1 == b.1)
    }
}
