import Foundation
import MentorBase

extension SQLStore {
    /// Tables in the order their rows can be deleted (children first).
    static let deleteOrder: [EntityTable] = [.pairingMembers, .responses, .consents, .menteeProfiles, .mentorProfiles,
                                             .pairings, .people]

    /// The owner column of a table: whose data the row is.
    static func ownerColumn(_ t: EntityTable) -> String { t == .people ? "id" : "person_id" }

    /// Column types for writing logged values back.
    static func columnType(_ t: EntityTable, _ column: String) -> StoredType {
        let fields: [StoredField]
        switch t {
        case .people: fields = Person.storedFields
        case .mentorProfiles: fields = MentorProfile.storedFields
        case .menteeProfiles: fields = MenteeProfile.storedFields
        case .pairings: fields = Pairing.storedFields
        case .pairingMembers: fields = []
        case .consents: fields = Consent.storedFields
        case .responses: fields = QuestionnaireResponse.storedFields
        }
        if ["is_reference", "is_latest"].contains(column) { return .integer }
        return fields.first { $0.column == column }?.type ?? .text
    }

    static func isSensitive(_ t: EntityTable, _ column: String) -> Bool {
        switch t {
        case .menteeProfiles: return MenteeProfile.storedFields.first { $0.column == column }?.sensitive ?? false
        case .responses: return QuestionnaireResponse.storedFields.first { $0.column == column }?.sensitive ?? false
        default: return false
        }
    }

    // MARK: History

    public func history(person query: String) throws -> [PersonHistory] {
        try backend.readTransaction { s in
            let batches = try batchIndex(s)
            let ids = try findPeople(s, query)
            return try ids.prefix(20).map { try history(s, $0, batches) }
        }
    }

    /// People matching an id (`#12`, `12`), a SNILS, or a name (full, or the start of one).
    func findPeople(_ s: any SQLSession, _ query: String) throws -> [Int64] {
        let q = query.trimmingCharacters(in: .whitespaces)
        let digits = q.filter(\.isNumber)
        if q.hasPrefix("#") || (digits.count == q.count && digits.count < 11 && !digits.isEmpty) {
            guard let id = Int64(q.hasPrefix("#") ? String(q.dropFirst()) : q) else { return [] }
            return try s.rows("SELECT id FROM people WHERE id = ?", [.integer(id)]).compactMap { $0.int(0) }
        }
        if let snils = SNILSKey.digits(q), digits.count == 11 {
            return try s.rows("SELECT id FROM people WHERE snils_key = ?", [.text(snils)]).compactMap { $0.int(0) }
        }
        let key = NameKey.fold(q)
        let exact = try s.rows("SELECT id FROM people WHERE name_key = ? ORDER BY id", [.text(key)]).compactMap { $0.int(0) }
        if !exact.isEmpty { return exact }
        return try s.rows("SELECT id FROM people WHERE name_key LIKE ? ORDER BY id LIMIT 20",
                          [.text(key.replacingOccurrences(of: "%", with: "") + "%")]).compactMap { $0.int(0) }
    }

