import ArgumentParser
import MentorBase
import MentorStore

/// `mentorbase undo BATCH`: reverts one import when nothing later depends on it.
struct UndoCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "undo",
                             abstract: L("Отменить пакет импорта, если от него ничего не зависит.",
                                         "Undo an import batch when nothing later depends on it."),
                             discussion: L("Код выхода 1, если отмене мешают более поздние пакеты (они перечисляются).",
                                           "Exit 1 when later batches block it (they are listed)."))
    }

    @Argument(help: ArgumentHelp(L("Номер пакета (см. mentorbase batches).", "The batch number (see mentorbase batches).")))
    var batch: Int64

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let store = try storeOptions.open()
        defer { store.close() }
        let r = try store.undo(batch: batch, now: Clock.nowUTC)
        let ru = global.lang == .ru
        let t = context.terminal
        if global.format == .json {
            let blockers = r.blockers.map { "{\"batch\":\($0.batchID),\"file\":\(JSONText.quote($0.file)),\"people\":\($0.people)}" }
            t.out("{\"batch\":\(r.batchID),\"undone\":\(r.blockers.isEmpty),\"rowsDeleted\":\(r.rowsDeleted),\"fieldsRestored\":\(r.fieldsRestored),\"blockedBy\":[\(blockers.joined(separator: ","))]}\n")
        } else if r.blockers.isEmpty {
            t.out(ru ? "Пакет № \(batch) отменён: удалено записей — \(r.rowsDeleted), восстановлено значений — \(r.fieldsRestored).\n"
                : "Batch #\(batch) undone: \(r.rowsDeleted) rows deleted, \(r.fieldsRestored) values restored.\n")
        } else {
            t.err(ru ? "Пакет № \(batch) нельзя отменить: от него зависят более поздние пакеты (сначала отмените их):"
                : "Batch #\(batch) cannot be undone: later batches depend on it (undo them first):")
            for b in r.blockers {
                t.err(ru ? "  № \(b.batchID) \(b.file): затрагивает тех же людей — \(b.people)"
                    : "  #\(b.batchID) \(b.file): touches \(b.people) of the same people")
            }
        }
        if !r.blockers.isEmpty { throw ExitCode(ExitStatus.dataErrors) }
    }
}
