import MentorBase
import Testing

@Suite struct LocationTests {
    @Test(arguments: [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16384, "XFD")])
    func columnLetters(column: Int, letter: String) {
        #expect(SourceLocation.letter(forColumn: column) == letter)
        #expect(SourceLocation.column(forLetters: Substring(letter)) == column)
    }

    @Test func rangesParse() {
        #expect(CellRange(reference: "B2:A1") == CellRange(firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2))
        #expect(CellRange(reference: "$C$7")?.reference == "C7:C7")
        #expect(CellRange(reference: "7C") == nil)
    }

    @Test func describesInBothLanguages() {
        let loc = SourceLocation(file: "анкеты.xlsx", sheet: "Лист1", row: 5, column: 3, field: "Телефон")
        #expect(loc.describe(.ru) == "анкеты.xlsx, лист «Лист1», строка 5, столбец C («Телефон»)")
        #expect(loc.describe(.en) == "анкеты.xlsx, sheet “Лист1”, row 5, column C (“Телефон”)")
    }

    @Test func windows1251MatchesTheCodePage() throws {
        // Every assigned byte decodes to one scalar, Cyrillic in C0–FF, Ё/ё at A8/B8.
        let bytes: [UInt8] = [0xC0, 0xFF, 0xA8, 0xB8, 0xB9, 0x41]
        let s = bytes.withUnsafeBytes { Windows1251.decode($0) }
        #expect(s == "АяЁё№A")
        #expect([UInt8(0x98)].withUnsafeBytes { Windows1251.decode($0) } == nil)
    }

    @Test func jsonQuoting() {
        #expect(JSONText.quote("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(JSONText.quote("Иванов") == "\"Иванов\"")
        var out: [UInt8] = []
        JSONText.appendCell(.number(5), to: &out)
        JSONText.appendCell(.number(0.1), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "50.1")
    }
}

@Suite struct PluralTests {
    @Test(arguments: [(1, "строка"), (2, "строки"), (4, "строки"), (5, "строк"), (11, "строк"), (12, "строк"),
                      (21, "строка"), (22, "строки"), (111, "строк"), (0, "строк")])
    func russianForms(n: Int, word: String) {
        #expect(RussianPlural.form(n, "строка", "строки", "строк") == word)
    }
}
