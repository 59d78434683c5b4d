import Foundation
import MentorBase

/// One incoming record with its identity keys computed already (on the producer's thread).
public struct KeyedRecord: Sendable {
    public var record: IncomingRecord
    /// Nil for a record with errors (it is rejected without matching).
    public var keys: Optional<RecordKeys>

    public init(record: IncomingRecord, keys: RecordKeys?) {
        self.record = record
        self.keys = keys
    }
}

/// A cursor that hands out records with their keys, so the store's thread need not compute them.
public protocol KeyedRecordCursor: IncomingRecordCursor {
    /// The next record and its keys; nil at the end.
    func nextKeyed() throws -> KeyedRecord?
    /// The next records and their keys, as many as the cursor has at hand (at least one); nil at
    /// the end. A batch the size of the store's chunk (``SQLStore/defaultChunkSize``) becomes the
    /// chunk as it is: its records are not copied one by one (a retain of every string inside).
    func nextKeyedBatch() throws -> [KeyedRecord]?
}

extension KeyedRecordCursor {
    public func nextKeyedBatch() throws -> [KeyedRecord]? { try nextKeyed().map { [$0] } }
}

extension SQLStore {
    public func importRecords(_ request: ImportRequest, from records: any IncomingRecordCursor) throws -> ImportReport {
        let started = DispatchTime.now().uptimeNanoseconds
        // An applied import into a store without people may run as a first load (SQLite only).
        (backend as? SQLiteBackend)?.firstLoadHint = !request.dryRun
        // The cursor's own errors reach the caller as they are (a backend wraps what it sees as
        // its own failures): a validator that gives way to another pass must be recognisable.
        var cursorError: (any Error)?
        var report: ImportReport
        do {
            report = try backend.writeTransaction { s -> (ImportReport, commit: Bool) in
                try runImport(s, request, records, &cursorError)
            }
        } catch {
            throw cursorError ?? error
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return report
    }

    private func runImport(_ s: any SQLSession, _ req: ImportRequest, _ records: any IncomingRecordCursor,
                           _ cursorError: inout (any Error)?) throws -> (ImportReport, commit: Bool)
    {
        var report = ImportReport(dryRun: req.dryRun)
        // The checksum once known (asked of `req.checksumSource` at most once).
        var knownChecksum = req.checksumSource == nil ? req.checksum : nil
        func checksum() throws -> String {
            if let knownChecksum { return knownChecksum }
            let c = try req.checksumSource?() ?? req.checksum
            knownChecksum = c
            return c
        }
        // The same bytes as the last applied batch, with nothing imported since: nothing can change.
        if !req.recheck, let last = try s.rows("""
            SELECT id, checksum, kind, new_count + updated_count + unchanged_count + conflict_count
            FROM import_batches WHERE status = 'applied' ORDER BY id DESC LIMIT 1
            """).first, last.text(2) == req.kind.rawValue, try last.text(1) == checksum() {
            report.alreadyImportedIn = last.int(0)
            report.counts[.unchanged] = Int(last.int(3) ?? 0)
            return (report, false)
        }
        let batchID = (try s.scalar("SELECT max(id) FROM import_batches")?.integerValue ?? 0) + 1
        // A checksum still being computed is recorded with the batch's counts at the end.
        try s.execute("""
            INSERT INTO import_batches (id, file_name, checksum, kind, format, started_at, status, on_conflict)
            VALUES (?, ?, ?, ?, ?, ?, 'applied', ?)
            """, [.integer(batchID), .text(req.file), .text(knownChecksum ?? ""), .text(req.kind.rawValue),
                  req.format.map(StoredValue.text), .text(req.now), .text(req.policy.rawValue)])
        let ws = WorkingSet(nextIDs: try SQLStore.nextIDs(s))
        // A store with few people gets a key filter (its keys read once): a bulk load then asks
        // the store only about names it may already hold. A big store is asked as before.
        var filter: KeyFilter?
        let peopleCount = try s.scalar("SELECT count(*) FROM people")?.integerValue ?? 0
        if peopleCount <= SQLStore.keyFilterLimit {
            var f = KeyFilter()
            if peopleCount > 0 {
                try s.query("SELECT name_key, initials_key, snils_key FROM people", []) { r in
                    for i in 0..<3 { if let k = r.text(i) { f.add(k) } }
                }
            }
            filter = f
        }
        let planner = MergePlanner(workingSet: ws, policy: req.policy)
        planner.asOf = req.asOf
        // Most rows of a base decide a «pair-without-consent» warning; the report keeps a few
        // thousand, so only those are worded (the others are counted).
        planner.defersConsentWarnings = true
        let keyed = records as? any KeyedRecordCursor
        var chunk: [KeyedRecord] = []
        chunk.reserveCapacity(chunkSize)
        var wroteAnything = false
        /// The rows' outcomes counted by `RecordPlan.Outcome.index` (a dictionary per row costs a
        /// hash and a lookup); into `report.counts` at the end.
        var outcomes = [Int](repeating: 0, count: RecordPlan.Outcome.allCases.count)
        // Every pending warning of a run is worded through one wording (one as-of date formatted once).
        var wording = ConsentWarningWording()

        // Chunk N is written while chunk N+1 is planned (SQLite: on a thread of its own;
        // PostgreSQL, whose session is not lent, writes each chunk as soon as it is planned). Chunk
        // N+1's prefetch then reads the store before chunk N is in it, which is the same as after
        // unless it would read what chunk N writes: a person or pairing by a key or code chunk N
        // writes, or a person or pairing whose rows chunk N writes. Then chunk N is written first
        // and the prefetch done again (`ChunkWriter.writesAny`).
        let behind = (s as? any LendingSQLSession).map { WriteBehind($0.lend()) }
        defer { behind?.stop() }
        var nextLogID = (try s.scalar("SELECT max(id) FROM change_log")?.integerValue ?? 0) + 1
        /// The chunk planned last, not yet handed to the writer.
        var planned: ChunkWriter?
        /// A writer whose chunk is written (its buffers keep their capacity).
        var spare: ChunkWriter?

        /// Takes back the chunk being written, if any: after this the connection is this thread's.
        func settle() throws {
            if let w = try behind?.wait() {
                nextLogID = w.nextLogID
                spare = w
            }
        }
        /// Writes `w`: started on the writer's thread when there is one (idle: after `settle`),
        /// else here and now.
        func write(_ w: consuming ChunkWriter) throws {
            w.nextLogID = nextLogID
            if let behind {
                // Moved, not copied: a copy left here would make the writer's thread find its
                // buffers shared, and this thread free what it empties.
                behind.submit(consume w)
            } else {
                try w.flush(s)
                nextLogID = w.nextLogID
                spare = w
            }
        }

        func process() throws {
            if keyed == nil {
                for i in chunk.indices where !chunk[i].record.hasErrors { chunk[i].keys = RecordKeys(chunk[i].record) }
            }
            try settle()
            let lookup = lookupKeys(chunk, req.kind, filter)
            // Taken out of `planned` before it is written, so the writer holds the only reference
            // to its buffers (a copy would make the writer's thread copy what it empties).
            if planned?.writesAny(of: lookup) == true, let w = planned.take() {
                try write(consume w)
                try settle()
            }
            let loaded = try prefetch(s, lookup, ws, req.kind, req.asOf)
            if planned?.writesAny(of: loaded) == true, let w = planned.take() {
                try write(consume w)
                try settle()
                ws.reset()
                _ = try prefetch(s, lookup, ws, req.kind, req.asOf)
            }
            if let w = planned.take() { try write(consume w) }
            var writer = spare.take() ?? ChunkWriter(batchID: batchID)
            // Each row is planned from here, not from the chunk: an element of an array handed to
            // a function the compiler cannot see into is copied whole first (a retain of every
            // string of the record, and a release after). Swapped out and back, it is moved.
            var held = IncomingRecord.placeholder
            for i in chunk.indices {
                // The keys move into the plan (their last use): no copy of every string they hold.
                let keys = chunk[i].keys.take()
                swap(&held, &chunk[i].record)
                let plan = planner.plan(held, keys: keys)
                swap(&held, &chunk[i].record)
                outcomes[plan.outcome.index] += 1
                if !plan.diagnostics.isEmpty { report.diagnostics.append(contentsOf: plan.diagnostics) }
                // Read in place (a warning copied holds a copy of its person); worded only when kept.
                for j in plan.pendingWarnings.indices {
                    report.diagnostics.append(severity: .warning) {
                        wording.diagnostic(plan.pendingWarnings[j], at: plan.location, label: plan.label)
                    }
                }
                for c in plan.conflicts {
                    report.diagnostics.append(SQLStore.conflictDiagnostic(c, plan.location, policy: req.policy))
                }
                if (plan.outcome != .unchanged || req.keepUnchangedPlans) && report.plans.count < req.planLimit {
                    var shown = plan
                    shown.writes = []
                    shown.wordPendingWarnings()
                    report.plans.append(shown)
                }
                if !plan.writes.isEmpty {
                    wroteAnything = true
                    writer.add(plan, filter: &filter)
                }
            }
            // The chunk's records go with its writes: the writer's thread lets go of them (every
            // string of every row) and hands back an empty array of the same capacity.
            writer.retire(&chunk)
            if behind == nil {
                try write(consume writer)
            } else {
                planned = consume writer
            }
            ws.reset()
        }

        while true {
            var item: KeyedRecord?
            var batch: [KeyedRecord]?
            do {
                if let keyed {
                    batch = try keyed.nextKeyedBatch()
                } else {
                    item = try records.next().map { KeyedRecord(record: $0, keys: nil) }
                }
            } catch {
                cursorError = error
                throw error
            }
            if var b = batch.take() {
                if chunk.isEmpty && b.count == chunkSize {
                    // A batch of exactly a chunk is the chunk: its buffer is taken, not its records
                    // copied (the empty chunk's buffer goes back to the batch, and then away).
                    swap(&chunk, &b)
                    try process()
                } else {
                    for i in b.indices {
                        chunk.append(b[i])
                        if chunk.count >= chunkSize { try process() }
                    }
                }
                continue
            }
            // Moved into the chunk, not copied (a copy retains every string of the record).
            guard let r = item.take() else { break }
            chunk.append(consume r)
            if chunk.count >= chunkSize { try process() }
        }
        if !chunk.isEmpty { try process() }
        try settle()
        if let w = planned.take() {
            try write(consume w)
            try settle()
        }
        behind?.stop()
        for o in RecordPlan.Outcome.allCases where outcomes[o.index] > 0 {
            report.counts[o, default: 0] += outcomes[o.index]
        }

        let rejected = report.count(.rejected)
        let conflicts = report.count(.conflicting)
        if rejected > 0 && !req.acceptValid {
            report.stop = .rejected(rejected)
            return (report, false)
        }
        if conflicts > 0 && req.policy == .fail {
            report.stop = .conflicts(conflicts)
            return (report, false)
        }
        guard wroteAnything else { return (report, false) }
        try s.execute("""
            UPDATE import_batches SET finished_at = ?, new_count = ?, updated_count = ?, unchanged_count = ?,
                   conflict_count = ?, rejected_count = ?, checksum = ? WHERE id = ?
            """, [.text(req.now), .integer(Int64(report.count(.new))), .integer(Int64(report.count(.updated))),
                  .integer(Int64(report.count(.unchanged))), .integer(Int64(conflicts)),
                  .integer(Int64(rejected)), // A dry run is rolled back: it need not wait for the checksum.
                  .text(req.dryRun ? (knownChecksum ?? "") : try checksum()), .integer(batchID)])
        if !req.dryRun { report.batchID = batchID }
        return (report, !req.dryRun)
    }

    static func conflictDiagnostic(_ c: PlanConflict, _ loc: SourceLocation, policy: ConflictPolicy) -> Diagnostic {
        let code: String
        var l = loc
        switch c {
        case .identity: code = "identity-review"
        case .reference: code = "reference-review"
        case .field(let table, let column, _, _, _):
            code = "field-conflict"
            l.field = "\(table.rawValue).\(column)"
        }
        return Diagnostic(code: code, severity: policy == .fail ? .error : .warning, location: l,
                          message: Localized(ru: c.message(.ru), en: c.message(.en)),
                          hint: Localized(ru: "строка не применена в этой части; исправьте файл или данные в хранилище",
                                          en: "this part of the row was not applied; correct the file or the stored data"))
    }

    /// The keys a chunk's rows are looked up by in the store (those the key filter cannot rule
    /// out), and how often the rows ask about each (see `WorkingSet.askedKeys`).
    struct LookupKeys {
        var snils = Set<ByteKey>(), names = Set<ByteKey>(), initials = Set<ByteKey>(), codes = Set<ByteKey>()
        var asked: AskedKeys?
    }

    /// What `prefetch` read from the store: the people and the pairings.
    struct Loaded {
        var people: [Int64] = []
        var pairings: [Int64] = []
    }

    private func lookupKeys(_ chunk: [KeyedRecord], _ kind: ImportKind, _ filter: KeyFilter?) -> LookupKeys {
        var keys = ChunkKeys(filter: filter, rows: chunk.count)
        var codes = Set<ByteKey>()
        for i in chunk.indices {
            // Read in place (a `let` of a row's keys would copy every string they hold).
            if !keys.gather(chunk, i), !chunk[i].record.hasErrors {
                // A row without errors and without keys computes its own (and asks about them).
                keys.asked = nil
            }
            // Only a pairs list names pairings by code (a content match copies the whole record).
            if kind == .pairs, case .pairing(let pr, _, _) = chunk[i].record.content, let c = pr.code {
                codes.insert(ByteKey(c))
            }
        }
        return LookupKeys(snils: keys.snils.set, names: keys.names.set, initials: keys.initials.set, codes: codes,
                          asked: keys.asked)
    }

    /// Loads into the working set everything the chunk's rows can touch: the people sharing a key
    /// with any name in the chunk (`keys`), and their profiles, pairings, consents and responses.
    private func prefetch(_ s: any SQLSession, _ keys: LookupKeys, _ ws: WorkingSet,
                          _ kind: ImportKind, _ asOf: CalendarDate?) throws -> Loaded {
        // Valid because the working set is reset after each chunk, and a later chunk that asks
        // about a key this one writes reads it from the store after this chunk is written
        // (`ChunkWriter.writesAny`): a new person the counts leave unindexed is found there.
        ws.askedKeys = keys.asked
        let (snils, names, initials, codes) = (keys.snils, keys.names, keys.initials, keys.codes)
        // Each lookup's people in id order, whatever order the keys (a set) and so the rows come
        // in: people sharing a key are weighed in the order they were loaded.
        let personSQL = SQLStore.select(SQLStore.personColumns, "people")
        func load(_ column: String, _ keys: Set<ByteKey>, replacing: Bool) throws {
            guard !keys.isEmpty else { return }
            var found: [KnownPerson] = []
            try SQLStore.inSlices(s, personSQL + " WHERE \(column) IN", keys.map { .text($0.string) }) {
                if replacing || ws.people[$0.int(0) ?? 0] == nil { found.append(SQLStore.person($0)) }
            }
            found.sort { $0.id < $1.id }
            for p in found { ws.put(p) }
        }
        try load("snils_key", snils, replacing: true)
        try load("name_key", names, replacing: true)
        try load("initials_key", initials, replacing: false)
        var loaded = Loaded(people: ws.people.keys.sorted())
        let ids = loaded.people.map { StoredValue?.some(.integer($0)) }
        guard !ids.isEmpty || !codes.isEmpty else { return loaded }
        try prefetchForStoreRules(s, ids, ws, kind, asOf)
        switch kind {
        case .mentors:
            try SQLStore.inSlices(s, SQLStore.select(SQLStore.mentorColumns, "mentor_profiles") + " WHERE person_id IN", ids) {
                ws.putMentorProfile(personID: $0.int(1) ?? 0, id: $0.int(0) ?? 0,
                                    MentorProfile(storedValues: Array($0.values.dropFirst(2))))
            }
        case .mentees:
            try SQLStore.inSlices(s, SQLStore.select(SQLStore.menteeColumns, "mentee_profiles") + " WHERE person_id IN", ids) {
                ws.putMenteeProfile(personID: $0.int(1) ?? 0, id: $0.int(0) ?? 0,
                                    MenteeProfile(storedValues: Array($0.values.dropFirst(2))))
            }
        case .consents:
            try SQLStore.inSlices(s, SQLStore.select(SQLStore.consentColumns, "consents") + " WHERE person_id IN", ids) {
                ws.put(SQLStore.consent($0))
            }
        case .mentorQuestionnaire, .menteeQuestionnaire, .monitoringQuestionnaire:
            try SQLStore.inSlices(s, SQLStore.select(SQLStore.responseColumns, "questionnaire_responses")
                                  + " WHERE form = '\(kind.rawValue)' AND person_id IN", ids) {
                ws.put(SQLStore.response($0))
            }
        case .pairs:
            break
        }
        guard kind == .mentors || kind == .mentees || kind == .pairs else { return loaded }
        var pairings: [Int64: KnownPairing] = [:]
        try SQLStore.inSlices(s, SQLStore.select(SQLStore.pairingColumns, "pairings") + " WHERE person_id IN", ids) {
            let p = SQLStore.pairing($0)
            pairings[p.id] = p
        }
        try SQLStore.inSlices(s, SQLStore.select(SQLStore.pairingColumns, "pairings") + " WHERE code IN",
                              codes.map { .text($0.string) }) {
            let p = SQLStore.pairing($0)
            pairings[p.id] = p
        }
        // Only the memberships of the people in this chunk: enough to tell whether a row's mentee
        // is already in a pairing, without loading every member of a mentor's big groups.
        if !pairings.isEmpty {
            // By person (its own index), filtered here: an IN list on both columns of the unique
            // (pairing_id, person_id) index would make SQLite seek every pair of the two lists.
            try SQLStore.inSlices(s, "SELECT id, pairing_id, person_id FROM pairing_members WHERE person_id IN", ids) { r in
                guard let pid = r.int(1), let person = r.int(2), let id = r.int(0), pairings[pid] != nil else { return }
                pairings[pid]?.members[person] = id
            }
        }
        // In id order: a mentor's pairings are searched in loading order (the first that fits is
        // taken), and a dictionary's order changes from run to run.
        loaded.pairings = pairings.keys.sorted()
        for id in loaded.pairings { if let p = pairings[id] { ws.put(p) } }
        return loaded
    }
}

/// Gathers one chunk's writes and sends them to the backend table by table, parents first.
struct ChunkWriter {
    let batchID: Int64
    var nextLogID: Int64
    /// Each table's inserts of the chunk, by `EntityTable.ordinal`: where they are among the plans'
    /// writes (they are bound from there, their values not copied). Kept with their capacity from
    /// chunk to chunk.
    private var inserts: [[PlannedRows.Ref]] = Array(repeating: [], count: EntityTable.allCases.count)
    /// The chunk's plans, turned into rows by `flush` (on the thread that writes them).
    private var plans: [RecordPlan] = []
    /// The chunk's records, let go of by `flush`.
    private var records: [KeyedRecord] = []
    private var updates: [(EntityWrite, [FieldChange], SourceLocation)] = []

