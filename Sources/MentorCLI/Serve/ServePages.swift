import Foundation
import MentorBase
import MentorExport
import MentorSchema

/// The server-rendered pages. Every value from a file or the store goes through `esc`.
enum ServePages {
    // MARK: Home

    static func home(_ c: PageContext, uploads: [Upload], maxUpload: Int) -> String {
        var body = """
            <h1>\(c.t("Загрузить файл", "Upload a file"))</h1>
            <p>\(c.t("Выберите таблицу (CSV, XLSX, ODS или JSON): страница покажет, что в ней распознано, все ошибки по строкам, план загрузки — и только потом загрузит её в хранилище.",
                     "Choose a table (CSV, XLSX, ODS or JSON): the page shows what was recognised, every error by row, the import plan — and only then imports it."))</p>
            <form class="stack" method="post" action="/upload" enctype="multipart/form-data" data-busy>
            \(c.csrfField)
            <div class="drop" data-drop>
            <label for="file">\(c.t("Файл с данными", "Data file"))</label>
            <input id="file" name="file" type="file" required accept=".csv,.tsv,.txt,.xlsx,.ods,.json,.ndjson,.jsonl" aria-describedby="file-help">
            <p class="help" id="file-help">\(c.t("Можно перетащить файл сюда. Не больше \(maxUpload / 1_048_576) МБ.",
                                                 "You can drop the file here. Up to \(maxUpload / 1_048_576) MB."))</p>
            </div>
            <div>
            <label for="kind">\(c.t("Что в файле", "What the file holds"))</label>
            \(kindSelect(c, id: "kind", selected: nil))
            </div>
            <div>
            <label for="map">\(c.t("Соответствия столбцов (необязательно)", "Column mapping (optional)"))</label>
            <input id="map" name="map" type="file" accept=".json" aria-describedby="map-help">
            <p class="help" id="map-help">\(c.t("Файл .map.json, сохранённый на этой странице или командой validate --save-map.",
                                                "A .map.json file saved on this page or by validate --save-map."))</p>
            </div>
            <div><button type="submit">\(c.t("Проверить файл", "Check the file"))</button> <span class="busy" role="status">\(c.t("Проверяю…", "Checking…"))</span></div>
            </form>
            """
        if !uploads.isEmpty {
            body += "<h2>\(c.t("Загруженные файлы", "Uploaded files"))</h2><ul>"
            for u in uploads {
                let state: String
                if let b = u.importedBatch {
                    state = c.t("загружен, пакет № \(b)", "imported, batch #\(b)")
                } else if let a = u.analysis {
                    state = c.t("ошибок: \(a.report.errors), предупреждений: \(a.report.warnings)",
                                "errors: \(a.report.errors), warnings: \(a.report.warnings)")
                } else {
                    state = c.t("не прочитан", "not read")
                }
                body += "<li><a href=\"/u/\(u.id)\">\(esc(u.name))</a> — \(esc(state))</li>"
            }
            body += "</ul>"
        }
        return ServeLayout.page(c, title: c.t("Загрузка файла", "Upload"), current: "upload", body: body)
    }

    static func kindTitle(_ kind: RecordKind, _ c: PageContext) -> String {
        (try? MentorSchemas.schema(for: kind)).map { $0.title(c.lang) } ?? kind.rawValue
    }

    static func kindSelect(_ c: PageContext, id: String, selected: RecordKind?) -> String {
        var s = "<select id=\"\(id)\" name=\"kind\"><option value=\"\">\(c.t("Определить по заголовкам", "Guess from the headers"))</option>"
        for k in RecordKind.allCases {
            s += "<option value=\"\(k.rawValue)\"" + (k == selected ? " selected" : "") + ">\(esc(kindTitle(k, c))) (\(k.rawValue))</option>"
        }
        return s + "</select>"
    }

    // MARK: One upload: detection, mapping, diagnostics, preview

    /// Format, encoding and delimiter choices; empty values mean «detect».
    static func readingFields(_ c: PageContext, _ u: Upload, formats: [(String, String)]) -> String {
        func options(_ list: [(String, String)], _ selected: String?) -> String {
            "<option value=\"\"" + (selected == nil ? " selected" : "") + ">\(c.t("определить", "detect"))</option>"
                + list.map { "<option value=\"\(esc($0.0))\"" + ($0.0 == selected ? " selected" : "") + ">\(esc($0.1))</option>" }.joined()
        }
        let encodings = TextEncodingName.allCases.map { ($0.rawValue, $0.rawValue) }
        let delimiters = [(";", c.t("; (точка с запятой)", "; (semicolon)")), (",", c.t(", (запятая)", ", (comma)")),
                          ("tab", c.t("табуляция", "tab")), ("|", "|")]
        let delimiter = u.delimiter.map { $0 == "\t" ? "tab" : $0 }
        return """
            <fieldset class="stack"><legend>\(c.t("Как читать файл", "How to read the file"))</legend>
            <div><label for="rf">\(c.t("Формат", "Format"))</label><select id="rf" name="format">\(options(formats, u.format))</select></div>
            <div><label for="re">\(c.t("Кодировка (для CSV)", "Encoding (CSV)"))</label><select id="re" name="encoding">\(options(encodings, u.encoding))</select></div>
            <div><label for="rd">\(c.t("Разделитель (для CSV)", "Delimiter (CSV)"))</label><select id="rd" name="delimiter">\(options(delimiters, delimiter))</select></div>
            </fieldset>
            """
    }

