/// A row's field values as ``RecordAssembler`` reads them: one slot per field name of
/// ``DomainCatalog`` (all kinds together), so reading a field is an array index, not a lookup
/// by name in a dictionary built for the row.
///
/// A producer that imports row after row keeps one and refills it (``removeAll()`` empties only
/// the slots that were set, keeping the storage); ``init(_:)`` takes the same values by name.
public struct AssemblerFields: Sendable {
    /// Every field name the catalog knows, as a slot. The case names are the field names.
    public enum Name: Int, CaseIterable, Sendable {
        case number, fullName, birthDate, snils, phones, emails, organization, position, className, personKind
        case teachingExperienceYears, mentorCategory, competencies, achievements, interests, desiredMenteeAge
        case availability, form, kinds, menteeNames, menteeWorkplace, startDate, planTerm, results, caseLink
        case photoLink, status, schoolYear, guardianName, guardianPhone, guardianRelation, menteeCategory, request
        case mentorName, mentorWorkplace, place, endDate, endReason, signerName, signerRole, signedOn, processing
        case publication, publicationFields, site, validUntil, revokedOn, minorSigned, embeddedInForm, purposes
        case pairId, plannedEndDate, order, submittedAt, preferredForms, preferredKinds, motivation
        case consentProcessing, helpAreas, preferredMentor, role, stage, partnerName, satisfaction
        case meetingsQuality, expectationsMet, wantsToContinue, comments

        /// The field's name (the case's own name).
        public var text: String { Name.texts[rawValue] }

        /// The slot of a field name; nil for a name the catalog does not know (the assembler never reads it).
        public init?(_ name: String) {
            guard let n = Name.byText[name] else { return nil }
            self = n
        }

        static let texts: [String] = allCases.map { String(describing: $0) }
        static let byText: [String: Name] = Dictionary(uniqueKeysWithValues: allCases.map { (String(describing: $0), $0) })
    }

    // Visible to inlined code: the validator fills the slots from another module, and a call
    // per slot (the value passed in and moved into the array behind the call) cost more than
    // the store itself.
    @usableFromInline var values: [FieldInput?]
    /// Names as the file spelled them, by slot (see `spelling(of:)`). Kept apart from the values:
    /// a larger `NameParts` made every `FieldInput` too large to copy inline.
    @usableFromInline var spellings: [String?]
    /// Slots set since the last `removeAll()`, as bits (there are fewer than 128 names).
    @usableFromInline var set: (UInt64, UInt64) = (0, 0)
    /// Slots given a spelling since the last `removeAll()`, as bits.
    @usableFromInline var spelledSet: (UInt64, UInt64) = (0, 0)

    /// No values.
    public init() {
        values = [FieldInput?](repeating: nil, count: Name.allCases.count)
        spellings = [String?](repeating: nil, count: Name.allCases.count)
    }

    /// No slots at all (not even empty ones): a stand-in that allocates nothing, for a value about
    /// to be swapped with a real one.
    init(unallocated: ()) {
        values = []
        spellings = []
    }

    /// The values of a field-name dictionary; names the catalog does not know are left out.
    public init(_ fields: [String: FieldInput]) {
        self.init()
        for (name, v) in fields {
            if let n = Name(name) { self[n] = v }
        }
    }

    /// The value of a field, nil when empty.
    @inlinable
    public subscript(_ name: Name) -> FieldInput? {
        get { values[name.rawValue] }
        set {
            let k = name.rawValue
            if k < 64 { set.0 |= 1 << UInt64(k) } else { set.1 |= 1 << UInt64(k - 64) }
            values[k] = newValue
        }
    }

    /// True when the slot holds a value (without copying it out, as `self[name] != nil` does).
    @inlinable
    public func has(_ name: Name) -> Bool {
        switch values[name.rawValue] {
        case .none: return false
        case .some: return true
        }
    }

    /// The name in a slot as the file spelled it, when the validator vouched that the spelling is
    /// exactly the name's parts joined by single spaces (`NameParts.display`); nil when not known.
    /// The assembler then takes it instead of joining the parts into a new String.
    public func spelling(of name: Name) -> String? { spellings[name.rawValue] }

    /// Sets the spelling of the name in a slot set in this row (see `spelling(of:)`); whoever sets it
    /// vouches that it equals the slot's `NameParts.display`.
    @inlinable
    public mutating func setSpelling(_ spelled: String, of name: Name) {
        let k = name.rawValue
        if k < 64 { spelledSet.0 |= 1 << UInt64(k) } else { spelledSet.1 |= 1 << UInt64(k - 64) }
        spellings[k] = spelled
    }

    /// Empties every slot, keeping the storage for the next row.
    public mutating func removeAll() {
        clear(set.0, base: 0)
        clear(set.1, base: 64)
        set = (0, 0)
        if spelledSet != (0, 0) {
            clearSpellings(spelledSet.0, base: 0)
            clearSpellings(spelledSet.1, base: 64)
            spelledSet = (0, 0)
        }
    }

    private mutating func clear(_ word: UInt64, base: Int) {
        var bits = word
        while bits != 0 {
            values[base + bits.trailingZeroBitCount] = nil
            bits &= bits - 1
        }
    }

    private mutating func clearSpellings(_ word: UInt64, base: Int) {
        var bits = word
        while bits != 0 {
            spellings[base + bits.trailingZeroBitCount] = nil
            bits &= bits - 1
        }
    }

    /// The slots of each kind's required fields, in catalog order: checked on every row.
    static func requiredSlots(of kind: ImportKind) -> [Name] { requiredSlotsByKind[kind.caseIndex] }

    /// `requiredSlots(of:)` by the kind's position among `allCases`: a dictionary keyed by the kind
    /// hashed its raw String on every row.
    static let requiredSlotsByKind: [[Name]] = ImportKind.allCases.map { kind in
        (catalogs[kind] ?? []).filter(\.field.required).map(\.slot)
    }

    /// The catalog of each kind with each field's slot, made once (the catalog builds its lists anew per call).
    static let catalogs: [ImportKind: [(field: DomainCatalog.Field, slot: Name)]] = {
        var out: [ImportKind: [(field: DomainCatalog.Field, slot: Name)]] = [:]
        for kind in ImportKind.allCases {
            out[kind] = DomainCatalog.fields(kind).compactMap { f in Name(f.name).map { (f, $0) } }
        }
        return out
    }()
}

extension RecordKind {
    /// The kind's position among `allCases` (declaration order), found without hashing the kind.
    var caseIndex: Int {
        switch self {
        case .mentors: return 0
        case .mentees: return 1
        case .consents: return 2
        case .pairs: return 3
        case .mentorQuestionnaire: return 4
        case .menteeQuestionnaire: return 5
        case .monitoringQuestionnaire: return 6
        }
    }
}
