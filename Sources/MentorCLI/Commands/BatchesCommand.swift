import ArgumentParser
import MentorBase
import MentorStore

/// `mentorbase batches`: every import (and purge), oldest first.
struct BatchesCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "batches",
                             abstract: L("Показать пакеты импорта.", "List the import batches."))
    }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let store = try storeOptions.open()
        defer { store.close() }
        let list = try store.batches()
        let t = context.terminal
        if global.format == .json {
            let items = list.map { b in
                "{\"id\":\(b.id),\"file\":\(JSONText.quote(b.file)),\"checksum\":\(JSONText.quote(b.checksum))"
                    + ",\"kind\":\(JSONText.quote(b.kind)),\"format\":\(b.format.map(JSONText.quote) ?? "null")"
                    + ",\"startedAt\":\(JSONText.quote(b.startedAt)),\"status\":\(JSONText.quote(b.status))"
                    + ",\"undoneAt\":\(b.undoneAt.map(JSONText.quote) ?? "null")"
                    + ",\"new\":\(b.counts[.new] ?? 0),\"updated\":\(b.counts[.updated] ?? 0)"
                    + ",\"unchanged\":\(b.counts[.unchanged] ?? 0),\"conflicts\":\(b.counts[.conflicting] ?? 0)"
                    + ",\"rejected\":\(b.counts[.rejected] ?? 0)}"
            }
            t.out("[" + items.joined(separator: ",\n") + "]\n")
            return
        }
        let ru = global.lang == .ru
        if list.isEmpty { t.out(ru ? "Пакетов нет.\n" : "No batches.\n"); return }
        for b in list {
            let status = b.status == "undone" ? (ru ? " ОТМЕНЁН \(b.undoneAt ?? "")" : " UNDONE \(b.undoneAt ?? "")") : ""
            let counts = b.kind == "purge"
                ? (ru ? "уничтожены данные людей: \(b.counts[.updated] ?? 0)" : "people destroyed: \(b.counts[.updated] ?? 0)")
                : (ru ? "новых \(b.counts[.new] ?? 0), обновлено \(b.counts[.updated] ?? 0), без изменений \(b.counts[.unchanged] ?? 0), конфликтов \(b.counts[.conflicting] ?? 0), отклонено \(b.counts[.rejected] ?? 0)"
                      : "new \(b.counts[.new] ?? 0), updated \(b.counts[.updated] ?? 0), unchanged \(b.counts[.unchanged] ?? 0), conflicting \(b.counts[.conflicting] ?? 0), rejected \(b.counts[.rejected] ?? 0)")
            t.out("#\(b.id)  \(b.startedAt)  \(b.kind)  \(b.file)  \(counts)\(status)\n")
        }
    }
}
