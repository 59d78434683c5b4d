/// Decides, row by row, what importing does to the store: new, updated (field by field),
/// unchanged, conflicting (with the reason) or rejected (with the row's diagnostics).
///
/// Field policy: an empty incoming value never erases; a non-empty one fills an empty field;
/// where both are non-empty and differ, `ConflictPolicy` decides (replace by default).
/// Questionnaire duplicates: the latest «Отметка времени» is the current response, the others
/// stay as history, and an older submission never overwrites the person's data.
///
/// The planner works on a ``WorkingSet`` the store has loaded and updates it with every decision,
/// so the rows of one file see each other. It knows nothing of SQL.
public final class MergePlanner {
    public let workingSet: WorkingSet
    public let policy: ConflictPolicy
    /// The date the store-tier rules are checked on (consents of people in active pairs); nil: not checked.
    public var asOf: CalendarDate?
    /// People already warned about in this import (one warning per person, not one per row).
    private var warnedNoConsent: IDBits
    /// «pair-without-consent» warnings are left unworded in `RecordPlan.pendingWarnings` (an
    /// import words only those its report keeps); otherwise they are in `diagnostics` at once.
    public var defersConsentWarnings = false

    public init(workingSet: WorkingSet, policy: ConflictPolicy = .replace) {
        self.workingSet = workingSet
        self.policy = policy
        warnedNoConsent = IDBits(base: workingSet.nextID(.people))
    }

    /// Plans one row and records its effects in the working set (unless it is conflicting or rejected).
    public func plan(_ record: IncomingRecord, keys: consuming RecordKeys? = nil) -> RecordPlan {
        // Taken out of the keys (which go with the builder), not copied.
        let label = keys?.label.take() ?? MergePlanner.label(record)
        if record.hasErrors {
            return RecordPlan(location: record.location, outcome: .rejected, label: label, diagnostics: record.diagnostics)
        }
        var b = Builder(ws: workingSet, policy: policy)
        // A base row writes three or four rows (person, profile, pairing membership): one allocation.
        b.writes.reserveCapacity(4)
        b.take(keys)
        switch record.content {
        case .mentor(let person, let profile, let pairing, let mentees):
            planMentor(&b, person, profile, pairing, mentees)
        case .mentee(let person, let profile, let pairing, let mentor):
            planMentee(&b, person, profile, pairing, mentor)
        case .consent(let person, let consents, let revokesAll):
            planConsent(&b, person, consents, revokesAll, at: record.location)
        case .pairing(let pairing, let mentor, let mentees):
            planPairing(&b, pairing, mentor, mentees)
        case .questionnaire(let person, let response):
            planQuestionnaire(&b, person, response)
        }
        let outcome: RecordPlan.Outcome
        if b.aborted || !b.conflicts.isEmpty {
            outcome = .conflicting
        } else if b.primaryInserted {
            outcome = .new
        } else if b.writes.isEmpty {
            outcome = .unchanged
        } else {
            outcome = .updated
        }
        if !b.rejections.isEmpty {
            // A store-tier error: checked before the row touched the working set, so nothing to undo.
            return RecordPlan(location: record.location, outcome: .rejected, label: label,
                              diagnostics: record.diagnostics + b.rejections)
        }
        if b.aborted { b.writes.removeAll(); b.changes.removeAll() }
        var plan = b.plan(location: record.location, outcome: outcome, label: label,
                          diagnostics: record.diagnostics + b.findings)
        if !defersConsentWarnings { plan.wordPendingWarnings() }
        return plan
    }

    /// How a row is named in a plan: its person, or a pairing's mentor and mentees.
    public static func label(_ r: IncomingRecord) -> String {
        switch r.content {
        case .mentor(let p, _, _, _), .mentee(let p, _, _, _), .consent(let p, _, _), .questionnaire(let p, _):
            return p.displayName
        case .pairing(_, let m, let ms):
            return m.displayName + " → " + ms.map(\.displayName).joined(separator: ", ")
        }
    }

    // MARK: Kinds

    private func planMentor(_ b: inout Builder, _ person: Person, _ profile: MentorProfile, _ pairing: Pairing?,
                            _ mentees: [PersonReference]) {
        guard let subject = b.resolveSubject(person), let menteeIDs = b.resolveReferences(mentees) else { return }
        let pid = b.applySubject(subject, person, fillOnly: false)
        let keep = pid != b.unindexedSubjectID
        b.mergeProfile(.mentorProfiles, personID: pid, profile,
                       existing: b.isNew(pid) ? nil : workingSet.mentorProfiles[pid], primary: true) { id, p in
            // Nobody can reach an unindexed new person (see `Builder.insertPerson`), nor their profile.
            if keep { self.workingSet.putMentorProfile(personID: pid, id: id, p) }
        }
        if !mentees.isEmpty {
            let ids = b.applyReferences(menteeIDs, mentees)
            b.mergePairing(pairing, mentorID: pid, menteeIDs: ids, primary: false)
            checkConsents(&b, [pid] + ids, endingOn: pairing?.endDate)
        }
    }

