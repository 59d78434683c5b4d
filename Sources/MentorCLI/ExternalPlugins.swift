import Foundation
import MentorBase
import MentorFormats

/// `--plugins DIR` (repeatable) and `--plugin-timeout SECONDS`: read before parsing, since the
/// registry the commands get must already hold the external formats.
enum ExternalPluginArguments {
    /// The values of `--plugins` and the `--plugin-timeout`, found in the raw arguments.
    static func scan(_ args: [String]) -> (folders: [String], timeout: Double?, quiet: Bool) {
        var folders: [String] = []
        var timeout: Double?
        var quiet = false
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { break }
            if a == "--plugins", i + 1 < args.count {
                folders.append(args[i + 1])
                i += 1
            } else if a.hasPrefix("--plugins=") {
                folders.append(String(a.dropFirst("--plugins=".count)))
            } else if a == "--plugin-timeout", i + 1 < args.count {
                timeout = Double(args[i + 1])
                i += 1
            } else if a.hasPrefix("--plugin-timeout=") {
                timeout = Double(a.dropFirst("--plugin-timeout=".count))
            } else if a == "--quiet" || a == "-q" {
                quiet = true
            }
            i += 1
        }
        return (folders, timeout.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }, quiet)
    }

    /// The registry with the external plugins after the built-in ones (built-ins win an id), and
    /// warnings for plugins that could not be used.
    static func extend(_ registry: FormatRegistry, arguments: [String], environment: [String: String])
        -> (registry: FormatRegistry, warnings: [MentorBaseError], quiet: Bool)
    {
        let scanned = scan(arguments)
        let timeouts = ProcessPluginTimeouts(idle: scanned.timeout, environment: environment)
        let folders = ExternalFormats.searchFolders(explicit: scanned.folders, environment: environment)
        let found = ExternalFormats.discover(folders: folders, timeouts: timeouts)
        let extended = registry.adding(found.plugins)
        var warnings = found.problems
        for p in extended.shadowed {
            let d = p.descriptor
            warnings.append(MentorBaseError(
                code: "plugin-shadowed", kind: .usage,
                message: Localized(ru: "плагин \(d.origin) называет себя «\(d.id)», как уже известный формат; используется тот",
                                   en: "plugin \(d.origin) calls itself “\(d.id)”, like a format already known; that one is used")))
        }
        return (extended, warnings, scanned.quiet)
    }
}