    /// What the chunk writes that a later chunk's reads could see (see `writesAny`): the
    /// people whose rows it writes, the pairings it writes, and the key and code values it writes.
    /// (The people in order, with repeats: a set would hash two or three ids a row, and a
    /// prefetch reads few people.)
    private var people: [Int64] = []
    private var pairings = Set<Int64>()
    /// The key values' fingerprints (the first of `keyHashes`): a chunk writes two or three per row.
    private var keys: [UInt64] = []
    private var codes: [String] = []

    private struct RowRef: Hashable {
        var table: EntityTable
        var id: Int64
    }

    private struct GroupKey: Hashable {
        var table: EntityTable
        var columns: [String]
    }

    /// The columns an update may write, per table (computed once).
    private static let updatableByTable: [EntityTable: Set<String>] = Dictionary(
        uniqueKeysWithValues: EntityTable.allCases.map { ($0, Schema.updatableColumns($0)) })

    static func updatable(_ t: EntityTable) -> Set<String> { updatableByTable[t] ?? Schema.updatableColumns(t) }

    /// Parents before children, so foreign keys hold row by row.
    static let insertOrder: [EntityTable] = [.people, .mentorProfiles, .menteeProfiles, .pairings, .pairingMembers,
                                             .consents, .responses]

    /// `nextLogID` is set before each flush (the change log's ids continue from chunk to chunk).
    init(batchID: Int64, nextLogID: Int64 = 1) {
        self.batchID = batchID
        self.nextLogID = nextLogID
    }