    private func planMentee(_ b: inout Builder, _ person: Person, _ profile: MenteeProfile, _ pairing: Pairing?,
                            _ mentor: PersonReference?) {
        // One name at most: resolved and applied without the arrays a mentor row's list needs.
        guard let subject = b.resolveSubject(person) else { return }
        let mentorDecision = mentor.map { b.resolveReference($0) }
        if b.aborted { return }
        let pid = b.applySubject(subject, person, fillOnly: false)
        let keep = pid != b.unindexedSubjectID
        b.mergeProfile(.menteeProfiles, personID: pid, profile,
                       existing: b.isNew(pid) ? nil : workingSet.menteeProfiles[pid], primary: true) { id, p in
            // Nobody can reach an unindexed new person (see `Builder.insertPerson`), nor their profile.
            if keep { self.workingSet.putMenteeProfile(personID: pid, id: id, p) }
        }
        if let mentor, let mentorDecision {
            var created: [String: Int64] = [:]
            if let m = b.applyReference(mentorDecision, mentor, created: &created) {
                b.mergePairing(pairing, mentorID: m, menteeIDs: [pid], primary: false)
                checkConsents(&b, pid, m, endingOn: pairing?.endDate)
            }
        }
    }

    /// `location`: the row's, for store-tier findings.
    private func planConsent(_ b: inout Builder, _ person: Person, _ consents: [Consent], _ revokesAll: CalendarDate?,
                             at location: SourceLocation) {
        guard let subject = b.resolveSubject(person) else { return }
        // The row gave no birth date: the signer rule is checked against the stored one.
        if person.birthDate == nil, case .matched(let id, _) = subject, let born = workingSet.people[id]?.person.birthDate {
            let found = StoreRules.signerFindings(consents, born: born, name: person.displayName, at: location)
            b.rejections = found.filter { $0.severity == .error }
            guard b.rejections.isEmpty else { return }
            b.findings += found
        }
        let pid = b.applySubject(subject, person, fillOnly: false)
        for c in consents { b.mergeConsent(c, personID: pid) }
        if let date = revokesAll {
            for k in workingSet.consents[pid] ?? [] where k.consent.signedOn <= date && k.consent.revokedOn == nil {
                var c = k.consent
                c.revokedOn = date
                b.mergeConsent(c, personID: pid)
            }
        }
        // A revocation (or an expired consent) of someone still in an active pair.
        if let asOf, !StoreRules.hasProcessingConsent(workingSet.consents[pid] ?? [], on: asOf),
           workingSet.inActivePairing.contains(pid) || workingSet.pairings.values.contains(where: {
               ($0.mentorID == pid || $0.members[pid] != nil) && StoreRules.isActive($0.pairing, on: asOf)
           }), warnedNoConsent.insert(pid) {
            let revoked = (workingSet.consents[pid] ?? []).contains { $0.consent.kind == .processing && $0.consent.revokedOn != nil }
            b.pendingWarnings.append(PendingConsentWarning(person: nil, personID: pid, date: asOf, revoked: revoked,
                                                           namesRowSubject: true))
        }
    }

    /// Warns once per person when someone in an active pair has no processing consent valid on `asOf`.
    /// `end`: the pairing's end date (the pairing is not copied to ask it).
    private func checkConsents(_ b: inout Builder, _ ids: [Int64], endingOn end: CalendarDate?) {
        guard let asOf, StoreRules.isActive(endingOn: end, on: asOf) else { return }
        for id in ids { checkConsent(&b, id, asOf) }
    }

    /// The same for a mentee row's two people (without an array for them).
    private func checkConsents(_ b: inout Builder, _ a: Int64, _ c: Int64, endingOn end: CalendarDate?) {
        guard let asOf, StoreRules.isActive(endingOn: end, on: asOf) else { return }
        checkConsent(&b, a, asOf)
        checkConsent(&b, c, asOf)
    }

