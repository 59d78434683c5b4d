import MentorBase

/// The export views' reads (``ExportReading``): participants with their pairings and partners, pairings
/// with their members, responses with their respondents. Each is paged by id inside one read
/// transaction, and every related record of a page is fetched with a few `IN (…)` queries.
extension SQLStore: ExportReading {
    public func forEachParticipant(_ role: ParticipantRole, _ body: (ParticipantRecord) throws -> Void) throws {
        // SQLite has a dedicated reader (its own connection, rows read straight from sqlite3); it
        // reads what the general path reads, which PostgreSQL keeps.
        if let sqlite = backend as? SQLiteBackend {
            try SQLiteExportReader(path: sqlite.location).forEachParticipant(role, body)
        } else {
            try forEachParticipantGeneral(role, body)
        }
    }

    /// ``forEachParticipant(_:_:)`` through ``SQLSession`` queries, for any backend.
    func forEachParticipantGeneral(_ role: ParticipantRole, _ body: (ParticipantRecord) throws -> Void) throws {
        let filter: String
        switch role {
        case .mentor:
            filter = "(EXISTS (SELECT 1 FROM mentor_profiles x WHERE x.person_id = people.id)"
                + " OR EXISTS (SELECT 1 FROM pairings y WHERE y.person_id = people.id))"
        case .mentee:
            filter = "(EXISTS (SELECT 1 FROM mentee_profiles x WHERE x.person_id = people.id)"
                + " OR EXISTS (SELECT 1 FROM pairing_members y WHERE y.person_id = people.id))"
        }
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows(SQLStore.select(SQLStore.personColumns, "people")
                                      + " WHERE id > ? AND \(filter) ORDER BY id LIMIT \(SQLStore.pageSize)",
                                      [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                let people = try SQLStore.personRecords(s, rows: page, profiles: true)
                let ids = page.compactMap { $0.int(0) }.map { StoredValue?.some(.integer($0)) }
                // The page's pairings, and who is in them.
                var pairingIDs: [Int64] = []
                switch role {
                case .mentor:
                    try SQLStore.inSlices(s, "SELECT id FROM pairings WHERE person_id IN", ids) {
                        if let id = $0.int(0) { pairingIDs.append(id) }
                    }
                case .mentee:
                    try SQLStore.inSlices(s, "SELECT pairing_id FROM pairing_members WHERE person_id IN", ids) {
                        if let id = $0.int(0) { pairingIDs.append(id) }
                    }
                }
                let pairings = try SQLStore.pairingRecords(s, ids: Array(Set(pairingIDs)).sorted())
                var partnerIDs = Set<Int64>()
                for p in pairings {
                    switch role {
                    case .mentor: partnerIDs.formUnion(p.menteeIDs)
                    case .mentee: if let m = p.mentorID { partnerIDs.insert(m) }
                    }
                }
                let partners = try SQLStore.personRecords(s, ids: partnerIDs.sorted(), profiles: false)
                try SQLStore.emitParticipants(role, page: page.compactMap { $0.int(0).flatMap { people[$0] } },
                                              pairings: pairings, partners: partners, body)
            }
        }
    }

    /// Hands each person of a page (in id order) to `body` with their pairings (in id order) and the
    /// page's partners: the one assembly both read paths share.
    static func emitParticipants(_ role: ParticipantRole, page: [PersonRecord], pairings: [PairingRecord],
                                 partners: [Int64: PersonRecord], _ body: (ParticipantRecord) throws -> Void) throws {
        var byPerson: [Int64: [PairingRecord]] = [:]
        for p in pairings {
            switch role {
            case .mentor: if let m = p.mentorID { byPerson[m, default: []].append(p) }
            case .mentee: for m in p.menteeIDs { byPerson[m, default: []].append(p) }
            }
        }
        for person in page {
            // The page's partner dictionary is shared, not copied per person: it holds at least
            // everyone this person's pairings name.
            try body(ParticipantRecord(person: person, pairings: byPerson[person.id] ?? [], partners: partners))
        }
    }

    /// A person's consents in signing order, as every export read gives them.
    static func sortedConsents(_ list: [Consent]) -> [Consent] {
        list.count > 1 ? list.sorted { $0.signedOn < $1.signedOn } : list
    }

