import Foundation
import MentorBase

/// A deliberately small tab-separated format whose bugs can be switched on, to prove the
/// conformance suite notices each kind of mistake a real plugin can make.
///
/// Without bugs it is a correct plugin: cells are tab-separated, rows end with `\n`, and
/// `\\`, `\t`, `\n` inside cells are escaped with a backslash.
struct ToyTabPlugin: FormatPlugin {
    /// Mistakes the plugin can be told to make (and two harmless ways of working).
    struct Quirks: OptionSet, Sendable {
        let rawValue: Int
        static let dropsLastRow = Quirks(rawValue: 1 << 0)
        static let manglesCyrillic = Quirks(rawValue: 1 << 1)
        static let keepsBOM = Quirks(rawValue: 1 << 2)
        static let greedySniff = Quirks(rawValue: 1 << 3)
        static let extensionOnlySniff = Quirks(rawValue: 1 << 4)
        static let plainErrors = Quirks(rawValue: 1 << 5)
        static let errorsWithoutFile = Quirks(rawValue: 1 << 6)
        static let loopsOnBadInput = Quirks(rawValue: 1 << 7)
        static let leavesSinkOpen = Quirks(rawValue: 1 << 8)
        static let rawLineBreaks = Quirks(rawValue: 1 << 9)
        static let firstChunkOnly = Quirks(rawValue: 1 << 10)
        static let claimsTypedValues = Quirks(rawValue: 1 << 11)
        static let claimsMultipleSheets = Quirks(rawValue: 1 << 12)
        /// Not a bug: writes a temporary file and copies it into the target, as libxlsxwriter-based writers do.
        static let writesThroughTemporaryFile = Quirks(rawValue: 1 << 13)
        /// Not a bug: declares only `.write`.
        static let writeOnly = Quirks(rawValue: 1 << 14)
    }

    var bugs: Quirks = []

    var descriptor: FormatDescriptor {
        var caps: FormatCapabilities = bugs.contains(.writeOnly) ? [.write] : [.read, .write, .streaming]
        if bugs.contains(.claimsTypedValues) { caps.insert(.typedValues) }
        if bugs.contains(.claimsMultipleSheets) { caps.insert(.multipleSheets) }
        return FormatDescriptor(id: "toytab", name: "Toy tab-separated", extensions: ["tab"], capabilities: caps)
    }

    func sniff(_ probe: SniffProbe) -> SniffMatch? {
        if bugs.contains(.greedySniff) { return SniffMatch(.content, reason: "always") }
        if !bugs.contains(.extensionOnlySniff), let s = String(validating: probe.head, as: UTF8.self),
           let firstLine = s.split(separator: "\n", omittingEmptySubsequences: false).first,
           firstLine.contains("\t"), !s.hasPrefix("["), !s.hasPrefix("{") {
            return SniffMatch(.plausibleContent, reason: "tabs in the first line")
        }
        return probe.fileExtension == "tab" ? SniffMatch(.fileExtension, reason: "extension .tab") : nil
    }

    func makeReader(source: InputSource, options: ReadOptions) throws -> any TableReader {
        var bytes: [UInt8]
        if bugs.contains(.firstChunkOnly) {
            // The bug: one read() taken as the whole input.
            var buf = [UInt8](repeating: 0, count: 1 << 20)
            let stream = try source.openStream()
            let n = try buf.withUnsafeMutableBytes { try stream.read(into: $0) }
            bytes = Array(buf.prefix(n))
        } else {
            bytes = try source.readAll(limit: options.limits.maxFileBytes)
        }
        if !bugs.contains(.keepsBOM) && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try ToyTabReader(bytes: bytes, name: source.name, bugs: bugs)
    }

    func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        if bugs.contains(.writesThroughTemporaryFile) {
            let path = target.filePath ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("toytab-\(UUID().uuidString).tab").path
            let file = try FileSink(path: path, displayName: target.name)
            return ToyTabWriter(sink: file, bugs: bugs) {
                if target.filePath == nil {
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    try target.copyFileToSink(path)
                }
            }
        }
        return ToyTabWriter(sink: try target.openSink(), bugs: bugs)
    }
}

/// A plain error type, for the bug where a plugin leaks its own errors.
struct ToyParseError: Error {}

final class ToyTabReader: TableReader {
    let sheets: [SheetInfo]
    let details = SourceDetails(encoding: "utf-8")
    let diagnostics = DiagnosticLog()
    private let rows: [Row]
    private let loops: Bool

    init(bytes: [UInt8], name: String, bugs: ToyTabPlugin.Quirks) throws {
        sheets = [SheetInfo(name: name)]
        var rows: [Row] = []
        var loops = false
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where !(i == lines.count - 1 && line.isEmpty) {
            let text: String
            if bugs.contains(.manglesCyrillic) {
                text = String(String.UnicodeScalarView(line.map { Unicode.Scalar($0) }))
            } else if let t = String(validating: line, as: UTF8.self) {
                text = t
            } else if bugs.contains(.loopsOnBadInput) {
                loops = true
                break
            } else if bugs.contains(.plainErrors) {
                throw ToyParseError()
            } else {
                let file: String? = bugs.contains(.errorsWithoutFile) ? nil : name
                throw MentorBaseError.encoding(SourceLocation(file: file, row: i + 1), encoding: "UTF-8")
            }
            let cells = text.split(separator: "\t", omittingEmptySubsequences: false).map { field -> Cell in
                let v = ToyTabReader.unescape(field)
                return v.isEmpty ? .empty : .text(v)
            }
            rows.append(Row(number: i + 1, cells: cells))
        }
        self.rows = rows
        self.loops = loops
    }

    func rows(inSheet index: Int) throws -> any RowCursor { ToyTabCursor(rows: rows, loops: loops) }

    static func unescape(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

final class ToyTabCursor: RowCursor {
    private let rows: [Row]
    private let loops: Bool
    private var i = 0

    init(rows: [Row], loops: Bool) {
        self.rows = rows
        self.loops = loops
    }

    func next() throws -> Row? {
        if i < rows.count {
            i += 1
            return rows[i - 1]
        }
        // The bug: stuck on a bad line, returning empty rows for ever.
        return loops ? Row(number: i + 1, cells: []) : nil
    }
}

final class ToyTabWriter: TableWriter {
    private let sink: any ByteSink
    private let bugs: ToyTabPlugin.Quirks
    private var held: [Cell]?
    private var out: [UInt8] = []
    private let afterClose: () throws -> Void

    init(sink: any ByteSink, bugs: ToyTabPlugin.Quirks, afterClose: @escaping () throws -> Void = {}) {
        self.sink = sink
        self.bugs = bugs
        self.afterClose = afterClose
    }

    func beginSheet(_ spec: SheetSpec) throws {}

    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        // Holding one row back lets the drops-last-row bug forget it.
        if let previous = held { emit(previous) }
        held = cells
    }

    private func emit(_ cells: [Cell]) {
        let line = cells.map { cell -> String in
            let t = cell.text()
            if bugs.contains(.rawLineBreaks) { return t.replacingOccurrences(of: "\t", with: "\\t") }
            return t.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n")
        }.joined(separator: "\t")
        out.append(contentsOf: line.utf8)
        out.append(0x0A)
    }

    func finish() throws {
        if let last = held, !bugs.contains(.dropsLastRow) { emit(last) }
        try sink.write(out)
        if !bugs.contains(.leavesSinkOpen) { try sink.close() }
        try afterClose()
    }
}