    /// Takes a plan's writes for the chunk. What a later chunk needs to know of them (`writesAny`)
    /// is noted now, and the keys they write go into `filter`; they become rows when the chunk is
    /// flushed.
    mutating func add(_ plan: consuming RecordPlan, filter: inout KeyFilter?) {
        for i in plan.writes.indices {
            // Whose row it is, and the keys a person's row writes, read where the write lies
            // (handed to a method that changes the writer, it was copied first).
            if let p = plan.writes[i].personID { people.append(p) }
            switch plan.writes[i].table {
            case .people:
                people.append(plan.writes[i].id)
                let written = KeyFilter.writtenKeyHashes(of: plan.writes[i])
                for k in 0..<written.count {
                    keys.append(written[k].0)
                    filter?.add(hashes: written[k])
                }
            case .pairings:
                pairings.insert(plan.writes[i].id)
                ChunkWriter.appendCodes(of: plan.writes[i], to: &codes)
            default:
                break
            }
        }
        plans.append(plan)
    }

    /// Takes the chunk's records (to be let go of by `flush`), leaving `chunk` an empty array with
    /// the capacity of an earlier chunk's.
    mutating func retire(_ chunk: inout [KeyedRecord]) {
        swap(&records, &chunk)
        chunk.removeAll(keepingCapacity: true)
    }

