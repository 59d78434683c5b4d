#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import MentorBase
import MentorSchema

/// `mentorbase template KIND --format xlsx|csv -o FILE`: an empty table for the secretary to fill.
struct TemplateCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "template",
                             abstract: L("Записать пустой шаблон для заполнения (заголовки, пояснения, списки выбора).",
                                         "Write an empty fill-in template (headers, notes, dropdown lists)."),
                             discussion: L("""
                                В XLSX: закрепленная строка заголовков, примечание к каждому столбцу, выпадающие списки
                                для полей с кодами, проверка дат и целых чисел. В CSV: только строка заголовков
                                (UTF-8 с BOM и «;», как ждет русский Excel).
                                Пример: mentorbase template mentees --format xlsx -o база_наставляемых.xlsx
                                """, """
                                XLSX: a frozen header row, a note on every column, dropdown lists for coded fields,
                                date and whole-number checks. CSV: the header row only (UTF-8 with BOM and ';' for Russian Excel).
                                Example: mentorbase template mentees --format xlsx -o mentees.xlsx
                                """))
    }

    enum TemplateFormat: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

    @Argument(help: ArgumentHelp(L("Вид записей.", "The record kind.")))
    var kind: String

    @Option(name: .long, help: ArgumentHelp(L("Формат: xlsx или csv (иначе по расширению файла).", "Format: xlsx or csv (else from the file's extension).")))
    var format: TemplateFormat?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(L("Файл шаблона.", "The template file.")))
    var output: String

    @Option(name: .long, help: ArgumentHelp(L("Язык пояснений: ru или en.", "Language of the notes: ru or en.")))
    var lang: Language = CLILanguage.current

    @Flag(name: [.short, .long], help: ArgumentHelp(L("Без сообщений.", "No messages.")))
    var quiet = false

    func run(in context: CLIContext) throws {
        let schema = try MentorSchemas.schema(for: try MentorSchemas.kind(named: kind))
        let target = OutputTarget(path: output)
        let fmt = format ?? target.fileExtension.flatMap(TemplateFormat.init(rawValue:)) ?? .xlsx
        guard let plugin = context.registry.plugin(id: fmt.rawValue) else {
            throw MentorBaseError.usage(ru: "формат \(fmt.rawValue) не подключен", en: "format \(fmt.rawValue) is not available")
        }
        let tmp = temporaryPath(besides: output)
        var committed = false
        defer { if !committed { unlink(tmp) } }
        let writer = try plugin.makeWriter(target: OutputTarget(path: tmp, displayName: output),
                                           options: WriteOptions(dialect: fmt == .csv ? "excel-ru" : nil, sheetCount: 1))
        try Template.write(schema, to: writer, lang: lang)
        guard rename(tmp, output) == 0 else {
            throw MentorBaseError.io(target.location, ru: "не удалось записать файл", en: "cannot write the file")
        }
        committed = true
        if !quiet {
            context.terminal.err(lang == .ru ? "записан шаблон «\(schema.title.ru)»: \(output) (\(fmt.rawValue), столбцов: \(schema.fields.count))"
                                             : "template “\(schema.title.en)” written: \(output) (\(fmt.rawValue), \(schema.fields.count) columns)")
        }
    }
}
