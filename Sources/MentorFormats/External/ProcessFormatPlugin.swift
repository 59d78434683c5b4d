#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase

/// Time limits for external plugins.
public struct ProcessPluginTimeouts: Sendable, Hashable {
    /// Seconds a reading or writing plugin may go without progress (output produced or input taken).
    public var idle: Double
    /// Seconds `--about` and `sniff` may take.
    public var about: Double

    /// 30 s and 5 s unless `MENTORBASE_PLUGIN_TIMEOUT` / `MENTORBASE_PLUGIN_ABOUT_TIMEOUT` say otherwise.
    public init(idle: Double? = nil, about: Double? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        func seconds(_ key: String) -> Double? {
            environment[key].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        }
        self.idle = idle ?? seconds("MENTORBASE_PLUGIN_TIMEOUT") ?? 30
        self.about = about ?? seconds("MENTORBASE_PLUGIN_ABOUT_TIMEOUT") ?? 5
    }
}

/// A format served by an external program, `mentorbase-format-NAME`, over the JSON-lines
/// protocol of docs/plugins.md (section 14).
///
/// `--about` gave the descriptor; reading runs `NAME read FILE|-` and pulls rows from its
/// standard output as they come; writing runs `NAME write FILE|-` and feeds rows to its
/// standard input. Errors and warnings come back as JSON lines on its standard error. A plugin
/// that hangs, crashes, exits non-zero or prints anything but the protocol ends in a
/// `MentorBaseError` naming it, never a hang.
public struct ProcessFormatPlugin: FormatPlugin {
    /// The descriptor from `--about`; `origin` is the executable's path.
    public let descriptor: FormatDescriptor
    /// The executable.
    public let executable: String
    /// Limits on waiting for it.
    public let timeouts: ProcessPluginTimeouts
    /// It answers `sniff` with a confidence for the first bytes.
    public let sniffsContent: Bool