    private func checkConsent(_ b: inout Builder, _ id: Int64, _ asOf: CalendarDate) {
        // A person this row created has no consents yet.
        let mine = b.isNew(id) ? [] : workingSet.consents[id] ?? []
        guard !StoreRules.hasProcessingConsent(mine, on: asOf), warnedNoConsent.insert(id) else { return }
        let revoked = mine.contains { $0.consent.kind == .processing && $0.consent.revokedOn != nil }
        // The row's own person, created and not indexed, is named by the row's label.
        if id == b.unindexedSubjectID {
            b.pendingWarnings.append(PendingConsentWarning(person: nil, personID: id, date: asOf, revoked: revoked,
                                                           namesRowSubject: true))
        } else {
            b.pendingWarnings.append(PendingConsentWarning(person: workingSet.people[id]?.person, personID: id,
                                                           date: asOf, revoked: revoked))
        }
    }

    private func planPairing(_ b: inout Builder, _ pairing: Pairing, _ mentor: PersonReference,
                             _ mentees: [PersonReference]) {
        guard let mentorIDs = b.resolveReferences([mentor]), let menteeIDs = b.resolveReferences(mentees) else { return }
        guard let m = b.applyReferences(mentorIDs, [mentor]).first else { return }
        let ids = b.applyReferences(menteeIDs, mentees)
        b.mergePairing(pairing, mentorID: m, menteeIDs: ids, primary: true)
        checkConsents(&b, [m] + ids, endingOn: pairing.endDate)
    }

    private func planQuestionnaire(_ b: inout Builder, _ person: Person, _ response: QuestionnaireResponse) {
        guard let subject = b.resolveSubject(person) else { return }
        // Decide first whether this submission is the latest, so an older one cannot overwrite the person.
        var isLatest = true
        if case .matched(let id, _) = subject {
            isLatest = (workingSet.responses[id] ?? []).allSatisfy {
                !($0.response.form == response.form && $0.response.stage == response.stage
                  && $0.response.submittedAt > response.submittedAt)
            }
        }
        let pid = b.applySubject(subject, person, fillOnly: !isLatest)
        b.mergeResponse(response, personID: pid)
    }
}

/// The row being planned: its writes, changes and conflicts.
private struct Builder {
    let ws: WorkingSet
    let policy: ConflictPolicy
    var writes: [EntityWrite] = []
    var changes: [(table: EntityTable, id: Int64, change: FieldChange)] = []
    var conflicts: [PlanConflict] = []
    var aborted = false
    var primaryInserted = false
    /// People this row created (ids from here on): none of them can be in a pairing yet.
    let firstInsertedPersonID: Int64
    /// Store-tier warnings about the row.
    var findings: [Diagnostic] = []
    /// Store-tier errors: the row is rejected.
    var rejections: [Diagnostic] = []
    /// «pair-without-consent» warnings, worded later (they follow `findings`).
    var pendingWarnings: [PendingConsentWarning] = []
    /// The subject's keys, computed once by `resolveSubject`.
    var subjectKeys: IdentityKeys?
    /// What the caller computed ahead (a `RecordKeys`, taken apart so that each part is read
    /// where it is used without copying the rest): the subject's keys (moved into `subjectKeys`),
    /// the references' keys, and the stored values of the subject, its profile and pairing.
    var preSubject: IdentityKeys?
    var preReferences: [IdentityKeys] = []
    var subjectValues: [StoredValue?]?
    var profileValues: [StoredValue?]?
    var pairingValues: [StoredValue?]?
    /// How many references have been resolved (indexes into `preReferences`).
    var referencesSeen = 0
    /// The row's own person when it was created and, nobody else in the chunk asking about its
    /// keys, not put in the working set (see `WorkingSet.isAskedOnce`).
    var unindexedSubjectID: Int64?
    /// The hashes of `subjectKeys` (the working set's filters ask by them).
    var subjectHashes: IdentityKeyHashes?

    init(ws: WorkingSet, policy: ConflictPolicy) {
        self.ws = ws
        self.policy = policy
        firstInsertedPersonID = ws.nextID(.people)
    }

    /// The row's plan: the writes, changes, conflicts and pending warnings moved into it, not
    /// copied (a copy was a retain of each array here and a release when the builder went).
    mutating func plan(location: SourceLocation, outcome: RecordPlan.Outcome, label: String,
                       diagnostics: [Diagnostic]) -> RecordPlan {
        var (w, c, k, p): ([EntityWrite], [(table: EntityTable, id: Int64, change: FieldChange)], [PlanConflict],
                           [PendingConsentWarning]) = ([], [], [], [])
        swap(&w, &writes)
        swap(&c, &changes)
        swap(&k, &conflicts)
        swap(&p, &pendingWarnings)
        return RecordPlan(location: location, outcome: outcome, label: label, writes: w, changes: c, conflicts: k,
                          diagnostics: diagnostics, pendingWarnings: p)
    }

