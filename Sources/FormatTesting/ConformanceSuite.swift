import Foundation
import MentorBase

/// The checks every format plugin must pass, as a library any test framework can call.
///
/// The suite writes golden tables with the plugin's own writer, reads them back with its own
/// reader, and compares cell for cell; it feeds the reader its own output in small chunks, cut
/// short, with bytes changed, and random bytes; and it checks that sniffing ranks the plugin
/// first for its own output and does not claim other formats' output. Which checks run follows
/// the plugin's declared capabilities (`.read`, `.write`, `.typedValues`, `.dates`,
/// `.multipleSheets`, `.streaming`). Every failure message says what to fix.
///
/// With Swift Testing:
/// ```swift
/// import FormatTesting
/// import MentorFormats
/// import Testing
///
/// @Test func csvConforms() {
///     let report = ConformanceSuite.run(CSVPlugin(), registry: MentorFormats.builtinRegistry())
///     #expect(!report.checksRun.isEmpty)
///     #expect(report.failures.isEmpty, "\(report)")
/// }
/// ```
/// Variants are options: `ConformanceOptions(fileExtension: "ndjson", writeOptions: WriteOptions(dialect: "ndjson"))`.
/// The suite cannot catch a crash (a trap ends the test process, which is a failure too) nor
/// interrupt a `next()` that never returns; it does stop a reader that keeps returning rows.
public enum ConformanceSuite {
    /// Runs every check that applies to `plugin`. `registry` holds the plugins it must coexist with
    /// (the plugin is added to it if missing).
    public static func run(_ plugin: any FormatPlugin, registry: FormatRegistry,
                           options: ConformanceOptions = ConformanceOptions()) -> ConformanceReport {
        let runner = ConformanceRunner(plugin: plugin, registry: registry, options: options)
        runner.runAll()
        return runner.report
    }
}

/// One run's state: the plugin, its output of the golden table, and the report being filled.
final class ConformanceRunner {
    let plugin: any FormatPlugin
    let registry: FormatRegistry
    let options: ConformanceOptions
    let id: FormatID
    let caps: FormatCapabilities
    let ext: String
    var report: ConformanceReport
    private var current: ConformanceCheck = .roundTripGolden

    init(plugin: any FormatPlugin, registry: FormatRegistry, options: ConformanceOptions) {
        self.plugin = plugin
        self.options = options
        let d = plugin.descriptor
        id = d.id
        caps = d.capabilities
        ext = options.fileExtension ?? d.extensions.first ?? "dat"
        self.registry = registry.plugin(id: d.id) == nil ? registry.adding([plugin]) : registry
        report = ConformanceReport(plugin: d.id)
    }

    func runAll() {
        let canRead = caps.contains(.read)
        let canWrite = caps.contains(.write)
        let ownOutputChecks: [ConformanceCheck] = [
            .roundTripGolden, .roundTripHeaderOnly, .roundTripOneRow, .roundTripLongText, .typedValues, .dates,
            .multipleSheets, .fileTarget, .chunkedInput, .byteOrderMark, .sniffOwnOutput, .truncatedInput, .mutatedInput,
        ]
        if canRead && canWrite {
            run(.roundTripGolden) { try roundTrip(ConformanceSuite.goldenTable) }
            run(.roundTripHeaderOnly) { try roundTrip(ConformanceSuite.headerOnlyTable) }
            run(.roundTripOneRow) { try roundTrip(ConformanceSuite.oneRowTable) }
            run(.roundTripLongText) { try roundTrip(ConformanceSuite.longTextTable) }
            run(.typedValues) { try roundTrip(ConformanceSuite.typedTable, exactTypes: caps.contains(.typedValues)) }
            run(.dates) { try roundTrip(ConformanceSuite.datesTable, exactTypes: caps.contains(.dates)) }
            if caps.contains(.multipleSheets) {
                run(.multipleSheets) { try multipleSheets() }
            } else {
                skip(.multipleSheets, "the plugin does not declare .multipleSheets")
            }
            run(.fileTarget) { try fileTarget() }
            if caps.contains(.streaming) {
                run(.chunkedInput) { try chunkedInput() }
            } else {
                skip(.chunkedInput, "the plugin does not declare .streaming")
            }
            run(.byteOrderMark) { try byteOrderMark() }
            run(.sniffOwnOutput) { try sniffOwnOutput() }
            run(.truncatedInput) { try truncatedInput() }
            run(.mutatedInput) { try mutatedInput() }
        } else {
            let why = canRead ? "the plugin cannot write, so there is no output of its own to read"
                              : "the plugin cannot read"
            for c in ownOutputChecks { skip(c, why) }
        }
        if canRead {
            run(.emptyInput) { try emptyInput() }
            run(.randomInput) { try randomInput() }
            run(.sniffOthersOutput) { try sniffOthersOutput() }
        } else {
            for c in [ConformanceCheck.emptyInput, .randomInput, .sniffOthersOutput] { skip(c, "the plugin cannot read") }
        }
        if canWrite && !canRead {
            run(.writeTables) { try writeTables() }
        } else {
            skip(.writeTables, "covered by the round trips")
        }
    }

