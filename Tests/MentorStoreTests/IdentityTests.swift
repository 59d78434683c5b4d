import MentorBase
import Testing

func day(_ s: String) -> CalendarDate {
    CalendarDate(iso: Substring(s)) ?? .epoch
}

@Suite struct IdentityTests {
    let ivan = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович", birthDate: day("2010-03-05"),
                      className: "7Б", snils: "112-233-445 95", phones: ["+79161234567"])

    func known(_ id: Int64, _ p: Person, reference: Bool = false) -> KnownPerson {
        KnownPerson(id: id, person: p, isReference: reference)
    }

    @Test func snilsWinsOverEverythingElse() {
        var other = ivan
        other.lastName = "Сидоров"   // a changed surname, same SNILS
        #expect(IdentityResolver.resolve(other, among: [known(7, ivan)]) == .matched(7, .snils))
    }

    @Test func nameAndBirthDateFoldCaseAndYo() {
        var p = Person(lastName: "ИВАНОВ", firstName: "иван", patronymic: "Пётрович", birthDate: day("2010-03-05"))
        p.patronymic = "Пeтрович"   // a Latin "e" inside a Cyrillic word
        #expect(IdentityResolver.resolve(p, among: [known(3, ivan)]) == .matched(3, .nameAndBirthDate))
    }

    @Test func nameAndContactWithoutBirthDate() {
        let p = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович", phones: ["+79161234567"])
        #expect(IdentityResolver.resolve(p, among: [known(3, ivan)]) == .matched(3, .nameAndContact))
        let byClass = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович", className: "7 б")
        #expect(IdentityResolver.resolve(byClass, among: [known(3, ivan)]) == .matched(3, .nameAndContact))
    }

    @Test func swappedDayAndMonthIsAReviewCandidate() {
        let p = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович", birthDate: day("2010-05-03"))
        guard case .review(let cs) = IdentityResolver.resolve(p, among: [known(3, ivan)]) else {
            Issue.record("expected review"); return
        }
        #expect(cs.map(\.reason) == [.swappedBirthDate])
        #expect(cs.map(\.personID) == [3])
    }

    @Test func initialsAreNeverMergedSilently() {
        let p = Person(lastName: "Иванов", firstName: "И.", patronymic: "П.", birthDate: day("2010-03-05"))
        guard case .review(let cs) = IdentityResolver.resolve(p, among: [known(3, ivan)]) else {
            Issue.record("expected review"); return
        }
        #expect(cs.first?.reason == .initials)
        // And the other way round: a full name against a stored initials-only person.
        guard case .review = IdentityResolver.resolve(ivan, among: [known(4, p)]) else {
            Issue.record("expected review"); return
        }
    }

    @Test func twoPeopleFittingOneRow() {
        let a = Person(lastName: "Петрова", firstName: "Анна", phones: ["+79990000001"])
        let b = Person(lastName: "Петрова", firstName: "Анна", emails: ["anna@example.ru"])
        let row = Person(lastName: "Петрова", firstName: "Анна", phones: ["+79990000001"], emails: ["anna@example.ru"])
        guard case .review(let cs) = IdentityResolver.resolve(row, among: [known(1, a), known(2, b)]) else {
            Issue.record("expected review"); return
        }
        #expect(Set(cs.map(\.personID)) == [1, 2])
        #expect(cs.allSatisfy { $0.reason == .severalMatches })
    }

    @Test func namesakesWithDifferentBirthDatesAreDifferentPeople() {
        let p = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович", birthDate: day("2011-09-30"))
        #expect(IdentityResolver.resolve(p, among: [known(3, ivan)]) == .new)
    }

    @Test func sameNameAndBirthDateButAnotherSNILSIsReviewed() {
        var p = ivan
        p.snils = "123-456-789 64"
        guard case .review(let cs) = IdentityResolver.resolve(p, among: [known(3, ivan)]) else {
            Issue.record("expected review"); return
        }
        #expect(cs.first?.reason == .snilsDiffers)
    }

    @Test func aNameOnlyReferenceIsCompletedByTheFullRow() {
        let stub = Person(lastName: "Иванов", firstName: "Иван", patronymic: "Петрович")
        #expect(IdentityResolver.resolve(ivan, among: [known(9, stub, reference: true)]) == .matched(9, .nameOnly))
    }

    @Test func referencesUseTheOrganisationBetweenNamesakes() {
        var a = Person(lastName: "Смирнова", firstName: "Ольга", patronymic: "Ивановна", birthDate: day("1980-01-01"))
        a.organization = "МБОУ СОШ № 4"
        var b = a
        b.birthDate = day("1975-06-06")
        b.organization = "ООО «Ромашка»"
        let ref = PersonReference(lastName: "Смирнова", firstName: "Ольга", patronymic: "Ивановна",
                                  organization: "мбоу сош №4")
        #expect(IdentityResolver.resolve(ref, among: [known(1, a), known(2, b)]) == .matched(1, .nameOnly))
        let bare = PersonReference(lastName: "Смирнова", firstName: "Ольга", patronymic: "Ивановна")
        guard case .review = IdentityResolver.resolve(bare, among: [known(1, a), known(2, b)]) else {
            Issue.record("expected review"); return
        }
    }
}
