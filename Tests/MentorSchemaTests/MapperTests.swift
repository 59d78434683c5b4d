import Foundation
import MentorBase
import Testing
@testable import MentorSchema

@Suite struct MapperTests {
    func mapper(_ kind: RecordKind, map: MappingFile? = nil) throws -> HeaderMapper {
        try HeaderMapper(schema: try MentorSchemas.schema(for: kind), mapFile: map)
    }

    func target(_ m: HeaderMapping, _ header: String) -> String? {
        guard let c = m.columns.first(where: { $0.header == header }) else { return nil }
        switch c.target {
        case .field(let f): return m.schema.fields[f].name
        case .namePart(let f, let p): return m.schema.fields[f].name + "." + p.rawValue
        case .option(let f, let o): return m.schema.fields[f].name + "=" + o
        case .ignored: return "ignored"
        case .unmapped: return nil
        }
    }

    @Test func foldingCaseSpacesYoPunctuationAndStar() throws {
        let m = try mapper(.mentees).map(header: rows([[
            "  ФИО\u{A0}наставляемого* ", "ДАТА РОЖДЕНИЯ", "Класс:", "Дата вхождения в программу", "Ф.И.О. наставника",
            "Контактные данные для связи", "Основной запрос наставляемого", "E-mail",
        ]])[0].cells, row: 1)
        #expect(target(m, "ФИО наставляемого*") == "fullName")
        #expect(target(m, "ДАТА РОЖДЕНИЯ") == "birthDate")
        #expect(target(m, "Класс:") == "className")
        #expect(target(m, "Ф.И.О. наставника") == "mentorName")
        #expect(target(m, "Контактные данные для связи") == "phones")
        #expect(target(m, "E-mail") == "emails")
        #expect(m.unmapped.isEmpty)
        #expect(m.missingRequired.isEmpty)
    }

    @Test func googleFormsQuestionsAndTimestamp() throws {
        let header = ["Отметка времени", "Адрес электронной почты", "Фамилия, имя, отчество", "Укажите ваш контактный телефон",
                      "Какие формы наставничества вам интересны? *", "Почему вы хотите стать наставником?", "Кем вы являетесь?"]
        let m = try mapper(.mentorQuestionnaire).map(header: rows([header])[0].cells, row: 1)
        #expect(target(m, "Отметка времени") == "submittedAt")
        #expect(target(m, "Укажите ваш контактный телефон") == "phones")
        #expect(target(m, "Какие формы наставничества вам интересны? *") == "preferredForms")
        #expect(target(m, "Кем вы являетесь?") == "mentorCategory")
    }

    @Test func yandexColumnPerOption() throws {
        let header = ["Время создания", "ФИО", "Какие формы наставничества вам интересны? / ученик – ученик",
                      "Какие формы наставничества вам интересны? / педагог – молодой педагог", "Какие виды наставничества вам подходят? / Виртуальное (дистанционное)"]
        let m = try mapper(.mentorQuestionnaire).map(header: rows([header])[0].cells, row: 1)
        #expect(target(m, header[2]) == "preferredForms=student_student")
        #expect(target(m, header[3]) == "preferredForms=teacher_young_teacher")
        #expect(target(m, header[4]) == "preferredKinds=virtual")
        #expect(target(m, "Время создания") == "submittedAt")
    }

    @Test func threeNameColumnsJoinIntoOne() throws {
        let r = try validate([["Фамилия", "Имя", "Отчество", "Дата согласия", "Согласие на обработку ПДн"],
                              ["Смирнова", "Ольга", "Игоревна", "01.09.2022", "да"]], kind: .consents)
        #expect(r.diagnostics.isEmpty)
        #expect(r.records.first?["fullName"]?.nameValue?.display == "Смирнова Ольга Игоревна")
    }

    @Test func mentorNamePartsJoinToo() throws {
        let r = try validate([["ФИО наставляемого", "Фамилия наставника", "Имя наставника", "Отчество наставника"],
                              ["Котов Илья Андреевич", "Белова", "Светлана", "Юрьевна"]], kind: .mentees)
        #expect(r.records.first?["mentorName"]?.nameValue?.display == "Белова Светлана Юрьевна")
    }

    @Test func headerUnderTitleRows() throws {
        let table = [["База наставников МБОУ СОШ № 4 на 2022-2023 уч. год", "", ""],
                     ["", "", ""],
                     ["№ п/п", "ФИО наставника", "Место работы/учебы наставника", "Должность", "Форма наставничества"],
                     ["1", "2", "3", "4", "5"],
                     ["1", "Орлова Нина Викторовна", "МБОУ СОШ № 4", "учитель математики", "педагог – молодой педагог"]]
        let r = try validate(table, kind: nil)
        #expect(r.summary.kind == .mentors)
        #expect(r.summary.sheets.first?.mapping.headerRow == 3)
        #expect(r.summary.rows == 1)
        #expect(r.records.first?.row == 5)
        #expect(r.diagnostics.isEmpty)
        #expect(r.summary.kindReason?.ru.contains("mentors") == true)
    }

