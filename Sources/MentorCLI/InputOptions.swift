import ArgumentParser
import Foundation
import MentorBase
import MentorSchema

/// How to read an input file: its format, encoding, delimiter and plugin settings.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L("Формат входного файла (иначе определяется по содержимому).",
                                              "Input format (detected from the content otherwise).")))
    var from: String?

    @Option(name: .long, help: ArgumentHelp(L("Кодировка текста: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1251.",
                                              "Text encoding: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1251.")))
    var encoding: String?

    @Option(name: .long, help: ArgumentHelp(L("Разделитель полей CSV (иначе угадывается среди ; , TAB |).",
                                              "CSV field delimiter (sniffed among ; , TAB | otherwise).")))
    var delimiter: String?

    @Option(name: .customLong("option"),
            help: ArgumentHelp(L("Настройка формата KEY=VALUE (можно несколько раз).",
                                 "A format setting KEY=VALUE (repeatable)."), valueName: "key=value"))
    var settings: [String] = []

    func readOptions() throws -> ReadOptions {
        var o = ReadOptions()
        if let encoding {
            guard let e = TextEncodingName(userSpelling: encoding) else {
                throw MentorBaseError.usage(ru: "неизвестная кодировка «\(encoding)»", en: "unknown encoding “\(encoding)”")
            }
            o.encoding = e.rawValue
        }
        if let delimiter { o.delimiter = delimiter == "\\t" || delimiter.lowercased() == "tab" ? "\t" : delimiter }
        o.settings = try parseSettings(settings)
        return o
    }
}

func parseSettings(_ list: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for s in list {
        guard let eq = s.firstIndex(of: "=") else {
            throw MentorBaseError.usage(ru: "ожидалось KEY=VALUE: «\(s)»", en: "expected KEY=VALUE: “\(s)”")
        }
        out[String(s[..<eq])] = String(s[s.index(after: eq)...])
    }
    return out
}

/// Opens `path` (`-` is standard input) and picks its reader.
func openReader(_ path: String, _ input: InputOptions, _ context: CLIContext)
    throws -> (source: InputSource, plugin: any FormatPlugin, match: SniffMatch, reader: any TableReader)
{
    let options = try input.readOptions()
    let source = path == "-" ? InputSource.standardInput() : InputSource(path: path)
    let candidate = try context.registry.detect(source, forced: input.from)
    let reader = try candidate.plugin.makeReader(source: source, options: options)
    return (source, candidate.plugin, candidate.match, reader)
}

/// Sheet indexes to read: all, or the one `--sheet` names (by name or 1-based number).
func selectSheets(_ reader: any TableReader, _ sheet: String?) throws -> [Int] {
    guard let sheet else { return Array(reader.sheets.indices) }
    if let i = reader.sheets.firstIndex(where: { $0.name == sheet }) { return [i] }
    if let n = Int(sheet), n >= 1, n <= reader.sheets.count { return [n - 1] }
    let names = reader.sheets.map { "«\($0.name)»" }.joined(separator: ", ")
    throw MentorBaseError.usage(ru: "нет листа «\(sheet)»; есть: \(names)", en: "no sheet “\(sheet)”; there are: \(names)")
}

/// Prints a reader's warnings to standard error (unless quiet).
func printReaderDiagnostics(_ reader: any TableReader, _ g: GlobalOptions, _ context: CLIContext) {
    guard !g.quiet, g.format == .text else { return }
    let log = reader.diagnostics
    for d in log.items { context.terminal.err(d.render(g.lang)) }
    if log.dropped > 0 {
        context.terminal.err(g.lang == .ru ? "… и ещё \(log.dropped) сообщений" : "… and \(log.dropped) more")
    }
}

/// The date rules are checked on: `--as-of` (DD.MM.YYYY or another date spelling) or today (UTC).
func asOfDate(_ asOf: String?) throws -> CalendarDate {
    if let asOf {
        guard case .date(let d) = Dates.parse(text: asOf, referenceYear: 2000) else {
            throw MentorBaseError.usage(ru: "--as-of: не дата «\(asOf)»", en: "--as-of: not a date “\(asOf)”")
        }
        return d
    }
    let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
    return CalendarDate(daysSinceEpoch: days) ?? CalendarDate(year: 2025, month: 1, day: 1)!
}
