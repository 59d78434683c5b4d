import Foundation
import MentorBase
import Testing
@testable import MentorSchema

@Suite struct CellTierTests {
    @Test func cleanMenteeRowHasTypedValues() throws {
        let r = try validate([
            ["ФИО наставляемого", "Дата рождения", "Класс", "Контактные данные для связи", "СНИЛС", "Категория наставляемого",
             "Дата вхождения в программу", "ФИО наставника", "Форма наставничества", "ФИО родителя (законного представителя)"],
            ["Котов Илья Андреевич", "12.03.2011", "7 «Б»", "8 (916) 123-45-67", "112-233-445 95", "проявившие выдающиеся способности",
             "01.10.2022", "Орлова Нина Викторовна", "ученик – ученик, традиционное", "Котова Анна Сергеевна"],
        ], kind: .mentees)
        #expect(r.diagnostics.isEmpty)
        let rec = try #require(r.records.first)
        #expect(rec["className"] == .text("7Б"))
        #expect(rec["birthDate"] == .date(CalendarDate(year: 2011, month: 3, day: 12)!))
        #expect(rec["phones"] == .list([.phone("+79161234567")]))
        #expect(rec["form"] == .code("student_student"))
        #expect(rec["kinds"] == .list([.code("traditional")]))
        #expect(rec["menteeCategory"] == .list([.code("gifted")]))
        #expect(rec["snils"] == .text("112-233-445 95"))
        #expect(rec.location.row == 2 && rec.location.file == "test.csv")
        #expect(rec.fields["fullName"]?.nameValue?.lastName == "Котов")
    }

