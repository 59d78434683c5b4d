/// What identity matching compares of a person, folded once.
public struct IdentityKeys: Hashable, Sendable {
    /// The 11 digits of the SNILS.
    public var snils: Optional<String>
    /// Folded «Фамилия Имя Отчество».
    public var nameKey: String
    /// Folded surname and initials (`иванов и и`).
    public var initialsKey: String
    public var hasInitials: Bool
    public var birthDate: Optional<CalendarDate>
    public var birthYear: Optional<Int>
    /// Folded class name.
    public var className: Optional<String>
    /// Phones and lower-cased e-mails as sets, kept as sorted arrays without repeats
    /// (`Person.canonicalSet`): one contact, the usual case, shares the person's own array
    /// where a `Set` allocated a hash table per row.
    public var phones: [String]
    public var emails: [String]
    /// Folded organisation, only used to tell namesakes apart in references.
    public var organization: Optional<String>

    /// Keys of a stored person whose folded name keys the store already keeps.
    public init(_ p: Person, nameKey: String, initialsKey: String) {
        self.init(p, folded: (nameKey, initialsKey))
    }

    /// Borrowed (as the initialiser below): an initialiser's argument is otherwise passed owned,
    /// and the caller copied the whole person (a retain of each of its strings) to pass it.
    public init(_ p: borrowing Person) {
        self.init(p, folded: nil)
    }

    private init(_ p: borrowing Person, folded: (String, String)?) {
        snils = SNILSKey.digits(p.snils)
        if let folded {
            nameKey = folded.0
            initialsKey = folded.1
        } else {
            (nameKey, initialsKey) = IdentityKeys.nameKeys(p)
        }
        hasInitials = p.hasInitials
        birthDate = p.birthDate
        birthYear = p.birthYear ?? p.birthDate?.year
        if let c = p.className {
            let f = NameKey.foldWithoutSpaces(c)
            className = f.isEmpty ? nil : f
        } else {
            className = nil
        }
        phones = Person.canonicalSet(p.phones)
        emails = p.emails.isEmpty ? [] : Person.canonicalSet(p.emails.map { $0.lowercased() })
        organization = p.organization.map(NameKey.fold).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The full-name key and the initials key; each part is folded once.
    static func nameKeys(_ p: borrowing Person) -> (String, String) {
        let k = NameKey.keys(lastName: p.lastName, firstName: p.firstName, patronymic: p.patronymic)
        return (k.name, k.initials)
    }

    public init(_ r: PersonReference) {
        self.init(r.asPerson)
    }

    /// Anything beyond the name that could tell two namesakes apart.
    public var hasIdentifiers: Bool {
        snils != nil || birthDate != nil || birthYear != nil || className != nil || !phones.isEmpty || !emails.isEmpty
    }

    /// Both sides know something and it differs: certainly two people.
    func contradicts(_ o: IdentityKeys) -> Bool {
        if let a = snils, let b = o.snils, a != b, !(birthDate != nil && birthDate == o.birthDate) { return true }
        if let a = birthDate, let b = o.birthDate, a != b, a.swappedDayMonth != b { return true }
        if birthDate == nil || o.birthDate == nil, let a = birthYear, let b = o.birthYear, a != b { return true }
        return false
    }

    /// Shares a class, a phone or an e-mail.
    func sharesContact(_ o: IdentityKeys) -> Bool {
        if let a = className, a == o.className { return true }
        return IdentityKeys.intersect(phones, o.phones) || IdentityKeys.intersect(emails, o.emails)
    }

    /// True when the two (short) lists share an element.
    private static func intersect(_ a: [String], _ b: [String]) -> Bool {
        guard !a.isEmpty && !b.isEmpty else { return false }
        return a.contains { b.contains($0) }
    }
}

extension CalendarDate {
    /// The date with day and month exchanged (05.03 ↔ 03.05), when that is another real date.
    public var swappedDayMonth: CalendarDate? {
        guard day != month, day <= 12 else { return nil }
        return CalendarDate(year: year, month: day, day: month)
    }
}

/// The identity keys of every name in one row, computed once and shared by the store's
/// prefetch and the planner.
public struct RecordKeys: Sendable {
    /// The row's own person.
    public var subject: IdentityKeys?
    /// The names the row gives of others, in the order of the record's references.
    public var references: [IdentityKeys]
    /// The row's stored values, when the producer computed them ahead (``withValues(_:)``): the
    /// subject's, its profile's and its pairing's (`pairing ?? Pairing()` for a base row), and the
    /// row's label. The planner computes whatever is missing itself.
    public var subjectValues: [StoredValue?]?
    public var profileValues: [StoredValue?]?
    public var pairingValues: [StoredValue?]?
    public var label: String?