    // MARK: Bookkeeping

    private func run(_ check: ConformanceCheck, _ body: () throws -> Void) {
        if let reason = options.skip[check] {
            skip(check, reason)
            return
        }
        current = check
        report.checksRun.append(check.rawValue)
        do {
            try body()
        } catch let stop as CheckStopped {
            fail(stop.message)
        } catch {
            fail("unexpected error: \(describe(error))")
        }
    }

    private func skip(_ check: ConformanceCheck, _ reason: String) {
        // A check that finds out while running that it does not apply did not run.
        if check == current, report.checksRun.last == check.rawValue { report.checksRun.removeLast() }
        report.skipped.append(ConformanceSkip(check: check.rawValue, reason: reason))
    }

    private func fail(_ message: String) {
        report.failures.append(ConformanceFailure(check: current.rawValue, message: message))
    }

    /// Ends the current check with one failure.
    private struct CheckStopped: Error {
        var message: String
    }

    private func name(_ stem: String) -> String { "\(stem).\(ext)" }

    // MARK: Writing and reading

    /// The plugin's (or another plugin's) output of `tables`, written through a `MemorySink`.
    func write(_ tables: [ConformanceTable], with writerPlugin: (any FormatPlugin)? = nil, name: String) throws -> [UInt8] {
        let p = writerPlugin ?? plugin
        let sink = MemorySink()
        var wo = p.descriptor.id == id ? options.writeOptions : WriteOptions()
        wo.sheetCount = tables.count
        let writer = try p.makeWriter(target: OutputTarget(sink: sink, name: name), options: wo)
        for t in tables {
            try writer.beginSheet(SheetSpec(name: t.name))
            for r in t.rows { try writer.writeRow(r) }
        }
        try writer.finish()
        if p.descriptor.id == id && !sink.isClosed {
            throw CheckStopped(message: "finish() did not close the output sink: call close() on the ByteSink from "
                + "OutputTarget.openSink() (or use OutputTarget.copyFileToSink) so buffered bytes reach the file")
        }
        return sink.bytes
    }

    /// Writes `tables` with the plugin, turning a writer error into an actionable failure.
    private func ownOutput(_ tables: [ConformanceTable], what: String) throws -> [UInt8] {
        do {
            return try write(tables, name: name("conformance"))
        } catch let stop as CheckStopped {
            throw stop
        } catch let e as MentorBaseError where e.kind == .usage {
            throw CheckStopped(message: "the writer refused \(what) with \(describe(e)): if this variant of the format "
                + "truly cannot hold it, skip this check through ConformanceOptions.skip with the reason; otherwise "
                + "accept it (the capabilities promise it)")
        } catch {
            throw CheckStopped(message: "the writer threw \(describe(error)) while writing \(what): "
                + "it must accept every cell kind (text with quotes, line breaks, Cyrillic, empty cells) and rows of any length")
        }
    }

    struct SheetRows {
        var name: String
        var rows: [Row]
    }