    /// True for a person this row created: they have no profile, consent or pairing yet.
    func isNew(_ personID: Int64) -> Bool { personID >= firstInsertedPersonID }

    /// Takes the caller's keys and values apart (moving, not copying, each part).
    mutating func take(_ keys: consuming RecordKeys?) {
        guard var k = keys else { return }
        preSubject = k.subject.take()
        swap(&preReferences, &k.references)
        subjectValues = k.subjectValues.take()
        profileValues = k.profileValues.take()
        pairingValues = k.pairingValues.take()
    }

    // MARK: Identity

    /// The subject's decision, or nil (and the row conflicting) when a person must decide.
    mutating func resolveSubject(_ p: Person) -> IdentityDecision? {
        let k = preSubject.take() ?? IdentityKeys(p)
        let h = IdentityKeyHashes(k)
        subjectHashes = h
        let candidates = ws.candidates(for: k, hashes: h)
        // Among nobody, every row is new (what `resolve` gives), without handing it the keys.
        let d = candidates.isEmpty ? .new : IdentityResolver.resolve(p, knownKeys: k, among: candidates)
        subjectKeys = consume k
        if case .review(let cs) = d {
            conflicts.append(.identity(name: p.displayName, cs))
            aborted = true
            return nil
        }
        return d
    }

    mutating func resolveReferences(_ refs: [PersonReference]) -> [IdentityDecision]? {
        var out: [IdentityDecision] = []
        for r in refs { out.append(resolveReference(r)) }
        return aborted ? nil : out
    }

    /// The decision for the row's next name; a review makes the row conflicting (`aborted`).
    mutating func resolveReference(_ r: PersonReference) -> IdentityDecision {
        let ws = self.ws
        func decide(_ k: IdentityKeys) -> IdentityDecision {
            let candidates = ws.candidates(for: k)
            let d = candidates.isEmpty ? .new : IdentityResolver.resolve(r, knownKeys: k, among: candidates)
            ws.noteResolution(of: r, keys: k, candidates: candidates, d)
            return d
        }
        let d: IdentityDecision
        if let known = ws.resolution(of: r) {
            d = known
        } else if referencesSeen < preReferences.count {
            d = decide(preReferences[referencesSeen])
        } else {
            d = decide(IdentityKeys(r))
        }
        referencesSeen += 1
        if case .review(let cs) = d {
            conflicts.append(.reference(name: r.displayName, cs))
            aborted = true
        }
        return d
    }

    /// Inserts or merges the row's own person; returns its id.
    mutating func applySubject(_ d: IdentityDecision, _ p: Person, fillOnly: Bool) -> Int64 {
        switch d {
        case .matched(let id, _):
            if let known = ws.people[id] {
                mergePerson(known, p, values: subjectValues, isReference: false, fillOnly: fillOnly)
            }
            return id
        case .new, .review:
            return insertPerson(p, values: subjectValues.take(), isReference: false, keys: subjectKeys.take(),
                                subject: true)
        }
    }

    /// Links names to people, creating a name-only person for a name the store does not know yet
    /// (the same new name twice in one row is one person).
    mutating func applyReferences(_ ds: [IdentityDecision], _ refs: [PersonReference]) -> [Int64] {
        var out: [Int64] = []
        var created: [String: Int64] = [:]
        for (d, r) in zip(ds, refs) {
            if let id = applyReference(d, r, created: &created), !out.contains(id) { out.append(id) }
        }
        return out
    }

    /// Links one name to its person (see `applyReferences`); nil for a new name already created
    /// by this row (`created`: the row's new names by key).
    mutating func applyReference(_ d: IdentityDecision, _ r: PersonReference, created: inout [String: Int64]) -> Int64? {
        switch d {
        case .matched(let id, _):
            // What the naming row knows about the person (their organisation, say) fills empty
            // fields only, so it does not matter whether the person's own row came first.
            if !ws.isSettled(r, into: id), let known = ws.people[id],
               !mergePerson(known, r.asPerson, isReference: true, fillOnly: true) {
                ws.markSettled(r, into: id)
            }
            return id
        case .new, .review:
            let key = NameKey.key(lastName: r.lastName, firstName: r.firstName, patronymic: r.patronymic)
            if created[key] != nil { return nil }
            let id = insertPerson(r.asPerson, isReference: true)
            created[key] = id
            return id
        }
    }

    // MARK: Inserted rows

