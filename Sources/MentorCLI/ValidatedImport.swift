import Foundation
import MentorBase
import MentorSchema

extension FieldInput {
    /// The validator's value as the store's input, case for case.
    init(_ v: FieldValue) {
        switch v {
        case .text(let s): self = .text(s)
        case .integer(let n): self = .integer(n)
        case .number(let n): self = .number(n)
        case .boolean(let b): self = .boolean(b)
        case .date(let d): self = .date(d)
        case .dateTime(let d): self = .dateTime(d)
        case .year(let y): self = .year(y)
        case .code(let c): self = .code(c)
        case .other(let s): self = .other(s)
        case .phone(let p): self = .phone(p)
        case .email(let e): self = .email(e)
        case .list(let l): self = .list(l.map(FieldInput.init))
        case .name(let n): self = .name(NameParts(lastName: n.lastName, firstName: n.firstName, patronymic: n.patronymic))
        }
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

/// Import through the validator: a first pass finds the kind and the late diagnostics, a second
/// pass validates again on a worker thread and hands the assembled records to the store through a
/// bounded channel, so memory stays flat and the store sees every row's complete diagnostics
/// before it plans the row.
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

    static func namedSheets(_ reader: any TableReader, _ plugin: any FormatPlugin) -> Bool {
        reader.sheets.count > 1 || plugin.descriptor.capabilities.contains(.styling)
    }

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
                    let reader = try setup.plugin.makeReader(source: InputSource(path: setup.path), options: setup.readOptions)
                    _ = try TableValidation(kind: setup.kind, mapFile: setup.mapFile, options: setup.options).run(
                        reader: reader, file: setup.path, namedSheets: ValidatedImport.namedSheets(reader, setup.plugin),
                        sheets: setup.sheets,
                        onRecord: { rec in
                            let key = ValidationPrepass.RowKey(sheet: rec.location.sheet, row: rec.row)
                            let extra = late.removeValue(forKey: key) ?? []
                            let sheetTitles = headerTitles[rec.location.sheet] ?? [:]
                            let names = rec.raw.indices.map { sheetTitles[$0 + 1] ?? SourceLocation.letter(forColumn: $0 + 1) }
                            let record = RecordAssembler.assemble(
                                kind: importKind,
                                fields: rec.fields.mapValues(FieldInput.init),
                                location: rec.location,
                                raw: zip(names, rec.raw).map { ($0, $1.text(dateStyle: .russian)) },
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
