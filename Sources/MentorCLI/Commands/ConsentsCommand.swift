import ArgumentParser
import MentorBase
import MentorStore

/// `mentorbase consents --due`: people whose data must be destroyed after a revocation.
struct ConsentsCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "consents",
                             abstract: L("Согласия: с --due — чьи данные нужно уничтожить после отзыва (30 дней).",
                                         "Consents: with --due, whose data must be destroyed after a revocation (30 days)."))
    }

    @Flag(name: .long, help: ArgumentHelp(L("Только те, чей срок уничтожения наступил к дате.",
                                            "Only those whose destruction date has come by the date.")))
    var due = false

    @Option(name: .long, help: ArgumentHelp(L("Дата (по умолчанию сегодня).", "The date (today by default).")))
    var date: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let on = try date.map(Clock.parse) ?? Clock.today
        let store = try storeOptions.open()
        defer { store.close() }
        let list = try store.consentsDue(on: on).filter { !due || $0.isDue }
        let t = context.terminal
        let ru = global.lang == .ru
        if global.format == .json {
            let items = list.map {
                "{\"person\":\($0.personID),\"name\":\(JSONText.quote($0.displayName)),\"revokedOn\":\"\($0.revokedOn.iso)\",\"destroyBy\":\"\($0.destroyBy.iso)\",\"due\":\($0.isDue)}"
            }
            t.out("{\"date\":\"\(on.iso)\",\"people\":[\(items.joined(separator: ","))]}\n")
            return
        }
        if list.isEmpty {
            t.out(ru ? "На \(on.russian) уничтожать нечего.\n" : "Nothing to destroy as of \(on.russian).\n")
            return
        }
        for e in list {
            let state = e.isDue ? (ru ? "СРОК НАСТУПИЛ" : "DUE") : (ru ? "ещё не срок" : "not yet due")
            t.out(ru ? "#\(e.personID) \(e.displayName): согласие отозвано \(e.revokedOn.russian), уничтожить до \(e.destroyBy.russian) — \(state)\n"
                : "#\(e.personID) \(e.displayName): consent revoked \(e.revokedOn.russian), destroy by \(e.destroyBy.russian) — \(state)\n")
        }
        if due { t.out(ru ? "Уничтожить: mentorbase purge\n" : "To destroy: mentorbase purge\n") }
    }
}