    static func upload(_ c: PageContext, _ u: Upload, formats: [(String, String)] = []) -> String {
        var body = "<h1>\(c.t("Проверка файла", "Checking")) «\(esc(u.name))»</h1>"
        if let b = u.importedBatch {
            body += "<div class=\"status good\" role=\"status\"><p>\(c.t("Файл загружен в хранилище: пакет № \(b).", "The file was imported: batch #\(b).")) <a href=\"/batches/\(b)\">\(c.t("Квитанция", "Receipt"))</a></p></div>"
        }
        guard let a = u.analysis else {
            body += "<div class=\"status bad\" role=\"alert\"><p>\(esc(u.failure.map { $0(c.lang) } ?? c.t("Файл не прочитан.", "The file was not read.")))</p></div>"
            body += """
                <h2>\(c.t("Укажите, что в файле", "Say what the file holds"))</h2>
                <form class="stack" method="post" action="/u/\(u.id)/map" data-busy>\(c.csrfField)
                <div><label for="kind">\(c.t("Что в файле", "What the file holds"))</label>\(kindSelect(c, id: "kind", selected: u.kind))</div>
                \(readingFields(c, u, formats: formats))
                <input type="hidden" name="reset" value="1">
                <div><button type="submit">\(c.t("Проверить снова", "Check again"))</button></div>
                </form>
                """
            body += discardForm(c, u)
            return ServeLayout.page(c, title: c.t("Проверка файла", "Checking"), current: "upload", body: body)
        }
        let rep = a.report
        if rep.errors == 0 {
            body += "<div class=\"status good\" role=\"status\" id=\"verdict\"><p><strong>\(c.t("Ошибок нет", "No errors"))</strong>: "
                + c.t("строк данных — \(rep.rows), предупреждений — \(rep.warnings).", "\(rep.rows) data rows, \(rep.warnings) warnings.")
                + "</p></div>"
        } else {
            body += "<div class=\"status bad\" role=\"alert\" id=\"verdict\"><p><strong>\(c.t("Есть ошибки", "Errors found"))</strong>: "
                + c.t("ошибок — \(rep.errors), предупреждений — \(rep.warnings), строк данных — \(rep.rows). Исправьте их в своей таблице (книга с ошибками поможет) и загрузите файл снова — или загрузите только верные строки.",
                      "\(rep.errors) errors, \(rep.warnings) warnings, \(rep.rows) data rows. Fix them in your table (the error workbook helps) and upload it again — or import only the valid rows.")
                + "</p></div>"
        }
        if u.importedBatch != nil {
            // The file is gone: what is left is what was found, and the mapping.
            body += "<div class=\"actions\"><a class=\"button secondary\" href=\"/u/\(u.id)/map.json\" download>\(c.t("Сохранить соответствия столбцов", "Save the column mapping"))</a></div>"
            body += detected(c, u, a) + diagnosticsTable(c, a)
            return ServeLayout.page(c, title: c.t("Проверка файла", "Checking"), current: "upload", body: body)
        }
        body += """
            <div class="actions">
            <a class="button" href="/u/\(u.id)/plan">\(c.t("Показать план загрузки", "Show the import plan"))</a>
            <a class="button secondary" href="/u/\(u.id)/errors.xlsx" download>\(c.t("Скачать книгу с ошибками (XLSX)", "Download the error workbook (XLSX)"))</a>
            <a class="button secondary" href="/u/\(u.id)/map.json" download>\(c.t("Сохранить соответствия столбцов", "Save the column mapping"))</a>
            </div>
            """
        body += detected(c, u, a)
        body += mappingForm(c, u, a, formats: formats)
        body += diagnosticsTable(c, a)
        body += previews(c, a)
        body += discardForm(c, u)
        return ServeLayout.page(c, title: c.t("Проверка файла", "Checking"), current: "upload", body: body)
    }

    private static func discardForm(_ c: PageContext, _ u: Upload) -> String {
        """
        <h2>\(c.t("Убрать файл", "Remove the file"))</h2>
        <form method="post" action="/u/\(u.id)/discard">\(c.csrfField)
        <p class="help">\(c.t("Файл удаляется из временной папки сервера; хранилище не меняется.", "The file is deleted from the server's temporary folder; the store is not changed."))</p>
        <button type="submit" class="secondary">\(c.t("Удалить загруженный файл", "Delete the uploaded file"))</button>
        </form>
        """
    }

