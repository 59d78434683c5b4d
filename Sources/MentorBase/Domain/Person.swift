/// A parent or legal representative of a minor.
public struct Guardian: Hashable, Sendable, Codable {
    public var name: String
    public var phone: String?
    /// `parent`, `guardian`, `other_representative` or the file's own word.
    public var relation: String?

    public init(name: String, phone: String? = nil, relation: String? = nil) {
        self.name = name
        self.phone = phone
        self.relation = relation
    }
}

/// A person in the program: one record across all files (see ``IdentityResolver``).
public struct Person: Hashable, Sendable {
    public var lastName: String
    public var firstName: String?
    public var patronymic: String?
    /// Only a year is known («Год рождения»).
    public var birthYear: Int?
    public var birthDate: CalendarDate?
    public var kind: PersonKind?
    /// Normalised class name, `7Б`.
    public var className: String?
    public var organization: String?
    public var position: String?
    public var teachingExperienceYears: Int?
    /// `XXX-XXX-XXX YY`; never published.
    public var snils: String?
    /// `+7XXXXXXXXXX` each.
    public var phones: [String]
    /// Lower-case addresses.
    public var emails: [String]
    public var guardians: [Guardian]

    public init(lastName: String, firstName: String? = nil, patronymic: String? = nil, birthYear: Int? = nil,
                birthDate: CalendarDate? = nil, kind: PersonKind? = nil, className: String? = nil,
                organization: String? = nil, position: String? = nil, teachingExperienceYears: Int? = nil,
                snils: String? = nil, phones: [String] = [], emails: [String] = [], guardians: [Guardian] = []) {
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.birthYear = birthYear
        self.birthDate = birthDate
        self.kind = kind
        self.className = className
        self.organization = organization
        self.position = position
        self.teachingExperienceYears = teachingExperienceYears
        self.snils = snils
        self.phones = phones
        self.emails = emails
        self.guardians = guardians
    }

    /// «Фамилия Имя Отчество» as spelled in the file.
    public var displayName: String { Person.joinedName(lastName, firstName, patronymic, keepEmpty: false) }

    /// The name parts joined by single spaces, in one allocation (a row's label is made of it).
    /// `keepEmpty: false` leaves empty parts out; a nil part is always left out.
    static func joinedName(_ a: String, _ b: String?, _ c: String?, keepEmpty: Bool) -> String {
        var out = ""
        out.reserveCapacity(a.utf8.count + (b?.utf8.count ?? 0) + (c?.utf8.count ?? 0) + 2)
        var first = true
        for part in [a, b, c] {
            guard let part, keepEmpty || !part.isEmpty else { continue }
            if !first { out.append(" ") }
            out.append(part)
            first = false
        }
        return out
    }

    /// True when the name or patronymic is given only by an initial.
    public var hasInitials: Bool { NameKey.isInitial(firstName) || NameKey.isInitial(patronymic) }

    /// What identity matching compares.
    public var identityKeys: IdentityKeys { IdentityKeys(self) }
}

extension Person: StoredRecord {
    public static let storedFields: [StoredField] = [
        StoredField("last_name"), StoredField("first_name"), StoredField("patronymic"),
        StoredField("birth_year", .integer), StoredField("birth_date"), StoredField("kind"),
        StoredField("class_name"), StoredField("organization"), StoredField("position"),
        StoredField("teaching_experience_years", .integer), StoredField("snils"),
        StoredField("phones"), StoredField("emails"), StoredField("guardians"),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.text(lastName), StoredCoding.text(firstName), StoredCoding.text(patronymic),
         StoredCoding.integer(birthYear ?? birthDate?.year), StoredCoding.date(birthDate), StoredCoding.code(kind),
         StoredCoding.text(className), StoredCoding.text(organization), StoredCoding.text(position),
         StoredCoding.integer(teachingExperienceYears), StoredCoding.text(snils),
         StoredCoding.list(Person.canonicalSet(phones)), StoredCoding.list(Person.canonicalSet(emails)), Person.encode(guardians)]
    }

    public init(storedValues v: [StoredValue?]) {
        func at(_ i: Int) -> StoredValue? { i < v.count ? v[i] : nil }
        self.init(lastName: StoredCoding.string(at(0)) ?? "", firstName: StoredCoding.string(at(1)),
                  patronymic: StoredCoding.string(at(2)), birthYear: StoredCoding.int(at(3)),
                  birthDate: StoredCoding.date(at(4)), kind: StoredCoding.code(at(5), as: PersonKind.self),
                  className: StoredCoding.string(at(6)), organization: StoredCoding.string(at(7)),
                  position: StoredCoding.string(at(8)), teachingExperienceYears: StoredCoding.int(at(9)),
                  snils: StoredCoding.string(at(10)), phones: StoredCoding.list(at(11)),
                  emails: StoredCoding.list(at(12)), guardians: Person.decodeGuardians(at(13)))
    }

    /// Phones and e-mails are sets: stored sorted and without repeats, so two files that list the
    /// same contacts in another order agree, and merging them is independent of the import order.
    static func canonicalSet(_ items: [String]) -> [String] {
        // One contact (the usual case) is its own set: no hashing, no sort.
        if items.count < 2 { return items }
        return Array(Set(items)).sorted()
    }

    /// Guardians as a JSON array of `{"name","phone","relation"}` objects; none is NULL.
    static func encode(_ gs: [Guardian]) -> StoredValue? {
        guard !gs.isEmpty else { return nil }
        // Written straight as bytes; the same text `MiniJSON.render` gives for these objects.
        var out: [UInt8] = []
        out.reserveCapacity(gs.reduce(2) { $0 + $1.name.utf8.count + ($1.phone?.utf8.count ?? 0) + ($1.relation?.utf8.count ?? 0) + 40 })
        out.append(0x5B)
        for (i, g) in gs.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"name":"#.utf8)
            JSONText.appendString(g.name, to: &out)
            if let p = g.phone {
                out.append(contentsOf: #","phone":"#.utf8)
                JSONText.appendString(p, to: &out)
            }
            if let r = g.relation {
                out.append(contentsOf: #","relation":"#.utf8)
                JSONText.appendString(r, to: &out)
            }
            out.append(0x7D)
        }
        out.append(0x5D)
        return .text(String(decoding: out, as: UTF8.self))
    }

    static func decodeGuardians(_ v: StoredValue?) -> [Guardian] {
        guard let s = v?.textValue, case .array(let items)? = MiniJSON.parse(s) else { return [] }
        return items.compactMap { item in
            guard let name = item["name"]?.string else { return nil }
            return Guardian(name: name, phone: item["phone"]?.string, relation: item["relation"]?.string)
        }
    }
}