    /// Sorts the chunk's writes: inserts by table (`inserts`), updates kept in order (`updates`).
    private mutating func sortWrites() {
        for p in plans.indices {
            for w in plans[p].writes.indices {
                switch plans[p].writes[w].action {
                case .insert:
                    inserts[plans[p].writes[w].table.ordinal].append(PlannedRows.Ref(plan: Int32(p), write: Int32(w)))
                case .update(let changes):
                    updates.append((plans[p].writes[w], changes, plans[p].location))
                }
            }
        }
    }

    /// Inserts a table's rows of the chunk, straight from the plans: those naming the columns of
    /// its first row in one statement (every insert of a table names the same columns in the same
    /// order today: the planner's rows of a kind share their names), any others one by one.
    private func insert(_ t: EntityTable, _ refs: [PlannedRows.Ref], _ s: any SQLSession) throws {
        let all = PlannedRows(plans: plans, refs: refs, batchID: batchID)
        guard !refs.isEmpty, let head = all.columns(0) else { return }
        // Equal arrays of names: the same storage, found without comparing names.
        let odd = refs.indices.filter { !all.hasColumns($0, head) }
        var same = all
        if !odd.isEmpty {
            // The others, in one walk (`odd` is in order).
            var next = 0
            var others: [PlannedRows.Ref] = []
            for i in refs.indices {
                if next < odd.count && odd[next] == i { next += 1 } else { others.append(refs[i]) }
            }
            same = PlannedRows(plans: plans, refs: others, batchID: batchID)
        }
        try s.insertRows(table: t.rawValue, columns: ["id"] + head + Schema.provenanceColumns, planned: same)
        for i in odd {
            guard let columns = all.columns(i) else { continue }
            try s.insertRows(table: t.rawValue, columns: ["id"] + columns + Schema.provenanceColumns,
                             planned: PlannedRows(plans: plans, refs: [refs[i]], batchID: batchID))
        }
    }

