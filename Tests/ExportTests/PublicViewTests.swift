import Foundation
import MentorBase
import MentorExport
import Testing

/// The public view over the fixture school (Fixtures/README.md says who is who).
@Suite("Public view")
struct PublicViewTests {
    func names(_ entries: [PublicEntry]?) -> [String] {
        (entries ?? []).compactMap { e -> String? in
            if case .text(let s)? = e["fullName"] ?? e["mentorName"] { return s }
            return nil
        }
    }

    @Test("only people with a valid publication consent, each exclusion counted by reason")
    func consentRules() throws {
        let t = try TestStore()
        try t.importSchool()
        let ex = Exporter(store: t.reading, request: ExportRequest(kind: .bases, view: .public, date: day("2023-05-20")))
        let doc = try ex.siteDocument(title: "t")
        #expect(names(doc.mentors) == ["Лебедева Дарья Олеговна", "Орлова Нина Викторовна"])
        #expect(names(doc.mentees) == ["Миронова Полина Сергеевна"])
        #expect(ex.summary.excluded == [.revoked: 1, .noConsent: 1, .expired: 1, .notSignedByRepresentative: 1])
        // Лебедева allowed fio and achievements only: her school and competencies are withheld.
        let lebedeva = try (doc.mentors?.first).unwrap("a mentor")
        #expect(lebedeva["organization"] == nil && lebedeva["competencies"] == nil)
        #expect(lebedeva["achievements"] == .text("призёр олимпиады"))
        #expect(ex.summary.withheldFields["workplace"] == 1 && ex.summary.withheldFields["competencies"] == 1)
        // Орлова's pair has not ended: her case link waits.
        let orlova = try (doc.mentors?.last).unwrap("a mentor")
        #expect(orlova["caseLink"] == nil)
        #expect(orlova["photoLink"] == .link("https://school4.ru/photo/orlova.jpg"))
        // The ended pair shows its results; its case needs every mentee's `case` and Котов has no consent.
        let pair = try (doc.pairs?.first { $0["mentorName"] == .text("Лебедева Дарья Олеговна") }).unwrap("pair П-2")
        #expect(pair["results"] == .text("группа подготовлена"))
        #expect(pair["caseLink"] == nil)
    }

    @Test("an earlier date: the expired consent was valid and the revocation had not happened")
    func earlierDate() throws {
        let t = try TestStore()
        try t.importSchool()
        let ex = Exporter(store: t.reading, request: ExportRequest(kind: .bases, view: .public, date: day("2022-12-01")))
        let doc = try ex.siteDocument(title: "t")
        #expect(names(doc.mentors) == ["Лебедева Дарья Олеговна", "Орлова Нина Викторовна", "Сидоров Пётр Ильич"])
        #expect(names(doc.mentees) == ["Зайцева Елена Павловна", "Миронова Полина Сергеевна"])
        // Results of pairs that have not ended yet are not published.
        #expect(doc.mentees?.first?["results"] == nil)
    }

    @Test("--site: the consent must name the site (or a site above the page)")
    func siteCheck() throws {
        let t = try TestStore()
        try t.importSchool()
        let same = Exporter(store: t.reading, request: ExportRequest(kind: .mentors, view: .public, date: day("2023-05-20"),
                                                                  site: "https://www.school4.ru/nastavnichestvo/"))
        #expect(names(try same.siteDocument(title: "t").mentors).count == 2)
        let other = Exporter(store: t.reading, request: ExportRequest(kind: .mentors, view: .public, date: day("2023-05-20"),
                                                                   site: "https://other-school.ru"))
        #expect(names(try other.siteDocument(title: "t").mentors).isEmpty)
        #expect(other.summary.excluded[.siteNotNamed] == 2)
    }

    @Test("revoking a consent and exporting again removes the person from every view and format")
    func revocation() throws {
        let t = try TestStore()
        try t.importSchool()
        let request = ExportRequest(kind: .bases, view: .public, date: day("2023-05-20"))
        for format in ["json", "html", "xlsx"] {
            #expect(try visibleText(t.export(request, format: format).bytes, format: format).contains("Орлова"))
        }
        try t.importCSV("fullName,birthDate,signedOn,revokedOn\nОрлова Нина Викторовна,1978-06-14,2022-09-12,2023-05-01\n",
                        .consents, name: "revocation.csv")
        for view in [ExportView.public, .full] {
            for format in ["json", "html", "xlsx", "csv", "ndjson"] {
                for kind in [ExportKind.mentors, .pairs, .mentees] {
                    let r = ExportRequest(kind: kind, view: view, date: day("2023-05-20"))
                    let text = try visibleText(t.export(r, format: format).bytes, format: format)
                    #expect(!text.contains("Орлова"), "\(kind) \(view) \(format) still names her")
                }
            }
        }
        // Before the revocation date she is still published.
        let before = try t.export(ExportRequest(kind: .mentors, view: .public, date: day("2023-04-30")), format: "json")
        #expect(String(decoding: before.bytes, as: UTF8.self).contains("Орлова"))
    }

    @Test("an expired consent removes the person on the next export")
    func expiry() throws {
        let t = try TestStore()
        try t.importSchool()
        let valid = try t.export(ExportRequest(kind: .mentees, view: .public, date: day("2023-01-31")), format: "json")
        #expect(String(decoding: valid.bytes, as: UTF8.self).contains("Зайцева"))
        let expired = try t.export(ExportRequest(kind: .mentees, view: .public, date: day("2023-02-01")), format: "json")
        #expect(!String(decoding: expired.bytes, as: UTF8.self).contains("Зайцева"))
        #expect(expired.summary.excluded[.expired] == 1)
    }

    @Test("consents and questionnaires have no public view")
    func noPublicConsents() throws {
        for kind in [ExportKind.consents, .questionnaires] {
            #expect(throws: MentorBaseError.self) {
                try Exporter.check(ExportRequest(kind: kind, view: .public, date: day("2023-05-20")), multipleSheets: true)
            }
        }
    }

    @Test("a minor's age is taken on the signing day; a student without a birth date counts as a minor")
    func minors() {
        let adult = Person(lastName: "А", birthDate: day("2005-01-01"))
        #expect(!PublicationGate.isMinor(adult, on: day("2023-01-01")))
        #expect(PublicationGate.isMinor(adult, on: day("2022-12-31")))
        #expect(PublicationGate.isMinor(Person(lastName: "Б", kind: .student), on: day("2023-01-01")))
        #expect(!PublicationGate.isMinor(Person(lastName: "В", kind: .staff), on: day("2023-01-01")))
        #expect(PublicationGate.isMinor(Person(lastName: "Г", birthYear: 2005), on: day("2023-06-01")))
    }
}
