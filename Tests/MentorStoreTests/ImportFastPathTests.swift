import MentorBase
import Testing

/// The import's short cuts must give what the plain path gives: warnings worded only when the
/// report keeps them, a reference not merged again into a person it left unchanged, the people
/// index without an array per key.
@Suite struct ImportFastPathTests {
    static let asOf = day("2024-10-15")

    func person(_ name: String) -> FieldInput {
        .name(FieldInput.NameParts(canonical: name) ?? .init(lastName: name))
    }

    func mentee(_ name: String, birth: String, mentor: String, workplace: String? = nil, row: Int) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": person(name), "birthDate": .date(day(birth)), "className": .text("7Б"),
                                       "mentorName": person(mentor), "form": .code("student_student"),
                                       "startDate": .date(day("2024-09-01"))]
        if let workplace { f["mentorWorkplace"] = .text(workplace) }
        return RecordAssembler.assemble(kind: .mentees, fields: f, location: SourceLocation(file: "m.csv", row: row))
    }

    func consent(_ name: String, birth: String, signed: String, revoked: String? = nil, row: Int) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": person(name), "birthDate": .date(day(birth)), "signedOn": .date(day(signed)),
                                       "processing": .boolean(true), "signerRole": .code("parent")]
        if let revoked { f["revokedOn"] = .date(day(revoked)) }
        return RecordAssembler.assemble(kind: .consents, fields: f, location: SourceLocation(file: "c.csv", row: row))
    }

    /// Mentee rows (one mentor, a namesake, a revocation): every kind of «pair-without-consent».
    var records: [IncomingRecord] {
        var out = [consent("Котов Илья Андреевич", birth: "2011-03-12", signed: "2024-09-01", row: 2)]
        let names = ["Котов Илья Андреевич", "Миронова Полина Сергеевна", "Белов Олег Петрович", "Котов Илья Андреевич",
                     "Зайцева Анна Ильинична", "Белов Олег Петрович"]
        for (i, n) in names.enumerated() {
            out.append(mentee(n, birth: "2010-0\(i + 1)-11", mentor: "Лебедева Дарья Олеговна", row: i + 2))
        }
        out.append(consent("Котов Илья Андреевич", birth: "2011-03-12", signed: "2024-09-01", revoked: "2024-10-01", row: 3))
        return out
    }

    @Test func deferredWarningsWordedAreTheOnesWordedAtOnce() {
        let eager = MergePlanner(workingSet: WorkingSet(nextIDs: [:]))
        let lazy = MergePlanner(workingSet: WorkingSet(nextIDs: [:]))
        eager.asOf = Self.asOf
        lazy.asOf = Self.asOf
        lazy.defersConsentWarnings = true
        var deferred = 0
        var wording = ConsentWarningWording()
        for r in records {
            let a = eager.plan(r, keys: RecordKeys.withValues(r))
            var b = lazy.plan(r, keys: RecordKeys.withValues(r))
            #expect(a.pendingWarnings.isEmpty)
            deferred += b.pendingWarnings.count
            // The import's wording (its date formatted once) gives what each warning gives alone.
            #expect(b.pendingWarnings.map { wording.diagnostic($0, at: b.location, label: b.label) } == Array(a.diagnostics.suffix(b.pendingWarnings.count)))
            b.wordPendingWarnings()
            #expect(b.pendingWarnings.isEmpty)
            #expect(a.diagnostics == b.diagnostics)
            #expect(a.outcome == b.outcome)
            #expect(a.writes.count == b.writes.count)
        }
        #expect(deferred >= 4, "the mentor, the new mentees and the revocation are warned about")
    }

    @Test func aWordingFormatsEachNewDate() {
        var wording = ConsentWarningWording()
        let at = SourceLocation(file: "m.csv", row: 7)
        for (date, revoked) in [("2024-10-15", false), ("2024-10-15", true), ("2025-01-31", false), ("2024-10-15", false)] {
            let w = PendingConsentWarning(person: nil, personID: 42, date: day(date), revoked: revoked)
            let d = wording.diagnostic(w, at: at, label: "Котов Илья")
            #expect(d == w.diagnostic(at: at, label: "Котов Илья"))
            #expect(d.message.ru.contains("#42"))
            #expect(revoked || d.message.ru.contains(day(date).russian))
        }
    }

    @Test func aLogCountsWhatItDoesNotWord() {
        let ds = (0..<7).map { i in
            Diagnostic(code: "c\(i)", severity: i % 3 == 0 ? .error : .warning, location: SourceLocation(row: i),
                       message: Localized(ru: "м\(i)", en: "m\(i)"))
        }
        var plain = DiagnosticLog(capacity: 4)
        var lazy = DiagnosticLog(capacity: 4)
        var worded = 0
        for d in ds {
            plain.append(d)
            lazy.append(severity: d.severity) { worded += 1; return d }
        }
        #expect(lazy.items == plain.items)
        #expect(lazy.dropped == plain.dropped && lazy.dropped == 3)
        #expect(lazy.errorCount == plain.errorCount && lazy.warningCount == plain.warningCount)
        #expect(worded == 4, "only the kept ones are built")
    }

    @Test func aSettledReferenceIsMergedAgainWhenItOrThePersonChanges() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let mentor = "Лебедева Дарья Олеговна"
        _ = planner.plan(mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: mentor, row: 2))
        let again = planner.plan(mentee("Миронова Полина Сергеевна", birth: "2010-09-28", mentor: mentor, row: 3))
        #expect(again.writes.allSatisfy { $0.isInsert }, "the mentor named the same way changes nothing")
        // The same name with a workplace: other bytes, so merged, and it fills the empty field.
        let more = planner.plan(mentee("Белов Олег Петрович", birth: "2010-01-05", mentor: mentor, workplace: "МБОУ СОШ № 4", row: 4))
        #expect(more.writes.contains { $0.table == .people && !$0.isInsert })
        let stored = ws.people.values.first { $0.person.lastName == "Лебедева" }
        #expect(stored?.person.organization == "МБОУ СОШ № 4")

        // The memo itself: forgotten when the person is put again, or when the working set is reset.
        let ref = PersonReference(lastName: "Лебедева", firstName: "Дарья", patronymic: "Олеговна")
        guard let known = stored else { Issue.record("the mentor is loaded"); return }
        ws.markSettled(ref, into: known.id)
        #expect(ws.isSettled(ref, into: known.id))
        #expect(!ws.isSettled(ref, into: known.id + 1))
        #expect(!ws.isSettled(PersonReference(lastName: "Лебедева", firstName: "Дарья"), into: known.id))
        ws.put(known)
        #expect(!ws.isSettled(ref, into: known.id))
        ws.markSettled(ref, into: known.id)
        ws.reset()
        #expect(!ws.isSettled(ref, into: known.id))
    }

    @Test func namesakesAreFoundInTheOrderTheyWereIndexed() {
        let ws = WorkingSet(nextIDs: [:])
        let keysOf = { (p: Person) in IdentityKeys(p) }
        let people = (1...4).map { i in
            KnownPerson(id: Int64(i), person: Person(lastName: "Орлова", firstName: "Нина", birthDate: day("2010-01-0\(i)")),
                        isReference: false)
        }
        for p in people { ws.put(p) }
        let k = keysOf(people[0].person)
        #expect(ws.candidates(for: k).map(\.id) == [1, 2, 3, 4])
        // Re-putting the first moves it behind the others (unindexed, then indexed again).
        ws.put(people[0])
        #expect(ws.candidates(for: k).map(\.id) == [2, 3, 4, 1])
        // A changed name leaves the old key's list.
        var renamed = people[2]
        renamed.person.lastName = "Белова"
        renamed.keys = keysOf(renamed.person)
        ws.put(renamed)
        #expect(ws.candidates(for: k).map(\.id) == [2, 4, 1])
        #expect(ws.candidates(for: renamed.keys).map(\.id) == [3])
    }
}