    private func history(_ s: any SQLSession, _ id: Int64, _ batches: [Int64: BatchInfo]) throws -> PersonHistory {
        func provenance(_ batch: Int64?, _ sheet: String?, _ row: Int64?) -> Provenance? {
            guard let batch, let b = batches[batch] else { return nil }
            return Provenance(batchID: batch, file: b.file, sheet: sheet, row: row.map { Int($0) }, at: b.startedAt)
        }
        // The last applied update of each (table, row, column): where the current value came from.
        var lastUpdate: [String: Provenance] = [:]
        var events: [PersonHistory.Event] = []
        for r in try s.rows("""
            SELECT c.entity, c.entity_id, c.field, c.old_value, c.new_value, c.batch_id, c.src_sheet, c.src_row, c.action
            FROM change_log c JOIN import_batches b ON b.id = c.batch_id
            WHERE c.person_id = ? AND b.status = 'applied' ORDER BY c.id
            """, [.integer(id)]) {
            guard let t = EntityTable(rawValue: r.text(0) ?? ""), let eid = r.int(1),
                  let p = provenance(r.int(5), r.text(6), r.int(7)) else { continue }
            let column = r.text(2)
            if let column { lastUpdate["\(t.rawValue).\(eid).\(column)"] = p }
            events.append(PersonHistory.Event(table: t, entityID: eid, action: r.text(8) ?? "update", column: column,
                                              old: r.text(3), new: r.text(4),
                                              sensitive: column.map { SQLStore.isSensitive(t, $0) } ?? false,
                                              source: p))
        }
        var values: [PersonHistory.Value] = []
        var name = ""
        for t in EntityTable.allCases where t != .pairingMembers {
            let fields: [String]
            switch t {
            case .people: fields = Person.storedFields.map(\.column)
            case .mentorProfiles: fields = MentorProfile.storedFields.map(\.column)
            case .menteeProfiles: fields = MenteeProfile.storedFields.map(\.column)
            case .pairings: fields = Pairing.storedFields.map(\.column)
            case .consents: fields = ["kind", "signed_on"] + Consent.storedFields.map(\.column)
            case .responses: fields = ["form", "stage", "submitted_at", "is_latest"]
                + QuestionnaireResponse.storedFields.map(\.column)
            case .pairingMembers: fields = []
            }
            let cols = ["id", "created_batch", "src_sheet", "src_row"] + fields
            for r in try s.rows(SQLStore.select(cols, t.rawValue) + " WHERE \(SQLStore.ownerColumn(t)) = ? ORDER BY id",
                                [.integer(id)]) {
                guard let eid = r.int(0) else { continue }
                let created = provenance(r.int(1), r.text(2), r.int(3))
                if let created {
                    events.append(PersonHistory.Event(table: t, entityID: eid, action: "insert", column: nil, old: nil,
                                                      new: nil, sensitive: false, source: created))
                }
                if t == .people {
                    name = Person(storedValues: Array(r.values.dropFirst(4))).displayName
                }
                for (i, f) in fields.enumerated() {
                    guard let v = r[i + 4] else { continue }
                    values.append(PersonHistory.Value(table: t, entityID: eid, column: f, value: v.logText,
                                                      sensitive: SQLStore.isSensitive(t, f),
                                                      source: lastUpdate["\(t.rawValue).\(eid).\(f)"] ?? created))
                }
            }
        }
        events.sort { ($0.source.batchID, $0.action == "insert" ? 0 : 1) < ($1.source.batchID, $1.action == "insert" ? 0 : 1) }
        return PersonHistory(personID: id, displayName: name, values: values, events: events)
    }

    // MARK: Undo

    public func undo(batch: Int64, now: String) throws -> UndoReport {
        try backend.writeTransaction { s -> (UndoReport, commit: Bool) in
            guard let b = try s.rows("SELECT kind, status FROM import_batches WHERE id = ?", [.integer(batch)]).first else {
                throw MentorBaseError(code: "no-such-batch", kind: .usage,
                                      message: Localized(ru: "нет пакета импорта № \(batch)", en: "no import batch #\(batch)"),
                                      hint: Localized(ru: "список пакетов: mentorbase batches", en: "list them with mentorbase batches"))
            }
            if b.text(1) != "applied" {
                throw MentorBaseError(code: "batch-undone", kind: .usage,
                                      message: Localized(ru: "пакет № \(batch) уже отменён", en: "batch #\(batch) is already undone"))
            }
            if b.text(0) == "purge" {
                throw MentorBaseError(code: "purge-final", kind: .usage,
                                      message: Localized(ru: "уничтожение данных (пакет № \(batch)) отменить нельзя",
                                                         en: "a purge (batch #\(batch)) cannot be undone"))
            }
            let blockers = try undoBlockers(s, batch)
            if !blockers.isEmpty { return (UndoReport(batchID: batch, blockers: blockers), false) }
            var restored = 0
            for r in try s.rows("""
                SELECT entity, entity_id, field, old_value FROM change_log
                WHERE batch_id = ? AND action = 'update' ORDER BY id DESC
                """, [.integer(batch)]) {
                guard let t = EntityTable(rawValue: r.text(0) ?? ""), let eid = r.int(1), let column = r.text(2),
                      Schema.updatableColumns(t).contains(column) else { continue }
                let field = StoredField(column, SQLStore.columnType(t, column))
                restored += try s.execute("UPDATE \(t.rawValue) SET \(column) = ? WHERE id = ?",
                                          [field.value(fromLogText: r.text(3)), .integer(eid)])
            }
            var deleted = 0
            for t in SQLStore.deleteOrder {
                deleted += try s.execute("DELETE FROM \(t.rawValue) WHERE created_batch = ?", [.integer(batch)])
            }
            try s.execute("UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ?",
                          [.text(now), .integer(batch)])
            return (UndoReport(batchID: batch, rowsDeleted: deleted, fieldsRestored: restored), true)
        }
    }

