import Foundation
import MentorBase
import MentorStore
import Testing

@Suite struct StoreImportTests {
    @Test(arguments: Backend.enabled)
    func importThenReimportIsANoOp(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        #expect(try store.schemaVersion() == 1)
        for f in School.all {
            let r = try importRecords(store, f)
            #expect(r.batchID != nil, "\(f.name) applied")
            #expect(r.stop == nil)
        }
        let before = try dump(store)
        #expect(before.contains("person смирнова ольга ивановна|1980-01-15 ref=false"))
        #expect(!before.contains("ref=true |"), "every named person got their own row except Сидорова")
        let batches = try store.batches().count
        // The same bytes again: recognised by checksum when it is the last batch.
        let last = try importRecords(store, School.pairs)
        #expect(last.alreadyImportedIn != nil)
        #expect(last.isNoOp)
        // Every file again, compared row by row: nothing changes, no batch is written.
        for f in School.all {
            let r = try importRecords(store, f, recheck: true)
            #expect(r.batchID == nil)
            #expect(r.count(.new) == 0 && r.count(.updated) == 0 && r.count(.conflicting) == 0, "\(f.name): \(r.counts)")
            #expect(r.count(.unchanged) == f.records.count)
        }
        #expect(try dump(store) == before)
        #expect(try store.batches().count == batches)
    }

    @Test(arguments: Backend.enabled)
    func dryRunWritesNothingButPlansEverything(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try importRecords(store, School.mentors)
        let before = try dump(store)
        let r = try importRecords(store, School.mentees, dryRun: true)
        #expect(r.dryRun && r.batchID == nil)
        #expect(r.count(.new) == 3)
        #expect(try dump(store) == before)
        #expect(try store.batches().count == 1)
        // The real import then does exactly what the dry run said.
        let real = try importRecords(store, School.mentees)
        #expect(real.counts == r.counts)
    }

    @Test(arguments: Backend.enabled)
    func oneRejectedRowStopsTheWholeImport(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        var file = School.mentees
        file.records[1].diagnostics.append(Diagnostic(code: "type-error", severity: .error, location: file.records[1].location,
                                                      value: "31.02.2011", message: Localized(ru: "нет такой даты", en: "no such date")))
        let r = try importRecords(store, file)
        #expect(r.stop == .rejected(1))
        #expect(r.batchID == nil)
        #expect(r.diagnostics.items.contains { $0.code == "type-error" && $0.location.row == 3 })
        #expect(try dump(store) == "")
        let accepted = try importRecords(store, file, acceptValid: true)
        #expect(accepted.batchID != nil)
        #expect(accepted.count(.new) == 2 && accepted.count(.rejected) == 1)
        #expect(try dump(store).contains("иванов иван петрович"))
        #expect(!(try dump(store)).contains("person орлова"))
    }

    @Test(arguments: Backend.enabled)
    func updatesAreLoggedFieldByFieldWithProvenance(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try importRecords(store, School.mentees)
        let fix = RecordFile(name: "mentees-fix.xlsx", kind: .mentees, records: [
            Rows.row(.mentees, "mentees-fix.xlsx", 7, [
                "fullName": Rows.name("Петров Пётр Петрович"), "birthDate": Rows.date("2010-06-06"),
                "className": .text("8Г"), "phones": .list([.phone("+79260000007")])]),
        ])
        let r = try importRecords(store, fix)
        #expect(r.count(.updated) == 1)
        let changes = r.plans.first?.changes.map { "\($0.change.column): \($0.change.old?.logText ?? "∅") → \($0.change.new?.logText ?? "∅")" }
        #expect(changes == ["class_name: 8В → 8Г", "phones: ∅ → [\"+79260000007\"]"])
        let h = try #require(try store.history(person: "Петров Пётр Петрович").first)
        #expect(h.displayName == "Петров Пётр Петрович")
        let cls = try #require(h.values.first { $0.column == "class_name" })
        #expect(cls.value == "8Г")
        #expect(cls.source?.file == "mentees-fix.xlsx" && cls.source?.row == 7)
        let birth = try #require(h.values.first { $0.column == "birth_date" })
        #expect(birth.source?.file == "mentees.csv" && birth.source?.row == 4)
        #expect(h.events.contains { $0.action == "update" && $0.column == "class_name" && $0.old == "8В" && $0.new == "8Г" })
        // Found by id and by initials-free name prefix too.
        #expect(try store.history(person: "#\(h.personID)").first?.personID == h.personID)
    }

    @Test(arguments: Backend.enabled)
    func conflictPolicies(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try importRecords(store, School.mentees)
        let other = RecordFile(name: "other.csv", kind: .mentees, records: [
            Rows.row(.mentees, "other.csv", 2, ["fullName": Rows.name("Петров Пётр Петрович"),
                                                "birthDate": Rows.date("2010-06-06"), "className": .text("9А")]),
        ])
        let before = try dump(store)
        let failed = try importRecords(store, other, policy: .fail)
        #expect(failed.stop == .conflicts(1))
        #expect(failed.diagnostics.items.contains { $0.code == "field-conflict" && $0.severity == .error })
        #expect(try dump(store) == before)
        let kept = try importRecords(store, other, policy: .keep)
        #expect(kept.count(.conflicting) == 1 && kept.batchID == nil)
        #expect(try dump(store) == before)
        let replaced = try importRecords(store, other)
        #expect(replaced.count(.updated) == 1)
        #expect(try dump(store).contains("9А"))
    }

