import MentorBase

/// One file's worth of canonical records.
struct RecordFile {
    var name: String
    var kind: ImportKind
    var records: [IncomingRecord]

    /// Stands for the file's checksum: changes whenever the content does.
    var checksum: String {
        var h = Hasher()
        h.combine(name)
        for r in records { h.combine(r) }
        return "h\(h.finalize())"
    }
}

/// Builds rows the way a validated file would give them (through the real assembler).
enum Rows {
    static func name(_ s: String) -> FieldInput {
        .name(FieldInput.NameParts(canonical: s) ?? .init(lastName: s))
    }

    static func row(_ kind: ImportKind, _ file: String, _ row: Int, _ fields: [String: FieldInput]) -> IncomingRecord {
        RecordAssembler.assemble(kind: kind, fields: fields, location: SourceLocation(file: file, row: row))
    }

    static func date(_ s: String) -> FieldInput { .date(CalendarDate(iso: Substring(s)) ?? .epoch) }

    static func at(_ s: String) -> FieldInput { .dateTime(CalendarDateTime(iso: Substring(s)) ?? .midnight(.epoch)) }
}

/// A small school: the files a curator would import, mutually consistent so that any import
/// order gives the same store.
enum School {
    static let mentors = RecordFile(name: "mentors.csv", kind: .mentors, records: [
        Rows.row(.mentors, "mentors.csv", 2, [
            "fullName": Rows.name("Смирнова Ольга Ивановна"), "birthDate": Rows.date("1980-01-15"),
            "phones": .list([.phone("+79161110001")]), "organization": .text("МБОУ СОШ № 4"),
            "position": .text("учитель математики"), "mentorCategory": .code("teacher"),
            "competencies": .text("олимпиадная математика"), "form": .other("учитель – ученик"),
            "menteeNames": .list([Rows.name("Иванов Иван Петрович"), Rows.name("Орлова Мария Олеговна")]),
            "startDate": Rows.date("2024-09-01"), "schoolYear": .text("2024/2025")]),
        Rows.row(.mentors, "mentors.csv", 3, [
            "fullName": Rows.name("Кузнецов Андрей Сергеевич"), "birthDate": Rows.date("2007-04-20"),
            "className": .text("11А"), "mentorCategory": .code("student"), "form": .code("student_student"),
            "menteeNames": .list([Rows.name("Петров Пётр Петрович")]), "startDate": Rows.date("2024-10-01")]),
    ])

    static let mentees = RecordFile(name: "mentees.csv", kind: .mentees, records: [
        Rows.row(.mentees, "mentees.csv", 2, [
            "fullName": Rows.name("Иванов Иван Петрович"), "birthDate": Rows.date("2012-03-05"),
            "className": .text("6Б"), "menteeCategory": .list([.code("gifted")]), "request": .text("олимпиады"),
            "mentorName": Rows.name("Смирнова Ольга Ивановна"), "form": .other("учитель – ученик"),
            "startDate": Rows.date("2024-09-01"), "guardianName": Rows.name("Иванова Анна Сергеевна"),
            "guardianPhone": .list([.phone("+79165550001")])]),
        Rows.row(.mentees, "mentees.csv", 3, [
            "fullName": Rows.name("Орлова Мария Олеговна"), "birthDate": Rows.date("2011-11-30"),
            "className": .text("7А"), "menteeCategory": .list([.code("disability")]),
            "mentorName": Rows.name("Смирнова Ольга Ивановна"), "form": .other("учитель – ученик"),
            "startDate": Rows.date("2024-09-01")]),
        Rows.row(.mentees, "mentees.csv", 4, [
            "fullName": Rows.name("Петров Пётр Петрович"), "birthDate": Rows.date("2010-06-06"),
            "className": .text("8В"), "mentorName": Rows.name("Кузнецов Андрей Сергеевич"),
            "form": .code("student_student"), "startDate": Rows.date("2024-10-01"), "place": .text("каб. 12")]),
    ])

    static let consents = RecordFile(name: "consents.csv", kind: .consents, records: [
        Rows.row(.consents, "consents.csv", 2, [
            "fullName": Rows.name("Иванов Иван Петрович"), "birthDate": Rows.date("2012-03-05"),
            "signerName": Rows.name("Иванова Анна Сергеевна"), "signerRole": .code("parent"),
            "signedOn": Rows.date("2024-08-25"), "processing": .boolean(true), "publication": .boolean(true),
            "publicationFields": .list([.code("fio")])]),
        Rows.row(.consents, "consents.csv", 3, [
            "fullName": Rows.name("Смирнова Ольга Ивановна"), "birthDate": Rows.date("1980-01-15"),
            "signerRole": .code("self"), "signedOn": Rows.date("2024-08-20"), "processing": .boolean(true)]),
    ])

    static let questionnaires = RecordFile(name: "anketa.csv", kind: .menteeQuestionnaire, records: [
        Rows.row(.menteeQuestionnaire, "anketa.csv", 2, [
            "submittedAt": Rows.at("2024-08-10T09:00:00"), "fullName": Rows.name("Орлова Мария Олеговна"),
            "birthDate": Rows.date("2011-11-30"), "emails": .list([.email("masha@example.ru")]),
            "request": .text("первая версия")]),
        Rows.row(.menteeQuestionnaire, "anketa.csv", 3, [
            "submittedAt": Rows.at("2024-08-12T18:30:00"), "fullName": Rows.name("Орлова Мария Олеговна"),
            "birthDate": Rows.date("2011-11-30"), "emails": .list([.email("masha@example.ru")]),
            "request": .text("исправленная версия")]),
    ])

    static let pairs = RecordFile(name: "pairs.csv", kind: .pairs, records: [
        Rows.row(.pairs, "pairs.csv", 2, [
            "pairId": .text("П-7"), "mentorName": Rows.name("Кузнецов Андрей Сергеевич"),
            "menteeNames": .list([Rows.name("Сидорова Алла Викторовна")]), "form": .code("student_student"),
            "startDate": Rows.date("2024-11-01"), "order": .text("Приказ № 12 от 28.10.2024")]),
    ])

    static let all = [mentors, mentees, consents, questionnaires, pairs]

    /// A revocation of Иванов's consents.
    static let revocation = RecordFile(name: "revoke.csv", kind: .consents, records: [
        Rows.row(.consents, "revoke.csv", 2, [
            "fullName": Rows.name("Иванов Иван Петрович"), "birthDate": Rows.date("2012-03-05"),
            "signedOn": Rows.date("2024-08-25"), "processing": .boolean(true), "publication": .boolean(true),
            "revokedOn": Rows.date("2025-01-10")]),
    ])
}