    /// Later applied batches that touched any person this batch touched.
    private func undoBlockers(_ s: any SQLSession, _ batch: Int64) throws -> [UndoReport.Blocker] {
        let touched = EntityTable.allCases.map { "SELECT \(SQLStore.ownerColumn($0)) AS p FROM \($0.rawValue) WHERE created_batch = ?" }
            + ["SELECT person_id AS p FROM change_log WHERE batch_id = ?"]
        let later = EntityTable.allCases.map {
            "SELECT created_batch AS b, \(SQLStore.ownerColumn($0)) AS p FROM \($0.rawValue) WHERE created_batch > ?"
        } + ["SELECT batch_id AS b, person_id AS p FROM change_log WHERE batch_id > ?"]
        let sql = """
            WITH touched AS (\(touched.joined(separator: " UNION "))),
                 later AS (\(later.joined(separator: " UNION ALL ")))
            SELECT later.b, ib.file_name, count(DISTINCT later.p)
            FROM later JOIN touched ON later.p = touched.p JOIN import_batches ib ON ib.id = later.b
            WHERE ib.status = 'applied'
            GROUP BY later.b, ib.file_name ORDER BY later.b
            """
        let args = Array(repeating: StoredValue?.some(.integer(batch)), count: touched.count + later.count)
        var out = try s.rows(sql, args).map {
            UndoReport.Blocker(batchID: $0.int(0) ?? 0, file: $0.text(1) ?? "", people: Int($0.int(2) ?? 0))
        }
        // A later purge destroyed data this batch wrote.
        for r in try s.rows("SELECT batch_id, count(*) FROM purge_log WHERE batch_id > ? AND touched_batches LIKE ? "
                            + "GROUP BY batch_id ORDER BY batch_id", [.integer(batch), .text("%,\(batch),%")])
        where !out.contains(where: { $0.batchID == r.int(0) }) {
            out.append(UndoReport.Blocker(batchID: r.int(0) ?? 0, file: "purge", people: Int(r.int(1) ?? 0)))
        }
        return out.sorted { $0.batchID < $1.batchID }
    }

    // MARK: Consent lifecycle

    public func consentsDue(on date: CalendarDate) throws -> [DueEntry] {
        try backend.readTransaction { s in try due(s, on: date) }
    }

    private func due(_ s: any SQLSession, on date: CalendarDate) throws -> [DueEntry] {
        var byPerson: [Int64: [Consent]] = [:]
        var names: [Int64: String] = [:]
        for r in try s.rows("""
            SELECT c.person_id, c.signed_on, c.revoked_on, c.valid_until, p.last_name, p.first_name, p.patronymic
            FROM consents c JOIN people p ON p.id = c.person_id
            WHERE c.kind = 'processing' AND c.person_id IN
                (SELECT person_id FROM consents WHERE kind = 'processing' AND revoked_on IS NOT NULL)
            ORDER BY c.person_id
            """) {
            guard let pid = r.int(0), let signed = CalendarDate(iso: Substring(r.text(1) ?? "")) else { continue }
            let c = Consent(kind: .processing, signedOn: signed, validUntil: r.text(3).flatMap { CalendarDate(iso: Substring($0)) },
                            revokedOn: r.text(2).flatMap { CalendarDate(iso: Substring($0)) })
            byPerson[pid, default: []].append(c)
            names[pid] = [r.text(4), r.text(5), r.text(6)].compactMap { $0 }.joined(separator: " ")
        }
        var out: [DueEntry] = []
        for (pid, cs) in byPerson {
            guard let revoked = cs.compactMap(\.revokedOn).max() else { continue }
            // A processing consent signed after the revocation and still valid keeps the data.
            if cs.contains(where: { $0.signedOn > revoked && $0.isValid(on: max(date, $0.signedOn)) }) { continue }
            guard let by = revoked.adding(days: Consent.destructionPeriodDays) else { continue }
            out.append(DueEntry(personID: pid, displayName: names[pid] ?? "", revokedOn: revoked, destroyBy: by,
                                isDue: by <= date))
        }
        return out.sorted { ($0.destroyBy, $0.personID) < ($1.destroyBy, $1.personID) }
    }

