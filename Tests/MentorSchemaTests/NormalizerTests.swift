import Foundation
import MentorBase
import Testing
@testable import MentorSchema

@Suite struct NameTests {
    @Test func canonicalOrder() throws {
        let r = Names.parse("  Иванова   Мария\u{A0}Петровна ")
        let n = try #require(r.value?.nameValue)
        #expect(n.lastName == "Иванова" && n.firstName == "Мария" && n.patronymic == "Петровна")
        #expect(r.issues.isEmpty)
    }

    @Test func nameFirstOrderIsReordered() throws {
        let r = Names.parse("Мария Петровна Иванова")
        let n = try #require(r.value?.nameValue)
        #expect(n.display == "Иванова Мария Петровна")
        #expect(r.issues.map(\.code) == ["name-order"])
    }

    @Test(arguments: ["Иванов И. И.", "Иванов И.И.", "И.И. Иванов", "И. И. Иванов"])
    func initialsAreFlagged(_ text: String) throws {
        let r = Names.parse(text)
        let n = try #require(r.value?.nameValue)
        #expect(n.lastName == "Иванов" && n.firstName == "И." && n.patronymic == "И." && n.hasInitials)
        #expect(r.issues.map(\.code) == ["name-initials"])
    }

    @Test func latinLookalikesAreFlaggedAndKeyIsCyrillic() throws {
        // "Петрова" with a Latin "e" and "p"; "Анна" with a Latin "A".
        let r = Names.parse("Пeтpова Aнна Сергеевна")
        #expect(r.issues.map(\.code) == ["name-latin-letters"])
        let n = try #require(r.value?.nameValue)
        #expect(n.key == PersonName.foldKey("Петрова Анна Сергеевна"))
        #expect(n.lastName == "Пeтpова")  // the spelling is kept for display
    }

    @Test func yoAndCaseFoldInKey() {
        #expect(PersonName.foldKey("Семёнов  ПЁТР") == PersonName.foldKey("семенов петр"))
    }

    @Test func loneSurnameIsAnErrorForTheSubject() {
        #expect(Names.parse("Иванов").value == nil)
        #expect(Names.parse("Иванов").issues.first?.severity == .error)
        #expect(Names.parse("Иванов", fullNameRequired: false).issues.first?.severity == .warning)
    }

    @Test func oglyIsPartOfThePatronymic() throws {
        let r = Names.parse("Мамедов Эльчин Рашид оглы")
        #expect(r.issues.isEmpty)
        #expect(r.value?.nameValue?.patronymic == "Рашид оглы")
    }

    @Test func digitsAreRejected() {
        #expect(Names.parse("Иванов 2 Иван").issues.first?.code == "type-error")
    }

    @Test func listSplitsOnSemicolonsCommasAndLines() throws {
        let r = Names.parseList("Петров Петр Петрович; Сидорова Анна Ивановна\nКузнецов Олег Олегович")
        #expect(r.value?.items.count == 3)
    }
}

@Suite struct DateTests {
    let ref = 2026

    func date(_ s: String) -> CalendarDate? {
        if case .date(let d)? = Dates.normalize(.text(s), system: .excel1900, referenceYear: ref, allowYear: false).value { return d }
        return nil
    }

    @Test(arguments: [
        ("05.09.2010", "2010-09-05"), ("5.9.10", "2010-09-05"), ("05.09.2010 г.", "2010-09-05"),
        ("05.09.2010г", "2010-09-05"), ("2010-09-05", "2010-09-05"), ("05/09/2010", "2010-09-05"),
        ("5 сентября 2010 г.", "2010-09-05"), ("01.02.65", "1965-02-01"), ("40426", "2010-09-05"),
        ("29.02.2024", "2024-02-29"),
    ])
    func spellings(_ input: String, _ iso: String) {
        #expect(date(input)?.iso == iso)
    }

    @Test func nonexistentDateIsAnError() {
        let r = Dates.normalize(.text("31.02.2010"), system: .excel1900, referenceYear: ref, allowYear: false)
        #expect(r.value == nil)
        #expect(r.issues.first?.code == "type-error")
        #expect(r.issues.first?.message.ru.contains("такой даты нет") == true)
        #expect(date("29.02.2023") == nil)
    }