    private static func detected(_ c: PageContext, _ u: Upload, _ a: Analysis) -> String {
        var facts: [(String, String)] = [
            (c.t("Формат", "Format"), "\(a.formatName) (\(a.formatID)); \(c.t("определён по", "detected by")): \(a.detectedBy)"),
        ]
        if let e = a.encoding { facts.append((c.t("Кодировка", "Encoding"), e)) }
        if let d = a.delimiter {
            let name = d == "\t" ? c.t("табуляция", "tab") : d == ";" ? c.t("; (точка с запятой)", "; (semicolon)")
                : d == "," ? c.t(", (запятая)", ", (comma)") : d
            facts.append((c.t("Разделитель", "Delimiter"), name))
        }
        for p in a.extras { facts.append((p.name, p.value)) }
        if a.sheetNames.count > 1 || a.summary.sheets.contains(where: { $0.name != nil }) {
            facts.append((c.t("Листы", "Sheets"), a.sheetNames.map { "«\($0)»" }.joined(separator: ", ")))
        }
        var kind = "\(kindTitle(a.summary.kind, c)) (\(a.summary.kind.rawValue))"
        if let reason = a.summary.kindReason { kind += " — " + c.t("угадан по заголовкам: ", "guessed from the headers: ") + reason(c.lang) }
        facts.append((c.t("Вид записей", "Record kind"), kind))
        for s in a.summary.sheets {
            let place = s.name.map { c.t("лист «\($0)»: ", "sheet “\($0)”: ") } ?? ""
            facts.append((c.t("Строка заголовков", "Header row"),
                          place + c.t("строка \(s.mapping.headerRow), сопоставлено столбцов — \(s.mapping.mappedFields.count), строк данных — \(s.rows)",
                                      "row \(s.mapping.headerRow), \(s.mapping.mappedFields.count) columns matched, \(s.rows) data rows")))
        }
        for name in a.summary.skippedSheets {
            facts.append((c.t("Пропущен лист", "Sheet skipped"), c.t("«\(name)»: в нём нет заголовков этого вида", "“\(name)”: no header of this kind")))
        }
        facts.append((c.t("Размер", "Size"), String(format: "%.1f KB", Double(u.size) / 1024) + "; " + c.t("проверено за", "checked in") + String(format: " %.2f s", a.seconds)))
        return "<h2>\(c.t("Что распознано", "What was recognised"))</h2><dl class=\"facts\">"
            + facts.map { "<dt>\(esc($0.0))</dt><dd>\(esc($0.1))</dd>" }.joined() + "</dl>"
    }

    /// Every target a column can take, as the mapping file spells it.
    private static func targets(_ schema: KindSchema, _ c: PageContext) -> [(String, String)] {
        var out: [(String, String)] = []
        for f in schema.fields {
            let title = c.lang == .ru ? f.title : f.titleEn
            out.append((f.name, "\(title) (\(f.name))"))
            if f.normalizer == .personName {
                for p in NamePart.allCases {
                    let part: String
                    switch p {
                    case .lastName: part = c.t("фамилия", "surname")
                    case .firstName: part = c.t("имя", "first name")
                    case .patronymic: part = c.t("отчество", "patronymic")
                    }
                    out.append(("\(f.name).\(p.rawValue)", "\(title) — \(part) (\(f.name).\(p.rawValue))"))
                }
            }
        }
        return out
    }

