/// Builds the canonical ``IncomingRecord`` of one validated row: **the seam between validation
/// and the store.**
///
/// Wiring the validator (MentorSchema) after both branches are merged is one function in the CLI:
///
/// ```swift
/// extension FieldInput {
///     init(_ v: FieldValue) {          // MentorSchema.FieldValue → FieldInput, case for case
///         switch v {
///         case .text(let s): self = .text(s)          case .integer(let n): self = .integer(n)
///         case .number(let n): self = .number(n)      case .boolean(let b): self = .boolean(b)
///         case .date(let d): self = .date(d)          case .dateTime(let d): self = .dateTime(d)
///         case .year(let y): self = .year(y)          case .code(let c): self = .code(c)
///         case .other(let s): self = .other(s)        case .phone(let p): self = .phone(p)
///         case .email(let e): self = .email(e)        case .list(let l): self = .list(l.map(FieldInput.init))
///         case .name(let n): self = .name(.init(lastName: n.lastName, firstName: n.firstName, patronymic: n.patronymic))
///         }
///     }
/// }
/// func incoming(_ r: ValidatedRecord, headers: [String]) -> IncomingRecord {
///     RecordAssembler.assemble(kind: r.kind,
///                              fields: r.fields.mapValues(FieldInput.init),
///                              location: r.location,
///                              raw: zip(headers, r.raw).map { ($0, $1.text()) },
///                              diagnostics: r.diagnostics)
/// }
/// ```
///
/// Rules the assembler applies (and tests pin down):
/// - field names are MentorSchema's; unknown names are ignored, so the schema may grow;
/// - a required field that is missing, or a code the store's enums do not know, adds an error
///   diagnostic (`required-error`, `constraint-error`) and the planner rejects the row;
/// - `personKind` is inferred only when certain: a mentor category says it, or a class is given;
/// - a consent row yields a processing consent when `processing` is true, a publication consent
///   when `publication` is true; a `revokedOn` with neither revokes all the person's consents;
/// - questionnaire answers keep every field in catalog order as text (dates ISO), and the raw
///   row as `(header, text)` pairs.
public enum RecordAssembler {
    /// The canonical record of one row.
    public static func assemble(kind: ImportKind, fields: [String: FieldInput], location: SourceLocation,
                                raw: [(String, String)] = [], diagnostics: [Diagnostic] = []) -> IncomingRecord {
        assemble(kind: kind, fields: AssemblerFields(fields), location: location, raw: raw, diagnostics: diagnostics)
    }

    /// The same, from values already in their slots: what a producer importing row after row
    /// uses (no dictionary per row). Gives the same record as the dictionary of the same values.
    public static func assemble(kind: ImportKind, fields: AssemblerFields, location: SourceLocation,
                                raw: [(String, String)] = [], diagnostics: [Diagnostic] = []) -> IncomingRecord {
        var a = Assembly(kind: kind, fields: fields, location: location, diagnostics: diagnostics)
        let content = a.content(raw: raw)
        return IncomingRecord(location: location, content: content, diagnostics: a.diagnostics)
    }

    /// The record, and for a record without errors `RecordKeys.withValues(record, memo: &memo)`.
    /// A base row's keys are taken from its parts while they are at hand, before the record
    /// wraps them: reading them back out of the record copies every string of its content.
    /// Gives the same keys as keying the assembled record (a test holds both ways equal).
    public static func assembleKeyed(kind: ImportKind, fields: AssemblerFields, location: SourceLocation,
                                     diagnostics: [Diagnostic] = [], memo: inout ReferenceKeyMemo)
        -> (record: IncomingRecord, keys: RecordKeys?)
    {
        var keys: RecordKeys?
        var lent = fields
        let record = assembleKeyed(kind: kind, lending: &lent, location: location, diagnostics: diagnostics,
                                   keys: &keys, memo: &memo)
        return (record, keys)
    }

