#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase
import MentorExport
import MentorStore

/// `mentorbase report --date D …`: the four indicators of the target model, no personal data.
struct ReportCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "report",
                             abstract: L("Показатели целевой модели наставничества: количества и доли.",
                                         "The target model's indicators: counts and shares."),
                             discussion: L("""
                                Численность (обучающихся, молодых специалистов, организаций) — вход, а не вывод из баз: доли \
                                считаются, когда она указана. Цели на год — из файла --targets (образец: docs/targets-example.json, \
                                по дорожной карте лицея на 2020–2024 годы). Персональных данных в отчёте нет.
                                Пример: mentorbase report --date 2024-05-20 --students-in-categories 120 --students-15-18 80 \
                                --young-specialists 6 --organisations 40 --targets docs/targets-example.json --format xlsx -o показатели.xlsx
                                """, """
                                Roster counts (students, young specialists, organisations) are inputs, not derived from the bases: \
                                shares are computed when they are given. Yearly targets come from --targets (example: \
                                docs/targets-example.json, from a lyceum's 2020–2024 roadmap). The report holds no personal data.
                                Example: mentorbase report --date 2024-05-20 --students-in-categories 120 --students-15-18 80 \
                                --young-specialists 6 --organisations 40 --targets docs/targets-example.json --format xlsx -o indicators.xlsx
                                """))
    }

    @Option(name: .long, help: ArgumentHelp(L("Дата отчёта (по умолчанию сегодня).", "The report date (today by default).")))
    var date: String?

    @Option(name: .customLong("students-10-18"), help: ArgumentHelp(L("Обучающихся 10–18 лет всего.", "Students aged 10–18 in all.")))
    var students10to18: Int?

    @Option(name: .customLong("students-in-categories"),
            help: ArgumentHelp(L("Обучающихся 10–18 лет в шести категориях наставляемых (база показателя 1).",
                                 "Students aged 10–18 in the six mentee categories (base of indicator 1).")))
    var studentsInCategories: Int?

    @Option(name: .customLong("students-15-18"), help: ArgumentHelp(L("Обучающихся 15–18 лет (база показателя 2).",
                                                                       "Students aged 15–18 (base of indicator 2).")))
    var students15to18: Int?

    @Option(name: .customLong("young-specialists"), help: ArgumentHelp(L("Молодых специалистов (база показателя 3).",
                                                                          "Young specialists (base of indicator 3).")))
    var youngSpecialists: Int?

    @Option(name: .long, help: ArgumentHelp(L("Организаций территории (база показателя 4).",
                                              "Organisations of the territory (base of indicator 4).")))
    var organisations: Int?

    @Option(name: .long, help: ArgumentHelp(L("Файл целей по годам (JSON).", "Yearly targets file (JSON).")))
    var targets: String?

    @Option(name: .long, help: ArgumentHelp(L("Вывод: text, json или xlsx (с диаграммой).", "Output: text, json or xlsx (with a chart).")))
    var format: String = "text"

    @Option(name: [.short, .long], help: ArgumentHelp(L("Файл результата (- — стандартный вывод).", "Output file (- for standard output).")))
    var output: String = "-"

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var common: CommonOptions

    func run(in context: CLIContext) throws {
        let lang = common.lang
        let on = try date.map(Clock.parse) ?? Clock.today
        for (name, v) in [("students-10-18", students10to18), ("students-in-categories", studentsInCategories),
                          ("students-15-18", students15to18), ("young-specialists", youngSpecialists),
                          ("organisations", organisations)] {
            if let v, v < 0 {
                throw MentorBaseError.usage(ru: "--\(name) не может быть отрицательным", en: "--\(name) cannot be negative")
            }
        }
        guard ["text", "json", "xlsx"].contains(format) else {
            throw MentorBaseError.usage(ru: "вывод отчёта: text, json или xlsx", en: "report output: text, json or xlsx")
        }
        if format == "xlsx" && output == "-" {
            throw MentorBaseError.usage(ru: "для xlsx укажите -o ФАЙЛ.xlsx", en: "for xlsx pass -o FILE.xlsx")
        }
        let goals = try targets.map { try IndicatorTargets(json: InputSource(path: $0).readAll(limit: 1 << 20), name: $0) }
        let roster = RosterCounts(students10to18: students10to18, studentsInCategories: studentsInCategories,
                                  students15to18: students15to18, youngSpecialists: youngSpecialists,
                                  organisations: organisations)
        let store = try storeOptions.open()
        defer { store.close() }
        guard let reading = store as? any ExportReading else {
            throw MentorBaseError.usage(ru: "это хранилище не поддерживает отчёты", en: "this store cannot report")
        }
        let report = try IndicatorComputation.run(store: reading, date: on, roster: roster, targets: goals)
        switch format {
        case "json": try emit(report.json(lang) + "\n", context)
        case "xlsx": try writeWorkbook(report, context)
        default: try emit(ReportCommand.text(report, lang), context)
        }
    }

    private func emit(_ s: String, _ context: CLIContext) throws {
        if output == "-" { context.terminal.out(s); return }
        let sink = try FileSink(path: output, displayName: output)
        try sink.write(s)
        try sink.close()
    }

    static func percent(_ d: Double?) -> String {
        d.map { Cell.format(number: $0).replacingOccurrences(of: ".", with: ",") + " %" } ?? "—"
    }

    static func text(_ r: IndicatorReport, _ lang: Language) -> String {
        let ru = lang == .ru
        var s = ru ? "Показатели на \(r.date.russian) (\(r.schoolYear) уч. год; цели на \(r.targetYear) год)\n"
            : "Indicators on \(r.date.russian) (school year \(r.schoolYear); targets for \(r.targetYear))\n"
        for (i, v) in r.values.enumerated() {
            s += "\(i + 1). \(v.id.title(lang))\n"
            s += ru ? "   в программе: \(v.count)" : "   in the program: \(v.count)"
            s += v.base.map { ru ? " из \($0)" : " of \($0)" } ?? (ru ? " (численность не указана)" : " (roster count not given)")
            s += ru ? "; доля: \(percent(v.percent))" : "; share: \(percent(v.percent))"
            if let t = v.target {
                s += ru ? "; цель: \(percent(t))" : "; target: \(percent(t))"
                if let met = v.met { s += met ? (ru ? " — достигнута" : " — met") : (ru ? " — не достигнута" : " — not met") }
            }
            s += "\n"
        }
        if let c = r.coverageOfAllStudents {
            s += ru ? "Наставляемые 10–18 лет от всех обучающихся 10–18 лет: \(percent(c))\n"
                : "Mentees aged 10–18 of all students aged 10–18: \(percent(c))\n"
        }
        for n in r.notes where n.count > 0 { s += "* \(n.text(lang)): \(n.count)\n" }
        return s
    }

    /// The indicators sheet with a column chart of shares against targets, and a notes sheet.
    private func writeWorkbook(_ r: IndicatorReport, _ context: CLIContext) throws {
        guard let plugin = context.registry.plugin(id: "xlsx") else {
            throw MentorBaseError.usage(ru: "нет формата xlsx", en: "no xlsx format")
        }
        let tmp = temporaryPath(besides: output)
        var committed = false
        defer { if !committed { unlink(tmp) } }
        let writer = try plugin.makeWriter(target: OutputTarget(path: tmp, displayName: output), options: WriteOptions())
        let header = ["Показатель", "Кратко", "В программе", "Всего", "Доля, %", "Цель, %", "Цель достигнута"]
        try writer.beginSheet(SheetSpec(name: "Показатели", columns: header.map { ColumnSpec(title: $0) }))
        try writer.writeRow(header.map(Cell.text))
        for v in r.values {
            try writer.writeRow([.text(v.id.title(.ru)), .text(v.id.shortTitle(.ru)), .number(Double(v.count)),
                                 v.base.map { .number(Double($0)) } ?? .empty, v.percent.map(Cell.number) ?? .empty,
                                 v.target.map(Cell.number) ?? .empty,
                                 v.met.map { .text($0 ? "да" : "нет") } ?? .empty])
        }
        try writer.writeRow([])
        try writer.writeRow([.text("Дата отчёта"), .date(r.date)])
        try writer.writeRow([.text("Учебный год"), .text(r.schoolYear)])
        try writer.writeRow([.text("Цели на год"), .number(Double(r.targetYear))])
        for n in r.notes { try writer.writeRow([.text(n.text(.ru)), .number(Double(n.count))]) }
        try writer.addChartIfSupported(ChartSpec(kind: .column, title: "Доли участников и цели, %", categoriesColumn: 1,
                                                 firstRow: 1, lastRow: r.values.count,
                                                 series: [.init(name: "Доля, %", valuesColumn: 4),
                                                          .init(name: "Цель, %", valuesColumn: 5)],
                                                 anchorRow: r.values.count + 9, anchorColumn: 0, valueAxisTitle: "%"))
        try writer.finish()
        guard rename(tmp, output) == 0 else {
            throw MentorBaseError.io(SourceLocation(file: output), ru: "не удалось записать файл", en: "cannot write the file")
        }
        committed = true
    }
}