extension ImportFastPathTests {
    @Test func aRememberedResolutionIsForgottenWhenANamesakeArrives() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let mentor = "Лебедева Дарья Олеговна"
        #expect(planner.plan(mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: mentor, row: 2)).outcome == .new)
        #expect(planner.plan(mentee("Миронова Полина Сергеевна", birth: "2010-09-28", mentor: mentor, row: 3)).outcome == .new)
        let ref = PersonReference(lastName: "Лебедева", firstName: "Дарья", patronymic: "Олеговна")
        guard case .matched(let id, _)? = ws.resolution(of: ref) else {
            Issue.record("the mentor's resolution is remembered")
            return
        }
        // A namesake with a birth date: the name now fits two people, so the reference needs a person's decision.
        ws.put(KnownPerson(id: id + 100, person: Person(lastName: "Лебедева", firstName: "Дарья", patronymic: "Олеговна",
                                                        birthDate: day("1990-05-05")), isReference: false))
        #expect(ws.resolution(of: ref) == nil)
        let third = planner.plan(mentee("Белов Олег Петрович", birth: "2010-01-05", mentor: mentor, row: 4))
        #expect(third.outcome == .conflicting)
        #expect(third.conflicts.contains { if case .reference = $0 { return true } else { return false } })
        // Someone with other keys leaves it as it is.
        _ = planner.plan(mentee("Зайцева Анна Ильинична", birth: "2010-02-02", mentor: "Орлова Нина Викторовна", row: 5))
        _ = planner.plan(mentee("Гусев Пётр Ильич", birth: "2010-03-03", mentor: "Орлова Нина Викторовна", row: 6))
        let orlova = PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна")
        #expect(ws.resolution(of: orlova) != nil)
        ws.put(KnownPerson(id: id + 200, person: Person(lastName: "Белова", firstName: "Ольга"), isReference: false))
        #expect(ws.resolution(of: orlova) != nil)
    }
}

/// Per-row bookkeeping indexes arrays by `EntityTable.ordinal`, written out by hand: it must be
/// each case's place in `allCases`, or id counters of two tables would be mixed up.
@Test func entityTableOrdinalsAreTheirPlacesInAllCases() {
    for (offset, table) in EntityTable.allCases.enumerated() {
        #expect(table.ordinal == offset, "\(table)")
    }
}