    /// Appends the pairing codes `w` writes (an inserted pairing's code, or a code an update sets).
    private static func appendCodes(of w: EntityWrite, to codes: inout [String]) {
        switch w.action {
        case .insert(let row):
            if case .text(let k)?? = row.value(of: "code") { codes.append(k) }
        case .update(let changes):
            for c in changes where c.column == "code" { if case .text(let k)? = c.new { codes.append(k) } }
        }
    }

    /// True when a prefetch looking up `lookup` could find a person or pairing this chunk writes,
    /// by a key or code it writes: those are not in the store until the chunk is. (Keys are told
    /// by fingerprint: a collision only makes the prefetch wait for the chunk.)
    func writesAny(of lookup: SQLStore.LookupKeys) -> Bool {
        // A bulk load looks up a few keys per chunk (its mentors'), and writes thousands.
        var asked: [UInt64] = []
        for set in [lookup.names, lookup.initials, lookup.snils] {
            for k in set { asked.append(keyHashes(k.string).0) }
        }
        if !asked.isEmpty {
            if asked.count <= 16 {
                for k in keys where asked.contains(k) { return true }
            } else {
                let set = Set(asked)
                for k in keys where set.contains(k) { return true }
            }
        }
        if !lookup.codes.isEmpty {
            for c in codes where lookup.codes.contains(ByteKey(c)) { return true }
        }
        return false
    }

