import Foundation
import MentorBase
import MentorSchema
import MentorStore

/// Turns validated rows into the store's records, reusing one set of assembler slots from row
/// to row (no dictionary of fields per row).
struct RowAssembler {
    private var input = AssemblerFields()
    private var slots: AssemblerSlots?
    /// The keys of the last name referred to (the same mentor on row after row of a mentee base).
    private var memo = ReferenceKeyMemo()

    /// `RecordAssembler.assemble(kind:fields: rec.fields.mapValues(FieldInput.init), …)`, by slot.
    mutating func assemble(_ rec: ValidatedRecord, kind: ImportKind, raw: [(String, String)],
                           diagnostics: [Diagnostic]) -> IncomingRecord {
        fill(rec)
        return RecordAssembler.assemble(kind: kind, fields: input, location: rec.location, raw: raw, diagnostics: diagnostics)
    }

    /// The record with its keys and stored values (none for a record with errors): what the
    /// one-pass import hands to the store.
    mutating func keyed(_ rec: inout ValidatedRecord, kind: ImportKind) -> KeyedRecord {
        let s = slots(for: rec)
        rec.moveValues(into: &input, slots: s)
        // The location and the diagnostics move from the validated record into the store's record.
        var location = SourceLocation()
        swap(&location, &rec.location)
        var diagnostics: [Diagnostic] = []
        swap(&diagnostics, &rec.diagnostics)
        var keys: RecordKeys?
        let record = RecordAssembler.assembleKeyed(kind: kind, lending: &input, location: consume location,
                                                   diagnostics: consume diagnostics, keys: &keys, memo: &memo)
        return KeyedRecord(record: record, keys: keys)
    }

    private mutating func fill(_ rec: ValidatedRecord) {
        rec.fill(&input, slots: slots(for: rec))
    }

    /// The slots of the record's schema, made once per schema.
    private mutating func slots(for rec: ValidatedRecord) -> AssemblerSlots {
        if let current = slots, current.schema === rec.schema { return current }
        let s = AssemblerSlots(rec.schema)
        slots = s
        return s
    }
}

/// The one-pass worker's assembler and batch sender.
struct RowHandover {
    var assembler = RowAssembler()
    /// Batches of a chunk: the store takes each as its chunk, records uncopied.
    var sender = BatchSender<KeyedRecord>(size: SQLStore.defaultChunkSize)

    /// Assembles and keys `rec` (its values, location and diagnostics moved out), adding it to the
    /// batch; false when the store cancelled.
    mutating func send(_ rec: inout ValidatedRecord, kind: ImportKind, to channel: BoundedChannel<[KeyedRecord]>) -> Bool {
        sender.send(to: channel) { assembler.keyed(&rec, kind: kind) }
    }
}

/// What the first pass over a file found: the kind, and the diagnostics that do not arrive with
/// their row's record (set-tier findings such as duplicate keys come after the last row).
struct ValidationPrepass {
    struct RowKey: Hashable {
        var sheet: String?
        var row: Int
    }

    var summary: TableValidation.Summary
    /// Late findings about rows that produced records: attached to those records in the second pass.
    var late: [RowKey: [Diagnostic]]
    /// Findings about no particular record (the header, the file).
    var general: [Diagnostic]
}

/// Import through the validator.
///
/// The usual way is one pass (``StreamingCursor``): a worker thread validates and assembles the
/// rows and hands them to the store in batches while the store plans and writes the ones before,
/// so validation and SQL keep both cores busy. A few files need two passes — the first finds the
/// kind and the diagnostics that arrive after their row (set-tier findings such as duplicate
/// keys), the second validates again and attaches them (``Cursor``): when such a late finding
/// hits a row that was already planned, when a whole-file error means the store must not be
/// touched, and for questionnaires (their raw answers need the header titles). The one-pass run
/// notices those cases and gives way to the two-pass run (its transaction rolled back), so the
/// outcome is the same whichever way the file went.
enum ValidatedImport {
    struct Setup: @unchecked Sendable {
        // `@unchecked Sendable`: plain values plus a plugin (Sendable) and a map file (immutable);
        // the worker thread makes its own reader from them and shares nothing with the caller.
        var path: String
        var plugin: any FormatPlugin
        var readOptions: ReadOptions
        var kind: RecordKind?
        var mapFile: MappingFile?
        var options: ValidationOptions
        var sheets: [Int]?
    }

