import Foundation
import MentorBase
import MentorExport
import MentorStore

/// One export as `mentorbase export` and the web page run it: the format's plugin, the checks, the
/// site document or the writer with its options and the formula guard. Both callers go through here,
/// so the page's download is the command's file byte for byte.
struct ExportJob {
    let request: ExportRequest
    /// csv, xlsx, json, ndjson or html.
    let formatID: String
    let title: String
    /// A CSV dialect (`--dialect`); nil for the plugin's default.
    let dialect: String?
    /// The school's own page template (its text and the name to report errors against).
    let template: (text: String, name: String)?
    private let plugin: any FormatPlugin
    private let multipleSheets: Bool

    /// The formats an export writes.
    static let formats = ["csv", "xlsx", "json", "ndjson", "html"]

    /// Resolves the plugin and checks the combination before the store is opened.
    init(request: ExportRequest, formatID: String, title: String?, dialect: String? = nil,
         template: (text: String, name: String)? = nil, registry: FormatRegistry) throws {
        guard Self.formats.contains(formatID) else {
            throw MentorBaseError.usage(ru: "формат выгрузки: csv, xlsx, json, ndjson или html, а не «\(formatID)»",
                                        en: "export format: csv, xlsx, json, ndjson or html, not “\(formatID)”")
        }
        if template != nil && !(formatID == "html" && request.view == .public) {
            throw MentorBaseError.usage(ru: "--template работает только с --view public --format html",
                                        en: "--template works only with --view public --format html")
        }
        if request.site != nil && request.view != .public {
            throw MentorBaseError.usage(ru: "адрес сайта (--site) относится только к виду public",
                                        en: "the site address (--site) applies to the public view only")
        }
        guard let plugin = registry.plugin(id: formatID == "ndjson" ? "json" : formatID),
              plugin.descriptor.capabilities.contains(.write) else {
            throw MentorBaseError.usage(ru: "формат «\(formatID)» не умеет записывать", en: "format “\(formatID)” cannot write")
        }
        self.request = request
        self.formatID = formatID
        self.title = title ?? Self.defaultTitle(request.kind, request.view)
        self.dialect = dialect
        self.template = template
        self.plugin = plugin
        multipleSheets = formatID != "ndjson" && plugin.descriptor.capabilities.contains(.multipleSheets)
        try Exporter.check(request, multipleSheets: multipleSheets || writesSiteDocument)
    }

    /// The public view as JSON, or through a template, is the site document rather than a table.
    var writesSiteDocument: Bool { request.view == .public && (formatID == "json" || template != nil) }

    /// Whether text that looks like a formula is neutralised (CSV and XLSX, unless `raw`).
    var guardsFormulas: Bool { !request.raw && FormulaGuard.applies(toFormat: formatID) }

    /// Reads the store and writes the export to `target`; returns what was exported and left out.
    func run(store: any Store, to target: OutputTarget) throws -> ExportSummary {
        guard let reading = store as? any Store & ExportReading else {
            throw MentorBaseError.usage(ru: "это хранилище не поддерживает выгрузку", en: "this store cannot export")
        }
        let exporter = Exporter(store: reading, request: request)
        if writesSiteDocument {
            let doc = try exporter.siteDocument(title: title)
            let text: String
            if let template {
                text = try MustacheTemplate(template.text, name: template.name).render(doc.templateContext())
            } else {
                text = doc.json() + "\n"
            }
            let sink = try target.openSink()
            try sink.write(text)
            try sink.close()
        } else {
            var settings = ["title": title, "description": Self.description(request.date)]
            if formatID == "xlsx" { settings["constant-memory"] = "true" }
            let options = WriteOptions(dialect: formatID == "ndjson" ? "ndjson" : (formatID == "json" ? "object" : dialect),
                                       constantMemory: formatID == "xlsx", settings: settings)
            let writer = try plugin.makeWriter(target: target, options: options)
            try exporter.write(to: writer, multipleSheets: multipleSheets, guardFormulas: guardsFormulas,
                               formsTable: formatID == "html")
        }
        return exporter.summary
    }

    static func defaultTitle(_ kind: ExportKind, _ view: ExportView) -> String {
        switch (kind, view) {
        case (.mentors, .public): return "Наставничество: наши наставники"
        case (.mentees, .public): return "Наставничество: участники программы"
        case (.pairs, .public): return "Наставничество: пары и кейсы"
        case (_, .public): return "Наставничество"
        case (.bases, _): return "Базы наставников и наставляемых"
        case (.mentors, _): return "База наставников"
        case (.mentees, _): return "База наставляемых"
        case (.pairs, _): return "Наставнические пары"
        case (.consents, _): return "Согласия"
        case (.questionnaires, _): return "Анкеты"
        }
    }

    /// The line under the page's heading (the page is in Russian whatever `--lang` says).
    static func description(_ on: CalendarDate) -> String {
        "Данные на \(on.russian). Публикуются только сведения, на размещение которых участники (для несовершеннолетних — их родители или законные представители) дали согласие."
    }
}