    // The initialisers are in an extension below, so the memberwise one stays: a base row's keys
    // are made by one call of it, where a value made empty and then set field by field was copied
    // whole (a retain of each of its strings and arrays) on its way out.

    /// The keys and the stored values, for a producer on another thread than the planner's.
    public static func withValues(_ r: IncomingRecord) -> RecordKeys {
        var memo = ReferenceKeyMemo()
        return withValues(r, memo: &memo)
    }

    /// The same, remembering the keys of the last name referred to across calls (`memo`): a
    /// mentee base names the same mentor on row after row.
    public static func withValues(_ r: IncomingRecord, memo: inout ReferenceKeyMemo) -> RecordKeys {
        var k = RecordKeys()
        k.take(r, referenceKeys: { memo.keys($0) }, withValues: true)
        k.label = MergePlanner.label(r)
        return k
    }


    /// `withValues(r, memo:)` of a mentor-base row, from its parts before a record holds them
    /// (``RecordAssembler/assembleKeyed(kind:fields:location:diagnostics:memo:)``).
    /// `label`, when given, must be `p.displayName` (the name as the file spelled it, at hand).
    static func withValues(mentor p: Person, _ profile: MentorProfile, pairing: Pairing?, mentees: [PersonReference],
                           label: String?, memo: inout ReferenceKeyMemo) -> RecordKeys {
        let references = mentees.map { memo.keys($0) }
        return base(p, profile, pairing, references: references, label: label)
    }

    /// `withValues(r, memo:)` of a mentee-base row, from its parts (as the mentor's above).
    static func withValues(mentee p: Person, _ profile: MenteeProfile, pairing: Pairing?, mentor: PersonReference?,
                           label: String?, memo: inout ReferenceKeyMemo) -> RecordKeys {
        let references = mentor.map { memo.keyList($0) } ?? []
        return base(p, profile, pairing, references: references, label: label)
    }

    /// What `takeBase(…, withValues: true)` sets, with the references and the label
    /// (`MergePlanner.label` of a row about a person: `label` when given, else the display name).
    private static func base<Profile: StoredRecord>(_ p: Person, _ profile: Profile, _ pairing: Pairing?,
                                                    references: [IdentityKeys], label: String?) -> RecordKeys {
        RecordKeys(subject: IdentityKeys(p), references: references, subjectValues: p.storedValues,
                   profileValues: profile.storedValues,
                   pairingValues: pairing?.storedValues ?? RecordKeys.noPairingValues, label: label ?? p.displayName)
    }

    /// The subject's keys, and with `withValues` the stored values, of a base row (a mentor's or
    /// a mentee's) with its profile and pairing; `Pairing()`'s values stand for no pairing.
    private mutating func takeBase<Profile: StoredRecord>(_ p: Person, _ profile: Profile, _ pairing: Pairing?,
                                                          withValues: Bool) {
        subject = IdentityKeys(p)
        if withValues {
            subjectValues = p.storedValues
            profileValues = profile.storedValues
            pairingValues = pairing?.storedValues ?? RecordKeys.noPairingValues
        }
    }

    private static let noPairingValues = Pairing().storedValues

    /// The keys, and with `withValues` the stored values, taken from the record's parts in one
    /// pass over its content (each part is read out of the record once). A method, not an
    /// initialiser: it borrows `r`, where an initialiser's argument is passed owned and the
    /// caller copied the whole record to pass it.
    private mutating func take(_ r: IncomingRecord, referenceKeys: (PersonReference) -> IdentityKeys, withValues: Bool) {
        switch r.content {
        case .mentor(let p, let profile, let pairing, let ms):
            references = ms.map(referenceKeys)
            takeBase(p, profile, pairing, withValues: withValues)
        case .mentee(let p, let profile, let pairing, let m):
            references = m.map { [referenceKeys($0)] } ?? []
            takeBase(p, profile, pairing, withValues: withValues)
        case .consent(let p, _, _), .questionnaire(let p, _):
            subject = IdentityKeys(p)
            references = []
            if withValues { subjectValues = p.storedValues }
        case .pairing(let pairing, let m, let ms):
            subject = nil
            references = [referenceKeys(m)] + ms.map(referenceKeys)
            if withValues { pairingValues = pairing.storedValues }
        }
    }
}

extension RecordKeys {
    /// The keys alone (no stored values), computed on the planner's thread.
    public init(_ r: IncomingRecord) {
        self.init()
        take(r, referenceKeys: { IdentityKeys($0) }, withValues: false)
    }

