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

/// `mentorbase export KIND --view public|full|monitoring --format …`: the bases, the website page, the counts.
struct ExportCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export",
                             abstract: L("Выгрузить базы, страницу для сайта или счётчики мониторинга.",
                                         "Export the bases, the website page or the monitoring counts."),
                             discussion: L("""
                                Виды: public — для сайта (только люди с действующим согласием на публикацию и только разрешённые поля); \
                                full — всё для резервной копии и передачи; monitoring — только числа.
                                Кто отозвал согласие на обработку, не попадает ни в одну выгрузку. Сводка (сколько людей и почему не вошло, \
                                без имён) печатается в stderr; в JSON для сайта она в поле summary.
                                В CSV и XLSX текст, начинающийся с = + - @, табуляции или возврата каретки, получает апостроф в начале \
                                ('+79161234567), чтобы таблица не выполнила его как формулу; числа и даты остаются числами и датами. \
                                --raw отключает это для доверенного получателя.
                                Примеры:
                                  mentorbase export bases --view full -o базы.xlsx
                                  mentorbase export mentors --view public --format html -o nastavniki.html --site https://school4.ru
                                  mentorbase export mentees --view public --format json -o mentees.json
                                """, """
                                Views: public — for the website (only people with a valid publication consent, only the fields it allows); \
                                full — everything, for backup and transfer; monitoring — counts only.
                                People whose processing consent was revoked are in no export. The summary (how many people were left \
                                out and why, never who) goes to stderr; the site JSON carries it in "summary".
                                In CSV and XLSX, text starting with = + - @, a tab or a carriage return gets a leading apostrophe \
                                ('+79161234567) so that no spreadsheet runs it as a formula; numbers and dates stay numbers and dates. \
                                --raw turns that off for a trusted destination.
                                Examples:
                                  mentorbase export bases --view full -o bases.xlsx
                                  mentorbase export mentors --view public --format html -o mentors.html --site https://school4.ru
                                  mentorbase export mentees --view public --format json -o mentees.json
                                """))
    }

    @Argument(help: ArgumentHelp(L("Что выгрузить: mentors, mentees, pairs, consents, questionnaires или bases (обе базы).",
                                   "What to export: mentors, mentees, pairs, consents, questionnaires or bases (both bases).")))
    var kind: ExportKind

    @Option(name: .long, help: ArgumentHelp(L("Вид: public, full или monitoring.", "View: public, full or monitoring.")))
    var view: ExportView

    @Option(name: .long, help: ArgumentHelp(L("Формат: csv, xlsx, json, ndjson или html (иначе по расширению -o).",
                                              "Format: csv, xlsx, json, ndjson or html (else from -o's extension).")))
    var format: String?

    @Option(name: [.short, .long], help: ArgumentHelp(L("Файл результата (- — стандартный вывод).", "Output file (- for standard output).")))
    var output: String = "-"

    @Option(name: .long, help: ArgumentHelp(L("Дата выгрузки: на неё проверяются согласия (по умолчанию сегодня).",
                                              "The export date consents are checked on (today by default).")))
    var date: String?

    @Option(name: .long, help: ArgumentHelp(L("Адрес сайта: согласие на публикацию должно называть его.",
                                              "The site's address: the publication consent must name it.")))
    var site: String?

    @Flag(name: .long, help: ArgumentHelp(L("Не обезвреживать формулы (только для доверенного получателя).",
                                            "Do not neutralise formulas (trusted destinations only).")))
    var raw = false

    @Option(name: .long, help: ArgumentHelp(L("Свой шаблон страницы (подмножество Mustache; см. docs/site-export.md).",
                                              "A school's own page template (a Mustache subset; see docs/site-export.md).")))
    var template: String?

    @Option(name: .long, help: ArgumentHelp(L("Заголовок страницы или документа для сайта.", "The page or site document's title.")))
    var title: String?

    @Option(name: .long, help: ArgumentHelp(L("Только эта анкета: mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.",
                                              "Only this questionnaire: mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.")))
    var questionnaire: ImportKind?

    @Option(name: .long, help: ArgumentHelp(L("Вариант CSV: rfc4180, unix, excel-ru, tsv.", "CSV dialect: rfc4180, unix, excel-ru, tsv.")))
    var dialect: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var common: CommonOptions

    func run(in context: CLIContext) throws {
        let ru = common.lang == .ru
        let on = try date.map(Clock.parse) ?? Clock.today
        let request = ExportRequest(kind: kind, view: view, date: on, site: site, raw: raw, questionnaire: questionnaire)
        let toStdout = output == "-"
        let target = toStdout ? OutputTarget.standardOutput() : OutputTarget(path: output)
        let formatID = try resolveFormat(target)
        let templateSource = try template.map { path in
            (text: String(decoding: try InputSource(path: path).readAll(limit: 4 << 20), as: UTF8.self), name: path)
        }
        let job = try ExportJob(request: request, formatID: formatID, title: title, dialect: dialect,
                                template: templateSource, registry: context.registry)
        if formatID == "xlsx" && toStdout && isatty(1) == 1 {
            throw MentorBaseError.usage(ru: "XLSX не выводится в терминал: укажите -o ФАЙЛ.xlsx",
                                        en: "XLSX is not printed to a terminal: pass -o FILE.xlsx")
        }
        if raw && !common.quiet && FormulaGuard.applies(toFormat: formatID) {
            context.terminal.err(ru ? "предупреждение: --raw — формулы не обезврежены; открывайте файл только в доверенной программе"
                : "warning: --raw — formulas are not neutralised; open the file only in a trusted program")
        }
        if view == .full && formatID == "html" && !common.quiet {
            context.terminal.err(ru ? "предупреждение: в полной выгрузке есть персональные данные — эта страница не для сайта"
                : "warning: the full view holds personal data — this page is not for the website")
        }

        let store = try storeOptions.open()
        defer { store.close() }

        // Write beside the destination and rename at the end, so a failure leaves no half file.
        let tmpPath = toStdout ? nil : temporaryPath(besides: output)
        let writeTarget = tmpPath.map { OutputTarget(path: $0, displayName: output) } ?? target
        var committed = false
        defer { if !committed, let tmpPath { unlink(tmpPath) } }
        let summary = try job.run(store: store, to: writeTarget)
        if let tmpPath {
            // A full export holds personal data: owner-only, like the store itself.
            if view == .full { chmod(tmpPath, 0o600) }
            guard rename(tmpPath, output) == 0 else {
                let m = String(cString: strerror(errno))
                throw MentorBaseError.io(target.location, ru: "не удалось записать файл: \(m)", en: "cannot write the file: \(m)")
            }
            committed = true
        }
        if !common.quiet { printSummary(summary, formatID, context) }
    }

    /// `--format`, else the output's extension.
    private func resolveFormat(_ target: OutputTarget) throws -> String {
        if let f = format?.lowercased() {
            guard ExportJob.formats.contains(f) else {
                throw MentorBaseError.usage(ru: "формат выгрузки: csv, xlsx, json, ndjson или html, а не «\(f)»",
                                            en: "export format: csv, xlsx, json, ndjson or html, not “\(f)”")
            }
            return f
        }
        switch target.fileExtension {
        case "csv"?, "tsv"?: return "csv"
        case "xlsx"?: return "xlsx"
        case "json"?: return "json"
        case "ndjson"?, "jsonl"?: return "ndjson"
        case "html"?, "htm"?: return "html"
        default:
            throw MentorBaseError.usage(ru: "укажите --format csv|xlsx|json|ndjson|html", en: "pass --format csv|xlsx|json|ndjson|html")
        }
    }

    private func printSummary(_ s: ExportSummary, _ formatID: String, _ context: CLIContext) {
        let ru = common.lang == .ru
        let t = context.terminal
        let written = s.rows.map { "\($0.table): \($0.count)" }.joined(separator: ", ")
        t.err((ru ? "Выгружено (\(formatID), вид \(view.rawValue)): " : "Exported (\(formatID), \(view.rawValue) view): ")
              + (written.isEmpty ? "—" : written))
        if s.excludedTotal > 0 {
            let reasons = ExclusionReason.allCases.compactMap { r -> String? in
                guard let n = s.excluded[r], n > 0 else { return nil }
                return "\(r.label(common.lang)) — \(n)"
            }.joined(separator: "; ")
            t.err((ru ? "Не вошли (\(s.excludedTotal)): " : "Left out (\(s.excludedTotal)): ") + reasons)
        }
        if !s.withheldFields.isEmpty {
            let fields = s.withheldFields.keys.sorted().map { "\($0) — \(s.withheldFields[$0] ?? 0)" }.joined(separator: ", ")
            t.err((ru ? "Скрыты поля, не разрешённые согласием: " : "Fields hidden, not allowed by the consent: ") + fields)
        }
        if s.resultsWithheldUntilEnd > 0 {
            t.err(ru ? "Результаты и кейсы незавершённых пар не показаны: \(s.resultsWithheldUntilEnd)"
                : "Results and cases of pairs not yet ended left out: \(s.resultsWithheldUntilEnd)")
        }
        if s.pairsWithoutPublishedMentor > 0 {
            t.err(ru ? "Пары без опубликованного наставника не показаны: \(s.pairsWithoutPublishedMentor)"
                : "Pairs whose mentor is not published left out: \(s.pairsWithoutPublishedMentor)")
        }
        if s.neutralisedCells > 0 {
            t.err(ru ? "Обезврежено ячеек, похожих на формулы: \(s.neutralisedCells)"
                : "Formula-like cells neutralised: \(s.neutralisedCells)")
        }
    }
}

/// `--lang` and `--quiet` for commands whose `--format` names a file format.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L("Язык сообщений: ru или en.", "Message language: ru or en.")))
    var lang: Language = CLILanguage.current

    @Flag(name: [.short, .long], help: ArgumentHelp(L("Без сводки и предупреждений.", "No summary and no warnings.")))
    var quiet = false
}

extension ExportKind: ExpressibleByArgument {}
extension ExportView: ExpressibleByArgument {}