    enum ReadOutcome {
        case sheets([SheetRows])
        case failed(any Error)
        /// More rows or sheets than `maxRowsPerRead`: the reader does not stop.
        case runaway(Int)
    }

    func read(_ bytes: [UInt8], name: String, chunkSize: Int = .max) -> ReadOutcome {
        read(InputSource(bytes: bytes, name: name, chunkSize: chunkSize))
    }

    func read(_ source: InputSource) -> ReadOutcome {
        do {
            let reader = try plugin.makeReader(source: source, options: options.readOptions)
            let sheets = reader.sheets
            if sheets.count > options.maxRowsPerRead { return .runaway(options.maxRowsPerRead) }
            var out: [SheetRows] = []
            var total = 0
            for (i, info) in sheets.enumerated() {
                let cursor = try reader.rows(inSheet: i)
                var rows: [Row] = []
                while let r = try cursor.next() {
                    rows.append(r)
                    total += 1
                    if total > options.maxRowsPerRead { return .runaway(options.maxRowsPerRead) }
                }
                out.append(SheetRows(name: info.name, rows: rows))
            }
            return .sheets(out)
        } catch {
            return .failed(error)
        }
    }

    /// The sheets read from the plugin's own output, or a failure saying the reader rejected it.
    private func readOwn(_ bytes: [UInt8], name: String, chunkSize: Int = .max, what: String) throws -> [SheetRows] {
        switch read(bytes, name: name, chunkSize: chunkSize) {
        case .sheets(let s):
            return s
        case .failed(let e):
            throw CheckStopped(message: "the reader threw \(describe(e)) on the plugin's own output of \(what)"
                + (chunkSize == .max ? "" : " fed \(chunkSize) byte(s) at a time")
                + ": the writer and the reader disagree; the output starts with \(preview(bytes))")
        case .runaway(let n):
            throw CheckStopped(message: "the reader returned more than \(n) rows or sheets for \(what) (\(bytes.count) bytes): "
                + "it does not stop at the end of the input")
        }
    }

    // MARK: Round trips

    private func roundTrip(_ table: ConformanceTable, exactTypes: Bool = true) throws {
        let what = "the table “\(table.name)” (\(table.rows.count - 1) data rows)"
        let bytes = try ownOutput([table], what: what)
        let sheets = try readOwn(bytes, name: name("conformance"), what: what)
        guard let first = sheets.first else {
            throw CheckStopped(message: "the reader returned no sheet for \(what) written by its own writer: "
                + "a single-table format reads as one sheet")
        }
        if table.rows.count == 1 && first.rows.isEmpty && options.headerOnlyTableMayReadAsEmpty { return }
        if let problem = compare(expected: table.rows, actual: first.rows, exactTypes: exactTypes, what: what) {
            fail(problem)
        }
        if let problem = checkRowNumbers(first.rows) { fail(problem) }
    }

    private func multipleSheets() throws {
        let tables = ConformanceSuite.workbookTables
        let what = "a workbook of \(tables.count) sheets"
        let bytes = try ownOutput(tables, what: what)
        let sheets = try readOwn(bytes, name: name("conformance"), what: what)
        let expectedNames = tables.map(\.name)
        let gotNames = sheets.map(\.name)
        guard gotNames == expectedNames else {
            throw CheckStopped(message: "wrote sheets \(quoteList(expectedNames)) and read back \(quoteList(gotNames)): "
                + "the writer must keep every sheet in order under its own name, and the reader must list them all")
        }
        for (t, s) in zip(tables, sheets) {
            if let problem = compare(expected: t.rows, actual: s.rows, exactTypes: true, what: "sheet “\(t.name)”") {
                fail(problem)
            }
        }
    }

