import Foundation
import MentorBase
import MentorSchema
import MentorStore

/// The merge plan, the import and its receipt.
enum ServeImport {
    /// The import job for an upload: the same `ImportService` the `import` command runs.
    static func job(_ u: Upload, dryRun: Bool, acceptValid: Bool, keepUnchanged: Bool = false,
                    settings: ServeSettings) -> ImportJob {
        var job = ImportJob(path: u.path, displayName: u.name, referenceDate: settings.referenceDate, now: Clock.nowUTC)
        job.kind = u.kind
        job.mapFile = u.mapFile
        job.forcedFormat = u.format
        job.readOptions = u.readOptions
        job.dryRun = dryRun
        job.acceptValid = acceptValid
        job.planLimit = 500
        job.keepUnchangedPlans = keepUnchanged
        return job
    }

    /// Plans (dry run) or applies one upload.
    static func run(_ u: Upload, dryRun: Bool, acceptValid: Bool, settings: ServeSettings) throws -> ImportReport {
        try ImportService.run(job(u, dryRun: dryRun, acceptValid: acceptValid, settings: settings),
                              registry: settings.registry, openStore: { try StoreOpener.open(settings.store) }).report
    }

    /// The merge plan as a workbook (a sheet per outcome), as `import --dry-run --plan` writes it.
    static func planWorkbook(_ u: Upload, settings: ServeSettings, lang: Language, folder: String) throws -> [UInt8] {
        let outcome = try ImportService.run(job(u, dryRun: true, acceptValid: false, keepUnchanged: true, settings: settings),
                                            registry: settings.registry, openStore: { try StoreOpener.open(settings.store) })
        let path = folder + "/plan.xlsx"
        try ImportService.writePlanWorkbook(outcome, to: path, registry: settings.registry, lang: lang)
        return try ServeWork.take(path)
    }

    static func planPage(_ app: ServeApp, _ u: Upload, _ c: PageContext) async throws -> ServeResponse {
        let settings = app.settings
        let report = try await Blocking.run(store: true) { try run(u, dryRun: true, acceptValid: false, settings: settings) }
        return .html(plan(c, u, report))
    }

    static func apply(_ app: ServeApp, _ u: Upload, acceptValid: Bool, _ c: PageContext) async throws -> ServeResponse {
        guard u.importedBatch == nil else { return .redirect("/batches/\(u.importedBatch ?? 0)") }
        let settings = app.settings
        let report = try await Blocking.run(store: true) { try run(u, dryRun: false, acceptValid: acceptValid, settings: settings) }
        if let batch = report.batchID {
            // Imported: the uploaded file is not needed any more.
            app.scratch.remove(folder: u.folder)
            var done = u
            done.importedBatch = batch
            await app.uploads.put(done)
            return .redirect("/batches/\(batch)?done=1")
        }
        return .html(plan(c, u, report, applied: true))
    }

    /// Sheet and row as she sees them (the file is the upload itself; its temporary path is not shown).
    static func place(_ l: SourceLocation, _ c: PageContext) -> String {
        var parts: [String] = []
        if let s = l.sheet { parts.append(c.t("лист «\(s)»", "sheet “\(s)”")) }
        if let r = l.row { parts.append(c.t("строка \(r)", "row \(r)")) }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }

    /// The plan page (and, after a stopped or empty import, why nothing was written).
    static func plan(_ c: PageContext, _ u: Upload, _ r: ImportReport, applied: Bool = false) -> String {
        var body = "<h1>\(c.t("План загрузки", "Import plan")) «\(esc(u.name))»</h1>"
        if applied {
            let text: String
            switch r.stop {
            case .rejected(let n)?:
                text = c.t("Ничего не записано: отклонено строк — \(n). Исправьте их или отметьте «только верные строки».",
                           "Nothing written: \(n) rows rejected. Fix them or tick “only the valid rows”.")
            case .conflicts(let n)?:
                text = c.t("Ничего не записано: расхождений — \(n).", "Nothing written: \(n) conflicts.")
            case nil:
                text = r.alreadyImportedIn.map { c.t("Этот файл уже загружен (пакет № \($0)): изменений нет.", "This file was already imported (batch #\($0)): nothing to change.") }
                    ?? c.t("Изменений нет: хранилище не тронуто.", "Nothing to change: the store is untouched.")
            }
            body += "<div class=\"status \(r.stop == nil ? "note" : "bad")\" role=\"alert\" id=\"import-result\"><p>\(esc(text))</p></div>"
        } else if let b = r.alreadyImportedIn {
            body += "<div class=\"status note\" role=\"status\"><p>\(c.t("Этот файл уже загружен (пакет № \(b)) и после него ничего не загружалось: изменений не будет.", "This file was already imported (batch #\(b)) and nothing was imported since: nothing will change."))</p></div>"
        }
        body += "<ul class=\"counts\" id=\"plan-counts\">\(ServePages.counts(c, r.counts))</ul>"
        if !applied {
            let rejected = r.count(.rejected)
            body += """
                <form method="post" action="/u/\(u.id)/import" class="stack" data-busy>\(c.csrfField)
                <p>\(rejected == 0
                    ? c.t("Отклонённых строк нет: загрузка пройдёт целиком, одной транзакцией.", "No rows rejected: the whole file goes in one transaction.")
                    : c.t("Отклонено строк — \(rejected). По умолчанию загрузка идёт «всё или ничего»: с ошибками ничего не записывается.",
                          "\(rejected) rows rejected. By default the import is all or nothing: with errors nothing is written."))</p>
                <div class="check"><input type="checkbox" id="acceptValid" name="acceptValid" value="1"> <label for="acceptValid">\(c.t("Загрузить только верные строки (отклонённые останутся в книге с ошибками)", "Import only the valid rows (the rejected ones stay in the error workbook)"))</label></div>
                <div><button type="submit" id="import">\(c.t("Импортировать", "Import"))</button> <span class="busy" role="status">\(c.t("Загружаю…", "Importing…"))</span>
                <a class="button secondary" href="/u/\(u.id)">\(c.t("Назад к проверке", "Back to the check"))</a>
                <a class="button secondary" href="/u/\(u.id)/plan.xlsx" download>\(c.t("Скачать план (XLSX)", "Download the plan (XLSX)"))</a></div>
                </form>
                """
        }
        let groups: [(RecordPlan.Outcome, String)] = [
            (.new, c.t("Новые", "New")), (.updated, c.t("Обновятся (было → станет)", "Updated (old → new)")),
            (.conflicting, c.t("Конфликты", "Conflicts")), (.rejected, c.t("Отклонены", "Rejected")),
        ]
        for (outcome, title) in groups {
            let plans = r.plans.filter { $0.outcome == outcome }
            guard !plans.isEmpty else { continue }
            body += "<h2>\(esc(title)) (\(r.count(outcome)))</h2><div class=\"scroll\"><table class=\"plan-\(outcome.rawValue)\"><thead><tr><th scope=\"col\">\(c.t("Где", "Where"))</th><th scope=\"col\">\(c.t("Кто", "Who"))</th><th scope=\"col\">\(c.t("Подробности", "Details"))</th></tr></thead><tbody>"
            for p in plans {
                var details = ""
                for ch in p.changes {
                    let old = ch.change.sensitive ? "***" : (ch.change.old?.logText ?? "∅")
                    let new = ch.change.sensitive ? "***" : (ch.change.new?.logText ?? "∅")
                    details += "<div>\(esc(ch.table.rawValue)).\(esc(ch.change.column)): <span class=\"old\">\(esc(old))</span> → <span class=\"new\">\(esc(new))</span></div>"
                }
                for cf in p.conflicts { details += "<div>\(esc(cf.message(c.lang)))</div>" }
                for d in p.diagnostics where d.severity == .error || outcome == .rejected {
                    details += "<div><span class=\"\(d.severity == .error ? "sev-error" : "sev-warning")\">\(esc(d.code))</span> \(esc(d.location.columnLetter ?? "")) \(esc(d.message(c.lang)))</div>"
                }
                body += "<tr><td>\(esc(place(p.location, c)))</td><td>\(esc(p.label))</td><td>\(details.isEmpty ? "—" : details)</td></tr>"
            }
            body += "</tbody></table></div>"
            if plans.count < r.count(outcome) {
                body += "<p class=\"muted\">\(c.t("Показаны первые \(plans.count).", "The first \(plans.count) are shown."))</p>"
            }
        }
        let general = r.diagnostics.items.filter { $0.location.row == nil }
        if !general.isEmpty {
            body += "<h2>\(c.t("Замечания к файлу", "About the file"))</h2><ul>"
            for d in general { body += "<li>\(esc(d.message(c.lang)))\(d.hint.map { " — " + esc(ServeHints.forPage($0(c.lang), c.lang)) } ?? "")</li>" }
            body += "</ul>"
        }
        return ServeLayout.page(c, title: c.t("План загрузки", "Import plan"), current: "upload", body: body)
    }
}