    @Test(arguments: Backend.enabled)
    func identityCandidatesAreReportedNotMerged(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try importRecords(store, School.mentees)
        let doubtful = RecordFile(name: "doubt.csv", kind: .mentees, records: [
            Rows.row(.mentees, "doubt.csv", 2, ["fullName": Rows.name("Иванов И. П."), "birthDate": Rows.date("2012-03-05")]),
            Rows.row(.mentees, "doubt.csv", 3, ["fullName": Rows.name("Петров Пётр Петрович"),
                                                 "birthDate": Rows.date("2010-06-06"), "className": .text("8В")]),
            Rows.row(.mentees, "doubt.csv", 4, ["fullName": Rows.name("Орлова Мария Олеговна"),
                                                 "birthDate": Rows.date("2011-12-30")]),
        ])
        let r = try importRecords(store, doubtful)
        #expect(r.count(.conflicting) == 1, "initials")
        #expect(r.count(.unchanged) == 1)
        #expect(r.count(.new) == 1, "30.11 vs 30.12 is not a day/month swap: a namesake")
        let review = r.diagnostics.items.filter { $0.code == "identity-review" }
        #expect(review.map(\.location.row) == [2])
        #expect(review.first?.message.en.contains("initials") == true)
    }
}

@Suite struct StoreLifecycleTests {
    @Test(arguments: Backend.enabled)
    func undoRevertsOnlyWhenNothingLaterDependsOnIt(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let mentorsBatch = try #require(try importRecords(store, School.mentors).batchID)
        let afterMentors = try dump(store)
        let menteesBatch = try #require(try importRecords(store, School.mentees).batchID)
        let blocked = try store.undo(batch: mentorsBatch, now: "2025-01-16T00:00:00")
        #expect(blocked.blockers.map(\.batchID) == [menteesBatch])
        #expect(blocked.blockers.first?.file == "mentees.csv")
        #expect(blocked.rowsDeleted == 0)
        let undone = try store.undo(batch: menteesBatch, now: "2025-01-16T00:00:00")
        #expect(undone.blockers.isEmpty && undone.rowsDeleted > 0 && undone.fieldsRestored > 0)
        #expect(try dump(store) == afterMentors)
        #expect(try store.batches().first { $0.id == menteesBatch }?.status == "undone")
        _ = try store.undo(batch: mentorsBatch, now: "2025-01-16T00:00:00")
        #expect(try dump(store) == "")
        #expect(throws: MentorBaseError.self) { try store.undo(batch: mentorsBatch, now: "x") }
        // After an undo the same file imports again (the checksum shortcut ignores undone batches).
        #expect(try importRecords(store, School.mentors).count(.new) == 2)
    }

    @Test(arguments: Backend.enabled)
    func revocationThenDueListThenPurgeLeavesNoPersonalData(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        for f in School.all { try importRecords(store, f) }
        try importRecords(store, School.revocation)
        var ivanov: PersonRecord?
        try store.forEachPerson { if $0.person.lastName == "Иванов" { ivanov = $0 } }
        let p = try #require(ivanov)
        #expect(!p.isExcludedByRevocation(on: day("2025-01-09")))
        #expect(p.isExcludedByRevocation(on: day("2025-01-10")))
        #expect(p.publicationConsent(on: day("2025-01-10")) == nil)
        let due = try store.consentsDue(on: day("2025-01-20"))
        #expect(due.map(\.personID) == [p.id])
        #expect(due.first?.destroyBy == day("2025-02-09"))
        #expect(due.first?.isDue == false)
        #expect(try store.purge(on: day("2025-02-08"), now: "2025-02-08T00:00:00").entries.isEmpty)
        let purged = try store.purge(on: day("2025-02-09"), now: "2025-02-09T00:00:00")
        #expect(purged.entries.map(\.personID) == [p.id])
        #expect((purged.entries.first?.rowsDestroyed ?? 0) > 3)
        let content = try dump(store)
        #expect(!content.contains("иванов иван"))
        #expect(content.contains("pairing смирнова ольга ивановна|1980-01-15 -> орлова мария олеговна|2011-11-30"))
        #expect(try store.history(person: "Иванов Иван Петрович").isEmpty)
        #expect(try store.consentsDue(on: day("2025-03-01")).isEmpty)
        #expect(try store.batches().last?.kind == "purge")
        // The purge blocks undoing the imports that touched him, and cannot be undone itself.
        let purgeBatch = try #require(purged.batchID)
        #expect(throws: MentorBaseError.self) { try store.undo(batch: purgeBatch, now: "x") }
        #expect(!(try store.undo(batch: 3, now: "x")).blockers.isEmpty)
    }
}