    /// Each shape's column names, built once: every row of a shape shares the array.
    static let personShape = InsertShape(Person.storedFields, ["name_key", "initials_key", "snils_key", "is_reference"])
    static let mentorProfileShape = InsertShape(MentorProfile.storedFields, ["person_id"])
    static let menteeProfileShape = InsertShape(MenteeProfile.storedFields, ["person_id"])
    static let pairingShape = InsertShape(Pairing.storedFields, ["person_id"])
    static let memberColumns = ["pairing_id", "person_id"]
    static let consentShape = InsertShape(Consent.storedFields, ["person_id", "kind", "signed_on"])
    static let responseShape = InsertShape(QuestionnaireResponse.storedFields,
                                           ["person_id", "form", "stage", "submitted_at", "is_latest"])

    /// The shape of a profile table's rows.
    static func profileShape(_ table: EntityTable, _ fields: [StoredField]) -> InsertShape {
        switch table {
        case .mentorProfiles: return mentorProfileShape
        case .menteeProfiles: return menteeProfileShape
        default: return InsertShape(fields, ["person_id"])
        }
    }

    /// The columns of a person's row derived from it (the keys and the reference flag), with their values.
    static func derivedPersonColumns(_ p: Person, isReference: Bool, keys: IdentityKeys? = nil)
        -> [(column: String, value: StoredValue?)]
    {
        let k = keys ?? IdentityKeys(p)
        return [("name_key", .text(k.nameKey)), ("initials_key", .text(k.initialsKey)),
                ("snils_key", k.snils.map(StoredValue.text)), ("is_reference", .integer(isReference ? 1 : 0))]
    }

    /// A person's row: its stored values and the keys derived from it, moved out of `k` (which
    /// is left without them: copies were a retain of each here and a release when `k` went).
    static func personRow(_ values: consuming [StoredValue?], isReference: Bool, takingKeysOf k: inout IdentityKeys)
        -> InsertedRow
    {
        var (v, columns) = personShape.start(values)
        var name = "", initials = "", snils: String?
        swap(&name, &k.nameKey)
        swap(&initials, &k.initialsKey)
        swap(&snils, &k.snils)
        // Consumed: a `var` read is copied (and released when it goes).
        v.append(.text(consume name))
        v.append(.text(consume initials))
        v.append((consume snils).map(StoredValue.text))
        v.append(.integer(isReference ? 1 : 0))
        return InsertedRow(columns: consume columns, values: consume v)
    }

    /// `subject`: the row's own person (a person created from a name in the row is not).
    mutating func insertPerson(_ p: Person, values: consuming [StoredValue?]? = nil, isReference: Bool,
                               keys: consuming IdentityKeys? = nil, subject: Bool = false) -> Int64 {
        let id = ws.allocateID(.people)
        var k = keys.take() ?? IdentityKeys(p)
        let v = values.take() ?? p.storedValues
        // Nobody else in the chunk asks about these keys: indexing the person would only be undone
        // by the chunk's reset (the person is new, so nothing else looks it up by id). Then the
        // values and keys move into the row; else the row copies them.
        if subject && ws.isAskedOnce(subjectHashes ?? IdentityKeyHashes(k)) {
            unindexedSubjectID = id
            writes.append(EntityWrite(table: .people, id: id, personID: id,
                                      action: .insert(Builder.personRow(v, isReference: isReference, takingKeysOf: &k))))
        } else {
            var keysOfRow = k
            writes.append(EntityWrite(table: .people, id: id, personID: id,
                                      action: .insert(Builder.personRow(copy v, isReference: isReference,
                                                                        takingKeysOf: &keysOfRow))))
            ws.put(KnownPerson(id: id, person: p, isReference: isReference, keys: k, values: v))
        }
        return id
    }

    /// Merges a row's person into a known one; false when that changed nothing.
    @discardableResult
    mutating func mergePerson(_ known: KnownPerson, _ incoming: Person, values: [StoredValue?]? = nil, isReference: Bool,
                              fillOnly: Bool) -> Bool {
        var p = incoming
        var values = values
        // Guardians merge by name; when that adds what the row lacked, the precomputed values are stale.
        let guardians = Builder.mergeGuardians(incoming: incoming.guardians, stored: known.person.guardians)
        if guardians != incoming.guardians {
            p.guardians = guardians
            values = nil
        }
        let merged = mergeValues(.people, id: known.id, fields: Person.storedFields, stored: known.storedValues,
                                 incoming: values ?? p.storedValues, fillOnly: fillOnly)
        var fc = merged.changes
        let newRef = known.isReference && isReference
        // Nothing changed: the derived columns cannot have either.
        if fc.isEmpty && newRef == known.isReference { return false }
        let newPerson = Person(storedValues: merged.values)
        // Derived columns follow the merged person.
        let oldCols = Builder.derivedPersonColumns(known.person, isReference: known.isReference, keys: known.keys)
        let newCols = Builder.derivedPersonColumns(newPerson, isReference: newRef)
        for (o, n) in zip(oldCols, newCols) where o.value != n.value {
            fc.append(FieldChange(column: o.column, old: o.value, new: n.value))
        }
        guard !fc.isEmpty else { return false }
        record(.people, id: known.id, personID: known.id, fc)
        ws.put(KnownPerson(id: known.id, person: newPerson, isReference: newRef))
        return true
    }