    @Test func excelSerials() {
        let s1900 = ExcelSerial.serial(of: CalendarDate(year: 2010, month: 9, day: 5)!, system: .excel1900)
        let s1904 = ExcelSerial.serial(of: CalendarDate(year: 2010, month: 9, day: 5)!, system: .excel1904)
        #expect(s1900 - s1904 == 1462)
        for (serial, system) in [(s1900, ExcelDateSystem.excel1900), (s1904, .excel1904)] {
            let r = Dates.normalize(.number(serial), system: system, referenceYear: ref, allowYear: false)
            #expect(r.value == .date(CalendarDate(year: 2010, month: 9, day: 5)!))
        }
    }

    @Test func yearOnlyWhereAllowed() {
        #expect(Dates.normalize(.text("2010"), system: .excel1900, referenceYear: ref, allowYear: true).value == .year(2010))
        #expect(Dates.normalize(.number(2010), system: .excel1900, referenceYear: ref, allowYear: true).value == .year(2010))
        #expect(Dates.normalize(.text("2010"), system: .excel1900, referenceYear: ref, allowYear: false).value == nil)
    }

    @Test func dateCellsPassThrough() {
        let d = CalendarDate(year: 2022, month: 9, day: 1)!
        #expect(Dates.normalize(.date(d), system: .excel1900, referenceYear: ref, allowYear: false).value == .date(d))
    }

    @Test func timestamps() throws {
        let r = Dates.normalizeDateTime(.text("15.09.2022 10:31:05"), system: .excel1900, referenceYear: ref)
        guard case .dateTime(let dt)? = r.value else { Issue.record("no date-time"); return }
        #expect(dt.iso == "2022-09-15T10:31:05")
        let serial = ExcelSerial.serial(of: dt, system: .excel1900)
        #expect(Dates.normalizeDateTime(.number(serial), system: .excel1900, referenceYear: ref).value == .dateTime(dt))
        #expect(Dates.normalizeDateTime(.text("вчера"), system: .excel1900, referenceYear: ref).value == nil)
        // Google Forms in an English locale.
        #expect(Dates.normalizeDateTime(.text("2022/09/15 10:31:05 AM GMT+3"), system: .excel1900, referenceYear: ref).value == .dateTime(dt))
        let pm = Dates.normalizeDateTime(.text("2022/09/15 12:05:00 PM GMT+3"), system: .excel1900, referenceYear: ref).value
        #expect(pm?.dateValue == dt.date)
        if case .dateTime(let p)? = pm { #expect(p.hour == 12) } else { Issue.record("no PM time") }
        if case .dateTime(let a)? = Dates.normalizeDateTime(.text("2022/09/15 12:05:00 AM"), system: .excel1900, referenceYear: ref).value {
            #expect(a.hour == 0)
        } else { Issue.record("no AM time") }
    }

    @Test func garbageIsNotADate() {
        #expect(date("сентябрь") == nil)
        #expect(date("32.01.2010") == nil)
        #expect(date("05.13.2010") == nil)
    }
}

@Suite struct PhoneTests {
    func phones(_ c: Cell) -> [String] { (Phones.normalize(c).value?.items ?? []).map(\.displayText) }

    @Test(arguments: [
        ("8 (916) 123-45-67", "+79161234567"), ("+7 916 123 45 67", "+79161234567"), ("9161234567", "+79161234567"),
        ("7-916-123-45-67", "+79161234567"), ("8\u{A0}916\u{A0}123\u{A0}45\u{A0}67", "+79161234567"),
    ])
    func spellings(_ input: String, _ expected: String) {
        #expect(phones(.text(input)) == [expected])
    }

    @Test func numbersExcelStoredAsNumbers() {
        #expect(phones(.number(89161234567)) == ["+79161234567"])
        #expect(phones(.number(9161234567)) == ["+79161234567"])
    }

    @Test func severalPerCell() {
        #expect(phones(.text("8-916-123-45-67, +7 (903) 765-43-21")) == ["+79161234567", "+79037654321"])
        #expect(phones(.text("89161234567 89037654321")) == ["+79161234567", "+79037654321"])
        #expect(phones(.text("89161234567 (мама); 89037654321 (папа)")) == ["+79161234567", "+79037654321"])
    }

    @Test func shortNumberIsAnError() {
        let r = Phones.normalize(.text("123-45-67"))
        #expect(r.value == nil)
        #expect(r.issues.map(\.code) == ["phone-invalid"])
    }

