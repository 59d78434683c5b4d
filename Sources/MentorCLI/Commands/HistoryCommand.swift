import ArgumentParser
import MentorBase
import MentorStore

/// `mentorbase history PERSON`: where each of a person's stored values came from.
struct HistoryCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "history",
                             abstract: L("Показать, откуда взялось каждое значение о человеке.",
                                         "Show where each of a person's values came from."))
    }

    @Argument(help: ArgumentHelp(L("Человек: «#12» (номер), СНИЛС или ФИО.", "The person: “#12” (id), a SNILS or a name.")))
    var person: String

    @Flag(name: .long, help: ArgumentHelp(L("Показать особые категории данных (иначе ***).",
                                            "Show special categories of data (masked as *** otherwise).")))
    var showSensitive = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let store = try storeOptions.open()
        defer { store.close() }
        let found = try store.history(person: person)
        let ru = global.lang == .ru
        guard !found.isEmpty else {
            throw MentorBaseError(code: "person-not-found", kind: .data,
                                  message: Localized(ru: "в хранилище нет «\(person)»", en: "no “\(person)” in the store"))
        }
        let t = context.terminal
        func shown(_ v: String?, _ sensitive: Bool) -> String? { sensitive && !showSensitive ? v.map { _ in "***" } : v }
        func source(_ p: Provenance?) -> String {
            guard let p else { return "?" }
            var s = "#\(p.batchID) \(p.file)"
            if let sh = p.sheet { s += ru ? ", лист «\(sh)»" : ", sheet “\(sh)”" }
            if let r = p.row { s += ru ? ", строка \(r)" : ", row \(r)" }
            return s
        }
        if global.format == .json {
            func prov(_ p: Provenance?) -> String {
                guard let p else { return "null" }
                return "{\"batch\":\(p.batchID),\"file\":\(JSONText.quote(p.file)),\"sheet\":\(p.sheet.map(JSONText.quote) ?? "null"),\"row\":\(p.row.map(String.init) ?? "null"),\"at\":\(JSONText.quote(p.at))}"
            }
            let people = found.map { h in
                let values = h.values.map { v in
                    "{\"table\":\(JSONText.quote(v.table.rawValue)),\"id\":\(v.entityID),\"field\":\(JSONText.quote(v.column)),\"value\":\(shown(v.value, v.sensitive).map(JSONText.quote) ?? "null"),\"source\":\(prov(v.source))}"
                }
                let events = h.events.map { e in
                    "{\"table\":\(JSONText.quote(e.table.rawValue)),\"id\":\(e.entityID),\"action\":\(JSONText.quote(e.action)),\"field\":\(e.column.map(JSONText.quote) ?? "null"),\"old\":\(shown(e.old, e.sensitive).map(JSONText.quote) ?? "null"),\"new\":\(shown(e.new, e.sensitive).map(JSONText.quote) ?? "null"),\"source\":\(prov(e.source))}"
                }
                return "{\"person\":\(h.personID),\"name\":\(JSONText.quote(h.displayName)),\"values\":[\(values.joined(separator: ","))],\"events\":[\(events.joined(separator: ","))]}"
            }
            t.out("[" + people.joined(separator: ",\n") + "]\n")
            return
        }
        for h in found {
            t.out("#\(h.personID) \(h.displayName)\n")
            t.out(ru ? "  Значения:\n" : "  Values:\n")
            for v in h.values {
                t.out("    \(v.table.rawValue).\(v.column) = \(shown(v.value, v.sensitive) ?? "")  ← \(source(v.source))\n")
            }
            t.out(ru ? "  События:\n" : "  Events:\n")
            for e in h.events {
                let what: String
                if e.action == "insert" {
                    what = (ru ? "создана запись " : "created ") + "\(e.table.rawValue) #\(e.entityID)"
                } else {
                    what = "\(e.table.rawValue).\(e.column ?? ""): \(shown(e.old, e.sensitive) ?? "∅") → \(shown(e.new, e.sensitive) ?? "∅")"
                }
                t.out("    \(e.source.at)  \(what)  ← \(source(e.source))\n")
            }
        }
    }
}
