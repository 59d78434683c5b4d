#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase

/// Finds external format plugins: executables named `mentorbase-format-NAME`.
///
/// Folders are searched in order — those given with `--plugins`, then `MENTORBASE_PLUGINS`
/// (colon-separated), then `PATH` — and the first executable of each name wins. Each is asked
/// `--about` (within `timeouts.about`); one that fails is reported, not fatal.
public enum ExternalFormats {
    /// The file name prefix that makes an executable a format plugin.
    public static let prefix = "mentorbase-format-"

    /// What discovery found: the plugins, and problems worth a warning.
    public struct Discovery: Sendable {
        /// The plugins that answered `--about`, in search order.
        public var plugins: [ProcessFormatPlugin]
        /// Why some executables were not taken (each message names the file).
        public var problems: [MentorBaseError]
    }

    /// The folders to search: explicit ones, then `MENTORBASE_PLUGINS`, then `PATH`.
    public static func searchFolders(explicit: [String], environment: [String: String]) -> [String] {
        var out = explicit
        out += (environment["MENTORBASE_PLUGINS"] ?? "").split(separator: ":").map(String.init)
        out += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        var seen = Set<String>()
        return out.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Finds and asks every `mentorbase-format-*` executable in `folders`.
    public static func discover(folders: [String], timeouts: ProcessPluginTimeouts = ProcessPluginTimeouts()) -> Discovery {
        var names = Set<String>()
        var plugins: [ProcessFormatPlugin] = []
        var problems: [MentorBaseError] = []
        for folder in folders {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() where entry.hasPrefix(prefix) && entry.count > prefix.count {
                let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
                var st = stat()
                guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, access(path, X_OK) == 0 else { continue }
                let name = String(entry.dropFirst(prefix.count))
                guard names.insert(name).inserted else { continue }
                do {
                    let plugin = try ProcessFormatPlugin(executable: path, timeouts: timeouts)
                    if plugin.descriptor.id != name.lowercased() {
                        problems.append(MentorBaseError(
                            code: "plugin-protocol-error", kind: .io,
                            message: Localized(ru: "плагин \(path) называет себя «\(plugin.descriptor.id)», а файл — \(entry); он не подключён",
                                               en: "plugin \(path) calls itself “\(plugin.descriptor.id)” but the file is \(entry); it is not used"),
                            hint: Localized(ru: "id в --about должен совпадать с NAME в mentorbase-format-NAME",
                                            en: "the id in --about must equal NAME in mentorbase-format-NAME")))
                        continue
                    }
                    plugins.append(plugin)
                } catch let e as MentorBaseError {
                    problems.append(e)
                } catch {
                    problems.append(MentorBaseError(code: "plugin-failed", kind: .io,
                                                    message: Localized(ru: "плагин \(path): \(error)", en: "plugin \(path): \(error)")))
                }
            }
        }
        return Discovery(plugins: plugins, problems: problems)
    }
}