    @Test func everyCellProblemAtOnceWithLocations() throws {
        let r = try validate([
            ["ФИО наставляемого", "Дата рождения", "Класс", "Телефон", "СНИЛС", "Форма наставничества", "E-mail", "Дата вхождения в программу"],
            ["Котов Илья Андреевич", "31.02.2011", "15А", "123-45", "112-233-445 96", "учитель – родитель", "kotov@mail", "вчера"],
            ["", "12.03.2011", "7Б", "", "", "", "", ""],
        ], kind: .mentees)
        #expect(keys(r.diagnostics) == [
            "constraint-error@2:C", "constraint-error@2:F", "constraint-error@3:A", "email-invalid@2:G",
            "phone-invalid@2:D", "snils-checksum@2:E", "type-error@2:B", "type-error@2:H",
        ])
        let bad = try #require(r.diagnostics.first { $0.code == "type-error" && $0.location.column == 2 })
        #expect(bad.value == "31.02.2011")
        #expect(bad.location.field == "Дата рождения")
        #expect(bad.hint != nil)
        #expect(!bad.message.en.isEmpty && !bad.message.ru.isEmpty)
    }

    @Test func birthDateInTheFutureAndTooEarly() throws {
        let r = try validate([["ФИО наставляемого", "Дата рождения"],
                              ["Котов Илья Андреевич", "01.01.2030"], ["Котова Анна Ильинична", "01.01.1920"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["constraint-error@2:B", "constraint-error@3:B"])
    }

    @Test func scaleOutOfRange() throws {
        let r = try validate([["Отметка времени", "ФИО", "Ваша роль в программе", "Насколько вы удовлетворены участием в программе наставничества?"],
                              ["15.05.2023 10:00:00", "Котов Илья Андреевич", "наставляемый", "11"],
                              ["15.05.2023 11:00:00", "Белова Светлана Юрьевна", "наставник", "9 из 10"]], kind: .monitoringQuestionnaire)
        #expect(keys(r.diagnostics) == ["constraint-error@2:D"])
    }

    @Test func sensitiveCategoryValuesNeverAppearInDiagnostics() throws {
        let r = try validate([["ФИО наставляемого", "Категория наставляемого"], ["Котов Илья Андреевич", "ОВЗ, инвалидность 2 группы"]], kind: .mentees)
        let d = try #require(r.diagnostics.first)
        #expect(d.value == nil)
        #expect(!d.message.ru.contains("инвалидность") && !(d.hint?.ru.contains("инвалидность") ?? false))
    }

    @Test func blankRowsInsideWarnTrailingOnesDoNot() throws {
        let r = try validate([["ФИО наставляемого"], ["Котов Илья Андреевич"], [""], ["Котова Анна Ильинична"], [""], [""]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["blank-row@3:-"])
        #expect(r.summary.rows == 2)
    }

    @Test func extraCellBeyondTheHeader() throws {
        let r = try validate([["ФИО наставляемого"], ["Котов Илья Андреевич", "лишнее"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["extra-cell@2:B"])
    }

    @Test func missingValuesCountAsEmpty() throws {
        let r = try validate([["ФИО наставляемого", "Дата рождения"], ["Котов Илья Андреевич", "н/д"]], kind: .mentees)
        #expect(r.diagnostics.isEmpty)
        #expect(r.records.first?["birthDate"] == nil)
    }

    @Test func yandexOptionColumnsBuildAList() throws {
        let r = try validate([
            ["Время создания", "ФИО", "Какие формы наставничества вам интересны? / ученик – ученик",
             "Какие формы наставничества вам интересны? / педагог – молодой педагог"],
            ["14.09.2022 09:00:00", "Белова Светлана Юрьевна", "ученик – ученик", ""],
            ["14.09.2022 09:05:00", "Орлова Нина Викторовна", "1", "1"],
        ], kind: .mentorQuestionnaire)
        #expect(r.diagnostics.isEmpty)
        #expect(r.records[0]["preferredForms"] == .list([.code("student_student")]))
        #expect(r.records[1]["preferredForms"] == .list([.code("student_student"), .code("teacher_young_teacher")]))
    }
}

@Suite struct RowTierTests {
    @Test func studentMenteeAge() throws {
        let r = try validate([["ФИО наставляемого", "Дата рождения", "Класс", "Дата вхождения в программу"],
                              ["Котов Илья Андреевич", "12.03.2016", "3А", "01.10.2022"],
                              ["Котова Анна Ильинична", "12.03.2011", "5А", "01.10.2022"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["age-out-of-range@2:B"])
    }

    @Test func studentMentorAgeFromAClassInPosition() throws {
        let r = try validate([["ФИО наставника", "Дата рождения", "Должность/класс", "Дата вхождения в программу"],
                              ["Волков Артем Денисович", "02.02.2010", "8А", "01.10.2022"],
                              ["Лебедева Дарья Олеговна", "02.02.2006", "10Б", "01.10.2022"]], kind: .mentors)
        #expect(keys(r.diagnostics) == ["age-out-of-range@2:B"])
        #expect(r.records[1]["mentorCategory"] == .code("student"))
        #expect(r.records[1]["className"] == .text("10Б"))
    }

    @Test func youngSpecialistExperience() throws {
        let r = try validate([["ФИО наставляемого", "Категория наставляемого", "Педагогический стаж (лет)"],
                              ["Зайцева Елена Павловна", "молодой специалист", "5"],
                              ["Громов Павел Сергеевич", "молодой специалист", "2 года"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["young-specialist-experience@2:C"])
    }

    @Test func formFitsRoles() throws {
        let r = try validate([["ФИО наставляемого", "Класс", "Форма наставничества", "Категория наставляемого"],
                              ["Котов Илья Андреевич", "7Б", "педагог – молодой педагог", ""],
                              ["Зайцева Елена Павловна", "", "ученик – ученик", "молодой специалист"],
                              ["Громов Павел Сергеевич", "", "педагог – молодой педагог", "молодой специалист"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["form-role-mismatch@2:C", "form-role-mismatch@3:C"])
        let m = try validate([["ФИО наставника", "Категория наставника", "Форма наставничества"],
                              ["Орлова Нина Викторовна", "педагог", "ученик – ученик"],
                              ["Сергеев Олег Петрович", "представитель работодателя", "работодатель – ученик"]], kind: .mentors)
        #expect(keys(m.diagnostics) == ["form-role-mismatch@2:C"])
    }

    @Test func datesInOrderAndEndReason() throws {
        let r = try validate([["ФИО наставляемого", "Дата вхождения в программу", "Дата завершения программы", "Причина завершения"],
                              ["Котов Илья Андреевич", "01.10.2022", "01.09.2022", ""],
                              ["Котова Анна Ильинична", "01.10.2022", "", "план выполнен"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["date-order@2:C", "end-date-missing@3:D"])
    }

    @Test func minorWithoutGuardian() throws {
        let r = try validate([["ФИО наставляемого", "Дата рождения", "Дата вхождения в программу", "ФИО родителя (законного представителя)"],
                              ["Котов Илья Андреевич", "12.03.2011", "01.10.2022", ""],
                              ["Котова Анна Ильинична", "12.03.2011", "01.10.2022", "Котова Мария Ивановна"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["guardian-missing@2:D"])
    }

    @Test func consentRules() throws {
        let header = ["ФИО", "Дата рождения", "ФИО законного представителя", "Кем приходится", "Дата согласия",
                      "Согласие на обработку ПДн", "Согласие на размещение на сайте", "Разрешено публиковать", "Дата отзыва",
                      "Подпись несовершеннолетнего (с 14 лет)", "Согласие в составе анкеты"]
        let r = try validate([header,
            ["Котов Илья Андреевич", "12.03.2011", "", "сам", "01.09.2022", "да", "нет", "", "", "", ""],           // minor signs self
            ["Котова Анна Ильинична", "12.03.2007", "Котова Мария Ивановна", "мать", "01.09.2022", "да", "да", "ФИО, фото", "", "", ""], // 15, no co-signature
            ["Орлова Нина Викторовна", "05.05.1980", "Орлов Игорь Петрович", "отец", "01.09.2022", "да", "", "", "", "", ""], // adult, not self
            ["Белова Светлана Юрьевна", "05.05.1985", "", "сама", "01.09.2022", "да", "", "", "01.08.2022", "", ""], // revoked before signed
            ["Громов Павел Сергеевич", "05.05.1990", "", "сам", "01.09.2022", "нет", "нет", "", "", "", ""], // grants nothing
            ["Зайцева Елена Павловна", "05.05.1995", "", "сама", "01.09.2022", "да", "нет", "ФИО", "", "", ""], // fields without publication
            ["Лебедев Игорь Олегович", "05.05.1995", "", "сам", "10.09.2025", "да", "", "", "", "", "да"], // embedded after 01.09.2025
            ["Петрова Ольга Ивановна", "05.05.1995", "", "сама", "10.09.2024", "да", "да", "ФИО", "", "", "да"], // clean
        ], kind: .consents)
        #expect(keys(r.diagnostics) == [
            "consent-embedded@8:K", "consent-empty@6:F", "date-order@5:I", "guardian-consent-missing@2:D",
            "minor-cosignature-missing@3:J", "publication-fields-without-consent@7:H", "signer-role@4:D",
        ])
    }

    @Test func pairRules() throws {
        let header = ["№ пары", "ФИО наставника", "ФИО наставляемого", "Форма наставничества", "Вид наставничества",
                      "Дата начала", "Плановая дата завершения", "Дата завершения", "Причина завершения", "Учебный год"]
        let r = try validate([header,
            ["1", "Орлова Нина Викторовна", "Котов Илья Андреевич", "педагог – молодой педагог", "традиционное", "01.10.2022", "31.05.2023", "", "", "2022/2023"],
            ["2", "Орлова Нина Викторовна", "Громов Павел Сергеевич", "педагог – молодой педагог", "скоростное", "01.10.2022", "", "02.10.2022", "", ""],
            ["3", "Белова Светлана Юрьевна", "Котова Анна Ильинична", "ученик – ученик", "в группе", "01.10.2022", "01.11.2022", "", "", ""],
            ["4", "Белова Светлана Юрьевна", "Зайцева Елена Павловна", "ученик – ученик", "", "01.10.2022", "01.09.2022", "", "план выполнен", "2021/2022"],
            ["1", "Сергеев Олег Петрович", "Лебедев Игорь Олегович; Петрова Ольга Ивановна", "работодатель – ученик", "в группе", "01.10.2022", "01.10.2024", "", "", ""],
        ], kind: .pairs)
        #expect(keys(r.diagnostics) == [
            "date-order@5:G", "end-date-missing@5:I", "group-too-small@4:C", "program-duration@4:G", "program-duration@6:G",
            "school-year-mismatch@5:F", "speed-same-day@3:H", "unique-error@6:A",
        ])
    }
}

@Suite struct SetTierTests {
    @Test func samePersonTwice() throws {
        let r = try validate([["ФИО наставляемого", "Дата рождения", "СНИЛС"],
                              ["Котов Илья Андреевич", "12.03.2011", ""],
                              ["КОТОВ  Илья Андреевич", "12.03.2011", ""],
                              ["Котова Анна Ильинична", "12.03.2011", "112-233-445 95"],
                              ["Котова Анна Ильинична", "13.03.2011", "112-233-445 95"],
                              ["Котов Илья Андреевич", "13.03.2012", ""]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["unique-error@3:A", "unique-error@5:C"])
        #expect(r.diagnostics[0].message.ru.contains("строке 2"))
    }

    @Test func initialsNeverMakeADuplicate() throws {
        let r = try validate([["ФИО наставляемого", "Класс"], ["Котов И. А.", "7Б"], ["Котов И. А.", "7Б"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["name-initials@2:A", "name-initials@3:A"])
    }

    @Test func latestSubmissionWins() throws {
        let r = try validate([["Отметка времени", "Адрес электронной почты", "Фамилия, имя, отчество", "Дата рождения"],
                              ["15.09.2022 10:31:05", "kotov@mail.ru", "Котов Илья Андреевич", "12.03.2011"],
                              ["14.09.2022 09:00:00", "belova@mail.ru", "Белова Светлана Юрьевна", "01.02.1990"],
                              ["16.09.2022 08:00:00", "kotov@mail.ru", "Котов Илья Андреевич", "12.03.2011"],
                              ["15.09.2022 12:00:00", "kotov@mail.ru", "Котов Илья Андреевич", "12.03.2011"]], kind: .mentorQuestionnaire)
        #expect(keys(r.diagnostics) == ["duplicate-submission@2:A", "duplicate-submission@5:A"])
        #expect(r.diagnostics[0].message.ru.contains("строки 4"))
    }
}

@Suite struct ReadAheadTests {
    final class SyntheticReader: TableReader {
        let n: Int
        let failAt: Int?
        init(_ n: Int, failAt: Int? = nil) { self.n = n; self.failAt = failAt }
        var sheets: [SheetInfo] { [SheetInfo(name: "s")] }
        var details: SourceDetails { SourceDetails() }
        var diagnostics: DiagnosticLog { DiagnosticLog() }
        func rows(inSheet index: Int) throws -> any RowCursor { Failing(SyntheticMentees(count: n), failAt) }
    }

    final class Failing: RowCursor {
        let inner: any RowCursor
        let failAt: Int?
        init(_ inner: any RowCursor, _ failAt: Int?) { self.inner = inner; self.failAt = failAt }
        func next() throws -> Row? {
            let r = try inner.next()
            if let r, let failAt, r.number == failAt {
                throw MentorBaseError.source(SourceLocation(row: failAt), ru: "битая строка", en: "broken row")
            }
            return r
        }
    }

    func run(_ reader: any TableReader, readAhead: Bool) throws -> ([Int], [String]) {
        var rowsSeen: [Int] = []
        var diags: [Diagnostic] = []
        _ = try TableValidation(kind: .mentees, mapFile: nil, options: testOptions)
            .run(reader: reader, file: "s.csv", namedSheets: false, readAhead: readAhead,
                 onRecord: { rowsSeen.append($0.row) }, onDiagnostic: { diags.append($0) })
        return (rowsSeen, keys(diags))
    }

    @Test func readingAheadGivesTheSameResultInOrder() throws {
        let a = try run(SyntheticReader(5_000), readAhead: false)
        let b = try run(SyntheticReader(5_000), readAhead: true)
        #expect(a.0 == b.0 && a.0.count == 5_000 && a.0 == Array(2...5_001))
        #expect(a.1 == b.1)
    }

    @Test func aReaderErrorArrivesAfterTheRowsBeforeIt() throws {
        var seen = 0
        #expect(throws: MentorBaseError.self) {
            _ = try TableValidation(kind: .mentees, mapFile: nil, options: testOptions)
                .run(reader: SyntheticReader(3_000, failAt: 2_000), file: "s.csv", namedSheets: false, readAhead: true,
                     onRecord: { _ in seen += 1 }, onDiagnostic: { _ in })
        }
        #expect(seen == 1_998)
    }

    @Test func aConsumerErrorStopsTheReader() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try TableValidation(kind: .mentees, mapFile: nil, options: testOptions)
                .run(reader: SyntheticReader(50_000), file: "s.csv", namedSheets: false, readAhead: true,
                     onRecord: { _ in seen += 1; if seen == 100 { throw Stop() } }, onDiagnostic: { _ in })
        }
        #expect(seen == 100)
    }
}

@Suite struct SkippedRowTests {
    /// Workbook readers may leave empty rows out; the missing numbers are blank rows all the same.
    @Test func rowsMissingFromTheReaderAreBlankRows() throws {
        let table = [Row(number: 1, cells: [.text("ФИО наставляемого")]),
                     Row(number: 2, cells: [.text("Котов Илья Андреевич")]),
                     Row(number: 5, cells: [.text("Котова Анна Ильинична")])]
        var diags: [Diagnostic] = []
        _ = try TableValidation(kind: .mentees, mapFile: nil, options: testOptions)
            .run(reader: ArrayReader([("Лист1", table)]), file: "b.xlsx", namedSheets: true,
                 onRecord: { _ in }, onDiagnostic: { diags.append($0) })
        #expect(keys(diags) == ["blank-row@3:-", "blank-row@4:-"])
    }
}