    /// Asks `executable --about` for the descriptor (within `timeouts.about`).
    public init(executable: String, timeouts: ProcessPluginTimeouts = ProcessPluginTimeouts()) throws {
        self.executable = executable
        self.timeouts = timeouts
        let name = (executable as NSString).lastPathComponent
        let child = try ChildProcess(label: name, executable: executable, arguments: ["--about"], pipeStdin: false,
                                     idleTimeout: timeouts.about, maxLineBytes: 1 << 20)
        var text: [UInt8] = []
        while let line = try child.readLine() { text += line; text.append(0x0A) }
        let status = try child.waitForExit()
        try ProcessFormatPlugin.check(status: status, child: child, file: nil)
        let about: WireAbout
        do {
            about = try JSONDecoder().decode(WireAbout.self, from: Data(text))
        } catch {
            throw child.protocolError(en: "answered --about with something that is not its descriptor as JSON: \(ProcessFormatPlugin.preview(text))",
                                      ru: "ответил на --about не описанием в JSON: \(ProcessFormatPlugin.preview(text))")
        }
        if let v = about.protocol, v != 1 {
            throw child.protocolError(en: "speaks protocol version \(v); this mentorbase speaks 1",
                                      ru: "говорит на версии протокола \(v); mentorbase понимает 1")
        }
        let id = about.id.lowercased()
        guard !id.isEmpty, id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw child.protocolError(en: "gave the id “\(about.id)”; ids are lowercase letters, digits and dashes",
                                      ru: "назвал id «\(about.id)»; id — строчные латинские буквы, цифры и дефисы")
        }
        var caps: FormatCapabilities = []
        for c in about.capabilities {
            switch c {
            case "read": caps.insert(.read)
            case "write": caps.insert(.write)
            case "multiple-sheets": caps.insert(.multipleSheets)
            case "dates": caps.insert(.dates)
            case "typed-values": caps.insert(.typedValues)
            case "streaming": caps.insert(.streaming)
            default: break      // newer capabilities are ignored, not fatal
            }
        }
        sniffsContent = about.sniff ?? false
        descriptor = FormatDescriptor(
            id: id, name: about.name, extensions: about.extensions.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) },
            mediaTypes: about.mediaTypes ?? [], capabilities: caps,
            options: (about.options ?? []).map { FormatOption(name: $0.name, help: $0.help?.localized ?? Localized(ru: "", en: "")) },
            origin: executable)
    }

    /// Runs `sniff` when the plugin offers it (bounded by `timeouts.about`), else matches the extension.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? {
        let byName = probe.fileExtension.flatMap { descriptor.extensions.contains($0) ? SniffMatch(.fileExtension, reason: "extension .\($0)") : nil }
        guard sniffsContent else { return byName }
        do {
            let child = try ChildProcess(label: descriptor.id, executable: executable,
                                         arguments: ["sniff"] + (probe.fileExtension.map { ["--extension", $0] } ?? []),
                                         pipeStdin: true, idleTimeout: timeouts.about, maxLineBytes: 64 * 1024)
            child.stdinSource = MemoryStream(probe.head)
            let line = try child.readLine()
            child.killGroup()
            struct Answer: Decodable { var confidence: String?; var reason: String? }
            guard let line, let a = try? JSONDecoder().decode(Answer.self, from: Data(line)) else { return byName }
            let reason = a.reason ?? "\(descriptor.id) sniff"
            switch a.confidence {
            case "content": return SniffMatch(.content, reason: reason)
            case "plausible-content": return SniffMatch(.plausibleContent, reason: reason)
            case "file-extension": return SniffMatch(.fileExtension, reason: reason)
            default: return byName.map { _ in SniffMatch(.fileExtension, reason: reason) }
            }
        } catch {
            return byName
        }
    }

    /// Runs `NAME read FILE` (or `read -` with the source on its standard input).
    public func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        guard descriptor.capabilities.contains(.read) else {
            throw MentorBaseError(code: "format-cannot-read", kind: .usage,
                                  message: Localized(ru: "формат \(descriptor.id) не умеет читать", en: "format \(descriptor.id) cannot read"))
        }
        return try ProcessTableReader(plugin: self, source: source, options: options)
    }

    /// Runs `NAME write FILE` (or `write -`, copying its standard output into the target).
    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        guard descriptor.capabilities.contains(.write) else {
            throw MentorBaseError(code: "format-cannot-write", kind: .usage,
                                  message: Localized(ru: "формат \(descriptor.id) не умеет записывать", en: "format \(descriptor.id) cannot write"))
        }
        return ProcessTableWriter(plugin: self, target: target, options: options)
    }

    /// `--option key=value` arguments, in a stable order.
    static func settingArguments(_ settings: [String: String]) -> [String] {
        settings.sorted { $0.key < $1.key }.flatMap { ["--option", "\($0.key)=\($0.value)"] }
    }

    /// Turns an exit status and the plugin's standard error into an error, or returns for a clean exit.
    static func check(status: Int32, child: ChildProcess, file: String?) throws {
        let log = child.stderrLog
        let signalled = status & 0x7F != 0 && status & 0x7F != 0x7F
        let exitCode = (status >> 8) & 0xFF
        if let e = log.error {
            let kind = MentorBaseError.Kind(rawValue: e.kind ?? "data") ?? .data
            let message = e.message?.localized ?? Localized(ru: "ошибка без описания", en: "an error without a message")
            throw MentorBaseError(code: e.safeCode, kind: kind, location: e.location(file: file),
                                  message: Localized(ru: "\(child.label): \(message.ru)", en: "\(child.label): \(message.en)"),
                                  hint: e.hint?.localized)
        }
        if signalled {
            let sig = status & 0x7F
            let name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGKILL ? "SIGKILL" : "signal \(sig)"
            throw MentorBaseError(code: "plugin-failed", kind: .io, location: SourceLocation(file: file),
                                  message: Localized(ru: "плагин \(child.label) (\(child.executable)) аварийно завершился (\(name))",
                                                     en: "plugin \(child.label) (\(child.executable)) crashed (\(name))"),
                                  hint: log.tailHint)
        }
        if exitCode != 0 {
            throw MentorBaseError(code: "plugin-failed", kind: .io, location: SourceLocation(file: file),
                                  message: Localized(ru: "плагин \(child.label) (\(child.executable)) завершился с кодом \(exitCode)",
                                                     en: "plugin \(child.label) (\(child.executable)) exited with status \(exitCode)"),
                                  hint: log.tailHint)
        }
    }

    static func preview(_ bytes: some Collection<UInt8>) -> String {
        let s = String(decoding: bytes.prefix(120), as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎")
        return "«" + s + (bytes.count > 120 ? "…" : "") + "»"
    }
}