    /// Guardians merge by name, so files that know more or less about them agree in any order:
    /// a guardian the row names without a phone keeps the stored phone (empty never erases), and
    /// a stored guardian the row does not mention stays.
    static func mergeGuardians(incoming: [Guardian], stored: [Guardian]) -> [Guardian] {
        guard !incoming.isEmpty, !stored.isEmpty else { return incoming }
        var out: [Guardian] = []
        var used = Set<Int>()
        for g in incoming {
            var m = g
            if let i = stored.indices.first(where: { !used.contains($0) && NameKey.fold(stored[$0].name) == NameKey.fold(g.name) }) {
                used.insert(i)
                if m.phone == nil { m.phone = stored[i].phone }
                if m.relation == nil { m.relation = stored[i].relation }
            }
            out.append(m)
        }
        for (i, g) in stored.enumerated() where !used.contains(i) { out.append(g) }
        return out
    }

    // MARK: Field merging

    /// Merges values field by field under the policy; conflicts are recorded on the builder.
    mutating func mergeValues(_ table: EntityTable, id: Int64, fields: [StoredField], stored: [StoredValue?],
                              incoming: [StoredValue?], fillOnly: Bool = false) -> (values: [StoredValue?], changes: [FieldChange]) {
        // Most merges change nothing (a group's pairing, named on each of its rows): find that out
        // first, reading the values in place.
        let n = min(fields.count, incoming.count, stored.count)
        guard let first = (0..<n).first(where: { !Builder.keeps(stored[$0], incoming[$0]) }) else { return (stored, []) }
        var values = stored
        var out: [FieldChange] = []
        for i in first..<n {
            guard let new = incoming[i] else { continue }          // empty never erases
            let old = values[i]
            if old == new { continue }
            let f = fields[i]
            if old == nil || (policy == .replace && !fillOnly) {
                values[i] = new
                out.append(FieldChange(column: f.column, old: old, new: new, sensitive: f.sensitive))
            } else if !fillOnly {
                conflicts.append(.field(table: table, column: f.column, stored: old, incoming: new, sensitive: f.sensitive))
            }
        }
        return (values, out)
    }

    /// True when merging `new` into `old` leaves it as it is (empty never erases). The values
    /// compared as `==` compares them (bytes), spelled out here: the call to `==` stayed out of
    /// line, and around it each value was copied out of its array (a retain and a release).
    @inline(__always)
    static func keeps(_ old: StoredValue?, _ new: StoredValue?) -> Bool {
        switch new {
        case nil:
            return true
        case .integer(let n)?:
            if case .integer(let o)? = old { return o == n }
            return false
        case .text(let n)?:
            if case .text(let o)? = old { return sameBytes(o, n) }
            return false
        }
    }

    mutating func record(_ table: EntityTable, id: Int64, personID: Int64?, _ fc: [FieldChange]) {
        guard !fc.isEmpty else { return }
        writes.append(EntityWrite(table: table, id: id, personID: personID, action: .update(fc)))
        for c in fc { changes.append((table, id, c)) }
    }

    /// The row's profile: its values computed ahead (`profileValues`, taken) or here.
    mutating func mergeProfile<R: StoredRecord>(_ table: EntityTable, personID: Int64, _ incoming: R,
                                                existing: (id: Int64, profile: R)?, primary: Bool,
                                                store: (Int64, R) -> Void) {
        let incomingValues = profileValues.take() ?? incoming.storedValues
        if let existing {
            let m = mergeValues(table, id: existing.id, fields: R.storedFields, stored: existing.profile.storedValues,
                                incoming: incomingValues)
            record(table, id: existing.id, personID: personID, m.changes)
            if !m.changes.isEmpty { store(existing.id, R(storedValues: m.values)) }
        } else {
            let id = ws.allocateID(table)
            var (v, columns) = Builder.profileShape(table, R.storedFields).start(incomingValues)
            v.append(.integer(personID))
            writes.append(EntityWrite(table: table, id: id, personID: personID,
                                      action: .insert(InsertedRow(columns: consume columns, values: consume v))))
            store(id, incoming)
            if primary { primaryInserted = true }
        }
    }

