import ArgumentParser
import MentorBase
import MentorSchema

/// `mentorbase schema [KIND]`: prints a kind's Frictionless Table Schema, or lists the kinds.
struct SchemaCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "schema",
                             abstract: L("Показать схему записей (Frictionless Table Schema) или список видов.",
                                         "Print a record kind's schema (Frictionless Table Schema) or list the kinds."),
                             discussion: L("""
                                Виды: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).
                                Схема — JSON по Table Schema v2 с нашими ключами в «x-mentorbase»: псевдонимы заголовков,
                                коды с русскими названиями, нормализаторы, чувствительность полей, правила.
                                Пример: mentorbase schema mentees > mentees.schema.json
                                """, """
                                Kinds: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).
                                The schema is Table Schema v2 JSON with our keys under “x-mentorbase”: header aliases,
                                codes with Russian labels, normalisers, field sensitivity, rules.
                                Example: mentorbase schema mentees > mentees.schema.json
                                """))
    }

    @Argument(help: ArgumentHelp(L("Вид записей (без него — список видов).", "The record kind (none lists the kinds).")))
    var kind: String?

    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        guard let kind else {
            let all = try MentorSchemas.all()
            if global.format == .json {
                let items = all.map { "{\"kind\":\(JSONText.quote($0.kind.rawValue)),\"title\":\(JSONText.quote($0.title(global.lang))),\"fields\":\($0.fields.count)}" }
                context.terminal.out("[" + items.joined(separator: ",\n") + "]\n")
            } else {
                for s in all {
                    context.terminal.out(padRight(s.kind.rawValue, 26) + s.title(global.lang)
                        + (global.lang == .ru ? " (полей: \(s.fields.count))" : " (\(s.fields.count) fields)") + "\n")
                }
            }
            return
        }
        let schema = try MentorSchemas.schema(for: try MentorSchemas.kind(named: kind))
        context.terminal.out(schema.json + "\n")
    }
}
