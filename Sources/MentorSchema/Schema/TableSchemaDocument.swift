import MentorBase

/// One Frictionless Table Schema (v2) document as this package ships it, with our `x-mentorbase` keys.
///
/// The JSON files under `Resources/schemas/` are the source of truth; this type only reads them.
/// Unknown keys are ignored so a document stays usable by any Table Schema tool and by us.
public struct TableSchemaDocument: Codable, Sendable {
    public var name: String
    public var title: String?
    public var description: String?
    public var fields: [SchemaField]
    public var missingValues: [String]?
    public var primaryKey: [String]?
    public var uniqueKeys: [[String]]?
    public var foreignKeys: [ForeignKey]?
    public var mentorbase: SchemaExtension

    enum CodingKeys: String, CodingKey {
        case name, title, description, fields, missingValues, primaryKey, uniqueKeys, foreignKeys
        case mentorbase = "x-mentorbase"
    }
}

/// A Table Schema foreign key: `fields` of this table point at `reference.fields` of another resource.
public struct ForeignKey: Codable, Sendable, Hashable {
    /// The referenced resource and its fields.
    public struct Reference: Codable, Sendable, Hashable {
        public var resource: String
        public var fields: [String]
    }
    public var fields: [String]
    public var reference: Reference
}

/// Our keys at the schema level: the record kind, its title, its rules and identity keys.
public struct SchemaExtension: Codable, Sendable {
    public var kind: String
    public var version: Int
    public var title: Localized
    /// Row and set rules this kind enforces (ids implemented in `RowRules`/`SetRules`).
    public var rules: [RuleDescriptor]
    /// Keys that identify a person, strongest first (a key applies when all its fields are present).
    public var identity: [[String]]?
}

/// A row or set rule as the schema documents it.
public struct RuleDescriptor: Codable, Sendable, Hashable {
    public var id: String
    /// The diagnostic code it reports.
    public var code: String
    public var severity: Severity
    public var description: Localized
}

/// One field of a Table Schema.
public struct SchemaField: Codable, Sendable {
    public var name: String
    public var title: String?
    public var description: String?
    public var type: FieldType
    public var format: String?
    public var constraints: FieldConstraints?
    public var trueValues: [String]?
    public var falseValues: [String]?
    public var delimiter: String?
    public var itemType: String?
    public var categories: [Category]?
    public var mentorbase: FieldExtension

    enum CodingKeys: String, CodingKey {
        case name, title, description, type, format, constraints, trueValues, falseValues, delimiter, itemType, categories
        case mentorbase = "x-mentorbase"
    }

    /// A Table Schema v2 category: a stored value and its label.
    public struct Category: Codable, Sendable, Hashable {
        public var value: String
        public var label: String
    }
}

/// The Table Schema field types this package uses.
public enum FieldType: String, Codable, Sendable {
    case string, integer, number, boolean, date, datetime, year, list
}

/// Table Schema constraints; dates are ISO strings, numbers are numbers.
public struct FieldConstraints: Codable, Sendable {
    public var required: Bool?
    public var unique: Bool?
    public var pattern: String?
    public var `enum`: [String]?
    public var minimum: ConstraintBound?
    public var maximum: ConstraintBound?
    public var minLength: Int?
    public var maxLength: Int?
}

/// A `minimum`/`maximum` value: a number for numeric fields, an ISO date for date fields.
public enum ConstraintBound: Codable, Sendable, Hashable {
    case number(Double)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .text(let s): try c.encode(s)
        }
    }
}

/// How much a field reveals about a person; exports and logs decide by it.
public enum Sensitivity: String, Codable, Sendable {
    /// May be published with a publication consent that allows it (`publishAs`).
    case `public`
    /// Personal data that is never published (birth date, class, free-text requests).
    case personal
    /// Contacts: phones and e-mails; never published.
    case contact
    /// Identifiers such as SNILS; never published, never logged.
    case identifier
    /// Special categories (152-ФЗ art. 10): never published, never logged.
    case special
    /// Bookkeeping without personal meaning (row numbers, dates of the program).
    case `internal`
}

/// One code of a coded field: the stored value, its Russian label, and other spellings seen in files.
public struct CodeDescriptor: Codable, Sendable, Hashable {
    public var value: String
    public var label: String
    public var labelEn: String
    public var synonyms: [String]?
    /// A special category (152-ФЗ art. 10) that never leaves through a public export.
    public var sensitive: Bool?
}

/// Our keys at the field level.
public struct FieldExtension: Codable, Sendable {
    public var titleEn: String
    /// Other headers files use for this field (matched after folding).
    public var aliases: [String]?
    /// The normaliser id (see `Normalizer`).
    public var normalizer: String
    public var sensitivity: Sensitivity
    /// The publication-consent field code that allows publishing this field, if any.
    public var publishAs: String?
    public var codes: [CodeDescriptor]?
    /// The explanation a template shows on the header.
    public var note: Localized
    public var hint: Localized?
    public var example: String?
    /// Dates that may not lie after the validation's reference date (birth dates).
    public var notAfterToday: Bool?
    /// Headers of separate surname/name/patronymic columns that are joined into this name field.
    public var nameParts: [String: [String]]?
    /// For a form field: the list field that receives kinds found in the same cell.
    public var kindsField: String?
}
