#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase

/// The root command: `mentorbase SUBCOMMAND …`.
public struct MentorbaseCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "mentorbase",
            abstract: L("Данные программ наставничества: анкеты, согласия, базы наставников и наставляемых.",
                        "Mentoring program data: questionnaires, consents, mentor and mentee bases."),
            discussion: L("""
                Коды выхода: 0 — успех, 1 — в данных есть ошибки, 2 — неверный вызов, 3 — ошибка ввода-вывода или хранилища.
                Язык сообщений: --lang ru|en или переменная MENTORBASE_LANG.
                """, """
                Exit codes: 0 ok, 1 the data has errors, 2 usage error, 3 I/O or store failure.
                Message language: --lang ru|en or the MENTORBASE_LANG variable.
                """),
            version: "0.1.0",
            // One line per command; keep the list sorted as users see it in --help.
            subcommands: [
                FormatsCommand.self,
                InspectCommand.self,
                DumpCommand.self,
                ConvertCommand.self,
                ValidateCommand.self,
                SchemaCommand.self,
                TemplateCommand.self,
                ImportCommand.self,
                BatchesCommand.self,
                HistoryCommand.self,
                UndoCommand.self,
                ConsentsCommand.self,
                PurgeCommand.self,
                ExportCommand.self,
                ReportCommand.self,
                ServeCommand.self,
            ]
        )
    }

    public init() {}
}

/// The process entry point: parses, runs with the context, maps failures to exit codes.
public enum MentorbaseMain {
    /// With `discoverPlugins`, `mentorbase-format-*` executables (from `--plugins`, `MENTORBASE_PLUGINS`,
    /// `PATH`) join the registry after the given plugins.
    public static func main(registry: FormatRegistry, arguments: [String]? = nil, discoverPlugins: Bool = true) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let terminal = Terminal()
        let lang = CLILanguage.current
        var registry = registry
        if discoverPlugins {
            let ext = ExternalPluginArguments.extend(registry, arguments: arguments ?? Array(CommandLine.arguments.dropFirst()),
                                                     environment: ProcessInfo.processInfo.environment)
            registry = ext.registry
            if !ext.quiet {
                for w in ext.warnings { terminal.err((lang == .ru ? "предупреждение: " : "warning: ") + w.render(lang)) }
            }
        }
        let context = CLIContext(registry: registry, terminal: terminal)
        do {
            var command = try MentorbaseCommand.parseAsRoot(arguments)
            if let mc = command as? any MentorCommand {
                try mc.run(in: context)
            } else if command is MentorbaseCommand {
                // The root without a subcommand: show help, as a usage error.
                terminal.err(MentorbaseCommand.helpMessage())
                return ExitStatus.usage
            } else {
                // ArgumentParser's own commands (`help`, `--help`) run and throw CleanExit.
                try command.run()
            }
            terminal.flush()
            return ExitStatus.ok
        } catch let e as MentorBaseError {
            terminal.flush()
            terminal.err(terminal.paint(lang == .ru ? "ошибка" : "error", "31;1") + ": " + e.render(lang))
            return ExitStatus.code(for: e.kind)
        } catch let e as ExitCode {
            terminal.flush()
            return e.rawValue
        } catch {
            terminal.flush()
            let code = MentorbaseCommand.exitCode(for: error)
            if code == .success {
                // --help, --version
                terminal.out(MentorbaseCommand.fullMessage(for: error) + "\n")
                terminal.flush()
                return ExitStatus.ok
            }
            terminal.err(MentorbaseCommand.fullMessage(for: error))
            return ExitStatus.usage
        }
    }
}