    @Test func foreignNumberWarns() {
        let r = Phones.normalize(.text("+375 29 123-45-67"))
        #expect(r.value?.items == [.phone("+375291234567")])
        #expect(r.issues.map(\.code) == ["phone-foreign"])
    }
}

@Suite struct EmailTests {
    @Test func lowerCasedAndSplit() {
        let r = Emails.normalize(.text("Ivanova@Mail.RU; petrov@school4.ru"))
        #expect(r.value?.items == [.email("ivanova@mail.ru"), .email("petrov@school4.ru")])
        #expect(r.issues.isEmpty)
    }

    @Test(arguments: ["ivanova@mail", "ivanova.mail.ru", "@mail.ru", "ivan ova@mail.ru,", "ivanova@@mail.ru", "иванова@mail.ru"])
    func invalid(_ s: String) {
        #expect(Emails.normalize(.text(s)).issues.contains { $0.code == "email-invalid" })
    }

    @Test func cyrillicDomain() { #expect(Emails.isValid("info@школа.рф")) }
}

@Suite struct SNILSTests {
    @Test func domainExampleIsValid() {
        #expect(SNILS.checksum([1, 1, 2, 2, 3, 3, 4, 4, 5]) == 95)
        #expect(SNILS.normalize(.text("112-233-445 95")).value == .text("112-233-445 95"))
        #expect(SNILS.normalize(.text("11223344595")).value == .text("112-233-445 95"))
    }

    @Test func checksumRules() {
        // S = 100 and 101 give 00; S > 101 is taken mod 101, with 100 read as 00.
        #expect(SNILS.checksum([0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0)
        #expect(SNILS.checksum([9, 9, 9, 9, 9, 9, 9, 9, 9]) == 405 % 101)
        // 9·9 + 2·8 + 3·1 = 100 → 00; 9·9 + 2·8 + 4·1 = 101 → 00; 9·9 + 9·8 + 9·7 = 216 → 216 mod 101 = 14.
        #expect(SNILS.checksum([9, 2, 0, 0, 0, 0, 0, 0, 3]) == 0)
        #expect(SNILS.checksum([9, 2, 0, 0, 0, 0, 0, 0, 4]) == 0)
        #expect(SNILS.checksum([9, 9, 9, 0, 0, 0, 0, 0, 0]) == 14)
        #expect(SNILS.checksum([0, 0, 0, 0, 0, 0, 0, 9, 9]) == 27)
        // 201 mod 101 = 100, read as 00.
        #expect(SNILS.checksum([9, 9, 6, 0, 0, 0, 2, 0, 0]) == 0)
    }

    @Test func wrongChecksum() {
        let r = SNILS.normalize(.text("112-233-445 96"))
        #expect(r.value == nil)
        #expect(r.issues.map(\.code) == ["snils-checksum"])
    }

    @Test func excelNumberLostLeadingZero() {
        // 012-345-678 xx stored by Excel as a 10-digit number.
        let nine = [0, 1, 2, 3, 4, 5, 6, 7, 8]
        let check = SNILS.checksum(nine)
        let n = Double(12_345_678 * 100 + check)
        #expect(SNILS.normalize(.number(n)).value == .text(String(format: "012-345-678 %02d", check)))
    }

    @Test func earlyNumbersCarryNoCheck() {
        #expect(SNILS.normalize(.text("001-001-998 00")).value != nil)
        #expect(SNILS.normalize(.text("001-001-999 00")).value == nil)
    }

    @Test func wrongLength() {
        #expect(SNILS.normalize(.text("112-233-445 9")).issues.map(\.code) == ["snils-invalid"])
    }
}

@Suite struct SmallValueTests {
    @Test(arguments: [("7 «Б»", "7Б"), ("7б", "7Б"), ("10-А", "10А"), ("7B", "7В"), ("11 а класс", "11А"), ("5", "5"), ("9 \"в\"", "9В")])
    func classNames(_ input: String, _ expected: String) {
        #expect(ClassNames.normalize(.text(input)).value == .text(expected))
    }

    @Test func classNameErrors() {
        #expect(ClassNames.normalize(.text("13А")).issues.first?.code == "constraint-error")
        #expect(ClassNames.normalize(.text("седьмой")).issues.first?.code == "type-error")
        #expect(ClassNames.normalize(.number(7)).value == .text("7"))
    }

