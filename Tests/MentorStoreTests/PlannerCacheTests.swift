import MentorBase
import Testing

/// The planner's caches (stored values kept beside a known person or pairing, the producer's memo
/// of a reference's keys) must give exactly what computing afresh gives.
@Suite struct PlannerCacheTests {
    @Test func referenceMemoGivesTheKeysComputedAfresh() {
        let names = [
            PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна"),
            PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна"),
            PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна", organization: "МБОУ СОШ № 4"),
            PersonReference(lastName: "ОРЛОВА", firstName: "Нина", patronymic: "Викторовна"),
            PersonReference(lastName: "Орлова", firstName: "Н.", patronymic: "В."),
            PersonReference(lastName: "Орлова", firstName: "Нина"),
            PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна"),
        ]
        var memo = ReferenceKeyMemo()
        for r in names + names.reversed() {
            #expect(memo.keys(r) == IdentityKeys(r))
        }
    }

    @Test func keyedRecordsWithAMemoMatchTheOnesWithout() {
        let mentor = PersonReference(lastName: "Орлова", firstName: "Нина", patronymic: "Викторовна")
        var memo = ReferenceKeyMemo()
        for (i, name) in ["Иванов", "Петров", "Сидоров"].enumerated() {
            let person = Person(lastName: name, firstName: "Иван", birthDate: day("2010-03-0\(i + 1)"))
            let pairing = Pairing(form: "ученик – ученик", startDate: day("2022-10-01"))
            let record = IncomingRecord(location: SourceLocation(file: "t.csv", row: i + 2),
                                        content: .mentee(person, MenteeProfile(), pairing: pairing, mentor: i == 1 ? nil : mentor))
            let a = RecordKeys.withValues(record, memo: &memo)
            let b = RecordKeys.withValues(record)
            #expect(a.subject == b.subject)
            #expect(a.references == b.references)
            #expect(a.subjectValues == b.subjectValues)
            #expect(a.pairingValues == b.pairingValues)
            #expect(a.label == b.label)
        }
    }

    @Test func knownPersonAndPairingKeepTheirStoredValuesCurrent() {
        var known = KnownPerson(id: 1, person: Person(lastName: "Орлова", firstName: "Нина"), isReference: true)
        #expect(known.storedValues == known.person.storedValues)
        known.person.phones = ["+79110000000", "+79100000000"]
        known.person.birthDate = day("1980-02-03")
        #expect(known.storedValues == known.person.storedValues)
        var pairing = KnownPairing(id: 1, mentorID: 1, pairing: Pairing(form: "ученик – ученик"), members: [:])
        #expect(pairing.storedValues == pairing.pairing.storedValues)
        pairing.pairing.endDate = day("2023-05-21")
        #expect(pairing.storedValues == pairing.pairing.storedValues)
    }
}