    /// True when a prefetch read (`loaded`) rows this chunk writes: what the store gave is behind.
    func writesAny(of loaded: SQLStore.Loaded) -> Bool {
        if !loaded.people.isEmpty {
            if loaded.people.count <= 16 {
                if people.contains(where: { loaded.people.contains($0) }) { return true }
            } else {
                let read = Set(loaded.people)
                if people.contains(where: { read.contains($0) }) { return true }
            }
        }
        return loaded.pairings.contains { pairings.contains($0) }
    }

    mutating func flush(_ s: any SQLSession) throws {
        sortWrites()
        records.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        pairings.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        codes.removeAll(keepingCapacity: true)
        for t in ChunkWriter.insertOrder {
            let i = t.ordinal
            try insert(t, inserts[i], s)
            inserts[i].removeAll(keepingCapacity: true)
        }
        // Every row is written: the plans go (the array keeps its capacity).
        plans.removeAll(keepingCapacity: true)
        var log: [[StoredValue?]] = []
        // Each row's changes in this chunk folded into its final values (a group pairing's end date
        // may change row after row), then sent as one statement per table and set of columns.
        var finals: [RowRef: Int] = [:]
        var pending: [(ref: RowRef, columns: [String], values: [StoredValue?])] = []
        for (w, changes, loc) in updates {
            let allowed = ChunkWriter.updatable(w.table)
            let applied = changes.filter { allowed.contains($0.column) }
            guard !applied.isEmpty else { continue }
            let ref = RowRef(table: w.table, id: w.id)
            let at: Int
            if let i = finals[ref] {
                at = i
            } else {
                at = pending.count
                finals[ref] = at
                pending.append((ref, [], []))
            }
            for c in applied {
                if let k = pending[at].columns.firstIndex(of: c.column) {
                    pending[at].values[k] = c.new
                } else {
                    pending[at].columns.append(c.column)
                    pending[at].values.append(c.new)
                }
            }
            for c in changes {
                log.append([.integer(nextLogID), .integer(batchID), .text(w.table.rawValue), .integer(w.id),
                            w.personID.map(StoredValue.integer), .text("update"), .text(c.column),
                            c.old.map { .text($0.logText) }, c.new.map { .text($0.logText) },
                            loc.sheet.map(StoredValue.text), loc.row.map { .integer(Int64($0)) }])
                nextLogID += 1
            }
        }
        var groups: [GroupKey: [[StoredValue?]]] = [:]
        var order: [GroupKey] = []
        for p in pending {
            let key = GroupKey(table: p.ref.table, columns: p.columns)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append([.integer(p.ref.id)] + p.values)
        }
        for key in order {
            try s.updateRows(table: key.table.rawValue, columns: key.columns, rows: groups[key] ?? [])
        }
        updates.removeAll(keepingCapacity: true)
        try s.insertRows(table: "change_log",
                         columns: ["id", "batch_id", "entity", "entity_id", "person_id", "action", "field",
                                   "old_value", "new_value", "src_sheet", "src_row"], rows: log)
    }
}

extension SQLStore {
    /// What the store-tier rules ask of the chunk's people (see `StoreRules`): for rows that make
    /// pairings, their consents; for consent rows, whether they are in a pairing not yet ended.
    func prefetchForStoreRules(_ s: any SQLSession, _ ids: [StoredValue?], _ ws: WorkingSet, _ kind: ImportKind,
                               _ asOf: CalendarDate?) throws {
        guard let asOf, !ids.isEmpty else { return }
        switch kind {
        case .mentors, .mentees, .pairs:
            try SQLStore.inSlices(s, SQLStore.select(SQLStore.consentColumns, "consents") + " WHERE person_id IN", ids) {
                ws.put(SQLStore.consent($0))
            }
        case .consents:
            let day = asOf.iso
            func active(_ end: String?) -> Bool { end.map { $0 > day } ?? true }
            try SQLStore.inSlices(s, "SELECT person_id, end_date FROM pairings WHERE person_id IN", ids) {
                if let id = $0.int(0), active($0.text(1)) { ws.markInActivePairing(id) }
            }
            try SQLStore.inSlices(s, """
                SELECT m.person_id, p.end_date FROM pairing_members m JOIN pairings p ON p.id = m.pairing_id
                WHERE m.person_id IN
                """, ids) {
                if let id = $0.int(0), active($0.text(1)) { ws.markInActivePairing(id) }
            }
        case .mentorQuestionnaire, .menteeQuestionnaire, .monitoringQuestionnaire:
            break
        }
    }
}

extension IncomingRecord {
    /// A record holding nothing (no string, no array with elements): what a row's place holds
    /// while the row is moved out of it (see `runImport`).
    static var placeholder: IncomingRecord {
        IncomingRecord(location: SourceLocation(), content: .pairing(Pairing(), mentor: PersonReference(lastName: ""), mentees: []))
    }
}