    private func fileTarget() throws {
        let base = options.temporaryDirectory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("mentorbase-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conformance.\(ext)").path
        let table = ConformanceSuite.goldenTable
        var wo = options.writeOptions
        wo.sheetCount = 1
        do {
            let writer = try plugin.makeWriter(target: OutputTarget(path: path, displayName: "conformance.\(ext)"), options: wo)
            try writer.beginSheet(SheetSpec(name: table.name))
            for r in table.rows { try writer.writeRow(r) }
            try writer.finish()
        } catch {
            throw CheckStopped(message: "writing the golden table to a file path threw \(describe(error)) although writing "
                + "it to a sink worked: handle both OutputTarget(path:) and OutputTarget(sink:name:)")
        }
        switch read(InputSource(path: path, displayName: "conformance.\(ext)")) {
        case .sheets(let s):
            guard let first = s.first else {
                throw CheckStopped(message: "reading the golden table from a file returned no sheet")
            }
            if let problem = compare(expected: table.rows, actual: first.rows, exactTypes: true,
                                     what: "the golden table written to and read from a file") {
                fail(problem)
            }
        case .failed(let e):
            throw CheckStopped(message: "reading the golden table back from a file threw \(describe(e)) although it read "
                + "from memory: handle InputSource(path:) as well as in-memory sources (fileURL may be nil or not)")
        case .runaway(let n):
            throw CheckStopped(message: "reading the golden table from a file returned more than \(n) rows")
        }
    }

    // MARK: Streaming and BOM

    private func chunkedInput() throws {
        let cases: [(ConformanceTable, String)] = [
            (ConformanceSuite.goldenTable, "the golden table"),
            (ConformanceSuite.longTextTable, "the long-text table"),
            (ConformanceSuite.typedTable, "the typed table"),
        ]
        for (table, what) in cases {
            let bytes = try ownOutput([table], what: what)
            let whole = try readOwn(bytes, name: name("chunked"), what: what)
            for size in options.chunkSizes {
                switch read(bytes, name: name("chunked"), chunkSize: size) {
                case .sheets(let got):
                    if let d = firstDifference(whole, got) {
                        fail("fed \(size) byte(s) at a time, \(what) reads differently than in one piece: \(d); "
                             + "a value split between two read() calls must be joined (keep partial bytes and decoder "
                             + "state between reads, and do not assume read() fills the buffer)")
                    }
                case .failed(let e):
                    fail("fed \(size) byte(s) at a time, the reader threw \(describe(e)) on \(what), which it reads in "
                         + "one piece: a token, multi-byte character or line break split between two read() calls must "
                         + "be handled (read() may return fewer bytes than asked, even 1)")
                case .runaway(let n):
                    fail("fed \(size) byte(s) at a time, the reader returned more than \(n) rows for \(what): "
                         + "a short read() must not be taken as a record boundary")
                }
            }
        }
    }

    private func byteOrderMark() throws {
        let table = ConformanceSuite.goldenTable
        let bytes = try ownOutput([table], what: "the golden table")
        let isText = options.isText ?? (String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0))
        guard isText else {
            skip(.byteOrderMark, "the output is not UTF-8 text (set ConformanceOptions.isText to force the check)")
            return
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let plain = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
        let withBOM = bom + plain
        let a = try readOwn(plain, name: name("bom"), what: "the golden table without a BOM")
        let b = try readOwn(withBOM, name: name("bom"), what: "the golden table with a UTF-8 BOM in front")
        if let d = firstDifference(a, b) {
            var hint = "skip the bytes EF BB BF at the very start before parsing"
            if case .text(let s)? = b.first?.rows.first?.cells.first, s.hasPrefix("\u{FEFF}") {
                hint = "the BOM ended up in the first header cell; " + hint
            }
            fail("with a UTF-8 BOM in front of its own output the reader returns different rows: \(d); \(hint)")
        }
        if caps.contains(.streaming) {
            if case .sheets(let c) = read(withBOM, name: name("bom"), chunkSize: 1), firstDifference(a, c) != nil {
                fail("with a BOM in front and 1-byte chunks the rows differ: recognise the BOM even when its three "
                     + "bytes arrive in separate reads")
            }
        }
    }

    // MARK: Sniffing