    @Test func booleans() {
        let b = BooleanReader(trueValues: ["да", "+", "1", "✓"], falseValues: ["нет", "-", "0"])
        for t in ["да", "Да", "ДА", "+", "✓", " да "] { #expect(b.normalize(.text(t)).value == .boolean(true)) }
        for f in ["нет", "Нет", "-", "0"] { #expect(b.normalize(.text(f)).value == .boolean(false)) }
        #expect(b.normalize(.boolean(true)).value == .boolean(true))
        #expect(b.normalize(.number(0)).value == .boolean(false))
        #expect(b.normalize(.text("может быть")).issues.first?.code == "type-error")
    }

    @Test func integers() {
        #expect(Numbers.integer(.text("5 лет")).value == .integer(5))
        #expect(Numbers.integer(.text("8 из 10")).value == .integer(8))
        #expect(Numbers.integer(.number(3)).value == .integer(3))
        #expect(Numbers.integer(.text("1,5")).value == nil)
        #expect(Numbers.integer(.text("много")).value == nil)
    }

    @Test func schoolYears() {
        #expect(SchoolYears.normalize(.text("2022-2023 уч. г.")).value == .text("2022/2023"))
        #expect(SchoolYears.normalize(.text("2022/23")).value == .text("2022/2023"))
        #expect(SchoolYears.normalize(.text("2022–2024")).issues.first?.code == "constraint-error")
    }

    @Test func links() {
        #expect(Links.normalize(.text("www.school4.ru/case")).value == .text("https://www.school4.ru/case"))
        #expect(Links.normalize(.text("на сайте школы")).value == nil)
    }

    @Test func freeChoicesSplitOnCommaSpace() {
        #expect(Choices.normalize(.text("Учеба по предметам, Выбор профессии")).value?.items.count == 2)
    }
}

@Suite struct CodeTests {
    func matcher(_ field: String, _ kind: RecordKind = .mentees) throws -> FieldSpec {
        try #require(try MentorSchemas.schema(for: kind).field(field))
    }

    @Test func formsMatchAfterFolding() throws {
        let f = try matcher("form")
        let fk = try #require(f.formKinds)
        for text in ["ученик – ученик", "Ученик-ученик", "«Ученик — ученик»", "форма наставничества «ученик – ученик»", "УЧЕНИК - УЧЕНИК"] {
            #expect(fk.normalize(.text(text)).form.value == .code("student_student"), "\(text)")
        }
        #expect(fk.normalize(.text("Опытный педагог – молодой специалист")).form.value == .code("teacher_young_teacher"))
    }

    @Test func formAndKindInOneCell() throws {
        let fk = try #require(try matcher("form").formKinds)
        let r = fk.normalize(.text("ученик – ученик, традиционное (один-на-один)"))
        #expect(r.form.value == .code("student_student"))
        #expect(r.kinds == [.code("traditional")])
        let g = fk.normalize(.text("Педагог – педагог (виртуальное, в группе)"))
        #expect(g.form.value == .code("teacher_teacher"))
        #expect(Set(g.kinds) == [.code("virtual"), .code("group")])
    }

    @Test func unknownFormIsAnError() throws {
        let fk = try #require(try matcher("form").formKinds)
        let r = fk.normalize(.text("учитель – родитель"))
        #expect(r.form.value == nil)
        #expect(r.form.issues.first?.code == "constraint-error")
        #expect(fk.normalize(.text("другое: наставник – семья")).form.value == .other("наставник – семья"))
    }

    @Test func categoriesWithCommasInTheirLabels() throws {
        let c = try #require(try matcher("menteeCategory").codes)
        let r = c.normalizeList(.text("не принимающие участие в жизни школы, отстраненные от коллектива, ОВЗ"))
        #expect(r.value?.items == [.code("disengaged"), .code("disability")])
        #expect(r.issues.isEmpty)
    }

    @Test func signerRolesBySynonym() throws {
        let c = try #require(try matcher("signerRole", .consents).codes)
        #expect(c.normalizeSingle(.text("Мать")).value == .code("parent"))
        #expect(c.normalizeSingle(.text("родитель (законный представитель)")).value == .code("parent"))
        #expect(c.normalizeSingle(.text("сам(а)")).value == .code("self"))
        #expect(c.normalizeSingle(.text("опекун")).value == .code("guardian"))
        #expect(c.normalizeSingle(.text("сосед")).issues.first?.code == "constraint-error")
    }
}