    /// What an import through the validator returns beside the store's report.
    struct Result {
        var report: ImportReport
        var kind: ImportKind
        var kindReason: Localized?
    }

    static func namedSheets(_ reader: any TableReader, _ plugin: any FormatPlugin) -> Bool {
        reader.sheets.count > 1 || plugin.descriptor.capabilities.contains(.styling)
    }

    /// Validates, plans and applies the file. `openStore` is called only when the file is good
    /// enough to plan; `request` makes the store's request once the kind is known.
    static func run(_ setup: Setup, acceptValid: Bool, dryRun: Bool, openStore: () throws -> any Store,
                    request: (ImportKind) throws -> ImportRequest) throws -> Result {
        if ProcessInfo.processInfo.environment["MENTORBASE_IMPORT_PASSES"] != "2" {
            let cursor = StreamingCursor(setup, acceptValid: acceptValid)
            defer { cursor.stop() }
            if let kind = try cursor.start() {
                let store = try openStore()
                defer { store.close() }
                do {
                    var report = try store.importRecords(try request(kind), from: cursor)
                    var log = DiagnosticLog()
                    log.append(contentsOf: cursor.general)
                    log.append(contentsOf: cursor.unmatched)
                    log.append(log: report.diagnostics)
                    report.diagnostics = log
                    return Result(report: report, kind: kind, kindReason: cursor.kindReason)
                } catch is NeedsTwoPasses {
                    // Rolled back: the two-pass run below decides instead.
                }
            }
        }
        return try twoPasses(setup, acceptValid: acceptValid, dryRun: dryRun, openStore: openStore, request: request)
    }

    /// The two-pass import: a first pass for the kind and the late findings, a second to import.
    static func twoPasses(_ setup: Setup, acceptValid: Bool, dryRun: Bool, openStore: () throws -> any Store,
                          request: (ImportKind) throws -> ImportRequest) throws -> Result {
        let prepass = try ValidatedImport.prepass(setup)
        let importKind = prepass.summary.kind
        let generalErrors = prepass.general.filter { $0.severity == .error }.count
        if generalErrors > 0 && !acceptValid {
            // The file as a whole is wrong (a missing column, say): the store is not even opened.
            var log = DiagnosticLog()
            log.append(contentsOf: prepass.general)
            return Result(report: ImportReport(dryRun: dryRun, diagnostics: log, stop: .rejected(generalErrors)),
                          kind: importKind, kindReason: prepass.summary.kindReason)
        }
        let store = try openStore()
        defer { store.close() }
        let cursor = ValidatedImport.Cursor(setup, prepass: prepass, importKind: importKind)
        var report = try store.importRecords(try request(importKind), from: cursor)
        var log = DiagnosticLog()
        log.append(contentsOf: prepass.general)
        log.append(contentsOf: cursor.unmatched)
        log.append(log: report.diagnostics)
        report.diagnostics = log
        return Result(report: report, kind: importKind, kindReason: prepass.summary.kindReason)
    }

    /// The one-pass run met a file that needs the two-pass run (thrown from the store's cursor, so
    /// the store rolls its transaction back).
    struct NeedsTwoPasses: Error {}