    public func forEachPairingWithMembers(_ body: (PairingRecord, [Int64: PersonRecord]) throws -> Void) throws {
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows("SELECT id FROM pairings WHERE id > ? ORDER BY id LIMIT \(SQLStore.pageSize)",
                                      [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                let pairings = try SQLStore.pairingRecords(s, ids: page.compactMap { $0.int(0) })
                var ids = Set<Int64>()
                for p in pairings {
                    if let m = p.mentorID { ids.insert(m) }
                    ids.formUnion(p.menteeIDs)
                }
                let people = try SQLStore.personRecords(s, ids: ids.sorted(), profiles: false)
                for p in pairings {
                    var members: [Int64: PersonRecord] = [:]
                    for id in [p.mentorID].compactMap({ $0 }) + p.menteeIDs { members[id] = people[id] }
                    try body(p, members)
                }
            }
        }
    }

    public func forEachResponseWithRespondent(latestOnly: Bool,
                                              _ body: (ResponseRecord, PersonRecord?) throws -> Void) throws {
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows(SQLStore.select(SQLStore.responseColumns, "questionnaire_responses")
                                      + " WHERE id > ?" + (latestOnly ? " AND is_latest = 1" : "")
                                      + " ORDER BY id LIMIT \(SQLStore.pageSize)", [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                let ids = Set(page.compactMap { $0.int(1) })
                let people = try SQLStore.personRecords(s, ids: ids.sorted(), profiles: false)
                for r in page {
                    let k = SQLStore.response(r)
                    let pid = r.int(1)
                    try body(ResponseRecord(id: k.id, personID: pid, response: k.response, isLatest: k.isLatest),
                             pid.flatMap { people[$0] })
                }
            }
        }
    }

    // MARK: Pieces

    /// People by id with their consents (and profiles when asked).
    static func personRecords(_ s: any SQLSession, ids: [Int64], profiles: Bool) throws -> [Int64: PersonRecord] {
        guard !ids.isEmpty else { return [:] }
        var rows: [SQLRow] = []
        try inSlices(s, select(personColumns, "people") + " WHERE id IN", ids.map { .integer($0) }) { rows.append($0) }
        return try personRecords(s, rows: rows, profiles: profiles)
    }

    /// Rows of `people` completed with consents (and profiles when asked).
    static func personRecords(_ s: any SQLSession, rows: [SQLRow], profiles: Bool) throws -> [Int64: PersonRecord] {
        let ids = rows.compactMap { $0.int(0) }.map { StoredValue?.some(.integer($0)) }
        guard !ids.isEmpty else { return [:] }
        var mentors: [Int64: MentorProfile] = [:]
        var mentees: [Int64: MenteeProfile] = [:]
        var consents: [Int64: [Consent]] = [:]
        if profiles {
            try inSlices(s, select(mentorColumns, "mentor_profiles") + " WHERE person_id IN", ids) {
                mentors[$0.int(1) ?? 0] = MentorProfile(storedValues: Array($0.values.dropFirst(2)))
            }
            try inSlices(s, select(menteeColumns, "mentee_profiles") + " WHERE person_id IN", ids) {
                mentees[$0.int(1) ?? 0] = MenteeProfile(storedValues: Array($0.values.dropFirst(2)))
            }
        }
        try inSlices(s, select(consentColumns, "consents") + " WHERE person_id IN", ids) {
            let c = consent($0)
            consents[c.personID, default: []].append(c.consent)
        }
        var out: [Int64: PersonRecord] = [:]
        out.reserveCapacity(rows.count)
        for r in rows {
            // Not `person(_:)`: its KnownPerson folds names into identity keys, which exports never use.
            let id = r.int(0) ?? 0
            out[id] = PersonRecord(id: id, person: Person(storedValues: Array(r.values.dropFirst(2))),
                                   isReference: (r.int(1) ?? 0) != 0, mentor: mentors[id], mentee: mentees[id],
                                   consents: sortedConsents(consents[id] ?? []))
        }
        return out
    }

    /// Pairings by id with their mentees, in id order.
    static func pairingRecords(_ s: any SQLSession, ids: [Int64]) throws -> [PairingRecord] {
        guard !ids.isEmpty else { return [] }
        let values = ids.map { StoredValue?.some(.integer($0)) }
        var found: [KnownPairing] = []
        try inSlices(s, select(pairingColumns, "pairings") + " WHERE id IN", values) { found.append(pairing($0)) }
        var members: [Int64: [Int64]] = [:]
        try inSlices(s, "SELECT pairing_id, person_id FROM pairing_members WHERE pairing_id IN", values) {
            members[$0.int(0) ?? 0, default: []].append($0.int(1) ?? 0)
        }
        return found.sorted { $0.id < $1.id }.map {
            PairingRecord(id: $0.id, mentorID: $0.mentorID, menteeIDs: (members[$0.id] ?? []).sorted(), pairing: $0.pairing)
        }
    }
}
