import Foundation
import MentorBase

/// The normalisers a field can name in `x-mentorbase.normalizer`.
public enum NormalizerKind: String, Sendable, CaseIterable {
    case text, integer, number, boolean, date, birthDate, dateTime, year, textList
    case phones, emails, snils, className, personName, personNameList
    case code, codeList, choiceList, formAndKind, url, schoolYear, years
}

/// The three parts of a person's name, for files that give them in separate columns.
public enum NamePart: String, Sendable, Codable, CaseIterable {
    case lastName, firstName, patronymic
}

/// One field of a kind, compiled for fast validation.
public struct FieldSpec: Sendable {
    public let index: Int
    public let name: String
    public let title: String
    public let titleEn: String
    public let type: FieldType
    public let required: Bool
    public let normalizer: NormalizerKind
    public let sensitivity: Sensitivity
    public let publishAs: String?
    /// The matcher of a coded field (single or multiple choice).
    public let codes: CodeMatcher?
    /// For a form field: forms and kinds together, and the index of the kinds field.
    public let formKinds: FormKindMatcher?
    public let kindsFieldIndex: Int?
    public let booleans: BooleanReader?
    public let minimum: Double?
    public let maximum: Double?
    public let minimumDate: CalendarDate?
    public let maximumDate: CalendarDate?
    public let notAfterToday: Bool
    public let note: Localized
    public let hint: Localized?
    public let example: String?
    /// Headers (as written in the schema) that name this field, the title first.
    public let headerSpellings: [String]
    /// Headers of separate name-part columns joined into this field.
    public let namePartSpellings: [NamePart: [String]]
    /// The codes with their labels, for templates and messages.
    public let codeList: [CodeDescriptor]
    /// The field as the document spells it.
    public let source: SchemaField
}

/// A record kind's schema, compiled: fields by index, matchers built, rules listed.
public final class KindSchema: Sendable {
    public let kind: RecordKind
    public let document: TableSchemaDocument
    /// The JSON text exactly as shipped (what `mentorbase schema KIND` prints).
    public let json: String
    public let fields: [FieldSpec]
    public let missingValues: Set<String>
    public let rules: [RuleDescriptor]
    private let indexByName: [String: Int]

    public var title: Localized { document.mentorbase.title }

    init(kind: RecordKind, json: String) throws {
        self.kind = kind
        self.json = json
        let doc: TableSchemaDocument
        do {
            doc = try JSONDecoder().decode(TableSchemaDocument.self, from: Data(json.utf8))
        } catch {
            throw MentorBaseError(code: "schema-error", kind: .data,
                                  message: Localized(ru: "схема «\(kind.rawValue)» не читается: \(error)",
                                                     en: "schema “\(kind.rawValue)” cannot be read: \(error)"))
        }
        self.document = doc
        var byName: [String: Int] = [:]
        for (i, f) in doc.fields.enumerated() { byName[f.name] = i }
        self.indexByName = byName
        self.missingValues = Set((doc.missingValues ?? [""]).map { Fold.spaces($0).lowercased() })
        self.rules = doc.mentorbase.rules
        var compiled: [FieldSpec] = []
        for (i, f) in doc.fields.enumerated() {
            let x = f.mentorbase
            guard let norm = NormalizerKind(rawValue: x.normalizer) else {
                throw MentorBaseError(code: "schema-error", kind: .data,
                                      message: Localized(ru: "неизвестный нормализатор «\(x.normalizer)» у поля \(f.name)",
                                                         en: "unknown normalizer “\(x.normalizer)” of field \(f.name)"))
            }
            let codes = x.codes ?? []
            var codeMatcher: CodeMatcher?
            var formKinds: FormKindMatcher?
            var kindsIndex: Int?
            if norm == .formAndKind {
                let kindsName = x.kindsField ?? "kinds"
                kindsIndex = byName[kindsName]
                let kindCodes = kindsIndex.flatMap { doc.fields[$0].mentorbase.codes } ?? []
                let fk = FormKindMatcher(forms: codes, kinds: kindCodes)
                formKinds = fk
                codeMatcher = fk.forms
            } else if !codes.isEmpty {
                let stop: Set<String> = codes.contains { $0.value == "virtual" } ? FormKindMatcher.stopWords : []
                codeMatcher = CodeMatcher(codes: codes, stopWords: stop)
            }
            var minN: Double?, maxN: Double?, minD: CalendarDate?, maxD: CalendarDate?
            switch f.constraints?.minimum {
            case .number(let n)?: minN = n
            case .text(let t)?: minD = CalendarDate(iso: Substring(t))
            case nil: break
            }
            switch f.constraints?.maximum {
            case .number(let n)?: maxN = n
            case .text(let t)?: maxD = CalendarDate(iso: Substring(t))
            case nil: break
            }
            var spellings = [f.title ?? f.name]
            spellings += x.aliases ?? []
            spellings += [x.titleEn, f.name]
            var parts: [NamePart: [String]] = [:]
            for (k, v) in x.nameParts ?? [:] { if let p = NamePart(rawValue: k) { parts[p] = v } }
            compiled.append(FieldSpec(
                index: i, name: f.name, title: f.title ?? f.name, titleEn: x.titleEn, type: f.type,
                required: f.constraints?.required ?? false, normalizer: norm, sensitivity: x.sensitivity,
                publishAs: x.publishAs, codes: codeMatcher, formKinds: formKinds, kindsFieldIndex: kindsIndex,
                booleans: f.type == .boolean ? BooleanReader(trueValues: f.trueValues ?? ["true"], falseValues: f.falseValues ?? ["false"]) : nil,
                minimum: minN, maximum: maxN, minimumDate: minD, maximumDate: maxD,
                notAfterToday: x.notAfterToday ?? false, note: x.note, hint: x.hint, example: x.example,
                headerSpellings: spellings, namePartSpellings: parts, codeList: codes, source: f))
        }
        self.fields = compiled
    }