    // MARK: Pairings

    /// `incoming`: the row's pairing; nil for a row that gives none of its fields (an empty `Pairing()`).
    /// Its values: computed ahead (`pairingValues`, taken) or here.
    mutating func mergePairing(_ incoming: Pairing?, mentorID: Int64, menteeIDs: [Int64], primary: Bool) {
        let incomingValues = pairingValues.take() ?? (incoming ?? Pairing()).storedValues
        // The pairing is found by id and changed in place: a copy would duplicate its members
        // dictionary row after row (a mentor's group grows with every mentee row).
        let existingID = existingPairing(incoming, mentorID: mentorID, menteeIDs: menteeIDs)
        // Read in place (a copy would retain each of its strings and its members), and changed in place below.
        if let eid = existingID, let (mentor, stored) = ws.withPairing(eid, { ($0.mentorID, $0.storedValues) }) {
            var merged: [StoredValue?]?
            let m = mergeValues(.pairings, id: eid, fields: Pairing.storedFields, stored: stored, incoming: incomingValues)
            record(.pairings, id: eid, personID: mentor, m.changes)
            if !m.changes.isEmpty { merged = m.values }
            if let merged { ws.modifyPairing(eid) { p in p.pairing = Pairing(storedValues: merged) } }
            // Only the members change (a group's every next mentee): no lookup fields to refresh.
            // Changing the pairing's fields above left its members as they were. A person this row
            // created is in no pairing yet: nothing to look for.
            for (i, mentee) in menteeIDs.enumerated() where mentee != mentorID && !menteeIDs[..<i].contains(mentee)
                && (isNew(mentee) || !ws.isMember(pairingID: eid, personID: mentee)) {
                let memberID = insertMember(pairingID: eid, personID: mentee)
                // Nobody can reach an unindexed new person (see `insertPerson`), nor ask whether they are a member.
                if mentee != unindexedSubjectID { ws.addMember(pairingID: eid, personID: mentee, memberID: memberID) }
            }
        } else {
            let id = ws.allocateID(.pairings)
            var (v, columns) = Builder.pairingShape.start(incomingValues)
            v.append(.integer(mentorID))
            writes.append(EntityWrite(table: .pairings, id: id, personID: mentorID,
                                      action: .insert(InsertedRow(columns: consume columns, values: consume v))))
            var p = KnownPairing(id: id, mentorID: mentorID, pairing: incoming ?? Pairing(), members: [:], values: incomingValues)
            for mentee in menteeIDs where p.members[mentee] == nil && mentee != mentorID {
                p.members[mentee] = insertMember(pairingID: id, personID: mentee)
            }
            ws.put(p)
            if primary { primaryInserted = true }
        }
    }

    /// The loaded pairing a row's pairing is: by code; else a pairing of the mentor that one of
    /// the row's known mentees is in; else the mentor's pairing started on the same day in the
    /// same form. A pairing with a code is not taken for a row with another code.
    func existingPairing(_ incoming: Pairing?, mentorID: Int64, menteeIDs: [Int64]) -> Int64? {
        let code = incoming?.code
        if let code, let id = ws.pairingID(code: code) { return id }
        // People created by this very row are in no pairing yet: only the others are looked for.
        if menteeIDs.contains(where: { !isNew($0) }), let id = ws.firstPairing(ofMentor: mentorID, where: { p in
            (code == nil || p.pairing.code == nil) && menteeIDs.contains { !isNew($0) && p.members[$0] != nil }
        }) { return id }
        if let start = incoming?.startDate, let form = incoming?.form {
            return ws.firstPairing(ofMentor: mentorID, start: start, form: form, anyCode: code == nil)
        }
        return nil
    }

    mutating func insertMember(pairingID: Int64, personID: Int64) -> Int64 {
        let id = ws.allocateID(.pairingMembers)
        writes.append(EntityWrite(table: .pairingMembers, id: id, personID: personID,
                                  action: .insert(InsertedRow(columns: Builder.memberColumns,
                                                              values: [.integer(pairingID), .integer(personID)]))))
        return id
    }

    // MARK: Consents