    private static func mappingForm(_ c: PageContext, _ u: Upload, _ a: Analysis, formats: [(String, String)]) -> String {
        guard let first = a.summary.sheets.first else { return "" }
        let mapping = first.mapping
        let saved = mapping.mappingFile().columns
        let withHeader = mapping.columns.filter { !$0.header.isEmpty }
        let options = targets(mapping.schema, c)
        var rows = ""
        for (i, (col, file)) in zip(withHeader, saved).enumerated() {
            let current = file.target ?? ""
            var select = "<select id=\"t\(i)\" name=\"t\(i)\"><option value=\"\"" + (current.isEmpty ? " selected" : "") + ">\(c.t("— не использовать —", "— ignore —"))</option>"
            var known = false
            for (value, label) in options {
                let sel = value == current
                known = known || sel
                select += "<option value=\"\(esc(value))\"" + (sel ? " selected" : "") + ">\(esc(label))</option>"
            }
            if !known && !current.isEmpty {
                select += "<option value=\"\(esc(current))\" selected>\(esc(current))</option>"
            }
            select += "</select>"
            let how: String
            switch col.reason {
            case .title: how = c.t("по названию", "by title")
            case .alias: how = c.t("по синониму", "by alias")
            case .contains: how = c.t("по тексту вопроса", "by question text")
            case .option: how = c.t("вариант ответа", "answer option")
            case .mapFile: how = c.t("из файла соответствий", "from the mapping file")
            case .none: how = col.target == .unmapped ? c.t("не найдено", "not matched") : "—"
            }
            rows += "<tr><td>\(col.columnLetter)</td><th scope=\"row\"><label for=\"t\(i)\">\(esc(col.header))</label></th><td>\(select)</td><td>\(esc(how))</td></tr>"
        }
        let missing = mapping.missingRequired.map { c.lang == .ru ? $0.title : $0.titleEn }
        var out = """
            <h2>\(c.t("Соответствие столбцов", "Column mapping"))</h2>
            <p class="help">\(c.t("Если столбец распознан неверно, выберите нужное поле и нажмите «Проверить с этими соответствиями». Сохранённый файл соответствий подойдёт и для командной строки (--map).",
                                  "If a column was matched wrongly, choose the right field and press “Check with this mapping”. The saved mapping file also works on the command line (--map)."))</p>
            """
        if a.summary.sheets.count > 1 {
            out += "<p class=\"help\">\(c.t("Соответствия показаны для первого листа; они применяются ко всем листам.", "The mapping shown is the first sheet's; it applies to every sheet."))</p>"
        }
        if !missing.isEmpty {
            out += "<div class=\"status bad\"><p>\(c.t("Нет обязательных столбцов: ", "Required columns missing: "))\(esc(missing.joined(separator: ", ")))</p></div>"
        }
        out += """
            <form method="post" action="/u/\(u.id)/map" data-busy>\(c.csrfField)
            <div class="stack">
            <div><label for="map-kind">\(c.t("Что в файле", "What the file holds"))</label>\(kindSelect(c, id: "map-kind", selected: a.summary.kind))</div>
            <div><label for="headerRow">\(c.t("Строка заголовков", "Header row"))</label><input id="headerRow" name="headerRow" type="text" inputmode="numeric" value="\(mapping.headerRow)"></div>
            \(readingFields(c, u, formats: formats))
            </div>
            <div class="scroll"><table>
            <caption class="sr">\(c.t("Столбцы файла и поля", "File columns and fields"))</caption>
            <thead><tr><th scope="col">\(c.t("Столбец", "Column"))</th><th scope="col">\(c.t("Заголовок в файле", "Header in the file"))</th><th scope="col">\(c.t("Поле", "Field"))</th><th scope="col">\(c.t("Как найдено", "How matched"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <div class="actions"><button type="submit">\(c.t("Проверить с этими соответствиями", "Check with this mapping"))</button>
            <span class="busy" role="status">\(c.t("Проверяю…", "Checking…"))</span></div>
            </form>
            """
        return out
    }

    /// How many diagnostics the page lists (the workbook has them all).
    static let shownDiagnostics = 500