    /// The same, the keys put into `keys` (nil for a record with errors): what the one-pass import
    /// calls row after row (a record of several hundred bytes returned beside its keys in a tuple
    /// was copied whole on the way out). `fields` is lent to the assembly and given back with its
    /// storage, though the values the assembly reads once are taken out of their slots (see
    /// `Assembly.taking`); `location` and `diagnostics` are taken: a caller that passes their last
    /// use moves them into the record. Nothing is copied on the way in (a copy of the fields
    /// retained and released both their arrays, a copy of the location each of its strings).
    public static func assembleKeyed(kind: ImportKind, lending fields: inout AssemblerFields,
                                     location: consuming SourceLocation, diagnostics: consuming [Diagnostic],
                                     keys: inout RecordKeys?, memo: inout ReferenceKeyMemo) -> IncomingRecord
    {
        var a = Assembly(kind: kind, fields: AssemblerFields(unallocated: ()), location: consume location,
                         diagnostics: consume diagnostics)
        a.keying = true
        a.taking = !kind.isQuestionnaire
        // The fields and the memo move into the assembly and back.
        swap(&a.fields, &fields)
        swap(&a.memo, &memo)
        let content = a.content(raw: [])
        swap(&a.memo, &memo)
        swap(&a.fields, &fields)
        var found: [Diagnostic] = []
        swap(&found, &a.diagnostics)
        var at = SourceLocation()
        swap(&at, &a.location)
        let record = IncomingRecord(location: consume at, content: content, diagnostics: consume found)
        if record.hasErrors {
            keys = nil
        } else if let taken = a.keys.take() {
            keys = consume taken
        } else {
            // Kinds whose keys are not taken on the way (not the bases): from the record.
            keys = RecordKeys.withValues(record, memo: &memo)
        }
        return record
    }
}

private struct Assembly {
    let kind: ImportKind
    var fields: AssemblerFields
    var location: SourceLocation
    var diagnostics: [Diagnostic]
    /// Set by `assembleKeyed`: a base row's keys are taken into `keys` (with `memo`) on the way.
    var keying = false
    var keys: RecordKeys?
    var memo = ReferenceKeyMemo()
    /// Set when the assembly owns `fields` alone (`assembleKeyed(kind:lending:…)`): a value read
    /// once is taken out of its slot rather than copied, so its strings move into the record (a
    /// copy retained each, and emptying the slot for the next row released it again). Never for
    /// questionnaires, whose answers read every slot once more.
    var taking = false

    /// Slots a kind reads twice, never taken: a base row's results, case link, school year and
    /// start date go to the profile and to the pairing; a consent's revocation date and flags to
    /// both consents and to the revocation of all.
    static let readTwice: [Bool] = {
        var out = [Bool](repeating: false, count: AssemblerFields.Name.allCases.count)
        for n: AssemblerFields.Name in [.results, .caseLink, .schoolYear, .startDate, .revokedOn, .processing, .publication] {
            out[n.rawValue] = true
        }
        return out
    }()

    init(kind: ImportKind, fields: consuming AssemblerFields, location: consuming SourceLocation,
         diagnostics: consuming [Diagnostic]) {
        self.kind = kind
        self.fields = consume fields
        self.location = consume location
        self.diagnostics = consume diagnostics
    }

