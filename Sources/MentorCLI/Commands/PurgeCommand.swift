import ArgumentParser
import MentorBase
import MentorStore

/// `mentorbase purge`: destroys the data whose destruction date has come, and logs that it did.
struct PurgeCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "purge",
                             abstract: L("Уничтожить данные, срок уничтожения которых наступил (после отзыва согласия).",
                                         "Destroy the data whose destruction date has come (after a consent revocation)."),
                             discussion: L("В журнал пишутся только номера людей и даты, без персональных данных.",
                                           "The log keeps only people's ids and dates, no personal data."))
    }

    @Option(name: .long, help: ArgumentHelp(L("Дата (по умолчанию сегодня).", "The date (today by default).")))
    var date: String?

    @Flag(name: .long, help: ArgumentHelp(L("Только показать, кого затронет.", "Only show who would be affected.")))
    var dryRun = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let on = try date.map(Clock.parse) ?? Clock.today
        let store = try storeOptions.open()
        defer { store.close() }
        let t = context.terminal
        let ru = global.lang == .ru
        let entries: [PurgeReport.Entry]
        var batch: Int64?
        if dryRun {
            entries = try store.consentsDue(on: on).filter(\.isDue).map {
                PurgeReport.Entry(personID: $0.personID, revokedOn: $0.revokedOn, destroyBy: $0.destroyBy, rowsDestroyed: 0)
            }
        } else {
            let r = try store.purge(on: on, now: Clock.nowUTC)
            entries = r.entries
            batch = r.batchID
        }
        if global.format == .json {
            let items = entries.map {
                "{\"person\":\($0.personID),\"revokedOn\":\"\($0.revokedOn.iso)\",\"destroyBy\":\"\($0.destroyBy.iso)\",\"rowsDestroyed\":\($0.rowsDestroyed)}"
            }
            t.out("{\"batch\":\(batch.map(String.init) ?? "null"),\"dryRun\":\(dryRun),\"date\":\"\(on.iso)\",\"purged\":[\(items.joined(separator: ","))]}\n")
            return
        }
        if entries.isEmpty {
            t.out(ru ? "На \(on.russian) уничтожать нечего.\n" : "Nothing to destroy as of \(on.russian).\n")
            return
        }
        for e in entries {
            t.out(ru ? "#\(e.personID): отзыв \(e.revokedOn.russian), срок \(e.destroyBy.russian)" + (dryRun ? "\n" : ", уничтожено записей: \(e.rowsDestroyed)\n")
                : "#\(e.personID): revoked \(e.revokedOn.russian), due \(e.destroyBy.russian)" + (dryRun ? "\n" : ", rows destroyed: \(e.rowsDestroyed)\n"))
        }
        if let batch { t.out(ru ? "Записано в журнал как пакет № \(batch).\n" : "Logged as batch #\(batch).\n") }
    }
}
