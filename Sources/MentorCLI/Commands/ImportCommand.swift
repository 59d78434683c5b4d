import ArgumentParser
import Crypto
import Foundation
import MentorBase
import MentorSchema
import MentorStore

/// `mentorbase import FILE --kind KIND`: plans and applies a file in one transaction.
///
/// The file goes read → header mapping → validation (all tiers) → `RecordAssembler` → merge plan →
/// one transaction (see `ValidatedImport`). `--canonical` takes instead a canonical table — headers
/// are the store's field names, values already normalised (see `CanonicalTable`) — for machine
/// pipelines and benchmarks of the store alone.
struct ImportCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import",
                             abstract: L("Загрузить файл в хранилище: план, затем одна транзакция.",
                                         "Import a file into the store: a plan, then one transaction."),
                             discussion: L("""
                                Файл проверяется так же, как в validate (все уровни проверок); с ошибками ничего не записывается, \
                                если не указан --accept-valid. Без --kind вид записей угадывается по заголовкам. \
                                С --canonical принимается каноническая таблица: заголовки — имена полей хранилища \
                                (fullName, birthDate, mentorName …), значения уже нормализованы (даты ГГГГ-ММ-ДД, списки через «;»).
                                С --format json печатает {"batch", "dryRun", "new", "updated", "unchanged", "conflicts", "rejected", \
                                "diagnostics"}; код выхода 1, если отклонённые строки остановили импорт.
                                """, """
                                The file is validated as by validate (every tier); with errors nothing is written unless \
                                --accept-valid is given. Without --kind the record kind is guessed from the headers. \
                                With --canonical the file is a canonical table: headers are the store's field names \
                                (fullName, birthDate, mentorName …), values already normalised (dates YYYY-MM-DD, lists ";"-separated).
                                With --format json prints {"batch", "dryRun", "new", "updated", "unchanged", "conflicts", "rejected", \
                                "diagnostics"}; exit 1 when rejected rows stopped the import.
                                """))
    }

    @Argument(help: ArgumentHelp(L("Файл.", "The file.")))
    var file: String

    @Option(name: .long, help: ArgumentHelp(L("Вид записей: mentors, mentees, consents, pairs, mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.",
                                              "Record kind: mentors, mentees, consents, pairs, mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.")))
    var kind: ImportKind?

    @Flag(name: .long, help: ArgumentHelp(L("Файл — каноническая таблица (заголовки — имена полей хранилища), без проверки схемой.",
                                            "The file is a canonical table (headers are the store's field names), not schema-validated.")))
    var canonical = false

    @Option(name: .long, help: ArgumentHelp(L("Файл сопоставления заголовков (из validate --save-map).",
                                              "A header mapping file (from validate --save-map).")))
    var map: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Проверять на эту дату (ДД.ММ.ГГГГ; по умолчанию сегодня).",
                                                             "Validate as of this date (DD.MM.YYYY; today by default).")))
    var asOf: String?

    @Flag(name: .long, help: ArgumentHelp(L("Только показать план, ничего не записывать.", "Show the plan only; write nothing.")))
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp(L("При расхождении с хранилищем: keep, replace (по умолчанию) или fail.",
                                              "When the file and the store disagree: keep, replace (default) or fail.")))
    var onConflict: ConflictPolicy = .replace

    @Flag(name: .long, help: ArgumentHelp(L("Применить верные строки, даже если другие отклонены.",
                                            "Apply the valid rows even when others are rejected.")))
    var acceptValid = false

    @Flag(name: .long, help: ArgumentHelp(L("Сравнить каждую строку, даже если этот же файл уже загружен последним.",
                                            "Compare every row even when this very file was the last one imported.")))
    var recheck = false

    @Option(name: .long, help: ArgumentHelp(L("Только этот лист (имя или номер).", "Only this sheet (name or number).")))
    var sheet: String?

    @Option(name: .long, help: ArgumentHelp(L("Сохранить план слияния в книгу XLSX: лист на каждый итог, изменённые ячейки выделены.",
                                              "Save the merge plan as an XLSX workbook: a sheet per outcome, changed cells highlighted."),
                                            valueName: "FILE.xlsx"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp(L("Записать отчёт об ошибках (как validate --report): ваша таблица с отмеченными ячейками и лист «Ошибки». С --accept-valid и отклонёнными строками пишется всегда (по умолчанию ФАЙЛ-ошибки.xlsx рядом с файлом).",
                                              "Write the error workbook (as validate --report): your table with cells marked and an «Ошибки» sheet. With --accept-valid and rejected rows it is always written (FILE-errors.xlsx beside the file by default)."),
                                            valueName: "FILE.xlsx"))
    var report: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        guard file != "-" else {
            throw MentorBaseError.usage(ru: "import читает файл, а не стандартный ввод", en: "import reads a file, not standard input")
        }
        if canonical && kind == nil {
            throw MentorBaseError.usage(ru: "с --canonical нужен --kind", en: "--canonical needs --kind")
        }
        let ru = global.lang == .ru
        var job = ImportJob(path: file, referenceDate: try referenceDate(), now: Clock.nowUTC)
        job.forcedFormat = input.from
        job.readOptions = try input.readOptions()
        job.kind = kind
        job.canonical = canonical
        job.mapFile = try map.map(MappingFile.load(path:))
        job.sheet = sheet
        job.policy = onConflict
        job.dryRun = dryRun
        job.acceptValid = acceptValid
        job.recheck = recheck
        job.planLimit = plan != nil ? Int.max : (global.format == .json ? 0 : 200)
        job.keepUnchangedPlans = plan != nil
        let storeOptions = self.storeOptions
        let outcome = try ImportService.run(job, registry: context.registry, openStore: { try storeOptions.open() })
        let r = outcome.report
        if let reason = outcome.kindReason, !global.quiet, global.format == .text {
            context.terminal.err((ru ? "Вид записей угадан по заголовкам — " : "Record kind guessed from the headers: ") + reason(global.lang))
        }
        // The error workbook: asked for, or owed to the secretary when valid rows went in without the others.
        var reportPath = report
        if reportPath == nil && acceptValid && r.count(.rejected) > 0 {
            reportPath = ImportCommand.defaultReportPath(file, global.lang)
        }
        var written: [String] = []
        if let reportPath {
            try ImportService.writeErrorWorkbook(job, outcome, to: reportPath, registry: context.registry, lang: global.lang)
            written.append(reportPath)
        }
        if let plan {
            try ImportService.writePlanWorkbook(outcome, to: plan, registry: context.registry, lang: global.lang)
            written.append(plan)
        }
        if global.format == .json {
            context.terminal.out(ImportCommand.json(r, global.lang, errorReport: reportPath, planWorkbook: plan) + "\n")
        } else {
            printText(r, context)
            if !global.quiet {
                for w in written { context.terminal.err(ru ? "записан файл: \(w)" : "written: \(w)") }
            }
        }
        if r.stop != nil { throw ExitCode(ExitStatus.dataErrors) }
    }

    /// `база.csv` → `база-ошибки.xlsx` beside it.
    static func defaultReportPath(_ file: String, _ lang: Language) -> String {
        let url = URL(fileURLWithPath: file)
        let stem = url.deletingPathExtension().lastPathComponent
        let name = stem + (lang == .ru ? "-ошибки.xlsx" : "-errors.xlsx")
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    private func referenceDate() throws -> CalendarDate { try asOfDate(asOf) }

    /// SHA-256 of the file, read in 1 MiB pieces into one buffer. (A fresh buffer per piece, as
    /// FileHandle.readData gives, is a fresh mapping whose pages the kernel faults in and zeroes
    /// for every piece: measured, 0.8 s of kernel time for a 270 MB file against a few hundredths.)
    static func checksum(_ path: String) throws -> String {
        let stream = try FileDescriptorStream(path: path, displayName: path)
        var sha = Crypto.SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            buffer.withUnsafeBytes { sha.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return sha.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The contract of issue 5.
    static func json(_ r: ImportReport, _ lang: Language, errorReport: String? = nil, planWorkbook: String? = nil) -> String {
        var s = "{\"batch\":\(r.batchID.map(String.init) ?? "null"),\"dryRun\":\(r.dryRun)"
        s += ",\"new\":\(r.count(.new)),\"updated\":\(r.count(.updated)),\"unchanged\":\(r.count(.unchanged))"
        s += ",\"conflicts\":\(r.count(.conflicting)),\"rejected\":\(r.count(.rejected))"
        s += ",\"noOp\":\(r.isNoOp),\"alreadyImportedIn\":\(r.alreadyImportedIn.map(String.init) ?? "null")"
        s += ",\"seconds\":\((r.seconds * 1000).rounded() / 1000)"
        s += ",\"errorReport\":" + (errorReport.map(JSONText.quote) ?? "null")
        s += ",\"planWorkbook\":" + (planWorkbook.map(JSONText.quote) ?? "null")
        var items: [UInt8] = []
        for (i, d) in r.diagnostics.items.enumerated() {
            if i > 0 { items.append(0x2C) }
            d.appendJSON(lang, to: &items)
        }
        s += ",\"diagnostics\":[" + String(decoding: items, as: UTF8.self) + "]}"
        return s
    }

    private func printText(_ r: ImportReport, _ context: CLIContext) {
        let ru = global.lang == .ru
        let t = context.terminal
        if !global.quiet {
            for d in r.diagnostics.items { t.err(d.render(global.lang)) }
            if r.diagnostics.dropped > 0 { t.err(ru ? "… и ещё \(r.diagnostics.dropped) сообщений" : "… and \(r.diagnostics.dropped) more") }
        }
        if let b = r.alreadyImportedIn {
            t.out(ru ? "Этот файл уже загружен (пакет № \(b)) и после него ничего не загружалось: изменений нет.\n"
                : "This file was already imported (batch #\(b)) and nothing was imported since: nothing to change.\n")
            return
        }
        for p in r.plans {
            let head = "\(p.location.describe(global.lang)) «\(p.label)»: " + p.outcome.rowLabel(global.lang)
            t.out(head + "\n")
            for c in p.changes {
                let old = c.change.sensitive ? "***" : (c.change.old.map(PlanWorkbook.humanText) ?? "∅")
                let new = c.change.sensitive ? "***" : (c.change.new.map(PlanWorkbook.humanText) ?? "∅")
                t.out("    \(c.table.rawValue).\(c.change.column): \(old) → \(new)\n")
            }
        }
        let counts = RecordPlan.Outcome.allCases.map { "\($0.countLabel(global.lang)): \(r.count($0))" }
            .joined(separator: ", ")
        var tail: String
        switch r.stop {
        case .rejected(let n)?:
            tail = ru ? "Ничего не записано: отклонено строк — \(n) (--accept-valid применит остальные)."
                : "Nothing written: \(n) rows rejected (--accept-valid applies the rest)."
        case .conflicts(let n)?:
            tail = ru ? "Ничего не записано: расхождений — \(n) при --on-conflict fail."
                : "Nothing written: \(n) conflicts under --on-conflict fail."
        case nil:
            if r.dryRun {
                tail = ru ? "Пробный запуск: ничего не записано." : "Dry run: nothing written."
            } else if let b = r.batchID {
                tail = ru ? "Записано как пакет № \(b)." : "Written as batch #\(b)."
            } else {
                tail = ru ? "Изменений нет: хранилище не тронуто." : "Nothing to change: the store is untouched."
            }
        }
        let secs = String(format: "%.2f", r.seconds)
        t.out(counts + ". " + tail + (ru ? " Время: \(secs) с.\n" : " Time: \(secs) s.\n"))
    }
}
