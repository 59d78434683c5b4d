import MentorBase
import Testing

/// A table held in memory, as a reader would hand it over (cells, 1-based row numbers).
final class MemoryTable: TableReader {
    let rowsData: [[Cell]]
    let sheets = [SheetInfo(name: "Лист1")]
    let details = SourceDetails()
    let diagnostics = DiagnosticLog()

    init(_ rows: [[Cell]]) { rowsData = rows }

    func rows(inSheet index: Int) throws -> any RowCursor { Cursor(rowsData) }

    final class Cursor: RowCursor {
        let rows: [[Cell]]
        var i = 0
        init(_ rows: [[Cell]]) { self.rows = rows }
        func next() throws -> Row? {
            guard i < rows.count else { return nil }
            defer { i += 1 }
            return Row(number: i + 1, cells: rows[i])
        }
    }
}

/// The validator seam: `RecordAssembler` (fields by schema name → canonical records) and the
/// canonical-table reader that feeds it until the validator is wired in.
@Suite struct AssemblerTests {
    @Test func aMentorRowNamesSeveralMenteesAndInfersOnlyWhatIsCertain() {
        let r = RecordAssembler.assemble(
            kind: .mentors,
            fields: ["fullName": .name(.init(lastName: "Кузнецов", firstName: "Андрей", patronymic: "Сергеевич")),
                     "className": .text("11А"), "form": .code("student_student"), "kinds": .list([.code("group")]),
                     "menteeNames": .list([.name(.init(lastName: "Петров", firstName: "Пётр")),
                                           .name(.init(lastName: "Сидорова", firstName: "Алла"))]),
                     "menteeWorkplace": .text("МБОУ СОШ № 4"), "startDate": .date(day("2024-10-01")),
                     "results": .text("победа в олимпиаде")],
            location: SourceLocation(file: "m.xlsx", sheet: "Лист1", row: 5))
        guard case .mentor(let p, let profile, let pairing, let mentees) = r.content else {
            Issue.record("not a mentor row"); return
        }
        #expect(p.kind == .student, "a class means a student")
        #expect(profile.category == nil, "no category column: left unknown")
        #expect(profile.results == "победа в олимпиаде")
        #expect(mentees.map(\.displayName) == ["Петров Пётр", "Сидорова Алла"])
        #expect(mentees.allSatisfy { $0.organization == "МБОУ СОШ № 4" })
        #expect(pairing?.form == "student_student" && pairing?.kinds == ["group"])
        #expect(pairing?.startDate == day("2024-10-01"))
        #expect(r.location.sheet == "Лист1" && r.location.row == 5)
        #expect(!r.hasErrors)
    }

    @Test func aConsentRowGrantsWhatItSaysAndARevocationAloneRevokesAll() {
        let name = FieldInput.name(.init(lastName: "Орлова", firstName: "Мария"))
        let both = RecordAssembler.assemble(
            kind: .consents,
            fields: ["fullName": name, "signedOn": .date(day("2024-09-01")), "processing": .boolean(true),
                     "publication": .boolean(true), "publicationFields": .list([.code("fio"), .code("photo")]),
                     "site": .text("https://school4.example.ru"), "signerRole": .code("parent")],
            location: SourceLocation(row: 2))
        guard case .consent(_, let cs, let all) = both.content else { Issue.record("not a consent"); return }
        #expect(cs.map(\.kind) == [.processing, .publication])
        #expect(cs[1].publicationFields == ["fio", "photo"] && cs[1].site == "https://school4.example.ru")
        #expect(cs[0].publicationFields.isEmpty)
        #expect(all == nil)
        let refused = RecordAssembler.assemble(
            kind: .consents, fields: ["fullName": name, "signedOn": .date(day("2024-09-01")), "processing": .boolean(false)],
            location: SourceLocation(row: 3))
        guard case .consent(_, let none, _) = refused.content else { Issue.record("not a consent"); return }
        #expect(none.isEmpty, "«нет» grants nothing")
        let revoke = RecordAssembler.assemble(
            kind: .consents, fields: ["fullName": name, "signedOn": .date(day("2024-12-01")), "revokedOn": .date(day("2024-12-01"))],
            location: SourceLocation(row: 4))
        guard case .consent(_, _, let date) = revoke.content else { Issue.record("not a consent"); return }
        #expect(date == day("2024-12-01"))
    }