/// Reads through a running `read` process; sheets come from its first lines.
final class ProcessTableReader: TableReader {
    let sheets: [SheetInfo]
    let details: SourceDetails
    var diagnostics: DiagnosticLog {
        var log = DiagnosticLog()
        for w in session.child.stderrLog.warnings {
            log.append(Diagnostic(code: w.safeCode, severity: .warning, location: w.location(file: source.name), value: w.value,
                                  message: w.message?.localized ?? Localized(ru: "предупреждение", en: "warning"),
                                  hint: w.hint?.localized))
        }
        return log
    }

    private let plugin: ProcessFormatPlugin
    private let source: InputSource
    private let options: ReadOptions
    private var session: ProcessReadSession
    private var started = false

    init(plugin: ProcessFormatPlugin, source: InputSource, options: ReadOptions) throws {
        self.plugin = plugin
        self.source = source
        self.options = options
        session = try ProcessReadSession(plugin: plugin, source: source, options: options)
        sheets = try session.readSheetList()
        details = SourceDetails(extras: [("plugin", plugin.executable)])
    }

    func rows(inSheet index: Int) throws -> any RowCursor {
        guard sheets.indices.contains(index) else {
            throw MentorBaseError.usage(ru: "нет листа номер \(index + 1)", en: "there is no sheet number \(index + 1)")
        }
        if started && index <= session.sheetIndex {
            // An earlier sheet again: only a file can be read a second time.
            guard source.fileURL != nil else {
                throw MentorBaseError.usage(ru: "поток читается один раз; лист «\(sheets[index].name)» уже пройден",
                                            en: "a stream is read once; sheet “\(sheets[index].name)” has already passed")
            }
            session = try ProcessReadSession(plugin: plugin, source: source, options: options)
            _ = try session.readSheetList()
        }
        started = true
        try session.advance(to: index, sheets: sheets)
        return ProcessRowCursor(session: session, sheetIndex: index, sheetName: sheets[index].name)
    }
}

/// One `read` process and the position in its output.
final class ProcessReadSession {
    let child: ChildProcess
    let plugin: ProcessFormatPlugin
    let sourceName: String
    let limits: InputLimits
    /// The sheet whose header line was read last (-1 before the first).
    private(set) var sheetIndex = -1
    private var pending: WireLine?
    private var outputLine = 0
    private var lastRow = 0
    private var rowsInSheet = 0
    private var ended = false

    init(plugin: ProcessFormatPlugin, source: InputSource, options: ReadOptions) throws {
        self.plugin = plugin
        sourceName = source.name
        limits = options.limits
        let settings = ProcessFormatPlugin.settingArguments(options.settings)
        if let url = source.fileURL {
            child = try ChildProcess(label: plugin.descriptor.id, executable: plugin.executable,
                                     arguments: ["read", url.path] + settings, pipeStdin: false,
                                     idleTimeout: plugin.timeouts.idle)
        } else {
            child = try ChildProcess(label: plugin.descriptor.id, executable: plugin.executable,
                                     arguments: ["read", "-"] + settings, pipeStdin: true, idleTimeout: plugin.timeouts.idle)
            child.stdinSource = try source.openStream()
        }
    }

