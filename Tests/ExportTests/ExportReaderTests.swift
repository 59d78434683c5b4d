import Foundation
import MentorBase
@testable import MentorStore
import Testing

/// The SQLite export reader (its own connection, raw statements, id-range queries) must hand the
/// views exactly the records the general ``SQLSession`` path reads, field by field and in order.
@Suite("SQLite export reader")
struct ExportReaderTests {
    /// Everything of a participant record, in a comparable form.
    static func snapshot(_ r: ParticipantRecord) -> String {
        func person(_ p: PersonRecord) -> String {
            "\(p.id) ref=\(p.isReference) \(p.person) mentor=\(String(describing: p.mentor)) mentee=\(String(describing: p.mentee)) consents=\(p.consents)"
        }
        var out = person(r.person)
        for p in r.pairings {
            out += "\n  pairing \(p.id) mentor=\(String(describing: p.mentorID)) mentees=\(p.menteeIDs) \(p.pairing)"
            // Only the partners the pairings name are part of the contract (a page may share more).
            for id in [p.mentorID].compactMap({ $0 }) + p.menteeIDs where id != r.person.id {
                out += "\n    partner " + (r.partners[id].map(person) ?? "\(id) missing")
            }
        }
        return out
    }

    static func compare(_ t: TestStore, _ label: String) throws -> Int {
        let store = try #require(t.store as? SQLStore)
        var seen = 0
        for role in ParticipantRole.allCases {
            var general: [String] = []
            try store.forEachParticipantGeneral(role) { general.append(snapshot($0)) }
            var fast: [String] = []
            try store.forEachParticipant(role) { fast.append(snapshot($0)) }
            #expect(fast.count == general.count, "\(label) \(role): \(fast.count) records against \(general.count)")
            for (a, b) in zip(fast, general) where a != b {
                Issue.record("\(label) \(role): the export reader read\n\(a)\nthe general path\n\(b)")
                break
            }
            seen += general.count
        }
        return seen
    }

    @Test("random schools: the export reader reads what the general path reads", arguments: Array(UInt64(1)...UInt64(12)))
    func randomSchools(seed: UInt64) throws {
        let school = RandomSchool(seed: seed)
        let t = try TestStore()
        try t.importRandomSchool(school)
        #expect(try ExportReaderTests.compare(t, "seed \(seed)") >= school.members.count)
    }

    @Test("the fixture school, and pages longer than one: the same records")
    func pagesAndFixtures() throws {
        let t = try TestStore()
        try t.importSchool()
        _ = try ExportReaderTests.compare(t, "fixtures")
        // Enough mentees for three pages, a mentor per seven of them, groups that straddle pages.
        var mentees = "fullName,birthDate,className,personKind,phones,guardianName,guardianPhone,guardianRelation,menteeCategory,request\n"
        var pairs = "pairId,mentorName,menteeNames,form,kinds,startDate,endDate\n"
        let count = SQLStore.pageSize * 2 + 37
        func name(_ i: Int) -> String {
            let letters = Array("бвгдзклмнпрстфх")
            var token = ""
            var n = i
            repeat { token.append(letters[n % letters.count]); n /= letters.count } while n > 0
            return "Ж\(token)ова"
        }
        for i in 0..<count {
            mentees += "\(name(i)) Анна Петровна,2010-0\(i % 9 + 1)-1\(i % 9),7Б,student,+7916\(1_000_000 + i),"
                + "Опекунова\(name(i)) Мария,+7903\(2_000_000 + i),parent,gifted,запрос\n"
        }
        for g in 0..<(count / 7) {
            let group = (0..<7).map { "\(name(g * 7 + $0)) Анна Петровна" }.joined(separator: "; ")
            pairs += "P\(g),Наставникова\(name(g)) Ольга Ивановна,\(group),student_student,group,2024-09-01,"
                + (g % 3 == 0 ? "2024-12-01" : "") + "\n"
        }
        try t.importCSV(mentees, .mentees, name: "many-mentees.csv")
        try t.importCSV(pairs, .pairs, name: "many-pairs.csv")
        #expect(try ExportReaderTests.compare(t, "pages") > count)
    }

    @Test("guardians: the compact fast path reads what the general decoder reads, and leaves it every other form")
    func guardians() throws {
        var g = SeededRandom(seed: 7)
        let pieces = ["Анна", "Сергеевна", "+79031234567", "parent", "", " ", "a\"b", "c\\d", "x\ny", "ёж", "{", "]", ",\"phone\":"]
        func text() -> String { (0..<Int.random(in: 1...3, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined() }
        var fast = 0
        for _ in 0..<400 {
            let list = (0..<Int.random(in: 1...3, using: &g)).map { _ in
                Guardian(name: text(), phone: Bool.random(using: &g) ? text() : nil, relation: Bool.random(using: &g) ? text() : nil)
            }
            let stored = Person(lastName: "Ж", guardians: list).storedValues
            let value = try #require(stored[GuardianList.column]?.textValue)
            let general = Person(storedValues: stored).guardians
            #expect(general == list)
            if let compact = GuardianList.compact(value) {
                fast += 1
                #expect(compact == general, "«\(value)»")
            }
        }
        #expect(fast > 50, "the fast path read only \(fast) of 400 lists")
        // Other spellings of JSON: the fast path declines, the general decoder reads them.
        for other in [#"[ {"name":"А"} ]"#, #"[{"phone":"1","name":"А"}]"#, #"[{"name":"А","extra":"1"}]"#,
                      #"[{"name":"А","phone":7}]"#, #"[{"name":"А"}]x"#, #"[{"name":"А"},]"#, #"[{"name":"\u0410"}]"#, "[", ""] {
            #expect(GuardianList.compact(other) == nil, "«\(other)»")
        }
        #expect(GuardianList.compact("[]") == [])
        #expect(GuardianList.compact(#"[{"name":"А","relation":"parent"}]"#) == [Guardian(name: "А", relation: "parent")])
    }
}
