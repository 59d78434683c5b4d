/// The formats a run knows, in a fixed order, built once in `main` and passed down.
///
/// There is no global registry: tests build their own with just the plugins they need.
public struct FormatRegistry: Sendable {
    public let plugins: [any FormatPlugin]

    /// Keeps the first plugin of each id; later duplicates are listed in `shadowed`.
    public init(_ plugins: [any FormatPlugin]) {
        var seen = Set<FormatID>()
        var kept: [any FormatPlugin] = []
        var shadowed: [any FormatPlugin] = []
        for p in plugins {
            if seen.insert(p.descriptor.id).inserted { kept.append(p) } else { shadowed.append(p) }
        }
        self.plugins = kept
        self.shadowed = shadowed
    }

    /// Plugins that were not registered because an earlier one had the same id.
    public let shadowed: [any FormatPlugin]

    /// A registry with more plugins after these (external plugins after the built-in ones).
    public func adding(_ more: [any FormatPlugin]) -> FormatRegistry {
        FormatRegistry(plugins + more)
    }

    public var descriptors: [FormatDescriptor] { plugins.map(\.descriptor) }

    public func plugin(id: FormatID) -> (any FormatPlugin)? {
        plugins.first { $0.descriptor.id == id.lowercased() }
    }

    /// The plugin for a file extension (`csv`, `xlsx`), first registered wins.
    public func plugin(forExtension ext: String) -> (any FormatPlugin)? {
        let e = ext.lowercased()
        return plugins.first { $0.descriptor.extensions.contains(e) }
    }

    /// One ranked candidate for reading a source.
    public struct Candidate: Sendable {
        public var plugin: any FormatPlugin
        public var match: SniffMatch
    }

    /// Every plugin that can read the probe, best first: content beats extension;
    /// among equals, the one whose extension also matches, then registry order.
    public func candidates(for probe: SniffProbe) -> [Candidate] {
        var found: [(Candidate, Int)] = []
        for (i, p) in plugins.enumerated() where p.descriptor.capabilities.contains(.read) {
            if let m = p.sniff(probe) { found.append((Candidate(plugin: p, match: m), i)) }
        }
        func extMatches(_ c: Candidate) -> Bool {
            guard let e = probe.fileExtension else { return false }
            return c.plugin.descriptor.extensions.contains(e)
        }
        found.sort { a, b in
            if a.0.match.confidence != b.0.match.confidence { return a.0.match.confidence > b.0.match.confidence }
            let ea = extMatches(a.0), eb = extMatches(b.0)
            if ea != eb { return ea }
            return a.1 < b.1
        }
        return found.map(\.0)
    }

    /// Picks the reader's format: a forced id (`--from`) beats content, content beats the extension.
    public func detect(_ source: InputSource, forced: FormatID? = nil) throws -> Candidate {
        if let forced {
            guard let p = plugin(id: forced) else { throw unknownFormat(forced) }
            guard p.descriptor.capabilities.contains(.read) else {
                throw MentorBaseError(code: "format-cannot-read", kind: .usage,
                                      message: Localized(ru: "формат \(forced) не умеет читать",
                                                         en: "format \(forced) cannot read"))
            }
            return Candidate(plugin: p, match: SniffMatch(.content, reason: "--from \(forced)"))
        }
        let probe = SniffProbe(head: try source.peek(), fileExtension: source.fileExtension)
        if let best = candidates(for: probe).first { return best }
        throw MentorBaseError(code: "format-unknown", kind: .data, location: source.location,
                              message: Localized(ru: "не удалось определить формат файла",
                                                 en: "cannot tell the file's format"),
                              hint: Localized(ru: "укажите формат: --from \(idList)",
                                              en: "name the format: --from \(idList)"))
    }

    /// Picks the writer's format: a forced id (`--to`) beats the output's extension.
    public func writerFormat(for target: OutputTarget, forced: FormatID? = nil) throws -> any FormatPlugin {
        let p: (any FormatPlugin)?
        if let forced {
            p = plugin(id: forced)
            if p == nil { throw unknownFormat(forced) }
        } else if let ext = target.fileExtension {
            p = plugins.first { $0.descriptor.extensions.contains(ext) && $0.descriptor.capabilities.contains(.write) }
        } else {
            p = nil
        }
        guard let p else {
            throw MentorBaseError(code: "format-unknown", kind: .usage, location: target.location,
                                  message: Localized(ru: "не понятно, в каком формате писать",
                                                     en: "cannot tell which format to write"),
                                  hint: Localized(ru: "укажите --to \(idList)", en: "pass --to \(idList)"))
        }
        guard p.descriptor.capabilities.contains(.write) else {
            throw MentorBaseError(code: "format-cannot-write", kind: .usage,
                                  message: Localized(ru: "формат \(p.descriptor.id) не умеет записывать",
                                                     en: "format \(p.descriptor.id) cannot write"))
        }
        return p
    }

    private var idList: String { plugins.map(\.descriptor.id).joined(separator: "|") }

    private func unknownFormat(_ id: String) -> MentorBaseError {
        MentorBaseError(code: "format-unknown", kind: .usage,
                        message: Localized(ru: "неизвестный формат «\(id)»", en: "unknown format “\(id)”"),
                        hint: Localized(ru: "известные форматы: \(idList)", en: "known formats: \(idList)"))
    }
}