    /// The next protocol line, or nil once the output ended and the process exited cleanly.
    func nextLine() throws -> WireLine? {
        if let p = pending { pending = nil; return p }
        if ended { return nil }
        guard let raw = try child.readLine() else {
            ended = true
            let status = try child.waitForExit()
            try ProcessFormatPlugin.check(status: status, child: child, file: sourceName)
            return nil
        }
        outputLine += 1
        if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return try nextLine() }
        if let line = WireLine.parse(raw) {
            return line
        } else {
            // A garbage line often comes with a traceback or an error line: prefer the plugin's own account.
            child.killGroup()
            try ProcessFormatPlugin.check(status: child.waitStatus & 0x7F == SIGKILL ? 0 : child.waitStatus, child: child, file: sourceName)
            throw child.protocolError(en: "printed a line that is not a protocol JSON line (output line \(outputLine)): \(ProcessFormatPlugin.preview(raw))",
                                      ru: "вывел строку, которая не является строкой протокола в JSON (строка вывода \(outputLine)): \(ProcessFormatPlugin.preview(raw))")
        }
    }

    /// Reads the sheet list: `{"sheets": [...]}`, or the first `{"sheet": …}` line for a single sheet.
    func readSheetList() throws -> [SheetInfo] {
        guard let first = try nextLine() else { return [] }
        if let list = first.sheets {
            return list.map { SheetInfo(name: $0.name, hidden: $0.hidden ?? false) }
        }
        if let name = first.sheet {
            pending = first
            return [SheetInfo(name: name, hidden: first.hidden ?? false)]
        }
        throw child.protocolError(en: "must start its output with a {\"sheets\": […]} or {\"sheet\": …} line",
                                  ru: "должен начинать вывод строкой {\"sheets\": […]} или {\"sheet\": …}")
    }

    /// Skips forward until the header line of sheet `index` has been read.
    func advance(to index: Int, sheets: [SheetInfo]) throws {
        while sheetIndex < index {
            guard let line = try nextLine() else {
                throw child.protocolError(en: "announced \(sheets.count) sheets but its output ended after \(sheetIndex + 1)",
                                          ru: "объявил листов: \(sheets.count), но вывод кончился после \(sheetIndex + 1)")
            }
            if line.sheet != nil {
                sheetIndex += 1
                lastRow = 0
                rowsInSheet = 0
                if sheetIndex >= sheets.count {
                    throw child.protocolError(en: "sent more sheets than the \(sheets.count) it announced",
                                              ru: "прислал больше листов, чем объявил (\(sheets.count))")
                }
            } else if line.row == nil {
                throw unexpected(line)
            } else if sheetIndex < 0 {
                throw child.protocolError(en: "sent a row before any {\"sheet\": …} line", ru: "прислал строку таблицы раньше строки {\"sheet\": …}")
            }
        }
    }

    /// The next row of the current sheet, or nil at its end (the next sheet's line is kept).
    func nextRow(sheet: String) throws -> Row? {
        guard let line = try nextLine() else { return nil }
        if line.sheet != nil {
            pending = line
            return nil
        }
        guard let number = line.row, let cells = line.cells else { throw unexpected(line) }
        guard number >= 1, number >= lastRow else {
            throw child.protocolError(en: "sent row \(number) after row \(lastRow): row numbers start at 1 and never go back",
                                      ru: "прислал строку \(number) после строки \(lastRow): номера строк начинаются с 1 и не убывают")
        }
        lastRow = number
        rowsInSheet += 1
        let loc = SourceLocation(file: sourceName, sheet: sheet, row: number)
        if rowsInSheet > limits.maxRows {
            child.killGroup()
            throw MentorBaseError.limit(loc, ru: "больше \(limits.maxRows) строк", en: "more than \(limits.maxRows) rows")
        }
        if cells.count > limits.maxColumns {
            child.killGroup()
            throw MentorBaseError.limit(loc, ru: "больше \(limits.maxColumns) столбцов", en: "more than \(limits.maxColumns) columns")
        }
        var out: [Cell] = []
        out.reserveCapacity(cells.count)
        for (i, c) in cells.enumerated() {
            if case .text(let s) = c.cell, s.utf8.count > limits.maxCellBytes {
                child.killGroup()
                var l = loc
                l.column = i + 1
                throw MentorBaseError.limit(l, ru: "текст ячейки длиннее \(limits.maxCellBytes) байт",
                                            en: "the cell's text is longer than \(limits.maxCellBytes) bytes")
            }
            out.append(c.cell)
        }
        return Row(number: number, cells: out)
    }

    private func unexpected(_ line: WireLine) -> MentorBaseError {
        child.killGroup()
        return child.protocolError(en: "sent a line that is neither a sheet nor a row (output line \(outputLine))",
                                   ru: "прислал строку, которая не лист и не строка таблицы (строка вывода \(outputLine))")
    }
}

