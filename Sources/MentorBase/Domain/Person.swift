/// A parent or legal representative of a minor.
public struct Guardian: Hashable, Sendable, Codable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var name: String
    public var phone: Optional<String>
    /// `parent`, `guardian`, `other_representative` or the file's own word.
    public var relation: Optional<String>

    public init(name: String, phone: String? = nil, relation: String? = nil) {
        self.name = name
        self.phone = phone
        self.relation = relation
    }
}

/// A person in the program: one record across all files (see ``IdentityResolver``).
public struct Person: Hashable, Sendable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var lastName: String
    public var firstName: Optional<String>
    public var patronymic: Optional<String>
    /// Only a year is known («Год рождения»).
    public var birthYear: Optional<Int>
    public var birthDate: Optional<CalendarDate>
    public var kind: Optional<PersonKind>
    /// Normalised class name, `7Б`.
    public var className: Optional<String>
    public var organization: Optional<String>
    public var position: Optional<String>
    public var teachingExperienceYears: Optional<Int>
    /// `XXX-XXX-XXX YY`; never published.
    public var snils: Optional<String>
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
    /// `keepEmpty: false` leaves empty parts out; a nil part is always left out. The bytes are
    /// copied into a string of the exact size: `String.append` checks the grapheme boundary at
    /// every join, which for Cyrillic names cost more than copying them (callgrind, 20k rows:
    /// 148 against 117 million instructions, with the validation of the result included).
    static func joinedName(_ a: String, _ b: String?, _ c: String?, keepEmpty: Bool) -> String {
        let useA = keepEmpty || !a.isEmpty
        let useB = b.map { keepEmpty || !$0.isEmpty } ?? false
        let useC = c.map { keepEmpty || !$0.isEmpty } ?? false
        var size = 0
        var parts = 0
        if useA { size += a.utf8.count; parts += 1 }
        if useB, let b { size += b.utf8.count; parts += 1 }
        if useC, let c { size += c.utf8.count; parts += 1 }
        size += max(0, parts - 1)
        return String(unsafeUninitializedCapacity: size) { buffer in
            var n = 0
            var first = true
            func put(_ part: String) {
                if !first {
                    buffer[n] = 0x20
                    n += 1
                }
                first = false
                StoredCoding.copyUTF8(part, into: buffer, at: &n)
            }
            if useA { put(a) }
            if useB, let b { put(b) }
            if useC, let c { put(c) }
            return n
        }
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
    /// The same text `MiniJSON.render` gives for these objects. When no text needs escaping (the
    /// usual case) it is written straight into a string of the exact size; otherwise into bytes
    /// through `JSONText`'s escaping.
    static func encode(_ gs: [Guardian]) -> StoredValue? {
        guard !gs.isEmpty else { return nil }
        var size = 0
        var plain = true
        writeGuardians(gs, literal: { size += $0.utf8CodeUnitCount }, text: { s in
            size += s.utf8.count + 2
            if plain && StoredCoding.needsEscaping(s) { plain = false }
        })
        if plain {
            return .text(String(unsafeUninitializedCapacity: size) { buffer in
                var n = 0
                writeGuardians(gs, literal: { literal in
                    literal.withUTF8Buffer { StoredCoding.copy($0, into: buffer, at: &n) }
                }, text: { s in
                    buffer[n] = 0x22
                    n += 1
                    StoredCoding.copyUTF8(s, into: buffer, at: &n)
                    buffer[n] = 0x22
                    n += 1
                })
                return n
            })
        }
        var out: [UInt8] = []
        out.reserveCapacity(size + 16)
        writeGuardians(gs, literal: { literal in literal.withUTF8Buffer { out.append(contentsOf: $0) } },
                       text: { JSONText.appendString($0, to: &out) })
        return .text(String(decoding: out, as: UTF8.self))
    }

    /// The one layout of the guardians' JSON, for `encode`: fixed bytes through `literal`,
    /// each string value (to be quoted) through `text`.
    private static func writeGuardians(_ gs: [Guardian], literal: (StaticString) -> Void, text: (String) -> Void) {
        literal("[")
        // By index, each part read in place: `for (i, g) in gs.enumerated()` copied every guardian
        // (a retain and a release of each of its strings), twice per encoding.
        for i in gs.indices {
            if i > 0 { literal(",") }
            literal(#"{"name":"#)
            text(gs[i].name)
            if gs[i].phone != nil {
                literal(#","phone":"#)
                text(gs[i].phone ?? "")
            }
            if gs[i].relation != nil {
                literal(#","relation":"#)
                text(gs[i].relation ?? "")
            }
            literal("}")
        }
        literal("]")
    }

    static func decodeGuardians(_ v: StoredValue?) -> [Guardian] {
        guard let s = v?.textValue, case .array(let items)? = MiniJSON.parse(s) else { return [] }
        return items.compactMap { item in
            guard let name = item["name"]?.string else { return nil }
            return Guardian(name: name, phone: item["phone"]?.string, relation: item["relation"]?.string)
        }
    }
}