    /// The first pass: validates everything, keeping only what does not travel with a record.
    static func prepass(_ setup: Setup) throws -> ValidationPrepass {
        let reader = try setup.plugin.makeReader(source: InputSource(path: setup.path), options: setup.readOptions)
        var pending: [Diagnostic] = []
        var late: [ValidationPrepass.RowKey: [Diagnostic]] = [:]
        var loose: [Diagnostic] = []
        let summary = try TableValidation(kind: setup.kind, mapFile: setup.mapFile, options: setup.options).run(
            reader: reader, file: setup.path, namedSheets: namedSheets(reader, setup.plugin), sheets: setup.sheets,
            onRecord: { rec in
                // A record's own diagnostics were reported just before it, in order: drop them.
                pending.removeLast(min(rec.diagnostics.count, pending.count))
                loose.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            },
            onDiagnostic: { pending.append($0) })
        loose.append(contentsOf: pending)
        var general: [Diagnostic] = []
        for d in loose {
            if let row = d.location.row {
                late[ValidationPrepass.RowKey(sheet: d.location.sheet, row: row), default: []].append(d)
            } else {
                general.append(d)
            }
        }
        general.append(contentsOf: reader.diagnostics.items)
        return ValidationPrepass(summary: summary, late: late, general: general)
    }

    typealias Keyed = KeyedRecord

    /// The one-pass cursor: validation on a worker thread, records handed over in batches.
    final class StreamingCursor: KeyedRecordCursor {
        private let setup: Setup
        private let acceptValid: Bool
        private let channel = BoundedChannel<[Keyed]>(capacity: 4)
        private let state = StreamState()
        private var receiver = BatchReceiver<Keyed>()
        private var started = false
        /// Why the kind was chosen, when it was guessed (known once the stream has ended).
        var kindReason: Localized? { state.headline().1 }

        init(_ setup: Setup, acceptValid: Bool) {
            self.setup = setup
            self.acceptValid = acceptValid
        }

        deinit { channel.cancel() }

        /// Starts validating and waits for the first batch: the kind of the rows, or nil when this
        /// file needs the two-pass run (no rows, a questionnaire, a whole-file error that must keep
        /// the store untouched). Errors that stop validation (no header, say) are thrown as is.
        func start() throws -> ImportKind? {
            started = true
            let setup = self.setup
            let channel = self.channel
            let state = self.state
            let thread = Thread {
                // The validating thread (and the CSV reader it starts) runs ahead of the store's
                // two threads, which set the pace: with three threads busy on two cores, the
                // cores go to those first (1M-row import, four alternating pairs: 10.46 s →
                // 9.70 s on the means).
                ThreadScheduling.yieldToDownstream()
                ValidatedImport.StreamingCursor.work(setup, channel, state)
            }
            thread.name = "mentorbase.validate"
            thread.start()
            guard let first = try channel.take(), !first.isEmpty else {
                return nil
            }
            receiver.resume(with: first)
            let (k, _, generalErrors, twoPasses) = state.headline()
            if twoPasses || (generalErrors > 0 && !acceptValid) { return nil }
            return k
        }

        /// Stops the worker (it notices at its next hand-over).
        func stop() { channel.cancel() }

        func next() throws -> IncomingRecord? { try nextKeyed()?.record }

        func nextKeyed() throws -> Keyed? {
            guard let r = try receiver.next(from: channel) else {
                try finish()
                return nil
            }
            return r
        }

        func nextKeyedBatch() throws -> [Keyed]? {
            guard let b = try receiver.nextBatch(from: channel) else {
                try finish()
                return nil
            }
            return b
        }

        /// At the end of the stream: gives way to the two-pass run when the stream turned out to need it.
        private func finish() throws {
            let (_, _, generalErrors, twoPasses) = state.headline()
            if twoPasses || (generalErrors > 0 && !acceptValid) { throw NeedsTwoPasses() }
            if state.lateHitsRecord() { throw NeedsTwoPasses() }
        }

        /// Findings about no particular row (the header, the file).
        var general: [Diagnostic] { state.generalList }
        /// Findings about rows that produced no record (a header row, say).
        var unmatched: [Diagnostic] { state.looseRowList }