    /// No keys yet: `take` sets them.
    fileprivate init() {
        self.init(subject: nil, references: [])
    }
}

/// The keys of the last name met as a reference, reused while the next rows name the same
/// person (byte for byte, so the keys are the ones `IdentityKeys(_:)` would compute).
public struct ReferenceKeyMemo {
    // Kept apart, not as an optional pair: binding the pair to compare it copied both (a retain
    // of each of their strings) on every row.
    private var lastReference: PersonReference?
    /// `[IdentityKeys(lastReference)]`, made once per name: a row that names one person (a
    /// mentee's mentor) shares it.
    private var lastList: [IdentityKeys] = []

    public init() {}

    /// `IdentityKeys(r)`, from the memo when `r` is the name met last.
    public mutating func keys(_ r: PersonReference) -> IdentityKeys {
        if !isLast(r) { remember(r) }
        return lastList[0]
    }

    /// `[keys(r)]`.
    mutating func keyList(_ r: PersonReference) -> [IdentityKeys] {
        if !isLast(r) { remember(r) }
        return lastList
    }

    private func isLast(_ r: PersonReference) -> Bool {
        lastReference?.hasSameBytes(as: r) ?? false
    }

    private mutating func remember(_ r: PersonReference) {
        lastList = [IdentityKeys(r)]
        lastReference = r
    }
}

extension PersonReference {
    /// The same name parts and organisation, byte for byte: what the reference memos compare
    /// (a Swift `==` on strings would normalise Unicode on every row). Inlined: out of line, its
    /// callers copied the names they read out of the working set to hand them over.
    @inline(__always)
    func hasSameBytes(as b: PersonReference) -> Bool {
        func eq(_ x: String?, _ y: String?) -> Bool {
            switch (x, y) {
            case (nil, nil): return true
            case (let x?, let y?): return sameBytes(x, y)
            default: return false
            }
        }
        return sameBytes(lastName, b.lastName) && eq(firstName, b.firstName) && eq(patronymic, b.patronymic)
            && eq(organization, b.organization)
    }
}

/// A person already in the store (or created earlier in the same import), as matching sees it.
public struct KnownPerson: Sendable {
    public var id: Int64
    public var person: Person {
        didSet { storedValues = person.storedValues }
    }
    /// `person.storedValues`, kept beside it: a mentor named on every row of a base is merged
    /// against them row after row, and encoding lists and guardians each time is the cost.
    public private(set) var storedValues: [StoredValue?]
    /// Created from a name in someone else's row (a mentor named in the mentee base); the
    /// person's own row, when it comes, completes it.
    public var isReference: Bool
    public var keys: IdentityKeys

    /// `values`, when given, must be `person.storedValues` (computed ahead on another thread).
    public init(id: Int64, person: Person, isReference: Bool, keys: IdentityKeys? = nil, values: [StoredValue?]? = nil) {
        self.id = id
        self.person = person
        self.storedValues = values ?? person.storedValues
        self.isReference = isReference
        self.keys = keys ?? IdentityKeys(person)
    }
}

/// Which rule matched a row to a stored person.
public enum MatchRule: String, Sendable, Codable {
    case snils
    case nameAndBirthDate = "name-birth-date"
    case nameAndContact = "name-contact"
    /// Neither side has anything but the name, and only one person has it.
    case nameOnly = "name-only"
}

/// Why a row and a stored person need a person's decision.
public enum ReviewReason: String, Sendable, Codable {
    /// One of the two names is given by initials only.
    case initials
    /// The birth dates differ by day and month exchanged.
    case swappedBirthDate = "swapped-birth-date"
    /// More than one stored person fits the row.
    case severalMatches = "several-matches"
    /// Same name and birth date, different SNILS.
    case snilsDiffers = "snils-differs"
    /// Same name; each side has identifiers, but none in common to compare.
    case nothingToCompare = "nothing-to-compare"

    /// The reason in words.
    public var message: Localized {
        switch self {
        case .initials:
            return Localized(ru: "совпадение только по фамилии и инициалам", en: "matches only by surname and initials")
        case .swappedBirthDate:
            return Localized(ru: "дата рождения совпадает, если поменять местами день и месяц",
                             en: "the birth date matches with day and month swapped")
        case .severalMatches:
            return Localized(ru: "строке соответствуют несколько человек", en: "several people fit the row")
        case .snilsDiffers:
            return Localized(ru: "те же ФИО и дата рождения, но другой СНИЛС",
                             en: "same name and birth date but a different SNILS")
        case .nothingToCompare:
            return Localized(ru: "совпадают только ФИО, других общих данных для сравнения нет",
                             en: "only the name matches; nothing else to compare")
        }
    }
}

/// A stored person a row might be, and why it is not merged on its own.
public struct ReviewCandidate: Hashable, Sendable, Codable {
    public var personID: Int64
    public var displayName: String
    public var reason: ReviewReason