    private static func diagnosticsTable(_ c: PageContext, _ a: Analysis) -> String {
        let all = a.report.sorted
        var out = "<h2 id=\"problems\">\(c.t("Ошибки и предупреждения", "Errors and warnings"))</h2>"
        guard !all.isEmpty else { return out + "<p>\(c.t("Нет ни одного замечания.", "Nothing to report."))</p>" }
        let shown = all.prefix(shownDiagnostics)
        var rows = ""
        var block: String?
        for d in shown {
            let l = d.location
            var parts: [String] = []
            if let s = l.sheet { parts.append(c.t("лист «\(s)»", "sheet “\(s)”")) }
            parts.append(l.row.map { c.t("строка \($0)", "row \($0)") } ?? c.t("файл и заголовок", "file and header"))
            let title = parts.joined(separator: ", ")
            if title != block {
                rows += "<tr class=\"group\"><th colspan=\"5\" scope=\"rowgroup\">\(esc(title))</th></tr>"
                block = title
            }
            let sev = d.severity == .error ? "<span class=\"sev-error\">\(c.t("ошибка", "error"))</span>"
                : "<span class=\"sev-warning\">\(c.t("предупреждение", "warning"))</span>"
            let column = [l.columnLetter, l.field.map { "«\($0)»" }].compactMap { $0 }.joined(separator: " ")
            var what = esc(d.message(c.lang))
            if let h = d.hint { what += "<br><span class=\"muted\">→ \(esc(ServeHints.forPage(h(c.lang), c.lang)))</span>" }
            rows += "<tr><td>\(esc(column))</td><td>\(esc(d.value ?? ""))</td><td>\(sev)</td><td><code>\(esc(d.code))</code></td><td>\(what)</td></tr>"
        }
        out += """
            <div class="scroll"><table id="diagnostics">
            <caption class="sr">\(c.t("Замечания по строкам", "Problems by row"))</caption>
            <thead><tr><th scope="col">\(c.t("Столбец", "Column"))</th><th scope="col">\(c.t("Значение", "Value"))</th><th scope="col">\(c.t("Уровень", "Severity"))</th><th scope="col">\(c.t("Код", "Code"))</th><th scope="col">\(c.t("Что не так и как исправить", "Problem and how to fix it"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let hidden = all.count - shown.count + a.report.log.dropped
        if hidden > 0 {
            out += "<p>\(c.t("… и ещё \(hidden) — все они в книге с ошибками.", "… and \(hidden) more — all of them are in the error workbook."))</p>"
        }
        return out
    }

    private static func previews(_ c: PageContext, _ a: Analysis) -> String {
        struct Key: Hashable { var sheet: String?; var row: Int; var column: Int }
        var marks: [Key: (Severity, [String])] = [:]
        for d in a.report.log.items {
            guard let row = d.location.row else { continue }
            let k = Key(sheet: d.location.sheet, row: row, column: d.location.column ?? 1)
            var e = marks[k] ?? (d.severity, [])
            if d.severity == .error { e.0 = .error }
            e.1.append(d.message(c.lang))
            marks[k] = e
        }
        var out = "<h2>\(c.t("Начало вашей таблицы", "The start of your table"))</h2>"
        out += "<p class=\"help\">\(c.t("Ячейки с ошибками выделены красным, с предупреждениями — жёлтым; наведите указатель, чтобы увидеть сообщение.", "Cells with errors are red, with warnings yellow; hover to see the message."))</p>"
        for p in a.previews {
            let width = max(p.width, 1)
            var head = "<tr><th scope=\"col\" class=\"rn\">#</th>"
            for col in 1...width { head += "<th scope=\"col\">\(SourceLocation.letter(forColumn: col))</th>" }
            head += "</tr>"
            var rows = ""
            for r in p.rows {
                rows += "<tr" + (r.number == p.headerRow ? " class=\"header\"" : "") + "><th scope=\"row\" class=\"rn\">\(r.number)</th>"
                for col in 1...width {
                    let text = col <= r.cells.count ? r.cells[col - 1] : ""
                    if let m = marks[Key(sheet: p.diagnosticSheet, row: r.number, column: col)] {
                        let cls = m.0 == .error ? "mark-error" : "mark-warning"
                        let word = m.0 == .error ? c.t("ошибка", "error") : c.t("предупреждение", "warning")
                        rows += "<td class=\"\(cls)\" title=\"\(esc(m.1.joined(separator: "\n")))\">\(esc(text))<span class=\"sr\"> (\(word))</span></td>"
                    } else {
                        rows += "<td>\(esc(text))</td>"
                    }
                }
                rows += "</tr>"
            }
            let caption = (p.diagnosticSheet != nil ? c.t("Лист «\(p.title)»", "Sheet “\(p.title)”") : c.t("Таблица", "Table"))
                + (p.truncated ? c.t(": первые строки", ": first rows") : "")
            out += "<h3>\(esc(caption))</h3><div class=\"scroll\"><table class=\"sheet\"><thead>\(head)</thead><tbody>\(rows)</tbody></table></div>"
        }
        return out
    }

    // MARK: Export

    static func exportForm(_ c: PageContext, today: CalendarDate, selected: ServeWork.ExportChoice? = nil) -> String {
        let kinds: [(ExportKind, String)] = [
            (.mentors, c.t("Наставники", "Mentors")), (.mentees, c.t("Наставляемые", "Mentees")),
            (.pairs, c.t("Пары", "Pairs")), (.bases, c.t("Обе базы", "Both bases")),
            (.consents, c.t("Согласия", "Consents")), (.questionnaires, c.t("Анкеты", "Questionnaires")),
        ]
        let views: [(ExportView, String)] = [
            (.public, c.t("Для сайта (только с согласием на публикацию)", "For the website (publication consent only)")),
            (.full, c.t("Полная (с персональными данными)", "Full (with personal data)")),
            (.monitoring, c.t("Мониторинг (только числа)", "Monitoring (counts only)")),
        ]
        let formats: [(String, String)] = [("html", c.t("Страница HTML", "HTML page")), ("xlsx", "Excel (XLSX)"),
                                           ("csv", "CSV"), ("json", "JSON"), ("ndjson", "NDJSON")]
        let k = selected?.kind ?? .mentors, v = selected?.view ?? .public, f = selected?.format ?? "html"
        func opts<T: Equatable>(_ list: [(T, String)], _ sel: T, _ raw: (T) -> String) -> String {
            list.map { "<option value=\"\(raw($0.0))\"" + ($0.0 == sel ? " selected" : "") + ">\(esc($0.1))</option>" }.joined()
        }
        let body = """
            <h1>\(c.t("Выгрузка", "Export"))</h1>
            <p>\(c.t("Страница для сайта показывает только тех, кто дал согласие на публикацию, и только разрешённые поля. Посмотрите её здесь так, как она будет выглядеть на сайте, и скачайте файл.",
                     "The website page shows only people with a publication consent and only the fields it allows. Preview it here as the site will show it, then download the file."))</p>
            <form class="stack" method="get" action="/export/preview" data-busy>
            <div><label for="ek">\(c.t("Что выгрузить", "What to export"))</label><select id="ek" name="kind">\(opts(kinds, k, { $0.rawValue }))</select></div>
            <div><label for="ev">\(c.t("Вид", "View"))</label><select id="ev" name="view">\(opts(views, v, { $0.rawValue }))</select></div>
            <div><label for="ef">\(c.t("Формат", "Format"))</label><select id="ef" name="format">\(opts(formats, f, { $0 }))</select></div>
            <div><label for="ed">\(c.t("Дата выгрузки", "Export date"))</label><input id="ed" name="date" type="date" value="\((selected?.date ?? today).iso)" aria-describedby="ed-help">
            <p class="help" id="ed-help">\(c.t("На эту дату проверяются согласия.", "Consents are checked on this date."))</p></div>
            <div><label for="es">\(c.t("Адрес сайта (необязательно)", "Site address (optional)"))</label><input id="es" name="site" type="url" value="\(esc(selected?.site ?? ""))" placeholder="https://school.example" aria-describedby="es-help">
            <p class="help" id="es-help">\(c.t("Согласие на публикацию должно называть этот сайт.", "The publication consent must name this site."))</p></div>
            <div><button type="submit">\(c.t("Показать", "Preview"))</button> <span class="busy" role="status">\(c.t("Готовлю…", "Preparing…"))</span></div>
            </form>
            """
        return ServeLayout.page(c, title: c.t("Выгрузка", "Export"), current: "export", body: body)
    }

    static func exportPreview(_ c: PageContext, _ choice: ServeWork.ExportChoice, _ result: ServeWork.ExportResult,
                              query: [String: String]) -> String {
        let q = ["kind": choice.kind.rawValue, "view": choice.view.rawValue, "format": choice.format, "date": choice.date.iso,
                 "site": choice.site ?? "", "questionnaire": choice.questionnaire?.rawValue ?? ""]
            .filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(ServeForm.encode($0.value))" }.joined(separator: "&")
        let s = result.summary
        var body = "<h1>\(c.t("Выгрузка: предпросмотр", "Export: preview"))</h1>"
        if choice.view == .full {
            body += "<div class=\"status note\"><p>\(c.t("В полной выгрузке есть персональные данные — это не для сайта.", "The full view holds personal data — not for the website."))</p></div>"
        }
        body += "<div class=\"actions\"><a class=\"button\" id=\"download\" href=\"/export/file?\(esc(q))\" download>\(c.t("Скачать", "Download")) \(esc(result.filename))</a>"
            + "<a class=\"button secondary\" href=\"/export\">\(c.t("Другая выгрузка", "Another export"))</a></div>"
        body += "<h2>\(c.t("Что вошло", "What was exported"))</h2><ul class=\"counts\" id=\"export-counts\">"
        body += s.rows.isEmpty ? "<li>—</li>" : s.rows.map { "<li>\(esc($0.table)): <strong>\($0.count)</strong></li>" }.joined()
        body += "</ul>"
        body += "<h2>\(c.t("Кто не вошёл и почему", "Who was left out and why"))</h2>"
        if s.excludedTotal == 0 && s.withheldFields.isEmpty && s.resultsWithheldUntilEnd == 0 && s.pairsWithoutPublishedMentor == 0 {
            body += "<p id=\"left-out\">\(c.t("Все вошли.", "Nobody was left out."))</p>"
        } else {
            body += "<p class=\"help\">\(c.t("Только числа: имена не показываются и в файл не попадают.", "Counts only: names are neither shown nor written."))</p>"
            body += "<div class=\"scroll\"><table id=\"left-out\"><thead><tr><th scope=\"col\">\(c.t("Причина", "Reason"))</th><th scope=\"col\">\(c.t("Сколько", "How many"))</th></tr></thead><tbody>"
            for r in ExclusionReason.allCases {
                if let n = s.excluded[r], n > 0 { body += "<tr><td>\(esc(r.label(c.lang)))</td><td>\(n)</td></tr>" }
            }
            for f in s.withheldFields.keys.sorted() {
                body += "<tr><td>\(c.t("поле скрыто — не разрешено согласием: ", "field hidden, not allowed by the consent: "))\(esc(f))</td><td>\(s.withheldFields[f] ?? 0)</td></tr>"
            }
            if s.resultsWithheldUntilEnd > 0 {
                body += "<tr><td>\(c.t("результаты незавершённых пар не показаны", "results of pairs not yet ended left out"))</td><td>\(s.resultsWithheldUntilEnd)</td></tr>"
            }
            if s.pairsWithoutPublishedMentor > 0 {
                body += "<tr><td>\(c.t("пары без опубликованного наставника", "pairs whose mentor is not published"))</td><td>\(s.pairsWithoutPublishedMentor)</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        if s.neutralisedCells > 0 {
            body += "<p>\(c.t("Обезврежено ячеек, похожих на формулы: \(s.neutralisedCells).", "Formula-like cells neutralised: \(s.neutralisedCells)."))</p>"
        }
        if choice.format == "html" {
            body += "<h2>\(c.t("Страница так, как её покажет сайт", "The page as the site will show it"))</h2>"
            body += "<iframe class=\"preview\" id=\"export-frame\" title=\"\(c.t("Предпросмотр выгруженной страницы", "Preview of the exported page"))\" src=\"/export/file?\(esc(q))&amp;inline=1\"></iframe>"
        } else if choice.format != "xlsx" {
            let text = String(decoding: result.bytes.prefix(20_000), as: UTF8.self)
            body += "<h2>\(c.t("Начало файла", "The start of the file"))</h2><div class=\"scroll\"><pre>\(esc(text))</pre></div>"
        }
        return ServeLayout.page(c, title: c.t("Выгрузка", "Export"), current: "export", body: body)
    }

    // MARK: History

    static func counts(_ c: PageContext, _ counts: [RecordPlan.Outcome: Int]) -> String {
        RecordPlan.Outcome.allCases.map { "<li>\(esc($0.countLabel(c.lang))): <strong>\(counts[$0, default: 0])</strong></li>" }.joined()
    }

    static func batches(_ c: PageContext, _ list: [BatchInfo]) -> String {
        var body = """
            <h1>\(c.t("История", "History"))</h1>
            <h2>\(c.t("История одного человека", "One person's history"))</h2>
            <form class="stack" method="get" action="/history">
            <div><label for="person">\(c.t("ФИО, СНИЛС или номер (#12)", "Name, SNILS or number (#12)"))</label><input id="person" name="person" type="search" required></div>
            <div><button type="submit">\(c.t("Показать", "Show"))</button></div>
            </form>
            <h2>\(c.t("Загрузки", "Imports"))</h2>
            """
        guard !list.isEmpty else { return ServeLayout.page(c, title: c.t("История", "History"), current: "history", body: body + "<p>\(c.t("Загрузок ещё не было.", "No imports yet."))</p>") }
        body += "<div class=\"scroll\"><table id=\"batches\"><thead><tr><th scope=\"col\">№</th><th scope=\"col\">\(c.t("Когда (UTC)", "When (UTC)"))</th><th scope=\"col\">\(c.t("Вид", "Kind"))</th><th scope=\"col\">\(c.t("Файл", "File"))</th>"
        for o in RecordPlan.Outcome.allCases { body += "<th scope=\"col\">\(esc(o.countLabel(c.lang)))</th>" }
        body += "<th scope=\"col\">\(c.t("Состояние", "State"))</th></tr></thead><tbody>"
        for b in list.reversed() {
            let state = b.status == "undone" ? c.t("отменён ", "undone ") + (b.undoneAt ?? "") : c.t("применён", "applied")
            body += "<tr><th scope=\"row\"><a href=\"/batches/\(b.id)\">\(b.id)</a></th><td>\(esc(b.startedAt))</td><td>\(esc(b.kind))</td><td>\(esc(b.file))</td>"
            for o in RecordPlan.Outcome.allCases { body += "<td>\(b.counts[o, default: 0])</td>" }
            body += "<td>\(esc(state))</td></tr>"
        }
        body += "</tbody></table></div>"
        return ServeLayout.page(c, title: c.t("История", "History"), current: "history", body: body)
    }

    /// One batch: the receipt after an import, with the undo button.
    static func receipt(_ c: PageContext, _ b: BatchInfo, fresh: Bool, undone: String?) -> String {
        var body = "<h1>\(c.t("Пакет № \(b.id)", "Batch #\(b.id)"))</h1>"
        if fresh {
            body += "<div class=\"status good\" role=\"status\" id=\"receipt\"><p><strong>\(c.t("Загружено", "Imported"))</strong>: \(c.t("записано как пакет № \(b.id).", "written as batch #\(b.id)."))</p></div>"
        }
        body += "<dl class=\"facts\"><dt>\(c.t("Файл", "File"))</dt><dd>\(esc(b.file))</dd><dt>\(c.t("Вид", "Kind"))</dt><dd>\(esc(b.kind))</dd>"
            + "<dt>\(c.t("Когда (UTC)", "When (UTC)"))</dt><dd>\(esc(b.startedAt))</dd><dt>\(c.t("Состояние", "State"))</dt><dd>"
            + (b.status == "undone" ? c.t("отменён ", "undone ") + esc(b.undoneAt ?? "") : c.t("применён", "applied")) + "</dd>"
            + "<dt>\(c.t("Контрольная сумма", "Checksum"))</dt><dd><code>\(esc(String(b.checksum.prefix(16))))…</code></dd></dl>"
        body += "<ul class=\"counts\">\(counts(c, b.counts))</ul>"
        if b.status != "undone" && b.kind != "purge" {
            body += """
                <h2>\(c.t("Отменить загрузку", "Undo the import"))</h2>
                <p class="help">\(c.t("Отмена удаляет добавленные записи и возвращает прежние значения, если после этой загрузки никто не менял тех же людей.",
                                      "Undo deletes the added records and restores the old values, if no later import changed the same people."))</p>
                <form method="post" action="/batches/\(b.id)/undo">\(c.csrfField)<button type="submit" class="danger" id="undo">\(c.t("Отменить", "Undo"))</button></form>
                """
        }
        return ServeLayout.page(c, title: c.t("Пакет № \(b.id)", "Batch #\(b.id)"), current: "history", body: body)
    }

    static func undone(_ c: PageContext, _ r: UndoReport) -> String {
        var body = "<h1>\(c.t("Отмена пакета № \(r.batchID)", "Undoing batch #\(r.batchID)"))</h1>"
        if r.blockers.isEmpty {
            body += "<div class=\"status good\" role=\"status\" id=\"undo-result\"><p>\(c.t("Пакет № \(r.batchID) отменён: удалено записей — \(r.rowsDeleted), восстановлено значений — \(r.fieldsRestored).", "Batch #\(r.batchID) undone: \(r.rowsDeleted) rows deleted, \(r.fieldsRestored) values restored."))</p></div>"
        } else {
            body += "<div class=\"status bad\" role=\"alert\" id=\"undo-result\"><p>\(c.t("Пакет № \(r.batchID) нельзя отменить: от него зависят более поздние загрузки. Сначала отмените их:", "Batch #\(r.batchID) cannot be undone: later imports depend on it. Undo them first:"))</p><ul>"
            for b in r.blockers {
                body += "<li><a href=\"/batches/\(b.batchID)\">№ \(b.batchID)</a> \(esc(b.file)) — \(c.t("затрагивает тех же людей", "touches the same people")): \(b.people)</li>"
            }
            body += "</ul></div>"
        }
        body += "<p><a href=\"/batches\">\(c.t("Все загрузки", "All imports"))</a></p>"
        return ServeLayout.page(c, title: c.t("Отмена", "Undo"), current: "history", body: body)
    }

    static func history(_ c: PageContext, query: String, _ found: [PersonHistory]) -> String {
        var body = "<h1>\(c.t("История человека", "A person's history"))</h1>"
        guard !found.isEmpty else {
            body += "<div class=\"status note\"><p>\(c.t("В хранилище нет «\(esc(query))».", "No “\(esc(query))” in the store."))</p></div><p><a href=\"/batches\">\(c.t("Назад", "Back"))</a></p>"
            return ServeLayout.page(c, title: c.t("История", "History"), current: "history", body: body)
        }
        func shown(_ v: String?, _ sensitive: Bool) -> String { sensitive ? "***" : (v ?? "∅") }
        func source(_ p: Provenance?) -> String {
            guard let p else { return "?" }
            var s = c.t("пакет № \(p.batchID), ", "batch #\(p.batchID), ") + p.file
            if let sh = p.sheet { s += c.t(", лист «\(sh)»", ", sheet “\(sh)”") }
            if let r = p.row { s += c.t(", строка \(r)", ", row \(r)") }
            return s
        }
        for h in found {
            body += "<h2>#\(h.personID) \(esc(h.displayName))</h2>"
            body += "<h3>\(c.t("Значения и откуда они", "Values and where they came from"))</h3><div class=\"scroll\"><table><thead><tr><th scope=\"col\">\(c.t("Поле", "Field"))</th><th scope=\"col\">\(c.t("Значение", "Value"))</th><th scope=\"col\">\(c.t("Откуда", "Source"))</th></tr></thead><tbody>"
            for v in h.values {
                body += "<tr><th scope=\"row\">\(esc(v.table.rawValue)).\(esc(v.column))</th><td>\(esc(shown(v.value, v.sensitive)))</td><td>\(esc(source(v.source)))</td></tr>"
            }
            body += "</tbody></table></div>"
            body += "<h3>\(c.t("События", "Events"))</h3><div class=\"scroll\"><table><thead><tr><th scope=\"col\">\(c.t("Когда (UTC)", "When (UTC)"))</th><th scope=\"col\">\(c.t("Что", "What"))</th><th scope=\"col\">\(c.t("Откуда", "Source"))</th></tr></thead><tbody>"
            for e in h.events {
                let what = e.action == "insert" ? c.t("создана запись ", "created ") + "\(e.table.rawValue) #\(e.entityID)"
                    : "\(e.table.rawValue).\(e.column ?? ""): \(shown(e.old, e.sensitive)) → \(shown(e.new, e.sensitive))"
                body += "<tr><td>\(esc(e.source.at))</td><td>\(esc(what))</td><td>\(esc(source(e.source)))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        return ServeLayout.page(c, title: c.t("История", "History"), current: "history", body: body)
    }
}