    private func sniffOwnOutput() throws {
        let bytes = try ownOutput([ConformanceSuite.goldenTable], what: "the golden table")
        let head = Array(bytes.prefix(64 * 1024))
        var extensions: [String?] = [nil, ext]
        for p in registry.plugins where p.descriptor.id != id {
            if let e = p.descriptor.extensions.first, !extensions.contains(e) { extensions.append(e) }
        }
        extensions.append("dat")
        for e in extensions {
            let ranked = registry.candidates(for: SniffProbe(head: head, fileExtension: e))
            let label = e.map { "named “conformance.\($0)”" } ?? "with no file extension"
            guard let top = ranked.first else {
                fail("\(label), its own output is claimed by no plugin (its sniff returned nil): recognise the "
                     + "format from its first bytes, which are \(preview(bytes))")
                continue
            }
            if top.plugin.descriptor.id != id {
                let list = ranked.map { "\($0.plugin.descriptor.id) (\($0.match.confidence), \($0.match.reason))" }
                    .joined(separator: ", ")
                fail("\(label), its own output is ranked \(list): sniff should return .content for bytes that have "
                     + "this format's structure, so content beats a wrong extension (the output starts with \(preview(bytes)))")
            }
        }
    }

    private func sniffOthersOutput() throws {
        var compared = 0
        for other in registry.plugins where other.descriptor.id != id && other.descriptor.capabilities.contains(.write) {
            let otherExt = other.descriptor.extensions.first ?? "dat"
            let bytes: [UInt8]
            do {
                bytes = try write([ConformanceSuite.goldenTable], with: other, name: "other.\(otherExt)")
            } catch {
                report.skipped.append(ConformanceSkip(
                    check: ConformanceCheck.sniffOthersOutput.rawValue,
                    reason: "\(other.descriptor.id) could not write the golden table (\(describe(error))); its own suite reports why"))
                continue
            }
            compared += 1
            let probe = SniffProbe(head: Array(bytes.prefix(64 * 1024)), fileExtension: nil)
            if let m = plugin.sniff(probe), m.confidence == .content {
                fail("claims .content confidence (\(m.reason)) for the \(other.descriptor.id) plugin's output, which "
                     + "starts with \(preview(bytes)): claim .content only when the bytes have this format's structure, "
                     + ".plausibleContent when they merely could be read")
            }
        }
        if compared == 0 {
            skip(.sniffOthersOutput, "no other registered plugin wrote the golden table")
        }
    }

    // MARK: Bad input

    private func emptyInput() throws {
        let n = name("empty")
        judgeBadInput(read([], name: n), name: n, what: "zero bytes", allowRows: false)
    }

    private func truncatedInput() throws {
        let bytes = try ownOutput([ConformanceSuite.goldenTable], what: "the golden table")
        let n = bytes.count
        guard n > 2 else { return }
        let points = Set([1, 2, n / 10, n / 4, n / 3, n / 2, 2 * n / 3, 3 * n / 4, n - 2, n - 1]).filter { $0 > 0 && $0 < n }
        let chunk = caps.contains(.streaming) ? 7 : Int.max
        for p in points.sorted() {
            let fileName = name("truncated-at-\(p)")
            judgeBadInput(read(Array(bytes.prefix(p)), name: fileName, chunkSize: chunk), name: fileName,
                          what: "its own output cut to \(p) of \(n) bytes", allowRows: true)
        }
    }

    private func mutatedInput() throws {
        let bytes = try ownOutput([ConformanceSuite.goldenTable], what: "the golden table")
        guard bytes.count > 4 else { return }
        var rng = SplitMix64(seed: options.seed)
        let chunk = caps.contains(.streaming) ? 7 : Int.max
        for k in 0..<12 {
            var b = bytes
            let at = Int(rng.next() % UInt64(b.count))
            let what: String
            switch k % 4 {
            case 0:
                b[at] = UInt8(truncatingIfNeeded: rng.next())
                what = "byte \(at) replaced"
            case 1:
                b.insert([0xFF, 0x00, 0x22, 0x5B, 0x7B][Int(rng.next() % 5)], at: at)
                what = "a byte inserted at \(at)"
            case 2:
                b.remove(at: at)
                what = "byte \(at) removed"
            default:
                let len = min(b.count - at, 1 + Int(rng.next() % 64))
                b.replaceSubrange(at..<(at + len), with: repeatElement(UInt8(0xFF), count: len))
                what = "\(len) bytes from \(at) overwritten with 0xFF"
            }
            let fileName = name("mutated-\(k)")
            judgeBadInput(read(b, name: fileName, chunkSize: chunk), name: fileName,
                          what: "its own output with \(what) (seed \(options.seed))", allowRows: true)
        }
    }