    @Test(arguments: [
        (["ФИО наставляемого", "Класс", "Основной запрос наставляемого", "ФИО наставника"], RecordKind.mentees),
        (["ФИО наставника", "Основные компетенции", "Форма наставничества"], .mentors),
        (["ФИО", "Дата рождения", "Кем приходится", "Дата согласия", "Согласие на обработку ПДн"], .consents),
        (["ФИО наставника", "ФИО наставляемого", "Дата начала", "Приказ"], .pairs),
        (["Отметка времени", "Фамилия, имя, отчество", "Почему вы хотите стать наставником?"], .mentorQuestionnaire),
        (["Отметка времени", "Фамилия, имя, отчество", "Класс", "Чем ты увлекаешься?"], .menteeQuestionnaire),
        (["Отметка времени", "Ваша роль в программе", "Насколько вы удовлетворены участием в программе наставничества?"], .monitoringQuestionnaire),
    ])
    func kindIsGuessedFromHeaders(_ header: [String], _ expected: RecordKind) throws {
        let d = try #require(try HeaderLocator.detect(rows: rows([header]), kind: nil, mapFile: nil))
        #expect(d.mapping.kind == expected)
        #expect(d.kindReason != nil)
    }

    @Test func unknownHeadersAreReported() throws {
        let r = try validate([["ФИО наставляемого", "Любимый цвет"], ["Котов Илья Андреевич", "синий"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["extra-label@1:B"])
    }

    @Test func missingRequiredColumn() throws {
        let r = try validate([["Дата рождения", "Класс"], ["05.09.2012", "7Б"]], kind: .mentees)
        #expect(keys(r.diagnostics) == ["missing-label@1:-"])
    }

    @Test func mappingFileDecidesAndRoundTrips() throws {
        let map = MappingFile(kind: "mentees", headerRow: nil,
                              columns: [.init(header: "Ребенок", target: "fullName"), .init(header: "Примечание", target: nil)])
        let r = try validate([["Ребенок", "Примечание"], ["Котов Илья Андреевич", "что угодно"]], kind: nil, map: map)
        #expect(r.summary.kind == .mentees)
        #expect(r.diagnostics.isEmpty)
        let saved = try #require(r.summary.sheets.first).mapping.mappingFile()
        let again = try JSONDecoder().decode(MappingFile.self, from: Data(saved.jsonText().utf8))
        #expect(again == saved)
        #expect(again.columns.map(\.target) == ["fullName", nil])
    }

    @Test func mappingFileWithUnknownFieldIsAUsageError() throws {
        let map = MappingFile(kind: "mentees", headerRow: nil, columns: [.init(header: "X", target: "nope")])
        #expect(throws: MentorBaseError.self) { try self.mapper(.mentees, map: map) }
    }

    @Test func twoColumnsForOneFieldKeepTheBetter() throws {
        let r = try validate([["Телефон", "Укажите ваш телефон"], ["89161234567", "89031234567"]], kind: .mentors)
        #expect(keys(r.diagnostics).contains("duplicate-label@1:B"))
        #expect(r.records.first?["phones"]?.items == [.phone("+79161234567")])
    }

    @Test func noHeaderAtAllWithoutKindIsAUsageError() throws {
        #expect(throws: MentorBaseError.self) { _ = try validate([["a", "b"], ["1", "2"]], kind: nil) }
    }
}

@Suite struct MultiSheetTests {
    @Test func otherKindsOnOtherSheetsAreLeftOutWhenGuessing() throws {
        let reader = ArrayReader([
            ("Наставляемые", rows([["ФИО наставляемого", "Класс", "Основной запрос наставляемого"], ["Котов Илья Андреевич", "7Б", "математика"]])),
            ("Согласия", rows([["ФИО", "Дата рождения", "Кем приходится", "Дата согласия", "Согласие на обработку ПДн"],
                               ["Котов Илья Андреевич", "12.03.2011", "мать", "01.09.2022", "да"]])),
            ("Архив", rows([["ФИО наставляемого", "Класс"], ["Котова Анна Ильинична", "15А"]])),
        ])
        var diags: [Diagnostic] = []
        let s = try TableValidation(kind: nil, mapFile: nil, options: testOptions)
            .run(reader: reader, file: "база.xlsx", namedSheets: true, onRecord: { _ in }, onDiagnostic: { diags.append($0) })
        #expect(s.kind == .mentees)
        #expect(s.sheets.map(\.name) == ["Наставляемые", "Архив"])
        #expect(s.skippedSheets == ["Согласия"])
        #expect(keys(diags) == ["constraint-error@2:B"])
        #expect(diags.first?.location.sheet == "Архив")
    }
}