    @Test func questionnairesKeepAnswersAndTheRawRow() {
        let r = RecordAssembler.assemble(
            kind: .mentorQuestionnaire,
            fields: ["submittedAt": .dateTime(CalendarDateTime(iso: "2024-09-01T08:30:00") ?? .midnight(.epoch)),
                     "fullName": .name(.init(lastName: "Смирнова", firstName: "Ольга")), "mentorCategory": .code("teacher"),
                     "competencies": .text("математика"), "preferredForms": .list([.code("student_student"), .code("other")])],
            location: SourceLocation(row: 2),
            raw: [("Отметка времени", "01.09.2024 8:30:00"), ("Ваши компетенции", "математика")])
        guard case .questionnaire(let p, let q) = r.content else { Issue.record("not a questionnaire"); return }
        #expect(p.kind == .staff)
        #expect(q.role == .mentor && q.stage == .intake)
        #expect(q.submittedAt.iso == "2024-09-01T08:30:00")
        #expect(q.answers.map(\.question) == ["fullName", "mentorCategory", "competencies", "preferredForms"])
        #expect(q.answers.last?.value == "student_student; other")
        #expect(q.raw.first == .init("Отметка времени", "01.09.2024 8:30:00"))
    }

    @Test func missingRequiredFieldsAndUnknownCodesAreErrors() {
        let r = RecordAssembler.assemble(kind: .pairs, fields: ["endReason": .code("boredom")], location: SourceLocation(row: 9))
        #expect(Set(r.diagnostics.map(\.code)) == ["required-error", "constraint-error"])
        #expect(Set(r.diagnostics.compactMap(\.location.field)) == ["mentorName", "menteeNames", "endReason"])
        #expect(r.diagnostics.allSatisfy { $0.location.row == 9 && $0.severity == .error })
    }

    @Test func aCanonicalTableParsesStrictlyAndReportsWhereABadValueIs() throws {
        let table = MemoryTable([
            [.text("Сведения"), .empty],
            [.text("fullName"), .text("birthDate"), .text("phones"), .text("menteeNames"), .text("Примечание")],
            [.text("Иванов Иван Петрович"), .date(day("2012-03-05")), .text("+79161234567; +79161234568"), .empty, .text("x")],
            [.text("Петров Пётр"), .text("05.03.2012"), .text("8 916 123"), .empty, .empty],
        ])
        // The first non-empty row is the header: here a title row precedes nothing, so show that
        // titles are not skipped — a canonical table starts with its header.
        #expect(throws: MentorBaseError.self) { _ = try CanonicalTable(reader: table, kind: .mentees, file: "t.csv") }
        let good = MemoryTable(Array(table.rowsData.dropFirst()))
        let t = try CanonicalTable(reader: good, kind: .mentees, file: "t.csv")
        #expect(t.diagnostics.map(\.code) == ["extra-label", "extra-label"], "menteeNames is not a mentees field; Примечание is unknown")
        let first = try #require(try t.next())
        #expect(!first.hasErrors)
        #expect(first.subject?.phones == ["+79161234567", "+79161234568"])
        #expect(first.subject?.birthDate == day("2012-03-05"))
        let second = try #require(try t.next())
        #expect(second.diagnostics.map(\.location.field) == ["birthDate", "phones"])
        #expect(second.diagnostics.map(\.location.columnLetter) == ["B", "C"])
        #expect(second.diagnostics.first?.location.row == 3)
        #expect(try t.next() == nil)
    }
}
