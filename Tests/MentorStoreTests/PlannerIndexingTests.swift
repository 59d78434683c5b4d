import MentorBase
import Testing

/// A new person nobody else in the chunk asks about is not indexed in the working set (the store
/// counts the chunk's keys first): the plans must be the ones of a working set that indexes everyone.
@Suite struct PlannerIndexingTests {
    static let asOf = day("2024-10-15")

    func name(_ s: String) -> FieldInput { .name(FieldInput.NameParts(canonical: s) ?? .init(lastName: s)) }

    func mentee(_ n: String, birth: String?, mentor: String?, row: Int, end: String? = nil) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": name(n), "className": .text("7Б")]
        if let birth { f["birthDate"] = .date(day(birth)) }
        if let mentor {
            f["mentorName"] = name(mentor)
            f["form"] = .code("student_student")
            f["startDate"] = .date(day("2024-09-01"))
        }
        if let end { f["endDate"] = .date(day(end)) }
        return RecordAssembler.assemble(kind: .mentees, fields: f, location: SourceLocation(file: "m.csv", row: row))
    }

    func consent(_ n: String, birth: String, signed: String, row: Int) -> IncomingRecord {
        RecordAssembler.assemble(kind: .consents, fields: [
            "fullName": name(n), "birthDate": .date(day(birth)), "signedOn": .date(day(signed)),
            "processing": .boolean(true), "signerRole": .code("parent"),
        ], location: SourceLocation(file: "c.csv", row: row))
    }

    /// Chunks of rows that meet each other in every way a key can: the same mentee twice in one
    /// chunk, a mentee named as someone's mentor, namesakes by initials, a consent for a mentee,
    /// a mentor whose group goes on in the next chunk, and rows that meet nobody.
    var chunks: [[IncomingRecord]] {
        [
            [mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 2),
             mentee("Миронова Полина Сергеевна", birth: "2010-09-28", mentor: "Лебедева Дарья Олеговна", row: 3),
             mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 4),
             mentee("Белов Олег Петрович", birth: "2010-01-05", mentor: "Миронова Полина Сергеевна", row: 5)],
            [mentee("Зайцева Анна Ильинична", birth: "2010-02-02", mentor: "Лебедева Дарья Олеговна", row: 6),
             mentee("Зайцева А. И.", birth: nil, mentor: "Лебедева Дарья Олеговна", row: 7),
             consent("Гусев Пётр Ильич", birth: "2010-03-03", signed: "2024-09-01", row: 8),
             mentee("Гусев Пётр Ильич", birth: "2010-03-03", mentor: "Лебедева Дарья Олеговна", row: 9),
             mentee("Лебедева Дарья Олеговна", birth: "2009-04-04", mentor: nil, row: 10)],
            [mentee("Орлов Иван Петрович", birth: "2010-05-05", mentor: "Орлова Нина Викторовна", row: 11, end: "2024-10-01"),
             mentee("Сидоров Максим Олегович", birth: "2010-06-06", mentor: nil, row: 12),
             mentee("Сидоров Максим Олегович", birth: "2010-06-07", mentor: nil, row: 13)],
        ]
    }

    /// What the store's prefetch counts: every key each row asks about.
    func asked(_ keys: [RecordKeys]) -> AskedKeys {
        var a = AskedKeys(capacity: 4)
        for k in keys {
            for ik in (k.subject.map { [$0] } ?? []) + k.references {
                if let s = ik.snils { a.add(s) }
                a.add(ik.nameKey)
                a.add(ik.initialsKey)
            }
        }
        return a
    }

    /// Everything a plan says, in words.
    func describe(_ p: RecordPlan) -> String {
        var q = p
        q.wordPendingWarnings()
        return "\(q.outcome) \(q.label) \(q.writes.map { "\($0.table) \($0.id) \(String(describing: $0.personID)) \($0.action)" }) "
            + "\(q.changes.map { "\($0.table) \($0.id) \($0.change)" }) \(q.conflicts) \(q.diagnostics.map { $0.json(.en) })"
    }

    func plans(countingKeys: Bool) -> (plans: [String], indexed: Int) {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        planner.asOf = Self.asOf
        planner.defersConsentWarnings = true
        var out: [String] = []
        var indexed = 0
        for chunk in chunks {
            let keys = chunk.map { RecordKeys.withValues($0) }
            if countingKeys { ws.askedKeys = asked(keys) }
            for (r, k) in zip(chunk, keys) { out.append(describe(planner.plan(r, keys: k))) }
            indexed += ws.people.count
            ws.reset()
            #expect(ws.askedKeys == nil, "a reset forgets what the chunk asked")
        }
        return (out, indexed)
    }

    @Test func plansAreTheSameWithAndWithoutCountedKeys() {
        let plain = plans(countingKeys: false)
        let counted = plans(countingKeys: true)
        #expect(counted.plans == plain.plans)
        #expect(counted.plans.count == chunks.joined().count)
        #expect(counted.indexed < plain.indexed, "the rows that meet nobody are not indexed")
        #expect(plain.plans.contains { $0.hasPrefix("unchanged") }, "the repeated row in one chunk is found")
        #expect(plain.plans.contains { $0.hasPrefix("conflicting") }, "the initials namesake is found")
    }

    @Test func askedKeysTellOnceFromMoreAndNever() {
        var a = AskedKeys(capacity: 2)
        let keys = (0..<500).map { "ключ \($0)" }
        for (i, k) in keys.enumerated() {
            a.add(k)
            if i % 3 == 0 { a.add(k) }
        }
        for (i, k) in keys.enumerated() { #expect(a.isAskedOnce(k) == (i % 3 != 0), "\(k)") }
        #expect(!a.isAskedOnce("ключ 500"), "never asked is not once")
        #expect(!a.isAskedOnce(""))
        a.add("")
        #expect(a.isAskedOnce(""))
    }

    @Test func aNewPersonAskedOnceIsNotIndexedAndOthersAre() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let rows = [mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 2),
                    mentee("Миронова Полина Сергеевна", birth: "2010-09-28", mentor: "Лебедева Дарья Олеговна", row: 3)]
        let keys = rows.map { RecordKeys.withValues($0) }
        ws.askedKeys = asked(keys)
        for (r, k) in zip(rows, keys) { #expect(planner.plan(r, keys: k).outcome == .new) }
        // The mentor, named on both rows, is indexed; each mentee is asked about once (by its own row).
        #expect(ws.people.values.map(\.person.lastName) == ["Лебедева"])
        #expect(ws.menteeProfiles.isEmpty)
    }
}