    mutating func content(raw: [(String, String)]) -> IncomingRecord.Content {
        for slot in AssemblerFields.requiredSlots(of: kind) where !fields.has(slot) {
            // The validator already reports these; the assembler must not store a row without them either.
            let name = slot.text
            if !diagnostics.contains(where: { $0.severity == .error && $0.location.field == name }) {
                error("required-error", name, nil,
                      Localized(ru: "не заполнено обязательное поле «\(name)»", en: "required field “\(name)” is empty"))
            }
        }
        switch kind {
        case .mentors:
            var person = self.person()
            let category: MentorCategory? = code(.mentorCategory)
            person.kind = person.kind ?? inferredKind(category: category, className: person.className)
            let profile = MentorProfile(
                category: category, competencies: text(.competencies), achievements: text(.achievements),
                interests: text(.interests), desiredMenteeAge: text(.desiredMenteeAge),
                availability: text(.availability), planTerm: text(.planTerm), results: text(.results),
                caseLink: text(.caseLink), photoLink: text(.photoLink), status: code(.status),
                schoolYear: text(.schoolYear))
            let mentees = references(.menteeNames, organization: text(.menteeWorkplace))
            // Made even when unused: an unknown end reason is an error on the row either way.
            let fieldsOfPairing = pairingFields()
            // Moved, not copied, into the optional (a copy retained each of its strings); a `let`,
            // as a `var` it was copied again to be lent to the keys.
            let pairing: Pairing?
            if !mentees.isEmpty { pairing = consume fieldsOfPairing } else { pairing = nil }
            if wantsKeys {
                keys = RecordKeys.withValues(mentor: person, profile, pairing: pairing, mentees: mentees,
                                             label: spelledName(), memo: &memo)
            }
            // `consume`: the parts were also lent to the keys above, and the optimiser then copied
            // them into the record (a retain and a release of each string).
            return .mentor(consume person, consume profile, pairing: consume pairing, mentees: consume mentees)
        case .mentees:
            // The guardian first (it reports nothing), so the person is made in one go.
            var guardians: [Guardian] = []
            if let g = names(.guardianName) {
                let relation = rawText(.guardianRelation)
                guardians = [Guardian(name: fields.spelling(of: .guardianName) ?? g.display, phone: firstOfList(.guardianPhone),
                                      relation: relation)]
            }
            let person = self.person(guardians: guardians, studentWithClass: true)
            let profile = MenteeProfile(
                categories: list(.menteeCategory), request: text(.request), entryDate: date(.startDate),
                results: text(.results), caseLink: text(.caseLink), status: code(.status),
                schoolYear: text(.schoolYear))
            let mentor = firstReference(.mentorName, organization: text(.mentorWorkplace))
            // A mentee's results and case link belong to the profile, not the pairing.
            let fieldsOfPairing = pairingFields(withResults: false)
            let pairing: Pairing?
            if mentor != nil { pairing = consume fieldsOfPairing } else { pairing = nil }
            if wantsKeys {
                keys = RecordKeys.withValues(mentee: person, profile, pairing: pairing, mentor: mentor,
                                             label: spelledName(), memo: &memo)
            }
            return .mentee(consume person, consume profile, pairing: consume pairing, mentor: consume mentor)
        case .consents:
            let person = self.person()
            guard let signedOn = date(.signedOn) else { return .consent(person, [], revokesAllOn: nil) }
            let base = Consent(kind: .processing, signerName: fields[.signerName].flatMap(nameParts)?.display,
                               signerRole: code(.signerRole), signedOn: signedOn, purposes: text(.purposes),
                               validUntil: date(.validUntil), revokedOn: date(.revokedOn),
                               minorSigned: bool(.minorSigned), embeddedInForm: bool(.embeddedInForm))
            var consents: [Consent] = []
            if bool(.processing) == true { consents.append(base) }
            if bool(.publication) == true {
                var p = base
                p.kind = .publication
                p.publicationFields = list(.publicationFields)
                p.site = text(.site)
                consents.append(p)
            }
            let revokesAll = consents.isEmpty && bool(.processing) == nil && bool(.publication) == nil
                ? date(.revokedOn) : nil
            return .consent(person, consents, revokesAllOn: revokesAll)
        case .pairs:
            var pairing = pairingFields()
            pairing.code = text(.pairId)
            pairing.plannedEndDate = date(.plannedEndDate)
            pairing.order = text(.order)
            let mentor = references(.mentorName, organization: nil).first ?? PersonReference(lastName: "")
            return .pairing(pairing, mentor: mentor, mentees: references(.menteeNames, organization: nil))
        case .mentorQuestionnaire, .menteeQuestionnaire, .monitoringQuestionnaire:
            var person = self.person()
            if kind == .menteeQuestionnaire, let g = fields[.guardianName].flatMap(nameParts) {
                person.guardians = [Guardian(name: g.display, phone: firstOfList(.guardianPhone))]
            }
            if kind == .mentorQuestionnaire {
                let category: MentorCategory? = code(.mentorCategory)
                person.kind = inferredKind(category: category, className: nil)
            }
            let role: QuestionnaireRole? = kind == .mentorQuestionnaire ? .mentor
                : kind == .menteeQuestionnaire ? .mentee : code(.role)
            let stage: QuestionnaireStage? = kind == .monitoringQuestionnaire ? code(.stage) : .intake
            let answers = (AssemblerFields.catalogs[kind] ?? []).compactMap { f, slot -> QuestionnaireResponse.Answer? in
                guard slot != .submittedAt, let v = fields[slot] else { return nil }
                return QuestionnaireResponse.Answer(f.name, v.text)
            }
            let at = fields[.submittedAt].flatMap { v -> CalendarDateTime? in
                switch v {
                case .dateTime(let d): return d
                case .date(let d): return .midnight(d)
                default: return nil
                }
            } ?? .midnight(.epoch)
            let response = QuestionnaireResponse(form: kind, role: role, stage: stage, submittedAt: at,
                                                 answers: answers, raw: raw.map { .init($0.0, $0.1) })
            return .questionnaire(person, response)
        }
    }

