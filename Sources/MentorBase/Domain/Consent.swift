/// A consent to process or to publish a person's data (152-ФЗ art. 9 and 10.1).
public struct Consent: Hashable, Sendable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var kind: ConsentKind
    public var signerName: Optional<String>
    public var signerRole: Optional<SignerRole>
    public var signedOn: CalendarDate
    public var purposes: Optional<String>
    /// For publication: the fields allowed (`fio`, `photo`, `position`, `workplace`, `competencies`,
    /// `achievements`, `case`).
    public var publicationFields: [String]
    /// For publication: the site it names.
    public var site: Optional<String>
    /// Empty: until revoked.
    public var validUntil: Optional<CalendarDate>
    public var revokedOn: Optional<CalendarDate>
    /// A minor of 14 or more co-signed.
    public var minorSigned: Optional<Bool>
    /// A tick inside a questionnaire: weak evidence (a separate document is required since 01.09.2025).
    public var embeddedInForm: Optional<Bool>

    /// Days after a revocation within which the person's data must be destroyed.
    public static let destructionPeriodDays = 30

    public init(kind: ConsentKind, signerName: String? = nil, signerRole: SignerRole? = nil, signedOn: CalendarDate,
                purposes: String? = nil, publicationFields: [String] = [], site: String? = nil,
                validUntil: CalendarDate? = nil, revokedOn: CalendarDate? = nil, minorSigned: Bool? = nil,
                embeddedInForm: Bool? = nil) {
        self.kind = kind
        self.signerName = signerName
        self.signerRole = signerRole
        self.signedOn = signedOn
        self.purposes = purposes
        self.publicationFields = publicationFields
        self.site = site
        self.validUntil = validUntil
        self.revokedOn = revokedOn
        self.minorSigned = minorSigned
        self.embeddedInForm = embeddedInForm
    }

    /// Valid on `date`: signed on or before it, not revoked on or before it, not expired.
    public func isValid(on date: CalendarDate) -> Bool {
        guard signedOn <= date else { return false }
        if let revokedOn, revokedOn <= date { return false }
        if let validUntil, validUntil < date { return false }
        return true
    }

    /// The date by which the data must be destroyed after a revocation.
    public var destroyBy: CalendarDate? {
        revokedOn.flatMap { $0.adding(days: Consent.destructionPeriodDays) }
    }
}

extension Consent: StoredRecord {
    /// `kind` and `signed_on` identify a consent of a person and are not merged as fields.
    public static let storedFields: [StoredField] = [
        StoredField("signer_name"), StoredField("signer_role"), StoredField("purposes"),
        StoredField("publication_fields"), StoredField("site"), StoredField("valid_until"), StoredField("revoked_on"),
        StoredField("minor_signed", .integer), StoredField("embedded_in_form", .integer),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.text(signerName), StoredCoding.code(signerRole), StoredCoding.text(purposes),
         StoredCoding.list(publicationFields), StoredCoding.text(site), StoredCoding.date(validUntil),
         StoredCoding.date(revokedOn), StoredCoding.bool(minorSigned), StoredCoding.bool(embeddedInForm)]
    }

    /// Rebuilds the fields; `kind` and `signedOn` come from their own columns (placeholders here).
    public init(storedValues v: [StoredValue?]) {
        func at(_ i: Int) -> StoredValue? { i < v.count ? v[i] : nil }
        self.init(kind: .processing, signerName: StoredCoding.string(at(0)),
                  signerRole: StoredCoding.code(at(1), as: SignerRole.self), signedOn: CalendarDate.epoch,
                  purposes: StoredCoding.string(at(2)), publicationFields: StoredCoding.list(at(3)),
                  site: StoredCoding.string(at(4)), validUntil: StoredCoding.date(at(5)),
                  revokedOn: StoredCoding.date(at(6)), minorSigned: StoredCoding.boolean(at(7)),
                  embeddedInForm: StoredCoding.boolean(at(8)))
    }
}

extension CalendarDate {
    /// 1970-01-01, a placeholder for dates kept elsewhere.
    public static let epoch = CalendarDate(checkedConstantYear: 1970, month: 1, day: 1)

    /// For constants known to exist; an impossible one is clamped to the 28th rather than trapping.
    init(checkedConstantYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = min(max(month, 1), 12)
        self.day = min(max(day, 1), 28)
        if let exact = CalendarDate(year: year, month: month, day: day) { self = exact }
    }
}