    private func randomInput() throws {
        var rng = SplitMix64(seed: options.seed ^ 0x5EED)
        let inputs: [(String, [UInt8])] = [
            ("1 random byte", (0..<1).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
            ("16 random bytes", (0..<16).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
            ("512 random bytes", (0..<512).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
            ("4096 random bytes", (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
            ("2000 random printable ASCII bytes", (0..<2000).map { _ in UInt8(0x20 + rng.next() % 95) }),
            ("a zip signature followed by junk", [0x50, 0x4B, 0x03, 0x04] + (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
        ]
        for (i, (what, bytes)) in inputs.enumerated() {
            let fileName = name("random-\(i)")
            judgeBadInput(read(bytes, name: fileName, chunkSize: caps.contains(.streaming) ? 7 : .max),
                          name: fileName, what: what, allowRows: true)
        }
    }

    /// Bad input may give rows, or a `MentorBaseError` of kind `.data` whose location names the file.
    private func judgeBadInput(_ outcome: ReadOutcome, name fileName: String, what: String, allowRows: Bool) {
        switch outcome {
        case .sheets(let sheets):
            if !allowRows {
                let withValues = sheets.flatMap(\.rows).filter { !$0.cells.allSatisfy(\.isEmpty) }
                if let r = withValues.first {
                    fail("from \(what) the reader returned \(withValues.count) row(s) with values, the first \(show(r.cells)): "
                         + "empty input holds no data")
                }
            }
        case .runaway(let n):
            fail("from \(what) the reader returned more than \(n) rows or sheets: it does not stop at the end of the input "
                 + "(a loop that does not consume bytes?)")
        case .failed(let error):
            guard let e = error as? MentorBaseError else {
                fail("from \(what) the reader threw \(describe(error)) instead of a MentorBaseError: catch the library's "
                     + "errors and throw MentorBaseError (kind .data) with a SourceLocation naming the file")
                return
            }
            if e.location.file != fileName {
                fail("from \(what) the reader threw \(describe(e)) whose location names "
                     + "\(e.location.file.map { "“\($0)”" } ?? "no file"), not “\(fileName)”: set SourceLocation.file "
                     + "to InputSource.name so the user knows which file is broken")
            }
            if e.kind != .data {
                fail("from \(what) the reader threw an error of kind .\(e.kind.rawValue) (\(e.code)): broken content is a "
                     + "data problem, use kind .data (exit 1); .io is for files that cannot be opened or read")
            }
        }
    }

    // MARK: Write-only plugins

    private func writeTables() throws {
        var tables = [ConformanceSuite.goldenTable, ConformanceSuite.headerOnlyTable, ConformanceSuite.oneRowTable,
                      ConformanceSuite.longTextTable, ConformanceSuite.typedTable, ConformanceSuite.datesTable]
        for t in tables {
            let bytes = try ownOutput([t], what: "the table “\(t.name)”")
            if bytes.isEmpty { fail("writing the table “\(t.name)” produced no bytes") }
        }
        if caps.contains(.multipleSheets) {
            tables = ConformanceSuite.workbookTables
            _ = try ownOutput(tables, what: "a workbook of \(tables.count) sheets")
        }
    }

    // MARK: Comparing

    private func checkRowNumbers(_ rows: [Row]) -> String? {
        var previous = 0
        for r in rows {
            if r.number < 1 || r.number < previous {
                let list = rows.prefix(12).map { String($0.number) }.joined(separator: ", ")
                return "row numbers go \(list)…: Row.number must be the 1-based row a person sees, never decreasing"
            }
            previous = r.number
        }
        return nil
    }

    /// The first difference between two reads of the same bytes (sheets, rows, row numbers, cells), or nil.
    private func firstDifference(_ a: [SheetRows], _ b: [SheetRows]) -> String? {
        if a.map(\.name) != b.map(\.name) { return "sheets \(quoteList(a.map(\.name))) became \(quoteList(b.map(\.name)))" }
        for (s, t) in zip(a, b) {
            if s.rows.count != t.rows.count { return "sheet “\(s.name)” has \(t.rows.count) rows instead of \(s.rows.count)" }
            for (i, (r, q)) in zip(s.rows, t.rows).enumerated() where r != q {
                if r.number != q.number { return "row \(i + 1) is numbered \(q.number) instead of \(r.number)" }
                return "row \(i + 1) reads \(show(q.cells)) instead of \(show(r.cells))"
            }
        }
        return nil
    }

    /// Compares what was written with what was read; nil when they match.
    func compare(expected: [[Cell]], actual: [Row], exactTypes: Bool, what: String) -> String? {
        let header = expected.first ?? []
        for (i, (e, row)) in zip(expected, actual).enumerated() {
            let en = normalized(e)
            let an = normalized(row.cells)
            let width = max(en.count, an.count)
            for j in 0..<width {
                let ec = j < en.count ? en[j] : .empty
                let ac = j < an.count ? an[j] : .empty
                if same(ec, ac, exact: exactTypes || i == 0) { continue }
                let column = j < header.count ? " «\(header[j].text())»" : ""
                let rowLabel = i == 0 ? "the header row" : "data row \(i)"
                return "in \(what), \(rowLabel) (read as row \(row.number)), column \(j + 1)\(column): wrote \(show(ec)), "
                    + "read \(show(ac)); \(hint(ec, ac, exact: exactTypes))"
            }
        }
        if expected.count != actual.count {
            let e = expected.count, a = actual.count
            var msg = "the reader returned \(a) rows for a \(e)-row table (header included) written by its own writer "
                + "(\(what)): "
            if a < e {
                msg += a == 0 ? "nothing came back; check that the writer writes the rows and the reader returns them"
                    : "the last \(e - a) row(s) are missing; check that finish() writes out everything still buffered and "
                    + "that the reader returns the final record even when the input ends without a line break"
            } else {
                msg += "\(a - e) extra row(s), the first \(show(actual[e].cells)); check that line breaks inside cells do "
                    + "not start new rows and that the writer adds no blank rows"
            }
            return msg
        }
        return nil
    }

    /// Empty text is empty; trailing empty cells do not count (formats differ on ragged rows).
    private func normalized(_ cells: [Cell]) -> [Cell] {
        var out = cells.map { (c: Cell) -> Cell in
            if case .text(let s) = c, s.isEmpty { return .empty }
            return c
        }
        while let last = out.last, last == .empty { out.removeLast() }
        return out
    }

    private func same(_ e: Cell, _ a: Cell, exact: Bool) -> Bool {
        if e == a { return true }
        if exact { return false }
        let t = a.text()
        switch e {
        case .date(let d): return t == d.iso || t == d.russian
        case .dateTime(let d): return t == d.iso || t == d.russian || t == d.iso.replacingOccurrences(of: "T", with: " ")
        default: return e.text() == t
        }
    }

    private func hint(_ e: Cell, _ a: Cell, exact: Bool) -> String {
        switch (e, a) {
        case (.text, .number), (.text, .boolean), (.text, .date), (.text, .dateTime):
            return "text that looks like a number, boolean or date must stay text: the writer must store it as text and the "
                + "reader must not guess types"
        case (.number, _), (.boolean, _):
            return exact
                ? "the plugin declares .typedValues, so numbers and booleans must come back as .number/.boolean with the "
                    + "same value (write them as numbers, read them as numbers, keep full precision)"
                : "the value's text form changed; write numbers in Cell.text() form (shortest round-trip, no trailing .0)"
        case (.date, _), (.dateTime, _):
            return exact
                ? "the plugin declares .dates, so dates must come back as .date/.dateTime (give date cells a date "
                    + "format when writing; map date formats back to dates when reading)"
                : "dates in a format without date cells must be written as ISO (YYYY-MM-DD) or Russian (DD.MM.YYYY) text"
        case (_, .empty):
            return "a value was lost: check that the writer writes every cell of the row and the reader does not drop or "
                + "shift cells"
        case (.empty, _):
            return "an empty cell came back with a value: cells are shifted (a missing or extra delimiter?)"
        case (.text(let es), .text(let aus)):
            return textHint(es, aus)
        default:
            return "the cell changed kind or value on the way through"
        }
    }

    private func textHint(_ e: String, _ a: String) -> String {
        if e.contains("\n") && !a.contains("\n") {
            return "a line break inside a cell was lost: quote or escape it when writing and keep it when reading"
        }
        if e.hasPrefix("=") && !a.hasPrefix("=") {
            return "a leading “=” was dropped or evaluated: store such cells as plain text"
        }
        if e.utf8.count > 1000 && a.utf8.count < e.utf8.count {
            return "a long cell (\(e.utf8.count) bytes) came back as \(a.utf8.count) bytes: look for fixed-size buffers "
                + "or limits that cut it"
        }
        if e.trimmingCharacters(in: .whitespaces) == a.trimmingCharacters(in: .whitespaces) {
            return "spaces at the edges of the cell changed: keep leading and trailing spaces"
        }
        if e.unicodeScalars.contains(where: { !$0.isASCII }) {
            return "non-ASCII text (Cyrillic, «», emoji) changed: write UTF-8 and decode it as UTF-8, including "
                + "characters whose bytes arrive in separate reads"
        }
        if e.contains("\"") || e.contains("'") {
            return "quote characters changed: check how the writer escapes or doubles quotes and how the reader undoes it"
        }
        if e.contains("\\") {
            return "a backslash changed: check the writer's and the reader's escaping"
        }
        if e.contains(";") || e.contains(",") || e.contains("\t") || e.contains("|") {
            return "a delimiter character inside a cell changed the cell: quote cells that contain delimiters"
        }
        return "check the writer's escaping and the reader's unescaping of this value"
    }

    // MARK: Describing

    func show(_ c: Cell) -> String {
        switch c {
        case .empty: return "an empty cell"
        case .text(let s): return "text " + clip(s)
        case .number(let n): return "number \(Cell.format(number: n))"
        case .boolean(let b): return "boolean \(b)"
        case .date(let d): return "date \(d.iso)"
        case .dateTime(let d): return "date-time \(d.iso)"
        case .error(let e): return "error \(e)"
        }
    }

    private func show(_ cells: [Cell]) -> String {
        "[" + cells.prefix(8).map { c -> String in
            switch c {
            case .empty: return "∅"
            case .text(let s): return clip(s)
            default: return c.text()
            }
        }.joined(separator: ", ") + (cells.count > 8 ? ", …]" : "]")
    }

    private func clip(_ s: String) -> String {
        let q = JSONText.quote(s)
        return q.count > 70 ? String(q.prefix(60)) + "…\" (\(s.utf8.count) bytes)" : q
    }

    private func quoteList(_ names: [String]) -> String { "[" + names.map { "“\($0)”" }.joined(separator: ", ") + "]" }

    /// The first bytes, as text when they are text.
    private func preview(_ bytes: [UInt8]) -> String {
        // Cutting inside a multi-byte character is not binary: try a few shorter cuts.
        for cut in stride(from: min(48, bytes.count), through: max(0, min(48, bytes.count) - 3), by: -1) {
            if let s = String(validating: bytes.prefix(cut), as: UTF8.self) {
                return JSONText.quote(s) + (bytes.count > cut ? "…" : "")
            }
        }
        let head = Array(bytes.prefix(16))
        return head.map { String(format: "%02X", $0) }.joined(separator: " ") + (bytes.count > 16 ? " …" : "")
    }

    private func describe(_ error: any Error) -> String {
        if let e = error as? MentorBaseError { return "MentorBaseError \(e.description)" }
        return "\(type(of: error)): \(error)"
    }
}

/// A small seeded generator (SplitMix64) so random inputs are the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