    /// Keys are wanted here: by `assembleKeyed`, for a row without errors (the diagnostics are
    /// final once the parts are made).
    var wantsKeys: Bool { keying && !diagnostics.contains { $0.severity == .error } }

    // MARK: Pieces

    /// The row's person. `studentWithClass`: with no kind given, a class makes the person a
    /// student (a mentee base). Made by one initialiser call, every part computed first: a person
    /// made and then set field by field was copied whole (a retain of each string) on the way.
    mutating func person(guardians: [Guardian] = [], studentWithClass: Bool = false) -> Person {
        var name = names(.fullName) ?? FieldInput.NameParts(lastName: "")
        // The parts are moved out of `name` into the person (passed as `name.lastName`, each was
        // copied and `name` then destroyed).
        var lastName = ""
        swap(&lastName, &name.lastName)
        let firstName = name.firstName.take()
        let patronymic = name.patronymic.take()
        var birthDate: CalendarDate?
        var birthYear: Int?
        switch fields.values[AssemblerFields.Name.birthDate.rawValue] {
        case .date(let d)?: birthDate = d
        case .dateTime(let d)?: birthDate = d.date
        case .year(let y)?, .integer(let y)?: birthYear = y
        default: break
        }
        let given: PersonKind? = code(.personKind)
        let className = text(.className)
        let kind = given ?? (studentWithClass && className != nil ? .student : nil)
        let emails = list(.emails)
        return Person(lastName: lastName, firstName: firstName, patronymic: patronymic,
                      birthYear: birthYear, birthDate: birthDate, kind: kind, className: className,
                      organization: text(.organization), position: text(.position),
                      teachingExperienceYears: int(.teachingExperienceYears), snils: text(.snils),
                      phones: list(.phones), emails: emails.isEmpty ? emails : emails.map { $0.lowercased() },
                      guardians: guardians)
    }

    func inferredKind(category: MentorCategory?, className: String?) -> PersonKind? {
        switch category {
        case .student?: return .student
        case .teacher?: return .staff
        case .parent?, .alumnus?, .employerStaff?: return .external
        case .other?, nil: return className != nil ? .student : nil
        }
    }

    /// The pairing's fields of the row, made by one initialiser call (see `person`);
    /// `withResults: false` leaves the results and the case link out.
    mutating func pairingFields(withResults: Bool = true) -> Pairing {
        var form: String?
        var formText: String?
        switch value(.form) {
        case .code(let c)?: form = c
        case .other(let s)?: form = "other"; formText = s
        case .text(let s)?: form = "other"; formText = s
        default: break
        }
        return Pairing(form: form, formText: formText, kinds: list(.kinds), startDate: date(.startDate),
                       endDate: date(.endDate), endReason: code(.endReason), place: text(.place),
                       results: withResults ? text(.results) : nil, caseLink: withResults ? text(.caseLink) : nil,
                       schoolYear: text(.schoolYear))
    }

    mutating func references(_ name: AssemblerFields.Name, organization: String?) -> [PersonReference] {
        guard let v = value(name) else { return [] }
        // One name is a usual value: no list of items is built for it.
        guard case .list(let items) = v else { return reference(v, organization: organization).map { [$0] } ?? [] }
        return items.compactMap { reference($0, organization: organization) }
    }

    /// `references(name, organization:).first`, without the list.
    mutating func firstReference(_ name: AssemblerFields.Name, organization: String?) -> PersonReference? {
        switch value(name) {
        case nil: return nil
        case .list(let items)?:
            for k in items.indices {
                if let r = reference(items[k], organization: organization) { return r }
            }
            return nil
        case let v?: return reference(v, organization: organization)
        }
    }

    /// A name as a reference; nil when it has no surname.
    func reference(_ item: FieldInput, organization: String?) -> PersonReference? {
        switch item {
        case .name(let n):
            guard !n.lastName.isEmpty else { return nil }
            return PersonReference(lastName: n.lastName, firstName: n.firstName, patronymic: n.patronymic,
                                   organization: organization)
        case .text(let s):
            guard let n = FieldInput.NameParts(canonical: s), !n.lastName.isEmpty else { return nil }
            return PersonReference(lastName: n.lastName, firstName: n.firstName, patronymic: n.patronymic,
                                   organization: organization)
        default: return nil
        }
    }