    /// The index of a field by name.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The field by name.
    public func field(_ name: String) -> FieldSpec? { indexByName[name].map { fields[$0] } }

    /// True when the kind enforces the rule with this id.
    public func hasRule(_ id: String) -> Bool { rules.contains { $0.id == id } }

    public func rule(_ id: String) -> RuleDescriptor? { rules.first { $0.id == id } }
}

/// The shipped schemas, one per record kind, compiled once.
public enum MentorSchemas {
    private static let compiled: Result<[RecordKind: KindSchema], MentorBaseError> = {
        var out: [RecordKind: KindSchema] = [:]
        for (name, json) in EmbeddedSchemas.documents {
            guard let kind = RecordKind(rawValue: name) else { continue }
            do { out[kind] = try KindSchema(kind: kind, json: json) } catch let e as MentorBaseError { return .failure(e) } catch {
                return .failure(MentorBaseError(code: "schema-error", kind: .data,
                                                message: Localized(ru: "\(error)", en: "\(error)")))
            }
        }
        return .success(out)
    }()

    /// The schema of one kind.
    public static func schema(for kind: RecordKind) throws -> KindSchema {
        let all = try compiled.get()
        guard let s = all[kind] else {
            throw MentorBaseError(code: "schema-error", kind: .data,
                                  message: Localized(ru: "нет схемы для «\(kind.rawValue)»", en: "no schema for “\(kind.rawValue)”"))
        }
        return s
    }

    /// Every kind's schema, in `RecordKind` order.
    public static func all() throws -> [KindSchema] {
        try RecordKind.allCases.map { try schema(for: $0) }
    }

    /// The JSON text of the embedded documents by kind name (for the consistency test and `schema`).
    public static var embeddedJSON: [String: String] {
        Dictionary(uniqueKeysWithValues: EmbeddedSchemas.documents.map { ($0.kind, $0.json + "\n") })
    }

    /// Parses a kind as the command line spells it, with a usage error listing the kinds.
    public static func kind(named name: String) throws -> RecordKind {
        if let k = RecordKind(rawValue: name.lowercased()) { return k }
        let list = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw MentorBaseError.usage(ru: "неизвестный вид записей «\(name)»; есть: \(list)",
                                    en: "unknown record kind “\(name)”; known: \(list)")
    }
}