        /// The worker: validates, assembles, computes keys, hands over in batches.
        private static func work(_ setup: Setup, _ channel: BoundedChannel<[Keyed]>, _ state: StreamState) {
            do {
                let reader = try setup.plugin.makeReader(source: InputSource(path: setup.path), options: setup.readOptions)
                var pending: [Diagnostic] = []
                var handover = RowHandover()
                var kind: ImportKind?
                let summary = try TableValidation(kind: setup.kind, mapFile: setup.mapFile, options: setup.options).run(
                    reader: reader, file: setup.path, namedSheets: ValidatedImport.namedSheets(reader, setup.plugin),
                    sheets: setup.sheets,
                    onOwnedRecord: { rec in
                        pending.removeLast(min(rec.diagnostics.count, pending.count))
                        if !pending.isEmpty {
                            state.addLoose(pending)
                            pending.removeAll(keepingCapacity: true)
                        }
                        if kind == nil {
                            // Questionnaires keep their raw answers under the header's titles, which
                            // the validator gives only at the end: they take the two-pass run.
                            let k = rec.kind
                            guard !k.isQuestionnaire else {
                                state.needTwoPasses()
                                throw CancellationError()
                            }
                            kind = k
                            state.setKind(k)
                        } else if rec.kind.rawValue != kind?.rawValue {
                            state.needTwoPasses()
                            throw CancellationError()
                        }
                        state.noteRecord(sheet: rec.location.sheet, row: rec.row)
                        if !handover.send(&rec, kind: kind ?? .mentees, to: channel) { throw CancellationError() }
                    },
                    onDiagnostic: { pending.append($0) })
                state.addLoose(pending)
                state.addGeneral(reader.diagnostics.items)
                state.finishKind(summary.kindReason)
                if !handover.sender.flush(to: channel) { throw CancellationError() }
                channel.close()
            } catch {
                channel.close(error: state.twoPassesNeeded ? nil : error)
            }
        }
    }

    /// The second pass as the store's pull cursor.
    final class Cursor: IncomingRecordCursor {
        private let channel = BoundedChannel<IncomingRecord>(capacity: 512)
        private let importKind: ImportKind
        /// Late findings whose row produced no record in the second pass (header rows, say).
        private let leftovers = LockedList()

        init(_ setup: Setup, prepass: ValidationPrepass, importKind: ImportKind) {
            self.importKind = importKind
            let channel = self.channel
            let leftovers = self.leftovers
            var prepared = setup
            prepared.kind = prepass.summary.kind
            // Only the sheets the first pass validated: with the kind now given, a sheet of another
            // kind that the first pass left out (an error workbook's «Ошибки») would be read as this one.
            prepared.sheets = prepass.summary.sheets.map(\.index)
            let setup = prepared
            let late = prepass.late
            // The file's own header titles per sheet, for the raw answers kept with each record.
            var titles: [String?: [Int: String]] = [:]
            for sheet in prepass.summary.sheets {
                titles[sheet.name] = Dictionary(sheet.mapping.columns.map { ($0.column, $0.header) }, uniquingKeysWith: { a, _ in a })
            }
            let headerTitles = titles
            let thread = Thread {
                do {
                    var late = late
                    var assembler = RowAssembler()
                    let reader = try setup.plugin.makeReader(source: InputSource(path: setup.path), options: setup.readOptions)
                    _ = try TableValidation(kind: setup.kind, mapFile: setup.mapFile, options: setup.options).run(
                        reader: reader, file: setup.path, namedSheets: ValidatedImport.namedSheets(reader, setup.plugin),
                        sheets: setup.sheets,
                        onRecord: { rec in
                            let key = ValidationPrepass.RowKey(sheet: rec.location.sheet, row: rec.row)
                            let extra = late.removeValue(forKey: key) ?? []
                            // Only questionnaires keep the raw answers (under the header's titles).
                            var raw: [(String, String)] = []
                            if importKind.isQuestionnaire {
                                let sheetTitles = headerTitles[rec.location.sheet] ?? [:]
                                let names = rec.raw.indices.map { sheetTitles[$0 + 1] ?? SourceLocation.letter(forColumn: $0 + 1) }
                                raw = zip(names, rec.raw).map { ($0, $1.text(dateStyle: .russian)) }
                            }
                            let record = assembler.assemble(rec, kind: importKind, raw: raw,
                                                            diagnostics: rec.diagnostics + extra)
                            if !channel.put(record) { throw CancellationError() }
                        },
                        onDiagnostic: { _ in })
                    leftovers.append(late.values.flatMap { $0 })
                    channel.close()
                } catch {
                    channel.close(error: error)
                }
            }
            thread.name = "mentorbase.validate"
            thread.start()
        }

