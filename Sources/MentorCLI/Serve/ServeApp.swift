import Foundation
import MentorBase
import MentorExport
import MentorSchema
import MentorStore

/// The web application: checks every request (host, password, CSRF, size), routes it, and adds the
/// security headers to every response. Holds no server types (see `ServeServer`).
final class ServeApp: Sendable {
    let settings: ServeSettings
    let scratch: ScratchFolder
    let uploads = UploadRegistry()
    /// One secret per server run, put in every form; a page of another site cannot read it.
    let csrfToken = ServeToken.random(bytes: 32)
    /// Wrong passwords per client address (only used when a password is set).
    let throttle = PasswordThrottle()

    init(settings: ServeSettings, scratch: ScratchFolder) {
        self.settings = settings
        self.scratch = scratch
    }

    // MARK: Checks before the body is read

    /// Host check (against DNS rebinding when on loopback) and the password; nil lets the request on.
    func precheck(_ r: ServeRequest) -> ServeResponse? {
        let c = context()
        if settings.password == nil, !hostAllowed(r.authority) {
            return finish(.html(errorPage(c, status: 421, c.t("Неверный адрес сервера", "Wrong server address"),
                                          c.t("Страница открывается только по адресу 127.0.0.1 или localhost.",
                                              "The page opens only as 127.0.0.1 or localhost.")), status: 421), c)
        }
        if let password = settings.password {
            let client = r.client ?? "?"
            let now = ServeClock.now
            if let wait = throttle.retryAfter(client: client, now: now) {
                return tooManyAttempts(wait, c)
            }
            guard authorized(r, password) else {
                // The browser's first request carries no password: only a wrong one counts.
                if r.header("authorization") != nil, let wait = throttle.recordFailure(client: client, now: now) {
                    return tooManyAttempts(wait, c)
                }
                var resp = ServeResponse.html(errorPage(c, status: 401, c.t("Нужен пароль", "Password required"),
                                                        c.t("Введите пароль, заданный при запуске mentorbase serve (имя пользователя — любое).",
                                                            "Enter the password mentorbase serve was started with (any user name).")),
                                              status: 401)
                resp.headers.append(("WWW-Authenticate", "Basic realm=\"mentorbase\", charset=\"UTF-8\""))
                return finish(resp, c)
            }
            throttle.recordSuccess(client: client)
        }
        return nil
    }

    private func tooManyAttempts(_ seconds: Int, _ c: PageContext) -> ServeResponse {
        let minutes = max(1, (seconds + 59) / 60)
        var resp = ServeResponse.html(errorPage(c, status: 429, c.t("Слишком много неверных паролей", "Too many wrong passwords"),
                                                c.t("С этого компьютера несколько раз ввели неверный пароль. Повторите через \(minutes) мин.",
                                                    "A wrong password was entered several times from this computer. Try again in \(minutes) min.")),
                                      status: 429)
        resp.headers.append(("Retry-After", String(seconds)))
        return finish(resp, c)
    }

    private func hostAllowed(_ authority: String?) -> Bool {
        guard let authority else { return false }
        var host = authority.lowercased()
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || ServePassword.isLoopback(host) || host == settings.host.lowercased()
    }

