import Foundation
import MentorBase
import MentorStore
import Testing

/// The rules that need the store (DOMAIN.md «Set and store»), through the planner and through a
/// real store: a consent's signer checked against a stored birth date, people in an active pair
/// without a valid processing consent, guardians merged by name.
@Suite struct StoreRuleTests {
    static let asOf = day("2024-10-15")

    func person(_ name: String) -> FieldInput {
        .name(FieldInput.NameParts(canonical: name) ?? .init(lastName: name))
    }

    func mentee(_ name: String, birth: String, mentor: String, guardian: String? = nil, guardianPhone: String? = nil,
                row: Int) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": person(name), "birthDate": .date(day(birth)), "className": .text("7Б"),
                                       "mentorName": person(mentor), "form": .code("student_student"),
                                       "startDate": .date(day("2024-09-01"))]
        if let guardian { f["guardianName"] = person(guardian) }
        if let guardianPhone { f["guardianPhone"] = .list([.phone(guardianPhone)]) }
        return RecordAssembler.assemble(kind: .mentees, fields: f, location: SourceLocation(file: "m.csv", row: row))
    }

    func consent(_ name: String, birth: String? = nil, signed: String, role: String, revoked: String? = nil,
                 row: Int) -> IncomingRecord {
        var f: [String: FieldInput] = ["fullName": person(name), "signedOn": .date(day(signed)), "processing": .boolean(true),
                                       "signerRole": .code(role)]
        if let birth { f["birthDate"] = .date(day(birth)) }
        if let revoked { f["revokedOn"] = .date(day(revoked)) }
        return RecordAssembler.assemble(kind: .consents, fields: f, location: SourceLocation(file: "c.csv", row: row))
    }

    @Test func aMinorSigningForThemselvesIsRejectedByTheStoredBirthDate() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        #expect(planner.plan(mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 2))
            .outcome == .new)
        // The consent list has no birth date column: the row alone cannot tell a minor.
        let p = planner.plan(consent("Котов Илья Андреевич", signed: "2024-09-01", role: "self", row: 5))
        #expect(p.outcome == .rejected)
        #expect(p.writes.isEmpty)
        let d = p.diagnostics.first { $0.code == "minor-signer" }
        #expect(d?.severity == .error)
        #expect(d?.location.row == 5)
        #expect(d?.message(.ru).contains("12.03.2011") == true)
        // A parent's signature for the same minor goes in.
        #expect(planner.plan(consent("Котов Илья Андреевич", signed: "2024-09-01", role: "parent", row: 6)).outcome == .new, "a new consent of a known person")
        // An adult whose consent someone else signed: a warning, the row still goes in.
        _ = planner.plan(mentee("Орлова Нина Викторовна", birth: "1978-06-14", mentor: "Лебедева Дарья Олеговна", row: 3))
        let adult = planner.plan(consent("Орлова Нина Викторовна", signed: "2024-09-01", role: "parent", row: 7))
        #expect(adult.outcome == .new)
        #expect(adult.diagnostics.map(\.code) == ["adult-signs-self"])
        #expect(adult.diagnostics.first?.severity == .warning)
    }

    @Test func activePairMembersWithoutAValidProcessingConsentAreWarnedOnce() {
        let ws = WorkingSet(nextIDs: [:])
        let planner = MergePlanner(workingSet: ws)
        planner.asOf = Self.asOf
        #expect(planner.plan(consent("Котов Илья Андреевич", birth: "2011-03-12", signed: "2024-09-01", role: "parent", row: 2))
            .outcome == .new)
        let first = planner.plan(mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 2))
        // The mentee has a consent; the mentor, named only, has none.
        #expect(first.diagnostics.map(\.code) == ["pair-without-consent"])
        #expect(first.diagnostics.first?.message(.en).contains("Лебедева") == true)
        #expect(first.diagnostics.first?.severity == .warning)
        #expect(first.outcome == .new, "a warning never stops the row")
        let second = planner.plan(mentee("Миронова Полина Сергеевна", birth: "2010-09-28", mentor: "Лебедева Дарья Олеговна", row: 3))
        #expect(second.diagnostics.filter { $0.message(.en).contains("Лебедева") }.isEmpty, "one warning per person")
        #expect(second.diagnostics.contains { $0.message(.en).contains("Миронова") })

        // A revocation of someone still in the active pair.
        let revoke = planner.plan(consent("Котов Илья Андреевич", birth: "2011-03-12", signed: "2024-09-01", role: "parent",
                                          revoked: "2024-10-01", row: 3))
        #expect(revoke.outcome == .updated)
        #expect(revoke.diagnostics.map(\.code) == ["pair-without-consent"])
        #expect(revoke.diagnostics.first?.message(.en).contains("revoked") == true)
    }

    @Test func guardiansMergeByNameSoTheOrderOfFilesDoesNotMatter() {
        let parent = "Котова Анна Сергеевна"
        func row(_ phone: String?) -> IncomingRecord {
            mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", guardian: parent,
                   guardianPhone: phone, row: 2)
        }
        // Two files in both orders: one knows the parent's phone, the other only the name.
        var results: [[Guardian]] = []
        for phoneFirst in [true, false] {
            let ws = WorkingSet(nextIDs: [:])
            let planner = MergePlanner(workingSet: ws)
            _ = planner.plan(row(phoneFirst ? "+79182451799" : nil))
            let second = planner.plan(row(phoneFirst ? nil : "+79182451799"))
            #expect(second.outcome == (phoneFirst ? .unchanged : .updated))
            results.append(ws.people.values.first { $0.person.lastName == "Котов" }?.person.guardians ?? [])
        }
        #expect(results[0] == [Guardian(name: parent, phone: "+79182451799")])
        #expect(results[1] == results[0])
    }

    @Test(arguments: Backend.enabled)
    func theStoreFeedsTheRulesAcrossImports(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        func run(_ records: [IncomingRecord], _ kind: ImportKind, _ name: String) throws -> ImportReport {
            var req = request(name, kind)
            req.asOf = Self.asOf
            return try store.importRecords(req, from: ArrayCursor(records))
        }
        let base = try run([mentee("Котов Илья Андреевич", birth: "2011-03-12", mentor: "Лебедева Дарья Олеговна", row: 2)],
                           .mentees, "base.csv")
        #expect(base.batchID != nil)
        #expect(Set(base.diagnostics.items.map(\.code)) == ["pair-without-consent"])
        #expect(base.diagnostics.items.count == 2, "the mentee and the mentor")
        // The consent list of a later day: the minor's own signature is refused by the stored birth date.
        let bad = try run([consent("Котов Илья Андреевич", signed: "2024-09-01", role: "self", row: 2)], .consents, "c1.csv")
        #expect(bad.stop == .rejected(1))
        #expect(bad.diagnostics.items.contains { $0.code == "minor-signer" && $0.location.row == 2 })
        let good = try run([consent("Котов Илья Андреевич", signed: "2024-09-01", role: "parent", row: 2),
                            consent("Лебедева Дарья Олеговна", birth: "2006-04-22", signed: "2024-09-01", role: "parent", row: 3)],
                           .consents, "c2.csv")
        #expect(good.batchID != nil)
        #expect(good.diagnostics.items.isEmpty, "\(good.diagnostics.items.map { $0.message(.en) })")
        // Now revoke the mentee's: he is in a pair that has not ended.
        let revoked = try run([consent("Котов Илья Андреевич", signed: "2024-09-01", role: "parent", revoked: "2024-10-10", row: 2)],
                              .consents, "c3.csv")
        #expect(revoked.diagnostics.items.map(\.code) == ["pair-without-consent"])
    }
}