    public init(personID: Int64, displayName: String, reason: ReviewReason) {
        self.personID = personID
        self.displayName = displayName
        self.reason = reason
    }
}

/// The outcome of matching a row (or a name in a row) against the store.
public enum IdentityDecision: Sendable, Equatable {
    case matched(Int64, MatchRule)
    case new
    case review([ReviewCandidate])
}

/// The identity rules of DOMAIN.md: SNILS; else name and birth date; else name and class,
/// phone or e-mail. Initials, swapped day and month, or several fits are review candidates,
/// never merged silently.
public enum IdentityResolver {
    /// Matches a person's own row against the stored people that share a key with it.
    public static func resolve(_ person: Person, keys: IdentityKeys? = nil, among candidates: [KnownPerson]) -> IdentityDecision {
        if let keys { return resolve(person, knownKeys: keys, among: candidates) }
        return resolve(person, knownKeys: IdentityKeys(person), among: candidates)
    }

    /// `resolve(_:keys:among:)` with the keys at hand: borrowed (wrapped in an optional to be
    /// passed, they were copied, a retain and a release of each of their strings, on every row).
    static func resolve(_ person: Person, knownKeys k: IdentityKeys, among candidates: [KnownPerson]) -> IdentityDecision {
        if let s = k.snils, let hit = candidates.first(where: { $0.keys.snils.map { sameBytes($0, s) } ?? false }) {
            return .matched(hit.id, .snils)
        }
        var exact: [(KnownPerson, MatchRule)] = []
        var weak: [KnownPerson] = []
        var review: [ReviewCandidate] = []
        for c in candidates where sameBytes(c.keys.nameKey, k.nameKey) {
            let ck = c.keys
            let snilsDiffer = k.snils != nil && ck.snils != nil && k.snils != ck.snils
            if let a = k.birthDate, let b = ck.birthDate {
                if a == b {
                    if snilsDiffer { review.append(candidate(c, .snilsDiffers)) } else { exact.append((c, .nameAndBirthDate)) }
                } else if a.swappedDayMonth == b {
                    review.append(candidate(c, .swappedBirthDate))
                }
                continue
            }
            if snilsDiffer || k.contradicts(ck) { continue }
            if k.sharesContact(ck) {
                exact.append((c, .nameAndContact))
            } else if c.isReference || !k.hasIdentifiers || !ck.hasIdentifiers {
                weak.append(c)
            } else {
                review.append(candidate(c, .nothingToCompare))
            }
        }
        if exact.count == 1 { return .matched(exact[0].0.id, exact[0].1) }
        if exact.count > 1 { return .review(exact.map { candidate($0.0, .severalMatches) }) }
        if !review.isEmpty { return .review(review) }
        if weak.count == 1 { return .matched(weak[0].id, .nameOnly) }
        if weak.count > 1 { return .review(weak.map { candidate($0, .severalMatches) }) }
        let initials = candidates.filter {
            sameBytes($0.keys.initialsKey, k.initialsKey) && !sameBytes($0.keys.nameKey, k.nameKey)
                && (k.hasInitials || $0.keys.hasInitials) && !k.contradicts($0.keys)
        }
        if !initials.isEmpty { return .review(initials.map { candidate($0, .initials) }) }
        return .new
    }

    /// Matches a name given in another person's row (a mentor in the mentee base).
    public static func resolve(_ reference: PersonReference, keys: IdentityKeys? = nil,
                               among candidates: [KnownPerson]) -> IdentityDecision {
        if let keys { return resolve(reference, knownKeys: keys, among: candidates) }
        return resolve(reference, knownKeys: IdentityKeys(reference), among: candidates)
    }

    /// `resolve(_:keys:among:)` of a reference with its keys at hand (borrowed, as above).
    static func resolve(_ reference: PersonReference, knownKeys k: IdentityKeys,
                        among candidates: [KnownPerson]) -> IdentityDecision {
        var same = candidates.filter { sameBytes($0.keys.nameKey, k.nameKey) }
        if same.count > 1, let org = k.organization {
            let narrowed = same.filter { $0.keys.organization == org }
            if narrowed.count == 1 { same = narrowed }
        }
        if same.count == 1 { return .matched(same[0].id, .nameOnly) }
        if same.count > 1 { return .review(same.map { candidate($0, .severalMatches) }) }
        let initials = candidates.filter {
            sameBytes($0.keys.initialsKey, k.initialsKey) && (k.hasInitials || $0.keys.hasInitials)
        }
        if !initials.isEmpty { return .review(initials.map { candidate($0, .initials) }) }
        return .new
    }

    private static func candidate(_ c: KnownPerson, _ r: ReviewReason) -> ReviewCandidate {
        ReviewCandidate(personID: c.id, displayName: c.person.displayName, reason: r)
    }
}