        deinit { channel.cancel() }

        func next() throws -> IncomingRecord? { try channel.take() }

        /// Findings that matched no record; complete once `next()` returned nil.
        var unmatched: [Diagnostic] { leftovers.items }
    }
}

/// What the one-pass worker learns besides the records, read by the store's thread.
///
/// `@unchecked Sendable`: every access holds `lock`.
final class StreamState: @unchecked Sendable {
    private let lock = NSLock()
    private var kind: ImportKind?
    private var reason: Localized?
    private var general: [Diagnostic] = []
    private var generalErrors = 0
    /// Findings with a row that did not travel with that row's record (yet).
    private var looseRows: [Diagnostic] = []
    private var twoPasses = false
    /// Rows that produced a record, per sheet: a bit per row (an eighth of a byte a row).
    private var recordRows: [String?: [UInt64]] = [:]
    private var lastSheet: String??
    private var lastBits: [UInt64] = []

    func setKind(_ k: ImportKind) {
        lock.lock(); kind = k; lock.unlock()
    }

    func finishKind(_ r: Localized?) {
        lock.lock(); reason = r; lock.unlock()
    }

    func needTwoPasses() {
        lock.lock(); twoPasses = true; lock.unlock()
    }

    var twoPassesNeeded: Bool {
        lock.lock(); defer { lock.unlock() }
        return twoPasses
    }

    func addLoose(_ ds: [Diagnostic]) {
        guard !ds.isEmpty else { return }
        lock.lock()
        for d in ds {
            if d.location.row != nil {
                looseRows.append(d)
            } else {
                general.append(d)
                if d.severity == .error { generalErrors += 1 }
            }
        }
        lock.unlock()
    }

    func addGeneral(_ ds: [Diagnostic]) {
        guard !ds.isEmpty else { return }
        lock.lock()
        general.append(contentsOf: ds)
        generalErrors += ds.filter { $0.severity == .error }.count
        lock.unlock()
    }

    /// Called on the worker only, row after row; the bits are read once the stream has ended.
    func noteRecord(sheet: String?, row: Int) {
        guard row > 0 else { return }
        if lastSheet == nil || lastSheet! != sheet {
            if let s = lastSheet { lock.lock(); recordRows[s] = lastBits; lock.unlock() }
            lock.lock(); lastBits = recordRows[sheet] ?? []; lock.unlock()
            lastSheet = .some(sheet)
        }
        let word = row >> 6
        if word >= lastBits.count { lastBits.append(contentsOf: repeatElement(0, count: word + 1 - lastBits.count)) }
        lastBits[word] |= 1 << UInt64(row & 63)
    }

    /// The kind, why it was guessed, the whole-file errors so far, and whether two passes are needed.
    func headline() -> (ImportKind?, Localized?, Int, Bool) {
        lock.lock(); defer { lock.unlock() }
        return (kind, reason, generalErrors, twoPasses)
    }

    /// True when a finding that arrived apart from its row names a row that produced a record:
    /// that record went to the store without it. Read after the stream has ended.
    func lateHitsRecord() -> Bool {
        lock.lock(); defer { lock.unlock() }
        if let s = lastSheet { recordRows[s] = lastBits }
        for d in looseRows {
            guard let row = d.location.row, row > 0, let bits = recordRows[d.location.sheet] else { continue }
            let word = row >> 6
            if word < bits.count && bits[word] & (1 << UInt64(row & 63)) != 0 { return true }
        }
        return false
    }

    var generalList: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return general
    }

    var looseRowList: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return looseRows
    }
}

/// A list filled on one thread and read on another after the hand-over.
///
/// `@unchecked Sendable`: every access holds `lock`.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Diagnostic] = []

    func append(_ ds: [Diagnostic]) {
        lock.lock()
        storage.append(contentsOf: ds)
        lock.unlock()
    }

    var items: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
