import Foundation
import MentorBase
import MentorExport
import Testing

@Suite("Full view and monitoring")
struct FullViewAndReportTests {
    @Test("the official bases: a sheet per base and status, official columns first, one row per mentor and per mentee")
    func bases() throws {
        let t = try TestStore()
        try t.importSchool()
        let out = try t.export(ExportRequest(kind: .bases, view: .full, date: day("2023-05-20")), format: "xlsx")
        let reader = try registry.plugin(id: "xlsx").unwrap("xlsx")
            .makeReader(source: InputSource(bytes: out.bytes, name: "b.xlsx"), options: ReadOptions())
        #expect(reader.sheets.map(\.name) == ["Наставники. Текущие участники", "Наставники. Архив",
                                              "Наставляемые. Текущие участники", "Наставляемые. Архив"])
        var sheets: [[[Cell]]] = []
        for i in reader.sheets.indices {
            var rows: [[Cell]] = []
            let c = try reader.rows(inSheet: i)
            while let r = try c.next() { rows.append(r.cells) }
            sheets.append(rows)
        }
        let mentorHeader = sheets[0][0].map { $0.text() }
        #expect(Array(mentorHeader.prefix(4)) == ["№ п/п", "ФИО наставника", "Место работы/учебы наставника", "Должность"])
        #expect(mentorHeader.firstIndex(of: "ФИО наставляемого") == 10)
        let menteeHeader = sheets[2][0].map { $0.text() }
        #expect(Array(menteeHeader.prefix(7)) == ["№ п/п", "ФИО наставляемого", "Контактные данные для связи", "Дата рождения",
                                                 "Основной запрос наставляемого", "Дата вхождения в программу", "ФИО наставника"])
        // Орлова is current with her mentee listed; Лебедева's pair ended, so she is in the archive with both mentees.
        #expect(sheets[0].count == 2 && sheets[0][1][1] == .text("Орлова Нина Викторовна") && sheets[0][1][0] == .number(1))
        #expect(sheets[0][1][10] == .text("Зайцева Елена Павловна"))
        #expect(sheets[1][1][10] == .text("Котов Илья Андреевич; Миронова Полина Сергеевна"))
        // A minor's contact is the parent's phone; dates are date cells.
        let kotov = try (sheets[3].first { $0[1] == .text("Котов Илья Андреевич") }).unwrap("Котов")
        #expect(kotov[2] == .text("'+79182451799") && kotov[3] == .date(day("2011-03-12")))
        // Сидоров revoked: out of every sheet, and Волков's row does not name him.
        let all = sheets.flatMap { $0 }.flatMap { $0 }.map { $0.text() }.joined(separator: "|")
        #expect(!all.contains("Сидоров"))
        #expect(out.summary.excluded[.revoked] == 1)
    }

    @Test("CSV cannot hold the two bases; one base goes to one sheet with its participation column")
    func oneSheet() throws {
        #expect(throws: MentorBaseError.self) {
            try Exporter.check(ExportRequest(kind: .bases, view: .full, date: .epoch), multipleSheets: false)
        }
        let t = try TestStore()
        try t.importSchool()
        let rows = try readCells(t.export(ExportRequest(kind: .mentees, view: .full, date: day("2023-05-20")), format: "csv").bytes,
                                 format: "csv")
        #expect(rows.count == 5 && rows[0].last == .text("Участие в программе"))
    }

    @Test("the consents register lists everyone's consents, people outside the bases too, but not after a revocation")
    func consents() throws {
        let t = try TestStore()
        try t.importSchool()
        try t.importCSV("fullName,birthDate,signerRole,signedOn,processing\nНовиков Олег Петрович,1990-02-02,self,2022-09-01,true\n",
                        .consents, name: "late.csv")
        let rows = try readCells(t.export(ExportRequest(kind: .consents, view: .full, date: day("2023-05-20")), format: "csv").bytes,
                                 format: "csv")
        let names = rows.dropFirst().map { $0[0].text() }
        #expect(names.contains("Новиков Олег Петрович") && names.contains("Орлова Нина Викторовна"))
        #expect(!names.contains("Сидоров Пётр Ильич"))
        // Миронова has processing and publication consents from one row: two lines.
        #expect(names.filter { $0 == "Миронова Полина Сергеевна" }.count == 2)
    }

    @Test("indicators: counts from the store, shares of the roster counts, targets of the year")
    func indicators() throws {
        let t = try TestStore()
        try t.importSchool()
        let targets = try IndicatorTargets(json: Array(String(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("../../docs/targets-example.json"), encoding: .utf8).utf8),
                                           name: "targets-example.json")
        #expect(targets.byYear[2024]?[.menteeStudents] == 70)
        let r = try IndicatorComputation.run(store: t.reading, date: day("2022-12-01"),
                                             roster: RosterCounts(students10to18: 300, studentsInCategories: 30, students15to18: 50,
                                                                  youngSpecialists: 4, organisations: 20), targets: targets)
        let v = Dictionary(uniqueKeysWithValues: r.values.map { ($0.id, $0) })
        // Котов (11), Миронова (12), Волков (15) are student mentees; Лебедева (16) a student mentor;
        // Зайцева a young specialist; Сидоров's plant the one organisation (not yet revoked on 01.12.2022).
        #expect(v[.menteeStudents]?.count == 3 && v[.menteeStudents]?.percent == 10)
        #expect(v[.studentMentors]?.count == 1 && v[.studentMentors]?.percent == 2)
        #expect(v[.youngSpecialistMentees]?.count == 1 && v[.youngSpecialistMentees]?.percent == 25)
        #expect(v[.employerOrganisations]?.count == 1 && v[.employerOrganisations]?.percent == 5)
        #expect(v[.menteeStudents]?.target == 40 && v[.menteeStudents]?.met == false)
        #expect(r.coverageOfAllStudents == 1)
        #expect(r.schoolYear == "2022/2023")
        let json = r.json(.en)
        #expect(!json.contains("Котов") && !json.contains("Сидоров"))
        // After the revocation the employer's mentor no longer counts.
        let later = try IndicatorComputation.run(store: t.reading, date: day("2023-03-02"), roster: RosterCounts(), targets: nil)
        #expect(later.values.first { $0.id == .employerOrganisations }?.count == 0)
        #expect(later.values.allSatisfy { $0.percent == nil })
    }

    @Test("a bad targets file is a usage error naming the problem")
    func badTargets() {
        for bad in ["[]", "{\"targets\":{\"2024\":{\"unknown\":5}}}", "{\"targets\":{\"2024\":{\"mentee-students\":500}}}"] {
            #expect(throws: MentorBaseError.self) { _ = try IndicatorTargets(json: Array(bad.utf8), name: "t.json") }
        }
    }

    @Test("monitoring views carry counts and no names")
    func monitoring() throws {
        let t = try TestStore()
        try t.importSchool()
        for kind in ExportKind.allCases {
            let out = try t.export(ExportRequest(kind: kind, view: .monitoring, date: day("2023-05-20")), format: "csv")
            let text = String(decoding: out.bytes, as: UTF8.self)
            for name in ["Орлова", "Котов", "Лебедева", "+7918", "1978"] { #expect(!text.contains(name), "\(kind) carries \(name)") }
            #expect(text.split(whereSeparator: \.isNewline).count >= (kind == .questionnaires ? 1 : 2), "\(kind): no rows")
        }
    }

    @Test("a chart reaches the workbook through ChartSpec; other writers skip it")
    func chart() throws {
        let sink = MemorySink()
        let w = try registry.plugin(id: "xlsx").unwrap("xlsx").makeWriter(target: OutputTarget(sink: sink, name: "c.xlsx"),
                                                                          options: WriteOptions())
        try w.beginSheet(SheetSpec(name: "Показатели"))
        try w.writeRow([.text("Показатель"), .text("%")])
        try w.writeRow([.text("A"), .number(10)])
        try w.writeRow([.text("B"), .number(20)])
        let spec = ChartSpec(kind: .column, title: "Доли", categoriesColumn: 0, firstRow: 1, lastRow: 2,
                             series: [.init(name: "%", valuesColumn: 1)], anchorRow: 4, anchorColumn: 0)
        #expect(try w.addChartIfSupported(spec))
        try w.finish()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString).xlsx")
        try Data(sink.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", url.path, "xl/charts/chart1.xml"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(xml.contains("<c:barChart>") && xml.contains("'Показатели'!$B$2:$B$3") && xml.contains("Доли"))
        let csv = try registry.plugin(id: "csv").unwrap("csv").makeWriter(target: OutputTarget(sink: MemorySink(), name: "c.csv"),
                                                                           options: WriteOptions())
        #expect(try !csv.addChartIfSupported(spec))
    }
}