    private func authorized(_ r: ServeRequest, _ password: String) -> Bool {
        guard let value = r.header("authorization"), value.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces)) else { return false }
        let pair = String(decoding: data, as: UTF8.self)
        guard let colon = pair.firstIndex(of: ":") else { return false }
        return ServeToken.equal(String(pair[pair.index(after: colon)...]), password)
    }

    func tooLarge(_ r: ServeRequest) -> ServeResponse {
        let c = context()
        let mb = settings.maxUploadBytes / 1_048_576
        return finish(.html(errorPage(c, status: 413, c.t("Файл слишком большой", "The file is too large"),
                                      c.t("Наибольший размер загрузки — \(mb) МБ (настройка --max-upload).",
                                          "The largest upload is \(mb) MB (the --max-upload setting).")), status: 413), c)
    }

    /// A cross-site post: a foreign `Origin` or `Sec-Fetch-Site`, or a missing or wrong token.
    private func csrfProblem(_ r: ServeRequest, token: String?) -> Bool {
        if let origin = r.header("origin"), origin != "null" {
            let host = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
            guard let host, let authority = r.authority, host.lowercased() == authority.lowercased() else { return true }
        } else if r.header("origin") == "null" {
            return true
        }
        if let site = r.header("sec-fetch-site"), site == "cross-site" || site == "same-site" { return true }
        guard let token else { return true }
        return !ServeToken.equal(token, csrfToken)
    }

    // MARK: Routing

    func handle(_ r: ServeRequest) async -> ServeResponse {
        // Personal data should not lie on disk longer than the work needs: idle uploads go.
        for u in await uploads.expire(now: ServeClock.now, idle: settings.uploadIdleSeconds) {
            scratch.remove(folder: u.folder)
        }
        let c = context()
        let s = r.segments
        do {
            if r.method == "POST" {
                // Every state-changing request: same origin and the page's token.
                let form = postForm(r)
                let token = form.fields["csrf"] ?? r.header("x-csrf-token")
                if csrfProblem(r, token: token) {
                    return finish(.html(errorPage(c, status: 403, c.t("Запрос отклонён", "Request refused"),
                                                  c.t("Форма отправлена не с этой страницы или устарела. Откройте страницу заново и повторите.",
                                                      "The form did not come from this page or is out of date. Reload the page and try again.")),
                                        status: 403), c)
                }
                switch s {
                case ["upload"]: return finish(try await upload(r, form, c), c)
                case _ where s.count == 3 && s[0] == "u" && s[2] == "map": return finish(try await remap(s[1], form, c), c)
                case _ where s.count == 3 && s[0] == "u" && s[2] == "import": return finish(try await importUpload(s[1], form, c), c)
                case _ where s.count == 3 && s[0] == "u" && s[2] == "discard": return finish(await discard(s[1]), c)
                case _ where s.count == 3 && s[0] == "batches" && s[2] == "undo": return finish(try await undo(s[1], c), c)
                default: return finish(notFound(c), c)
                }
            }
            guard r.method == "GET" || r.method == "HEAD" else {
                return finish(.text("405\n", status: 405), c)
            }
            switch s {
            case []: return finish(.html(ServePages.home(c, uploads: await uploads.all(), maxUpload: settings.maxUploadBytes)), c)
            case ["export"]: return finish(.html(ServePages.exportForm(c, today: settings.referenceDate)), c)
            case ["export", "preview"]: return finish(try await exportPreview(r, c), c)
            case ["export", "file"]: return finish(try await exportFile(r, c), c, framable: r.query["inline"] == "1")
            case ["batches"]:
                let settings = self.settings
                let list = try await Blocking.run(store: true) { try ServeWork.batches(settings: settings) }
                return finish(.html(ServePages.batches(c, list)), c)
            case _ where s.count == 2 && s[0] == "batches": return finish(try await batch(s[1], r, c), c)
            case ["history"]: return finish(try await history(r, c), c)
            case _ where s.count == 2 && s[0] == "u": return finish(await uploadPage(s[1], c), c)
            case _ where s.count == 3 && s[0] == "u" && s[2] == "errors.xlsx": return finish(try await errorWorkbook(s[1], c), c)
            case _ where s.count == 3 && s[0] == "u" && s[2] == "map.json": return finish(await mappingDownload(s[1], c), c)
            case _ where s.count == 3 && s[0] == "u" && s[2] == "plan": return finish(try await plan(s[1], c), c)
            case _ where s.count == 3 && s[0] == "u" && s[2] == "plan.xlsx": return finish(try await planWorkbook(s[1], c), c)
            default: return finish(notFound(c), c)
            }
        } catch let e as MentorBaseError {
            let status = e.kind == .io ? 500 : 400
            return finish(.html(errorPage(c, status: status, c.t("Не получилось", "That did not work"), ServeHints.forPage(e.render(c.lang), c.lang)), status: status), c)
        } catch {
            return finish(.html(errorPage(c, status: 500, c.t("Внутренняя ошибка", "Internal error"), "\(error)"), status: 500), c)
        }
    }

    struct PostForm {
        var fields: [String: String] = [:]
        var files: [FormPart] = []
    }

    private func postForm(_ r: ServeRequest) -> PostForm {
        let type = r.header("content-type") ?? ""
        if let boundary = ServeForm.boundary(type) {
            var f = PostForm()
            for p in ServeForm.parseMultipart(r.body, boundary: boundary) {
                if p.filename != nil { f.files.append(p) } else if f.fields[p.name] == nil {
                    f.fields[p.name] = String(decoding: p.data, as: UTF8.self)
                }
            }
            return f
        }
        if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            return PostForm(fields: ServeForm.parseURLEncoded(String(decoding: r.body, as: UTF8.self)))
        }
        return PostForm()
    }

    func context() -> PageContext {
        PageContext(lang: settings.lang, csrf: csrfToken, nonce: ServeToken.random(bytes: 16))
    }

    /// The security headers every response carries.
    func finish(_ r: ServeResponse, _ c: PageContext, framable: Bool = false) -> ServeResponse {
        var out = r
        let csp: String
        if framable {
            // The exported page as the site will show it, inside our preview frame only; no script.
            csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
        } else {
            csp = "default-src 'none'; style-src 'nonce-\(c.nonce)'; script-src 'nonce-\(c.nonce)'; img-src 'self' data:; "
                + "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        out.headers.append(("Content-Security-Policy", csp))
        out.headers.append(("X-Content-Type-Options", "nosniff"))
        // `same-origin`, not `no-referrer`: with no referrer Chromium sends `Origin: null` on our own form posts.
        out.headers.append(("Referrer-Policy", "same-origin"))
        out.headers.append(("X-Frame-Options", framable ? "SAMEORIGIN" : "DENY"))
        out.headers.append(("Cross-Origin-Opener-Policy", "same-origin"))
        out.headers.append(("Cross-Origin-Resource-Policy", "same-origin"))
        out.headers.append(("Cache-Control", "no-store"))
        out.headers.append(("Content-Length", String(out.body.count)))
        return out
    }

    func notFound(_ c: PageContext) -> ServeResponse {
        .html(errorPage(c, status: 404, c.t("Нет такой страницы", "No such page"),
                        c.t("Возможно, файл уже загружен в хранилище или сервер перезапускался.",
                            "The file may already be imported, or the server was restarted.")), status: 404)
    }

    /// The upload was imported and its file deleted: what needed the file is gone (410).
    func alreadyImported(_ u: Upload, _ c: PageContext) -> ServeResponse {
        let b = u.importedBatch ?? 0
        return .html(ServeLayout.page(c, title: c.t("Файл уже загружен", "Already imported"), current: "upload", body: """
            <h1>\(c.t("Файл уже загружен", "Already imported"))</h1>
            <div class="status note" role="status"><p>\(c.t("«\(esc(u.name))» загружен как пакет № \(b) и удалён с сервера. Чтобы проверить его снова, загрузите файл ещё раз.",
                                                            "“\(esc(u.name))” was imported as batch #\(b) and deleted from the server. Upload it again to check it again."))</p></div>
            <p><a href="/batches/\(b)">\(c.t("Квитанция", "Receipt"))</a></p>
            """), status: 410)
    }

    func errorPage(_ c: PageContext, status: Int, _ title: String, _ text: String) -> String {
        ServeLayout.page(c, title: title, current: "", body: """
            <h1>\(esc(title))</h1>
            <div class="status bad" role="alert"><p>\(esc(text))</p></div>
            <p><a href="/">\(c.t("На главную", "Home"))</a></p>
            """)
    }

    // MARK: Upload and check

    private func upload(_ r: ServeRequest, _ form: PostForm, _ c: PageContext) async throws -> ServeResponse {
        var name: String
        var data: ArraySlice<UInt8>
        var mapFile: MappingFile?
        if let file = form.files.first(where: { $0.name == "file" }) {
            name = file.filename ?? "upload"
            data = file.data
            if let m = form.files.first(where: { $0.name == "map" }), !m.data.isEmpty {
                do {
                    mapFile = try JSONDecoder().decode(MappingFile.self, from: Data(m.data))
                } catch {
                    throw MentorBaseError(code: "map-invalid", kind: .usage,
                                          message: Localized(ru: "файл соответствий не читается: \(error)",
                                                             en: "the mapping file cannot be read: \(error)"))
                }
            }
        } else if ServeForm.boundary(r.header("content-type") ?? "") == nil, !r.body.isEmpty {
            // A raw body (scripts): the name comes in ?name=.
            name = r.query["name"] ?? "upload"
            data = r.body[...]
        } else {
            throw MentorBaseError.usage(ru: "выберите файл", en: "choose a file")
        }
        guard !data.isEmpty else { throw MentorBaseError.usage(ru: "файл пуст", en: "the file is empty") }
        name = ServeForm.safeFileName(name)
        let kindText = form.fields["kind"] ?? r.query["kind"] ?? ""
        let kind = kindText.isEmpty ? nil : try MentorSchemas.kind(named: kindText)
        let folder = try scratch.makeFolder()
        let path = folder + "/" + name
        let sink = try FileSink(path: path, displayName: name, mode: 0o600)
        try data.withUnsafeBytes { try sink.write($0) }
        try sink.close()
        var u = Upload(id: ServeToken.random(bytes: 16), name: name, folder: folder, path: path, size: data.count,
                       kind: kind, mapFile: mapFile)
        u = await analyzed(u)
        await uploads.add(u)
        return .redirect("/u/\(u.id)")
    }

    /// The upload with its analysis (or the reason there is none).
    private func analyzed(_ upload: Upload) async -> Upload {
        var u = upload
        let settings = self.settings
        let snapshot = u
        do {
            u.analysis = try await Blocking.run { try ServeWork.analyze(snapshot, settings: settings) }
            u.failure = nil
        } catch let e as MentorBaseError {
            u.analysis = nil
            u.failure = ServeHints.forPage(Localized(ru: e.render(.ru), en: e.render(.en)))
        } catch {
            u.analysis = nil
            u.failure = Localized(ru: "\(error)", en: "\(error)")
        }
        return u
    }

    private func uploadPage(_ id: String, _ c: PageContext) async -> ServeResponse {
        guard let u = await uploads.get(id) else { return notFound(c) }
        return .html(ServePages.upload(c, u, formats: settings.registry.descriptors.filter { $0.capabilities.contains(.read) }
            .map { ($0.id, $0.name) }))
    }

    private func remap(_ id: String, _ form: PostForm, _ c: PageContext) async throws -> ServeResponse {
        guard var u = await uploads.get(id) else { return notFound(c) }
        if u.importedBatch != nil { return alreadyImported(u, c) }
        let kindText = form.fields["kind"] ?? ""
        let kind = kindText.isEmpty ? nil : try MentorSchemas.kind(named: kindText)
        // How to read the file: a change there changes the headers too, so the mapper starts afresh.
        let reading = ReadingChoice(form.fields)
        if let f = reading.format, settings.registry.plugin(id: f) == nil {
            throw MentorBaseError.usage(ru: "неизвестный формат «\(f)»", en: "unknown format “\(f)”")
        }
        if let e = reading.encoding, TextEncodingName(userSpelling: e) == nil {
            throw MentorBaseError.usage(ru: "неизвестная кодировка «\(e)»", en: "unknown encoding “\(e)”")
        }
        let readingChanged = form.fields["format"] != nil
            && (reading.format != u.format || reading.encoding != u.encoding || reading.delimiter != u.delimiter)
        if form.fields["format"] != nil {
            u.format = reading.format
            u.encoding = reading.encoding
            u.delimiter = reading.delimiter
        }
        if form.fields["reset"] != nil || readingChanged {
            u.mapFile = nil
            u.kind = kind
        } else if let kind, kind != u.analysis?.summary.kind {
            // Another kind: its fields differ, so the mapper starts afresh for it.
            u.kind = kind
            u.mapFile = nil
        } else if let a = u.analysis, let first = a.summary.sheets.first {
            var columns: [MappingFile.Column] = []
            let saved = first.mapping.mappingFile().columns
            for (i, col) in saved.enumerated() {
                let target = form.fields["t\(i)"] ?? col.target ?? ""
                columns.append(MappingFile.Column(header: col.header, target: target.isEmpty ? nil : target))
            }
            let headerRow = Int(form.fields["headerRow"] ?? "") ?? first.mapping.headerRow
            u.kind = kind ?? a.summary.kind
            u.mapFile = MappingFile(kind: (kind ?? a.summary.kind).rawValue, headerRow: headerRow, columns: columns)
        } else {
            u.kind = kind
        }
        u = await analyzed(u)
        await uploads.put(u)
        return .redirect("/u/\(u.id)")
    }

    /// The «how to read» part of the mapping form; empty means detect.
    struct ReadingChoice {
        var format: String?
        var encoding: String?
        var delimiter: String?

        init(_ fields: [String: String]) {
            func value(_ k: String) -> String? { fields[k].flatMap { $0.isEmpty ? nil : $0 } }
            format = value("format")
            encoding = value("encoding")
            delimiter = value("delimiter").map { $0 == "tab" ? "\t" : $0 }
        }
    }

    private func mappingDownload(_ id: String, _ c: PageContext) async -> ServeResponse {
        guard let u = await uploads.get(id), let first = u.analysis?.summary.sheets.first else { return notFound(c) }
        let base = (u.name as NSString).deletingPathExtension
        return .download(Array(first.mapping.mappingFile().jsonText().utf8), contentType: "application/json; charset=utf-8",
                         filename: base + ".map.json")
    }

    private func errorWorkbook(_ id: String, _ c: PageContext) async throws -> ServeResponse {
        guard let u = await uploads.get(id), let a = u.analysis else { return notFound(c) }
        if u.importedBatch != nil { return alreadyImported(u, c) }
        let settings = self.settings, scratch = self.scratch
        let lang = c.lang
        let bytes = try await Blocking.run { () throws -> [UInt8] in
            let folder = try scratch.makeFolder()
            defer { scratch.remove(folder: folder) }
            let path = folder + "/errors.xlsx"
            try ServeWork.writeErrorWorkbook(u, a, settings: settings, lang: lang, to: path)
            return try ServeWork.take(path)
        }
        let base = (u.name as NSString).deletingPathExtension
        return .download(bytes, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         filename: base + (c.lang == .ru ? "-ошибки.xlsx" : "-errors.xlsx"))
    }

    private func discard(_ id: String) async -> ServeResponse {
        if let u = await uploads.remove(id) { scratch.remove(folder: u.folder) }
        return .redirect("/")
    }

    // MARK: Plan and import (ServeImport.swift)

    private func plan(_ id: String, _ c: PageContext) async throws -> ServeResponse {
        guard let u = await uploads.get(id) else { return notFound(c) }
        if u.importedBatch != nil { return alreadyImported(u, c) }
        return try await ServeImport.planPage(self, u, c)
    }

    private func planWorkbook(_ id: String, _ c: PageContext) async throws -> ServeResponse {
        guard let u = await uploads.get(id) else { return notFound(c) }
        if u.importedBatch != nil { return alreadyImported(u, c) }
        let settings = self.settings, scratch = self.scratch, lang = c.lang
        let bytes = try await Blocking.run(store: true) { () throws -> [UInt8] in
            let folder = try scratch.makeFolder()
            defer { scratch.remove(folder: folder) }
            return try ServeImport.planWorkbook(u, settings: settings, lang: lang, folder: folder)
        }
        let base = (u.name as NSString).deletingPathExtension
        return .download(bytes, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         filename: base + (c.lang == .ru ? "-план.xlsx" : "-plan.xlsx"))
    }

    private func importUpload(_ id: String, _ form: PostForm, _ c: PageContext) async throws -> ServeResponse {
        guard let u = await uploads.get(id) else { return notFound(c) }
        return try await ServeImport.apply(self, u, acceptValid: form.fields["acceptValid"] == "1", c)
    }

    // MARK: Export

    private func exportChoice(_ r: ServeRequest) throws -> ServeWork.ExportChoice {
        guard let kind = ExportKind(rawValue: r.query["kind"] ?? "mentors") else {
            throw MentorBaseError.usage(ru: "неизвестный вид выгрузки", en: "unknown export kind")
        }
        guard let view = ExportView(rawValue: r.query["view"] ?? "public") else {
            throw MentorBaseError.usage(ru: "неизвестное представление", en: "unknown view")
        }
        let date = try (r.query["date"]).flatMap { $0.isEmpty ? nil : $0 }.map(Clock.parse) ?? settings.referenceDate
        let site = r.query["site"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let questionnaire = r.query["questionnaire"].flatMap { ImportKind(rawValue: $0) }
        return ServeWork.ExportChoice(kind: kind, view: view, format: r.query["format"] ?? "html", date: date,
                                      site: view == .public ? site : nil, questionnaire: questionnaire)
    }

    private func runExport(_ choice: ServeWork.ExportChoice) async throws -> ServeWork.ExportResult {
        let settings = self.settings, scratch = self.scratch
        return try await Blocking.run(store: true) {
            let folder = try scratch.makeFolder()
            defer { scratch.remove(folder: folder) }
            return try ServeWork.export(choice, settings: settings, folder: folder)
        }
    }

    private func exportPreview(_ r: ServeRequest, _ c: PageContext) async throws -> ServeResponse {
        let choice = try exportChoice(r)
        let result = try await runExport(choice)
        return .html(ServePages.exportPreview(c, choice, result, query: r.query))
    }

    private func exportFile(_ r: ServeRequest, _ c: PageContext) async throws -> ServeResponse {
        let choice = try exportChoice(r)
        let result = try await runExport(choice)
        if r.query["inline"] == "1" && choice.format == "html" {
            return ServeResponse(status: 200, headers: [("Content-Type", result.contentType),
                                                        ("Content-Disposition", ServeForm.contentDisposition(result.filename, inline: true))],
                                 body: result.bytes)
        }
        return .download(result.bytes, contentType: result.contentType, filename: result.filename)
    }

    // MARK: History

    private func batch(_ idText: String, _ r: ServeRequest, _ c: PageContext) async throws -> ServeResponse {
        guard let id = Int64(idText) else { return notFound(c) }
        let settings = self.settings
        let list = try await Blocking.run(store: true) { try ServeWork.batches(settings: settings) }
        guard let b = list.first(where: { $0.id == id }) else { return notFound(c) }
        return .html(ServePages.receipt(c, b, fresh: r.query["done"] == "1", undone: r.query["undone"]))
    }

    private func undo(_ idText: String, _ c: PageContext) async throws -> ServeResponse {
        guard let id = Int64(idText) else { return notFound(c) }
        let settings = self.settings
        let report = try await Blocking.run(store: true) { try ServeWork.undo(id, settings: settings) }
        return .html(ServePages.undone(c, report))
    }

    private func history(_ r: ServeRequest, _ c: PageContext) async throws -> ServeResponse {
        let query = (r.query["person"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return .redirect("/batches") }
        let settings = self.settings
        let found = try await Blocking.run(store: true) { try ServeWork.history(query, settings: settings) }
        return .html(ServePages.history(c, query: query, found))
    }
}
