import ArgumentParser
import Foundation
import MentorBase

/// `mentorbase serve`: the local web page for the secretary and the curator.
struct ServeCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "serve",
                             abstract: L("Открыть веб-страницу: загрузка и проверка файлов, план, импорт, выгрузка, история.",
                                         "Serve the web page: upload and check files, plan, import, export, history."),
                             discussion: L("""
                                По умолчанию страница доступна только с этого компьютера (127.0.0.1). Чтобы открыть её \
                                по сети (--host 0.0.0.0), задайте пароль: переменная MENTORBASE_PASSWORD или --password-file; \
                                браузер спросит его (любое имя пользователя). Загруженные файлы лежат в закрытой временной \
                                папке и удаляются после импорта, после --keep-uploads минут без дела (120) и при остановке. В журнал пишутся только метод, путь, код и время.
                                Пример: mentorbase serve --store школа.sqlite, затем откройте http://127.0.0.1:8080/
                                """, """
                                By default the page is reachable from this computer only (127.0.0.1). To open it to the \
                                network (--host 0.0.0.0) set a password: the MENTORBASE_PASSWORD variable or --password-file; \
                                the browser asks for it (any user name). Uploaded files stay in a private temporary folder \
                                and are deleted after the import, after --keep-uploads minutes unused (120) and at exit. The log holds only method, path, status and time.
                                Example: mentorbase serve --store school.sqlite, then open http://127.0.0.1:8080/
                                """))
    }

    @Option(name: .long, help: ArgumentHelp(L("Адрес (по умолчанию 127.0.0.1 — только этот компьютер).",
                                              "Address to listen on (127.0.0.1 by default: this computer only).")))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp(L("Порт (0 — любой свободный; адрес печатается при запуске).",
                                              "Port (0 for any free one; the address is printed at start).")))
    var port: Int = 8080

    @Option(name: .customLong("password-file"),
            help: ArgumentHelp(L("Файл с паролем (первая строка); иначе переменная MENTORBASE_PASSWORD.",
                                 "A file holding the password (first line); else the MENTORBASE_PASSWORD variable."),
                               valueName: "file"))
    var passwordFile: String?

    @Option(name: .customLong("max-upload"),
            help: ArgumentHelp(L("Наибольший размер загружаемого файла, МБ (по умолчанию 50).",
                                 "The largest upload, MB (50 by default)."), valueName: "MB"))
    var maxUpload: Double = 50

    @Option(name: .customLong("keep-uploads"),
            help: ArgumentHelp(L("Через сколько минут без дела загруженный файл удаляется (по умолчанию 120).",
                                 "Minutes an unused upload is kept before it is deleted (120 by default)."),
                               valueName: "minutes"))
    var keepUploads: Double = 120

    @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Проверять на эту дату (ДД.ММ.ГГГГ; по умолчанию сегодня).",
                                                             "Validate as of this date (DD.MM.YYYY; today by default).")))
    var asOf: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var common: CommonOptions

    func run(in context: CLIContext) throws {
        guard (0...65_535).contains(port) else {
            throw MentorBaseError.usage(ru: "порт должен быть от 0 до 65535", en: "the port must be 0 to 65535")
        }
        guard maxUpload > 0, maxUpload <= 4096 else {
            throw MentorBaseError.usage(ru: "--max-upload: от 0 до 4096 МБ", en: "--max-upload: 0 to 4096 MB")
        }
        guard keepUploads > 0, keepUploads <= 7 * 24 * 60 else {
            throw MentorBaseError.usage(ru: "--keep-uploads: от 0 до 10080 минут", en: "--keep-uploads: 0 to 10080 minutes")
        }
        let password = try ServePassword.resolve(file: passwordFile, environment: ProcessInfo.processInfo.environment)
        let loopback = ServePassword.isLoopback(host)
        if !loopback && password == nil {
            throw MentorBaseError.usage(
                ru: "адрес \(host) открыт для сети: задайте пароль (MENTORBASE_PASSWORD или --password-file) или слушайте 127.0.0.1",
                en: "address \(host) is open to the network: set a password (MENTORBASE_PASSWORD or --password-file) or listen on 127.0.0.1")
        }
        let referenceDate = try asOf.map(Clock.parse) ?? Clock.today
        let settings = ServeSettings(host: host, port: port, store: storeOptions.store, password: password,
                                     maxUploadBytes: Int(maxUpload * 1_048_576), uploadIdleSeconds: keepUploads * 60,
                                     lang: common.lang,
                                     referenceDate: referenceDate, registry: context.registry, quiet: common.quiet)
        try ServeServer.run(settings)
    }
}
