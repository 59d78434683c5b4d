import Foundation
@testable import MentorBase
import MentorFormats
import Testing
@testable import MentorSchema

/// The import's producer hands the assembler its values by slot (`ValidatedRecord.fill`), not as a
/// dictionary by name: both must give the very same records, for every kind and every value shape.
@Suite struct AssemblerInputTests {
    /// Every validated record of every CSV and JSON Sample, and of a row set with spoilt cells,
    /// assembled both ways.
    @Test func slotsGiveTheSameRecordsAsTheDictionary() throws {
        let registry = MentorFormats.builtinRegistry()
        let files = try FileManager.default.contentsOfDirectory(atPath: SampleTests.samplesDir.path)
            .filter { ($0.hasSuffix(".csv") || $0.hasSuffix(".json")) && !$0.hasSuffix(".expected.json") }.sorted()
        var compared = 0
        var spelled = 0
        var kinds = Set<RecordKind>()
        var input = AssemblerFields()
        for name in files {
            let url = SampleTests.samplesDir.appendingPathComponent(name)
            let source = InputSource(path: url.path, displayName: name)
            guard let plugin = try? registry.detect(source).plugin,
                  let reader = try? plugin.makeReader(source: source, options: ReadOptions()) else { continue }
            var records: [ValidatedRecord] = []
            _ = try? TableValidation(kind: nil, mapFile: nil, options: testOptions).run(
                reader: reader, file: name, namedSheets: false, onRecord: { records.append($0) }, onDiagnostic: { _ in })
            for rec in records {
                let slots = AssemblerSlots(rec.schema)
                rec.fill(&input, slots: slots)
                let bySlot = RecordAssembler.assemble(kind: rec.kind, fields: input, location: rec.location,
                                                      raw: [("A", "a")], diagnostics: rec.diagnostics)
                // The one-pass import moves the values out instead (`moveValues`): the same record,
                // and the values the assembler reads are gone from the record afterwards.
                var taken = rec
                var movedInput = AssemblerFields()
                taken.moveValues(into: &movedInput, slots: slots)
                let byMove = RecordAssembler.assemble(kind: rec.kind, fields: movedInput, location: rec.location,
                                                      raw: [("A", "a")], diagnostics: rec.diagnostics)
                #expect(byMove == bySlot, "\(name) row \(rec.row)")
                for (i, slot) in slots.slots.enumerated() where slot != nil { #expect(taken.values[i] == nil) }
                #expect(movedInput.spelling(of: .fullName) == input.spelling(of: .fullName))
                let byName = RecordAssembler.assemble(kind: rec.kind, fields: rec.fields.mapValues(FieldInput.init),
                                                      location: rec.location, raw: [("A", "a")], diagnostics: rec.diagnostics)
                #expect(bySlot == byName, "\(name) row \(rec.row)")
                compared += 1
                // Names the validator read as spelled (taken as they are by the slot path).
                if input.spelling(of: .fullName) != nil || input.spelling(of: .guardianName) != nil { spelled += 1 }
                kinds.insert(rec.kind)
            }
        }
        #expect(compared > 100)
        #expect(spelled > 10)
        #expect(kinds.count == RecordKind.allCases.count)
    }

    /// Spoilt rows (unknown codes, a missing required name, lists of contacts, a form of the
    /// file's own words) take the assembler's error paths: the same diagnostics both ways.
    @Test func spoiltRowsGiveTheSameRecords() throws {
        let header = ["ФИО наставляемого", "Дата рождения", "Класс", "Контактные данные для связи",
                      "ФИО родителя (законного представителя)", "Категория наставляемого", "Дата вхождения в программу",
                      "ФИО наставника", "Форма наставничества", "Дата завершения программы"]
        let rowsIn: [[String]] = [
            header,
            ["Иванов Иван Иванович", "01.02.2010", "7Б", "8 (911) 101-11-10, +7 912 000-00-00; a@B.ru", "Иванова Мария",
             "проявившие выдающиеся способности; что-то ещё", "01.09.2022", "Орлова Н. В.", "что-то своё", "31.05.2023"],
            ["", "2011", "11 а", "", "", "", "", "Petrova Anna", "ученик – ученик", ""],
            ["Смирнов-Б Пётр", "31.02.2010", "", "8 911 1011110", "", "", "2022", "", "", ""],
        ]
        let (records, _, _) = try validate(rowsIn, kind: .mentees)
        #expect(records.count == 3)
        var input = AssemblerFields()
        for rec in records {
            rec.fill(&input, slots: AssemblerSlots(rec.schema))
            let bySlot = RecordAssembler.assemble(kind: rec.kind, fields: input, location: rec.location, diagnostics: rec.diagnostics)
            let byName = RecordAssembler.assemble(kind: rec.kind, fields: rec.fields.mapValues(FieldInput.init),
                                                  location: rec.location, diagnostics: rec.diagnostics)
            #expect(bySlot == byName)
        }
    }

    /// The one-pass import assembles and keys a row in one go (`assembleKeyed`, a base row's keys
    /// taken from its parts); it must give the record `assemble` gives and the keys
    /// `RecordKeys.withValues` computes from that record, with the same memo of reference keys.
    @Test func keyedAssemblyGivesTheRecordAndItsKeys() throws {
        let registry = MentorFormats.builtinRegistry()
        let files = try FileManager.default.contentsOfDirectory(atPath: SampleTests.samplesDir.path)
            .filter { ($0.hasSuffix(".csv") || $0.hasSuffix(".json")) && !$0.hasSuffix(".expected.json") }.sorted()
        var records: [ValidatedRecord] = []
        for name in files {
            let url = SampleTests.samplesDir.appendingPathComponent(name)
            let source = InputSource(path: url.path, displayName: name)
            guard let plugin = try? registry.detect(source).plugin,
                  let reader = try? plugin.makeReader(source: source, options: ReadOptions()) else { continue }
            _ = try? TableValidation(kind: nil, mapFile: nil, options: testOptions).run(
                reader: reader, file: name, namedSheets: false, onRecord: { records.append($0) }, onDiagnostic: { _ in })
        }
        // Rows naming the same mentor one after another (the memo's reused keys), a mentor named
        // with a workplace, spoilt rows (errors: no keys), and a mentee without a mentor.
        let header = ["ФИО наставляемого", "Дата рождения", "Класс", "Контактные данные для связи",
                      "ФИО родителя (законного представителя)", "Категория наставляемого", "Дата вхождения в программу",
                      "ФИО наставника", "Форма наставничества", "Дата завершения программы"]
        let (spoilt, _, _) = try validate([
            header,
            ["Иванов Иван Иванович", "01.02.2010", "7Б", "8 (911) 101-11-10, +7 912 000-00-00; a@B.ru", "Иванова Мария",
             "проявившие выдающиеся способности; что-то ещё", "01.09.2022", "Орлова Н. В.", "что-то своё", "31.05.2023"],
            ["Петров Пётр", "02.02.2010", "7Б", "+7 912 000-00-00, 8 (911) 101-11-10", "", "", "01.09.2022",
             "Орлова Н. В.", "студент – ученик", ""],
            ["", "2011", "11 а", "", "", "", "", "Petrova Anna", "ученик – ученик", ""],
            ["Смирнов-Б Пётр", "31.02.2010", "", "8 911 1011110", "", "", "2022", "", "", ""],
            ["Сидоров Сидор", "03.03.2010", "5А", "", "", "", "", "", "", ""],
        ], kind: .mentees)
        records += spoilt
        var input = AssemblerFields()
        var keyedMemo = ReferenceKeyMemo()
        var plainMemo = ReferenceKeyMemo()
        var kinds = Set<RecordKind>()
        var keyed = 0
        for rec in records {
            rec.fill(&input, slots: AssemblerSlots(rec.schema))
            let (record, keys) = RecordAssembler.assembleKeyed(kind: rec.kind, fields: input, location: rec.location,
                                                              diagnostics: rec.diagnostics, memo: &keyedMemo)
            let plain = RecordAssembler.assemble(kind: rec.kind, fields: input, location: rec.location,
                                                 diagnostics: rec.diagnostics)
            #expect(record == plain, "\(rec.location)")
            guard !plain.hasErrors else {
                #expect(keys == nil)
                continue
            }
            let expected = RecordKeys.withValues(plain, memo: &plainMemo)
            let k = try #require(keys)
            #expect(k.subject == expected.subject, "\(rec.location)")
            #expect(k.references == expected.references, "\(rec.location)")
            #expect(k.subjectValues == expected.subjectValues, "\(rec.location)")
            #expect(k.profileValues == expected.profileValues, "\(rec.location)")
            #expect(k.pairingValues == expected.pairingValues, "\(rec.location)")
            #expect(k.label == expected.label, "\(rec.location)")
            keyed += 1
            kinds.insert(rec.kind)
        }
        #expect(keyed > 50)
        #expect(kinds.count == RecordKind.allCases.count)
    }

    /// The slots are the catalog's field names, each once, spelt as the catalog spells them.
    @Test func slotsCoverTheCatalog() {
        var catalog = Set<String>()
        for kind in RecordKind.allCases { catalog.formUnion(DomainCatalog.fields(kind).map(\.name)) }
        let slots = AssemblerFields.Name.allCases.map(\.text)
        #expect(Set(slots) == catalog)
        #expect(slots.count == catalog.count)
        #expect(AssemblerFields.Name.teachingExperienceYears.text == "teachingExperienceYears")
        for name in catalog { #expect(AssemblerFields.Name(name)?.text == name) }
        #expect(AssemblerFields.Name("noSuchField") == nil)
    }

    /// Refilling after `removeAll` leaves nothing of the previous row behind.
    /// The required slots found by the kind's position are the kind's own (the position is its
    /// place among `allCases`).
    @Test func requiredSlotsByPositionMatchTheKind() {
        for (i, kind) in RecordKind.allCases.enumerated() {
            #expect(kind.caseIndex == i)
            let required = DomainCatalog.fields(kind).filter(\.required).compactMap { AssemblerFields.Name($0.name) }
            #expect(AssemblerFields.requiredSlots(of: kind) == required, "\(kind)")
        }
    }

    @Test func removeAllEmptiesEverySetSlot() {
        var f = AssemblerFields()
        for n in AssemblerFields.Name.allCases {
            f[n] = .text(n.text)
            f.setSpelling(n.text, of: n)
        }
        f.removeAll()
        for n in AssemblerFields.Name.allCases {
            #expect(f[n] == nil)
            #expect(f.spelling(of: n) == nil)
        }
        f[.comments] = .integer(1)
        #expect(f[.comments] == .integer(1))
        #expect(f[.number] == nil)
    }
}