    /// The row's own name as the file spelled it, when the validator vouched that it is the
    /// parts joined (`AssemblerFields.spelling(of:)`): the person's `displayName` without joining again.
    func spelledName() -> String? { fields.spelling(of: .fullName) }

    /// The name in a slot, split (`nameParts` of its value).
    mutating func names(_ name: AssemblerFields.Name) -> FieldInput.NameParts? {
        switch value(name) {
        case nil: return nil
        case .name(let n)?: return n
        case .text(let s)?: return FieldInput.NameParts(canonical: s)
        default: return nil
        }
    }

    func nameParts(_ v: FieldInput) -> FieldInput.NameParts? {
        switch v {
        case .name(let n): return n
        case .text(let s): return FieldInput.NameParts(canonical: s)
        default: return nil
        }
    }

    /// The value in a slot: taken out of it when the assembly may take (see `taking`), else copied.
    /// The readers below switch on it at once: a value bound first (`guard let v = fields[name]`)
    /// was copied whole, and `v.text` copied it again, before the String came out.
    mutating func value(_ name: AssemblerFields.Name) -> FieldInput? {
        let k = name.rawValue
        if taking && !Assembly.readTwice[k] { return fields.values[k].take() }
        return fields.values[k]
    }

    mutating func text(_ name: AssemblerFields.Name) -> String? {
        guard let s = rawText(name) else { return nil }
        return s.isEmpty ? nil : s
    }

    /// The slot's value as text, empty text included; nil when the slot is empty.
    mutating func rawText(_ name: AssemblerFields.Name) -> String? {
        switch value(name) {
        case nil: return nil
        case .text(let s)?, .code(let s)?, .other(let s)?, .phone(let s)?, .email(let s)?: return s
        case let v?: return v.text
        }
    }

    func int(_ name: AssemblerFields.Name) -> Int? {
        switch fields.values[name.rawValue] {
        case .integer(let n)?: return n
        case .number(let d)? where d == d.rounded() && abs(d) < 1e9: return Int(d)
        case .text(let s)?: return Int(s)
        default: return nil
        }
    }

    func bool(_ name: AssemblerFields.Name) -> Bool? {
        if case .boolean(let b)? = fields.values[name.rawValue] { return b }
        return nil
    }

    func date(_ name: AssemblerFields.Name) -> CalendarDate? {
        switch fields.values[name.rawValue] {
        case .date(let d)?: return d
        case .dateTime(let d)?: return d.date
        default: return nil
        }
    }

    mutating func list(_ name: AssemblerFields.Name) -> [String] {
        switch value(name) {
        case nil: return []
        case .list(let items)?:
            var out: [String] = []
            out.reserveCapacity(items.count)
            for k in items.indices {
                let s = FieldInput.text(of: items[k])
                if !s.isEmpty { out.append(s) }
            }
            return out
        case let v?:
            let s = FieldInput.text(of: v)
            return s.isEmpty ? [] : [s]
        }
    }

    /// `list(name).first`, without the list.
    mutating func firstOfList(_ name: AssemblerFields.Name) -> String? {
        switch value(name) {
        case nil: return nil
        case .list(let items)?:
            for k in items.indices {
                let s = FieldInput.text(of: items[k])
                if !s.isEmpty { return s }
            }
            return nil
        case let v?:
            let s = FieldInput.text(of: v)
            return s.isEmpty ? nil : s
        }
    }

    /// A code the store's enums know; an unknown one is an error on the row.
    mutating func code<C: RawRepresentable>(_ slot: AssemblerFields.Name) -> C? where C.RawValue == String {
        let s: String
        switch value(slot) {
        case nil: return nil
        case .other?: s = "other"
        case .code(let c)?, .text(let c)?: s = c
        case let v?: s = v.text
        }
        if let c = C(rawValue: s) { return c }
        let name = slot.text
        error("constraint-error", name, s,
              Localized(ru: "неизвестный код «\(s)» в поле «\(name)»", en: "unknown code “\(s)” in field “\(name)”"))
        return nil
    }

    mutating func error(_ code: String, _ field: String, _ value: String?, _ message: Localized) {
        var loc = location
        loc.field = field
        diagnostics.append(Diagnostic(code: code, severity: .error, location: loc, value: value, message: message))
    }
}
