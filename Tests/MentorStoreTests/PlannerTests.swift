import MentorBase
import Testing

/// The planner over an in-memory working set, the way the store drives it.
@Suite struct PlannerTests {
    func mentee(_ name: String, birth: String, phones: [String] = [], request: String? = nil, mentor: String? = nil,
                row: Int = 2) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": .name(FieldInput.NameParts(canonical: name)
                                                        ?? .init(lastName: name)),
                                       "birthDate": .date(day(birth)), "className": .text("7Б")]
        if !phones.isEmpty { f["phones"] = .list(phones.map(FieldInput.phone)) }
        if let request { f["request"] = .text(request) }
        if let mentor {
            f["mentorName"] = .name(FieldInput.NameParts(canonical: mentor) ?? .init(lastName: mentor))
            f["form"] = .code("student_student")
            f["startDate"] = .date(day("2024-09-01"))
        }
        return RecordAssembler.assemble(kind: .mentees, fields: f, location: SourceLocation(file: "m.csv", row: row))
    }

    @Test func newThenUnchangedThenUpdatedFieldByField() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let first = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", phones: ["+79161234567"]))
        #expect(first.outcome == .new)
        #expect(first.writes.filter(\.isInsert).map(\.table) == [.people, .menteeProfiles])
        let again = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", phones: ["+79161234567"]))
        #expect(again.outcome == .unchanged)
        #expect(again.writes.isEmpty)
        // An empty phone never erases; a new request fills; a new phone replaces.
        let third = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", request: "математика"))
        #expect(third.outcome == .updated)
        #expect(third.changes.map(\.change.column) == ["request"])
        let fourth = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", phones: ["+79990000000"]))
        #expect(fourth.outcome == .updated)
        let change = fourth.changes.first { $0.change.column == "phones" }?.change
        #expect(change?.old == .text("[\"+79161234567\"]"))
        #expect(change?.new == .text("[\"+79990000000\"]"))
    }

    @Test func keepPolicyReportsTheConflictAndKeepsTheStoredValue() {
        let ws = WorkingSet(nextIDs: [:])
        _ = MergePlanner(workingSet: ws).plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", phones: ["+79161234567"]))
        let keep = MergePlanner(workingSet: ws, policy: .keep)
        let p = keep.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", phones: ["+79990000000"], request: "чтение"))
        #expect(p.outcome == .conflicting)
        #expect(p.changes.map(\.change.column) == ["request"])
        guard case .field(_, let column, let stored, let incoming, _)? = p.conflicts.first else {
            Issue.record("expected a field conflict"); return
        }
        #expect(column == "phones")
        #expect(stored == .text("[\"+79161234567\"]"))
        #expect(incoming == .text("[\"+79990000000\"]"))
    }

    @Test func rejectedRowsNeverWrite() {
        let ws = WorkingSet(nextIDs: [:])
        var r = mentee("Петров Пётр", birth: "2011-01-01")
        r.diagnostics.append(Diagnostic(code: "type-error", severity: .error, location: r.location,
                                        message: Localized(ru: "x", en: "x")))
        let p = MergePlanner(workingSet: ws).plan(r)
        #expect(p.outcome == .rejected)
        #expect(p.writes.isEmpty)
        #expect(ws.people.isEmpty)
    }

    @Test func identityReviewMakesTheRowConflictingAndWritesNothing() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        _ = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05"))
        let p = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-05-03"))
        #expect(p.outcome == .conflicting)
        #expect(p.writes.isEmpty)
        #expect(ws.people.count == 1)
    }

    @Test func aMentorNamedBeforeTheirOwnRowIsCompletedLater() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let a = planner.plan(mentee("Иванов Иван Петрович", birth: "2010-03-05", mentor: "Смирнова Ольга Ивановна"))
        let b = planner.plan(mentee("Петров Пётр Петрович", birth: "2010-04-04", mentor: "Смирнова Ольга Ивановна", row: 3))
        #expect(a.outcome == .new && b.outcome == .new)
        #expect(ws.people.count == 3)
        #expect(ws.pairings.count == 1, "same mentor, form and start date: one group")
        #expect(ws.pairings.values.first?.members.count == 2)
        let mentorRow = RecordAssembler.assemble(
            kind: .mentors,
            fields: ["fullName": .name(.init(lastName: "Смирнова", firstName: "Ольга", patronymic: "Ивановна")),
                     "birthDate": .date(day("1980-01-01")), "mentorCategory": .code("teacher")],
            location: SourceLocation(file: "t.csv", row: 2))
        let c = planner.plan(mentorRow)
        #expect(c.outcome == .new, "the mentor profile is new")
        #expect(ws.people.count == 3, "the name-only person was completed, not duplicated")
        #expect(ws.people.values.filter(\.isReference).isEmpty)
    }

    @Test func latestQuestionnaireWinsWhateverTheOrder() {
        func response(_ at: String, phone: String) -> IncomingRecord {
            RecordAssembler.assemble(
                kind: .menteeQuestionnaire,
                fields: ["fullName": .name(.init(lastName: "Орлова", firstName: "Мария", patronymic: "Олеговна")),
                         "birthDate": .date(day("2011-02-02")), "phones": .list([.phone(phone)]),
                         "submittedAt": .dateTime(CalendarDateTime(iso: Substring(at)) ?? .midnight(.epoch)),
                         "request": .text("request at " + at)],
                location: SourceLocation(file: "q.csv", row: 2))
        }
        let older = response("2024-09-01T10:00:00", phone: "+79000000001")
        let newer = response("2024-09-02T10:00:00", phone: "+79000000002")
        for order in [[older, newer], [newer, older]] {
            let ws = WorkingSet(nextIDs: [:])
            let planner = MergePlanner(workingSet: ws)
            for r in order { #expect(planner.plan(r).outcome == .new) }
            let responses = ws.responses.values.flatMap { $0 }
            #expect(responses.count == 2)
            #expect(responses.filter(\.isLatest).map(\.response.submittedAt.iso) == ["2024-09-02T10:00:00"])
            #expect(ws.people.values.first?.person.phones == ["+79000000002"])
        }
    }

    @Test func consentRowsGrantAndRevoke() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        let name = FieldInput.name(.init(lastName: "Орлова", firstName: "Мария", patronymic: "Олеговна"))
        let grant = RecordAssembler.assemble(
            kind: .consents,
            fields: ["fullName": name, "birthDate": .date(day("2011-02-02")), "signedOn": .date(day("2024-09-01")),
                     "processing": .boolean(true), "publication": .boolean(true), "signerRole": .code("parent"),
                     "publicationFields": .list([.code("fio"), .code("photo")])],
            location: SourceLocation(file: "c.csv", row: 2))
        #expect(planner.plan(grant).outcome == .new)
        #expect(ws.consents.values.first?.count == 2)
        let revoke = RecordAssembler.assemble(
            kind: .consents,
            fields: ["fullName": name, "birthDate": .date(day("2011-02-02")), "signedOn": .date(day("2024-10-01")),
                     "revokedOn": .date(day("2024-10-01"))],
            location: SourceLocation(file: "c.csv", row: 3))
        let p = planner.plan(revoke)
        #expect(p.outcome == .updated)
        #expect(p.changes.filter { $0.change.column == "revoked_on" }.count == 2)
        let consents = ws.consents.values.flatMap { $0 }.map(\.consent)
        #expect(consents.allSatisfy { !$0.isValid(on: day("2024-10-01")) })
        #expect(consents.allSatisfy { $0.isValid(on: day("2024-09-30")) })
        #expect(consents.first?.destroyBy == day("2024-10-31"))
    }

    @Test func unknownCodesRejectTheRow() {
        let r = RecordAssembler.assemble(
            kind: .mentors,
            fields: ["fullName": .name(.init(lastName: "Котов")), "mentorCategory": .code("astronaut")],
            location: SourceLocation(file: "t.csv", row: 4))
        #expect(r.hasErrors)
        #expect(r.diagnostics.first?.code == "constraint-error")
        #expect(r.diagnostics.first?.location.field == "mentorCategory")
    }
}
