import MentorBase

extension SQLStore {
    /// Rows per page when streaming for exports.
    static let pageSize = 500

    public func forEachPerson(_ body: (PersonRecord) throws -> Void) throws {
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows(SQLStore.select(SQLStore.personColumns, "people")
                                      + " WHERE id > ? ORDER BY id LIMIT \(SQLStore.pageSize)", [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                let ids = page.compactMap { $0.int(0) }.map { StoredValue?.some(.integer($0)) }
                var mentors: [Int64: MentorProfile] = [:]
                var mentees: [Int64: MenteeProfile] = [:]
                var consents: [Int64: [Consent]] = [:]
                try SQLStore.inSlices(s, SQLStore.select(SQLStore.mentorColumns, "mentor_profiles") + " WHERE person_id IN", ids) {
                    mentors[$0.int(1) ?? 0] = MentorProfile(storedValues: Array($0.values.dropFirst(2)))
                }
                try SQLStore.inSlices(s, SQLStore.select(SQLStore.menteeColumns, "mentee_profiles") + " WHERE person_id IN", ids) {
                    mentees[$0.int(1) ?? 0] = MenteeProfile(storedValues: Array($0.values.dropFirst(2)))
                }
                try SQLStore.inSlices(s, SQLStore.select(SQLStore.consentColumns, "consents") + " WHERE person_id IN", ids) {
                    let c = SQLStore.consent($0)
                    consents[c.personID, default: []].append(c.consent)
                }
                for r in page {
                    let k = SQLStore.person(r)
                    try body(PersonRecord(id: k.id, person: k.person, isReference: k.isReference, mentor: mentors[k.id],
                                          mentee: mentees[k.id],
                                          consents: (consents[k.id] ?? []).sorted { $0.signedOn < $1.signedOn }))
                }
            }
        }
    }

    public func forEachPairing(_ body: (PairingRecord) throws -> Void) throws {
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows(SQLStore.select(SQLStore.pairingColumns, "pairings")
                                      + " WHERE id > ? ORDER BY id LIMIT \(SQLStore.pageSize)", [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                var members: [Int64: [Int64]] = [:]
                try SQLStore.inSlices(s, "SELECT pairing_id, person_id FROM pairing_members WHERE pairing_id IN",
                                      page.compactMap { $0.int(0) }.map { .integer($0) }) {
                    members[$0.int(0) ?? 0, default: []].append($0.int(1) ?? 0)
                }
                for r in page {
                    let p = SQLStore.pairing(r)
                    try body(PairingRecord(id: p.id, mentorID: p.mentorID, menteeIDs: (members[p.id] ?? []).sorted(),
                                           pairing: p.pairing))
                }
            }
        }
    }

    public func forEachResponse(latestOnly: Bool, _ body: (ResponseRecord) throws -> Void) throws {
        try backend.readTransaction { s in
            var after: Int64 = 0
            while true {
                let page = try s.rows(SQLStore.select(SQLStore.responseColumns, "questionnaire_responses")
                                      + " WHERE id > ?" + (latestOnly ? " AND is_latest = 1" : "")
                                      + " ORDER BY id LIMIT \(SQLStore.pageSize)", [.integer(after)])
                guard let last = page.last?.int(0) else { return }
                after = last
                for r in page {
                    let k = SQLStore.response(r)
                    try body(ResponseRecord(id: k.id, personID: r.int(1), response: k.response, isLatest: k.isLatest))
                }
            }
        }
    }
}