/// Rows of one sheet, pulled from the plugin's output as it produces them.
final class ProcessRowCursor: RowCursor {
    private let session: ProcessReadSession
    private let sheetIndex: Int
    private let sheetName: String
    private var done = false

    init(session: ProcessReadSession, sheetIndex: Int, sheetName: String) {
        self.session = session
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
    }

    func next() throws -> Row? {
        guard !done, session.sheetIndex == sheetIndex else { return nil }
        if let row = try session.nextRow(sheet: sheetName) { return row }
        done = true
        return nil
    }
}

/// Feeds a running `write` process: a sheet line, then its rows, as JSON lines on its standard input.
final class ProcessTableWriter: TableWriter {
    private let plugin: ProcessFormatPlugin
    private let target: OutputTarget
    private let options: WriteOptions
    private var child: ChildProcess?
    private var buffer: [UInt8] = []
    private var rowNumber = 0
    private var finished = false

    init(plugin: ProcessFormatPlugin, target: OutputTarget, options: WriteOptions) {
        self.plugin = plugin
        self.target = target
        self.options = options
    }

    private func start() throws -> ChildProcess {
        if let child { return child }
        var arguments = ["write", target.filePath ?? "-"] + ProcessFormatPlugin.settingArguments(options.settings)
        if let d = options.dialect { arguments += ["--dialect", d] }
        let c = try ChildProcess(label: plugin.descriptor.id, executable: plugin.executable, arguments: arguments,
                                 pipeStdin: true, idleTimeout: plugin.timeouts.idle)
        if target.filePath == nil { c.stdoutSink = try target.openSink() }
        child = c
        return c
    }

    func beginSheet(_ spec: SheetSpec) throws {
        _ = try start()
        rowNumber = 0
        buffer += Array("{\"sheet\":".utf8)
        JSONText.appendString(spec.name, to: &buffer)
        buffer += Array(",\"hidden\":false}\n".utf8)
        try flushIfBig()
    }

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        _ = try start()
        rowNumber += 1
        buffer += Array("{\"row\":\(rowNumber),\"cells\":[".utf8)
        for (i, c) in cells.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            JSONText.appendCell(c, to: &buffer)
        }
        buffer += Array("]}\n".utf8)
        try flushIfBig()
    }

    private func flushIfBig() throws {
        if buffer.count >= 64 * 1024 { try flush() }
    }

    private func flush() throws {
        guard let child, !buffer.isEmpty else { return }
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        do {
            try child.write(bytes)
        } catch let e as MentorBaseError where e.code == "plugin-protocol-error" {
            // It stopped reading: its own account of why comes first.
            let status = try child.waitForExit()
            try ProcessFormatPlugin.check(status: status, child: child, file: target.name)
            throw e
        }
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        let child = try start()
        try flush()
        try child.finishInput()
        try child.drainOutput()
        let status = try child.waitForExit()
        try ProcessFormatPlugin.check(status: status, child: child, file: target.name)
        if let sink = child.stdoutSink { try sink.close() }
    }
}