/// The working set's direct lookups answer what the general ones answer.
@Suite struct WorkingSetLookupTests {
    func pairing(_ id: Int64, mentor: Int64?, code: String?, start: String, form: String, members: [Int64: Int64] = [:]) -> KnownPairing {
        KnownPairing(id: id, mentorID: mentor, pairing: Pairing(code: code, form: form, startDate: day(start)), members: members)
    }

    @Test func aPairingByStartAndFormIsTheOneTheGeneralSearchFinds() {
        let ws = WorkingSet(nextIDs: [:])
        let forms = ["student_student", "teacher_student", "employer_student"]
        let starts = ["2024-09-01", "2024-09-02"]
        var id: Int64 = 1
        for code in [nil, "П-1", nil, "П-2"] as [String?] {
            for s in starts {
                for f in forms {
                    ws.put(pairing(id, mentor: id % 2 == 0 ? 7 : 8, code: code.map { "\($0)-\(id)" }, start: s, form: f,
                                   members: [100 + id: 1_000 + id]))
                    id += 1
                }
            }
        }
        func check() {
            for mentor: Int64 in [7, 8, 9] {
                for s in starts + ["2024-09-03"] {
                    for f in forms + ["other"] {
                        for anyCode in [true, false] {
                            let general = ws.firstPairing(ofMentor: mentor, matching: { l in
                                (anyCode || l.code == nil) && l.startDate == day(s) && l.form == f
                            })
                            #expect(ws.firstPairing(ofMentor: mentor, start: day(s), form: f, anyCode: anyCode) == general,
                                    "\(mentor) \(s) \(f) \(anyCode)")
                        }
                    }
                }
            }
            for p in ws.pairings.values {
                for person in [100 + p.id, 101 + p.id] {
                    #expect(ws.isMember(pairingID: p.id, personID: person) == (p.members[person] != nil))
                }
            }
        }
        check()
        // Changed in place and put again: the direct search follows.
        ws.modifyPairing(3) { $0.pairing.startDate = day("2024-09-03") }
        ws.modifyPairing(4) { $0.pairing.code = nil }
        ws.put(pairing(5, mentor: 8, code: nil, start: "2024-09-02", form: "student_student"))
        ws.addMember(pairingID: 6, personID: 107, memberID: 2_000)
        check()
        #expect(ws.isMember(pairingID: 6, personID: 107))
        #expect(!ws.isMember(pairingID: 999, personID: 107))
    }

    @Test func amongNobodyEveryoneIsNew() {
        let p = Person(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна", birthDate: day("1980-01-02"))
        #expect(IdentityResolver.resolve(p, among: []) == .new)
        #expect(IdentityResolver.resolve(PersonReference(lastName: "Орлова", firstName: "Н."), among: []) == .new)
    }
}
