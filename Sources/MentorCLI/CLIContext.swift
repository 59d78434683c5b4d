#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase

/// What every command gets from `main`: the format registry and the terminal.
public struct CLIContext {
    public var registry: FormatRegistry
    public var terminal: Terminal

    public init(registry: FormatRegistry, terminal: Terminal = Terminal()) {
        self.registry = registry
        self.terminal = terminal
    }
}

/// A command that runs with the context `main` built (no global state).
public protocol MentorCommand: ParsableCommand {
    func run(in context: CLIContext) throws
}

extension MentorCommand {
    public func run() throws {
        // Only reached when a command is run outside `MentorbaseMain`; the normal path
        // passes the context in.
        throw MentorBaseError.usage(ru: "команда запущена без контекста", en: "command run without a context")
    }
}

/// `--format text|json`, `--lang ru|en`, `--quiet`: accepted by every command.
public struct GlobalOptions: ParsableArguments {
    public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Option(name: .long, help: ArgumentHelp(L("Вид вывода: text (для человека) или json (для программ).",
                                              "Output: text (for people) or json (for programs).")))
    public var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp(L("Язык сообщений: ru или en.", "Message language: ru or en.")))
    public var lang: Language = CLILanguage.current

    @Flag(name: [.short, .long], help: ArgumentHelp(L("Без индикатора хода и предупреждений.",
                                                      "No progress line and no warnings.")))
    public var quiet = false

    /// Read before parsing (see `ExternalPluginArguments`); declared here so every command accepts them.
    @Option(name: .customLong("plugins"),
            help: ArgumentHelp(L("Папка с внешними плагинами форматов mentorbase-format-NAME (можно несколько раз; ещё MENTORBASE_PLUGINS и PATH).",
                                 "A folder of external format plugins mentorbase-format-NAME (repeatable; also MENTORBASE_PLUGINS and PATH)."),
                               valueName: "dir"))
    public var pluginFolders: [String] = []

    @Option(name: .customLong("plugin-timeout"),
            help: ArgumentHelp(L("Сколько секунд внешний плагин может молчать (по умолчанию 30; ещё MENTORBASE_PLUGIN_TIMEOUT).",
                                 "Seconds an external plugin may stay silent (default 30; also MENTORBASE_PLUGIN_TIMEOUT)."),
                               valueName: "seconds"))
    public var pluginTimeout: Double?

    public init() {}
}

extension Language: ExpressibleByArgument {}

/// The language of help texts, known before parsing: `--lang en` on the command line, or
/// `MENTORBASE_LANG=en`; Russian otherwise.
public enum CLILanguage {
    public static var current: Language {
        let args = CommandLine.arguments
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count, let l = Language(rawValue: args[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        }
        // getenv, not ProcessInfo's dictionary of the whole environment: this is asked for every
        // help text and every worded message (ten thousand in a big import's report).
        if let env = getenv("MENTORBASE_LANG"), let l = Language(rawValue: String(cString: env)) {
            return l
        }
        return .ru
    }
}

/// Picks the Russian or English text by the current help language.
func L(_ ru: String, _ en: String) -> String { CLILanguage.current == .ru ? ru : en }

/// Exit codes of the command line: 0 ok, 1 the data has errors, 2 usage, 3 I/O or store.
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let dataErrors: Int32 = 1
    public static let usage: Int32 = 2
    public static let io: Int32 = 3

    public static func code(for kind: MentorBaseError.Kind) -> Int32 {
        switch kind {
        case .data: return dataErrors
        case .usage: return usage
        case .io: return io
        }
    }
}
