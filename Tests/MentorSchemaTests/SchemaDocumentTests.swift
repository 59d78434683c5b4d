import Foundation
import MentorBase
import Testing
@testable import MentorSchema

@Suite struct EmbeddedSchemaTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/MentorSchema")

    /// The binary carries the schemas as literals; they must equal the JSON files, which are the source.
    /// Set MENTORBASE_REGENERATE_SCHEMAS=1 to rewrite Schema/EmbeddedSchemas.swift from the files.
    @Test func embeddedLiteralsMatchTheJSONFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.appendingPathComponent("Resources/schemas").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var texts: [(String, String)] = []
        for f in files {
            let text = try String(contentsOf: Self.dir.appendingPathComponent("Resources/schemas/" + f), encoding: .utf8)
            texts.append((String(f.dropLast(5)), text))
        }
        if ProcessInfo.processInfo.environment["MENTORBASE_REGENERATE_SCHEMAS"] == "1" {
            var out = """
                // Generated from Resources/schemas/*.json: do not edit by hand.
                // Regenerate: MENTORBASE_REGENERATE_SCHEMAS=1 swift test --disable-xctest --filter EmbeddedSchemaTests
                // (embedded so the binary needs no resource bundle beside it).
                enum EmbeddedSchemas {
                    static let documents: [(kind: String, json: String)] = [

                """
            for (k, t) in texts { out += "        (\"\(k)\", #\"\"\"\n" + t.dropLast() + "\n\"\"\"#),\n" }
            out += "    ]\n}\n"
            try out.write(to: Self.dir.appendingPathComponent("Schema/EmbeddedSchemas.swift"), atomically: true, encoding: .utf8)
        }
        let embedded = MentorSchemas.embeddedJSON
        #expect(Set(embedded.keys) == Set(texts.map(\.0)))
        for (k, t) in texts {
            #expect(embedded[k] == t, "Schema/EmbeddedSchemas.swift is out of date for \(k): run MENTORBASE_REGENERATE_SCHEMAS=1 swift test --disable-xctest --filter EmbeddedSchemaTests")
        }
    }
}

@Suite struct SchemaDocumentTests {
    @Test func everyKindCompiles() throws {
        let all = try MentorSchemas.all()
        #expect(all.map(\.kind) == RecordKind.allCases)
        for s in all {
            #expect(s.document.name == s.kind.rawValue)
            #expect(s.fields.contains { $0.required }, "\(s.kind) has a required field")
        }
    }

    @Test func rulesListedAreImplementedAndViceVersa() throws {
        var used = Set<String>()
        for s in try MentorSchemas.all() {
            for r in s.rules {
                #expect(ImplementedRules.ids.contains(r.id), "\(s.kind): rule \(r.id) is not implemented")
                used.insert(r.id)
            }
        }
        #expect(used == ImplementedRules.ids)
    }

    @Test func codesOfTheDomainArePresent() throws {
        let mentees = try MentorSchemas.schema(for: .mentees)
        let forms = try #require(mentees.field("form")).codeList.map(\.value)
        #expect(forms == ["student_student", "teacher_teacher", "university_student_student", "employer_student",
                          "employer_university_student", "teacher_young_teacher", "head_teacher", "other"])
        let kinds = try #require(mentees.field("kinds")).codeList.map(\.value)
        #expect(Set(kinds) == ["virtual", "group", "short_term", "reverse", "situational", "speed", "traditional"])
        let cats = try #require(mentees.field("menteeCategory")).codeList
        #expect(Set(cats.filter { $0.sensitive == true }.map(\.value)) == ["disability", "hardship", "behaviour"])
        let roles = try #require(try MentorSchemas.schema(for: .consents).field("signerRole")).codeList.map(\.value)
        #expect(roles == ["self", "parent", "guardian", "other_representative"])
        let end = try #require(try MentorSchemas.schema(for: .pairs).field("endReason")).codeList.map(\.value)
        #expect(end == ["plan_completed", "participant_initiative", "curator_initiative", "other"])
        let mc = try #require(try MentorSchemas.schema(for: .mentors).field("mentorCategory")).codeList.map(\.value)
        #expect(mc == ["student", "teacher", "parent", "alumnus", "employer_staff", "other"])
    }

    @Test func sensitiveFieldsAreMarked() throws {
        for s in try MentorSchemas.all() {
            for f in s.fields {
                switch f.name {
                case "snils": #expect(f.sensitivity == .identifier)
                case "phones", "emails", "guardianPhone": #expect(f.sensitivity == .contact)
                case "menteeCategory": #expect(f.sensitivity == .special)
                case "birthDate", "request": #expect(f.sensitivity == .personal)
                default: break
                }
            }
        }
    }

    /// Patterns in the documents hold for what the normalisers produce, so Table Schema tools agree with us.
    @Test func normaliserOutputsSatisfyTheSchemaPatterns() throws {
        let s = try MentorSchemas.schema(for: .mentees)
        let cases: [(String, Cell, NormalizerKind)] = [
            ("snils", .text("11223344595"), .snils), ("className", .text("7 «б»"), .className),
            ("schoolYear", .text("2022-23 уч. г."), .schoolYear),
        ]
        for (name, cell, _) in cases {
            let f = try #require(s.field(name))
            let pattern = try #require(f.source.constraints?.pattern)
            let value: String
            switch name {
            case "snils": value = try #require(SNILS.normalize(cell).value?.displayText)
            case "className": value = try #require(ClassNames.normalize(cell).value?.displayText)
            default: value = try #require(SchoolYears.normalize(cell).value?.displayText)
            }
            let re = try NSRegularExpression(pattern: pattern)
            #expect(re.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil, "\(name): \(value) !~ \(pattern)")
        }
    }

    @Test func booleansAcceptRussianSpellings() throws {
        let f = try #require(try MentorSchemas.schema(for: .consents).field("processing"))
        for t in ["да", "+", "1", "✓", "согласен"] { #expect(f.booleans?.normalize(.text(t)).value == .boolean(true)) }
        for t in ["нет", "-", "0"] { #expect(f.booleans?.normalize(.text(t)).value == .boolean(false)) }
    }

    @Test func unknownKindIsAUsageError() {
        #expect(throws: MentorBaseError.self) { try MentorSchemas.kind(named: "teachers") }
    }
}