    mutating func mergeConsent(_ c: Consent, personID: Int64) {
        let mine = ws.consents[personID] ?? []
        if let k = mine.first(where: { $0.consent.kind == c.kind && $0.consent.signedOn == c.signedOn }) {
            let m = mergeValues(.consents, id: k.id, fields: Consent.storedFields, stored: k.consent.storedValues,
                                incoming: c.storedValues)
            record(.consents, id: k.id, personID: personID, m.changes)
            if !m.changes.isEmpty {
                var merged = Consent(storedValues: m.values)
                merged.kind = c.kind
                merged.signedOn = c.signedOn
                ws.put(KnownConsent(id: k.id, personID: personID, consent: merged))
            }
        } else {
            let id = ws.allocateID(.consents)
            var (v, columns) = Builder.consentShape.start(c.storedValues)
            v.append(.integer(personID))
            v.append(.text(c.kind.rawValue))
            v.append(.text(c.signedOn.iso))
            writes.append(EntityWrite(table: .consents, id: id, personID: personID,
                                      action: .insert(InsertedRow(columns: consume columns, values: consume v))))
            ws.put(KnownConsent(id: id, personID: personID, consent: c))
            primaryInserted = true
        }
    }

    // MARK: Questionnaires

    mutating func mergeResponse(_ r: QuestionnaireResponse, personID: Int64) {
        let mine = ws.responses[personID] ?? []
        let same = mine.filter { $0.response.form == r.form && $0.response.stage == r.stage }
        let latestAt = same.map(\.response.submittedAt).max()
        let thisIsLatest = latestAt.map { r.submittedAt >= $0 } ?? true
        if let k = same.first(where: { $0.response.submittedAt == r.submittedAt }) {
            // The same submission from another file (the XLSX of a CSV, say): the raw row keeps the
            // spelling of the file that brought it first; only the answers are merged.
            var incoming = r.storedValues
            if let rawIndex = QuestionnaireResponse.storedFields.firstIndex(where: { $0.column == "raw" }),
               k.response.storedValues[rawIndex] != nil {
                incoming[rawIndex] = nil
            }
            let m = mergeValues(.responses, id: k.id, fields: QuestionnaireResponse.storedFields,
                                stored: k.response.storedValues, incoming: incoming)
            record(.responses, id: k.id, personID: personID, m.changes)
            if !m.changes.isEmpty {
                var merged = QuestionnaireResponse(storedValues: m.values)
                merged.form = r.form
                merged.stage = r.stage
                merged.submittedAt = r.submittedAt
                ws.put(KnownResponse(id: k.id, personID: personID, response: merged, isLatest: k.isLatest))
            }
            return
        }
        let id = ws.allocateID(.responses)
        var (v, columns) = Builder.responseShape.start(r.storedValues)
        v.append(.integer(personID))
        v.append(.text(r.form.rawValue))
        v.append(StoredCoding.code(r.stage))
        v.append(.text(r.submittedAt.iso))
        v.append(.integer(thisIsLatest ? 1 : 0))
        writes.append(EntityWrite(table: .responses, id: id, personID: personID,
                                  action: .insert(InsertedRow(columns: consume columns, values: consume v))))
        ws.put(KnownResponse(id: id, personID: personID, response: r, isLatest: thisIsLatest))
        primaryInserted = true
        if thisIsLatest {
            // The older ones become history.
            for var k in same where k.isLatest {
                record(.responses, id: k.id, personID: personID,
                       [FieldChange(column: "is_latest", old: .integer(1), new: .integer(0))])
                k.isLatest = false
                ws.put(k)
            }
        }
    }
}

/// The columns of one kind of inserted row: a record's stored fields, then a few columns the
/// planner adds (its owner, its keys). Built once per kind, so that its rows share the names.
struct InsertShape {
    let fields: [StoredField]
    /// The fields' columns and then the added ones.
    let columns: [String]
    let added: Int

    init(_ fields: [StoredField], _ added: [String]) {
        self.fields = fields
        columns = fields.map(\.column) + added
        self.added = added.count
    }

    /// A row's values so far (a record's, aligned with `fields`), with room for the added
    /// ones, and the columns they will be under once the caller has appended those.
    func start(_ values: consuming [StoredValue?]) -> (values: [StoredValue?], columns: [String]) {
        var v = values
        guard v.count == fields.count else {
            // Never so today (a record's values match its fields): as far as both go, under
            // names of their own.
            let n = min(v.count, fields.count)
            v.removeSubrange(n...)
            v.reserveCapacity(n + added)
            return (v, fields[..<n].map(\.column) + columns[fields.count...])
        }
        v.reserveCapacity(v.count + added)
        return (v, columns)
    }
}