    public func purge(on date: CalendarDate, now: String) throws -> PurgeReport {
        try backend.writeTransaction { s -> (PurgeReport, commit: Bool) in
            let due = try due(s, on: date).filter(\.isDue)
            guard !due.isEmpty else { return (PurgeReport(batchID: nil, entries: []), false) }
            let batchID = (try s.scalar("SELECT max(id) FROM import_batches")?.integerValue ?? 0) + 1
            try s.execute("""
                INSERT INTO import_batches (id, file_name, checksum, kind, started_at, finished_at, status)
                VALUES (?, '-', '-', 'purge', ?, ?, 'applied')
                """, [.integer(batchID), .text(now), .text(now)])
            var logID = (try s.scalar("SELECT max(id) FROM change_log")?.integerValue ?? 0) + 1
            var purgeID = (try s.scalar("SELECT max(id) FROM purge_log")?.integerValue ?? 0) + 1
            var entries: [PurgeReport.Entry] = []
            for d in due {
                let p = StoredValue?.some(.integer(d.personID))
                var rows = 0
                // The batches that wrote this person's data: undoing them later must be refused,
                // since what they wrote is gone (kept as ",3,7," for a LIKE on any backend).
                var touched = Set<Int64>()
                for t in EntityTable.allCases {
                    for r in try s.rows("SELECT DISTINCT created_batch FROM \(t.rawValue) WHERE \(SQLStore.ownerColumn(t)) = ?", [p]) {
                        if let b = r.int(0) { touched.insert(b) }
                    }
                }
                for r in try s.rows("SELECT DISTINCT batch_id FROM change_log WHERE person_id = ?", [p]) {
                    if let b = r.int(0) { touched.insert(b) }
                }
                let touchedText = "," + touched.sorted().map(String.init).joined(separator: ",") + ","
                // Pairings the person mentored stay for their mentees, without the mentor.
                rows += try s.execute("UPDATE pairings SET person_id = NULL WHERE person_id = ?", [p])
                for t in SQLStore.deleteOrder where t != .pairings {
                    rows += try s.execute("DELETE FROM \(t.rawValue) WHERE \(SQLStore.ownerColumn(t)) = ?", [p])
                }
                // The change log held the person's old and new values: they go too.
                rows += try s.execute("DELETE FROM change_log WHERE person_id = ?", [p])
                try s.execute("""
                    INSERT INTO change_log (id, batch_id, entity, entity_id, person_id, action)
                    VALUES (?, ?, 'people', ?, ?, 'purge')
                    """, [.integer(logID), .integer(batchID), p, p])
                logID += 1
                try s.execute("""
                    INSERT INTO purge_log (id, batch_id, person_id, revoked_on, destroy_by, purged_on, rows_destroyed,
                                           touched_batches)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(purgeID), .integer(batchID), p, .text(d.revokedOn.iso), .text(d.destroyBy.iso),
                          .text(date.iso), .integer(Int64(rows)), .text(touchedText)])
                purgeID += 1
                entries.append(PurgeReport.Entry(personID: d.personID, revokedOn: d.revokedOn, destroyBy: d.destroyBy,
                                                 rowsDestroyed: rows))
            }
            try s.execute("UPDATE import_batches SET new_count = 0, updated_count = ? WHERE id = ?",
                          [.integer(Int64(entries.count)), .integer(batchID)])
            return (PurgeReport(batchID: batchID, entries: entries), true)
        }
    }
}
