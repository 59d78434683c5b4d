import MentorBase

/// The row tier: rules that look at several fields of one record (DOMAIN.md «Rules», «Row»).
///
/// A rule fires only when the kind lists it and the fields it needs have values; what a file
/// does not say (no category column, no birth date) never triggers a rule.
struct RowRules {
    let schema: KindSchema
    let mapping: HeaderMapping
    /// The kind's rules as bits: asked several times a row, where hashing the ids was a measurable cost.
    let enabled: RuleSet
    /// Fields with a column (computed once: rules ask per row).
    let columns: Set<Int>
    // Field indexes, nil when the kind lacks the field.
    let birthDate, startDate, endDate, plannedEndDate, className, position, personKind, mentorCategory: Int?
    let menteeCategory, experience, form, kinds, guardianName, endReason, signedOn, signerRole, signerName: Int?
    let revokedOn, validUntil, processing, publication, publicationFields, minorSigned, embeddedInForm: Int?
    let menteeNames, schoolYear, submittedAt: Int?

    // Short lists of ASCII codes: comparing a few strings costs less than hashing one.
    static let studentForms: [String] = ["student_student", "university_student_student", "employer_student"]
    static let teacherForms: [String] = ["teacher_teacher", "teacher_young_teacher", "head_teacher"]
    static let studentCategories: [String] = ["gifted", "low_results", "disability", "hardship", "behaviour", "disengaged"]
    static let staffCategories: [String] = ["young_specialist", "new_staff", "professional_difficulties"]

    init(schema: KindSchema, mapping: HeaderMapping) {
        self.schema = schema
        self.mapping = mapping
        self.enabled = RuleSet(schema.rules.map(\.id))
        self.columns = mapping.mappedFields
        func i(_ n: String) -> Int? { schema.index(of: n) }
        birthDate = i("birthDate"); startDate = i("startDate"); endDate = i("endDate"); plannedEndDate = i("plannedEndDate")
        className = i("className"); position = i("position"); personKind = i("personKind"); mentorCategory = i("mentorCategory")
        menteeCategory = i("menteeCategory"); experience = i("teachingExperienceYears"); form = i("form"); kinds = i("kinds")
        guardianName = i("guardianName"); endReason = i("endReason"); signedOn = i("signedOn"); signerRole = i("signerRole")
        signerName = i("signerName"); revokedOn = i("revokedOn"); validUntil = i("validUntil"); processing = i("processing")
        publication = i("publication"); publicationFields = i("publicationFields"); minorSigned = i("minorSigned")
        embeddedInForm = i("embeddedInForm"); menteeNames = i("menteeNames"); schoolYear = i("schoolYear")
        submittedAt = i("submittedAt")
    }

    /// Ages a birth date or year allows on a day: exact for a date, two candidates for a year.
    static func age(_ birth: FieldValue?, on day: CalendarDate) -> ClosedRange<Int>? {
        switch birth {
        case .date(let b)?:
            var a = day.year - b.year
            if (day.month, day.day) < (b.month, b.day) { a -= 1 }
            return a...a
        case .year(let y)?:
            let a = day.year - y
            return (a - 1)...a
        default: return nil
        }
    }

    static func describe(_ r: ClosedRange<Int>) -> String { r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)" }

    func v(_ rec: ValidatedRecord, _ f: Int?) -> FieldValue? { f.flatMap { rec.values[$0] } }
    /// `v(rec, f)?.codeValue`, read in place (taking the value out first cost a retain and a release).
    func code(_ rec: ValidatedRecord, _ f: Int?) -> String? {
        guard let f else { return nil }
        switch rec.values[f] {
        case .code(let c)?: return c
        case .other?: return "other"
        default: return nil
        }
    }
    func codes(_ rec: ValidatedRecord, _ f: Int?) -> Set<String> { Set((v(rec, f)?.items ?? []).compactMap(\.codeValue)) }
    /// True when a coded (list) field holds the code; no set built.
    func has(_ rec: ValidatedRecord, _ f: Int?, _ code: String) -> Bool {
        guard let f else { return false }
        if case .list(let items)? = rec.values[f] { return items.contains { $0.codeValue == code } }
        return self.code(rec, f) == code
    }
    func hasAny(_ rec: ValidatedRecord, _ f: Int?, _ codes: [String]) -> Bool {
        guard let f else { return false }
        if case .list(let items)? = rec.values[f] { return items.contains { $0.codeValue.map(codes.contains) == true } }
        return code(rec, f).map(codes.contains) == true
    }
    func date(_ rec: ValidatedRecord, _ f: Int?) -> CalendarDate? { v(rec, f)?.dateValue }

    func add(_ rec: inout ValidatedRecord, _ id: String, _ field: Int?, _ locate: (Int?) -> SourceLocation,
             value: String? = nil, ru: String, en: String, hintRu: String, hintEn: String) {
        guard let rule = schema.rule(id) else { return }
        rec.diagnostics.append(Diagnostic(code: rule.code, severity: rule.severity, location: locate(field), value: value,
                                          message: Localized(ru: ru, en: en), hint: Localized(ru: hintRu, en: hintEn)))
    }

    /// Student, staff or external, only when the row makes it certain.
    func menteeRole(_ rec: ValidatedRecord) -> String? {
        if let k = code(rec, personKind) { return k }
        if !v(rec, className).isAbsent || hasAny(rec, menteeCategory, RowRules.studentCategories) { return "student" }
        if !v(rec, experience).isAbsent || hasAny(rec, menteeCategory, RowRules.staffCategories) { return "staff" }
        return nil
    }

    /// The mentor's category, given or certain from a class in «Должность/класс».
    func mentorRole(_ rec: ValidatedRecord) -> String? {
        if let c = code(rec, mentorCategory) { return c }
        if !v(rec, className).isAbsent { return "student" }
        if case .text(let p)? = v(rec, position), ClassNames.looksLikeClass(p) { return "student" }
        return nil
    }

    func apply(_ rec: inout ValidatedRecord, options: ValidationOptions, locate: (Int?) -> SourceLocation) {
        let kind = schema.kind
        // A class in «Должность/класс» makes a mentor a student: record what is certain.
        if kind == .mentors || kind == .mentorQuestionnaire, let mc = mentorCategory, rec.values[mc].isAbsent, mentorRole(rec) == "student" {
            rec.values[mc] = .code("student")
            if let cn = className, rec.values[cn].isAbsent, case .text(let p)? = v(rec, position),
               let c = ClassNames.normalize(.text(p)).value {
                rec.values[cn] = c
            }
        }
        let formCode = code(rec, form)

        // Ages: student mentors 15–18, student mentees 10–18.
        if enabled.contains(.studentMentorAge), mentorRole(rec) == "student" {
            let ref = kind == .mentorQuestionnaire ? v(rec, submittedAt)?.dateValue : date(rec, startDate)
            if let ref, let a = RowRules.age(v(rec, birthDate), on: ref), a.upperBound < 15 || a.lowerBound > 18 {
                add(&rec, "student-mentor-age", birthDate, locate, value: v(rec, birthDate)?.displayText,
                    ru: "наставнику-обучающемуся \(RowRules.describe(a)) лет на \(ref.russian), а нужно 15–18",
                    en: "a student mentor is \(RowRules.describe(a)) on \(ref.russian); 15–18 is required",
                    hintRu: "проверьте дату рождения или категорию наставника", hintEn: "check the birth date or the mentor category")
            }
        }
        if enabled.contains(.studentMenteeAge) {
            let isStudent = kind == .menteeQuestionnaire || menteeRole(rec) == "student"
                || (menteeRole(rec) == nil && formCode.map(RowRules.studentForms.contains) == true)
            let ref = kind == .menteeQuestionnaire ? v(rec, submittedAt)?.dateValue : date(rec, startDate)
            if isStudent, let ref, let a = RowRules.age(v(rec, birthDate), on: ref), a.upperBound < 10 || a.lowerBound > 18 {
                add(&rec, "student-mentee-age", birthDate, locate, value: v(rec, birthDate)?.displayText,
                    ru: "наставляемому-обучающемуся \(RowRules.describe(a)) лет на \(ref.russian), а нужно 10–18",
                    en: "a student mentee is \(RowRules.describe(a)) on \(ref.russian); 10–18 is required",
                    hintRu: "проверьте дату рождения и дату вхождения в программу", hintEn: "check the birth and entry dates")
            }
        }
        if enabled.contains(.youngSpecialistExperience), has(rec, menteeCategory, "young_specialist"),
           let years = v(rec, experience)?.intValue, years > 3 {
            add(&rec, "young-specialist-experience", experience, locate, value: String(years),
                ru: "молодой специалист со стажем \(years) лет: молодым специалистом считается стаж не больше 3 лет",
                en: "a young specialist with \(years) years of experience: at most 3 are allowed",
                hintRu: "проверьте стаж или выберите другую категорию", hintEn: "check the experience or choose another category")
        }
        if enabled.contains(.formFitsRoles), let fc = formCode {
            checkForm(&rec, fc, locate)
        }
        if enabled.contains(.datesInOrder), let s = date(rec, startDate), let e = date(rec, endDate), e < s {
            add(&rec, "dates-in-order", endDate, locate, value: e.russian,
                ru: "дата завершения \(e.russian) раньше даты вхождения в программу \(s.russian)",
                en: "the end date \(e.russian) is before the entry date \(s.russian)",
                hintRu: "проверьте обе даты", hintEn: "check both dates")
        }
        if enabled.contains(.endReasonNeedsEndDate), !v(rec, endReason).isAbsent, v(rec, endDate).isAbsent,
           endDate.map(columns.contains) == true {
            add(&rec, "end-reason-needs-end-date", endReason, locate,
                ru: "указана причина завершения, но нет даты завершения", en: "an end reason without an end date",
                hintRu: "впишите дату завершения", hintEn: "fill in the end date")
        }
        if enabled.contains(.minorGuardian), let g = guardianName, columns.contains(g), rec.values[g].isAbsent {
            let ref = date(rec, startDate) ?? options.referenceDate
            let a = RowRules.age(v(rec, birthDate), on: ref)
            let minor = a.map { $0.upperBound < 18 } ?? (menteeRole(rec) == "student")
            if minor && menteeRole(rec) != "staff" {
                add(&rec, "minor-guardian", g, locate,
                    ru: "у несовершеннолетнего не указан родитель (законный представитель)",
                    en: "a minor without a parent or guardian named",
                    hintRu: "впишите ФИО родителя: он дает согласие и с ним связываются", hintEn: "name the parent: they consent and are contacted")
            }
        }
        if kind == .consents { consentRules(&rec, locate) }
        if kind == .pairs { pairRules(&rec, locate) }
    }

    func checkForm(_ rec: inout ValidatedRecord, _ fc: String, _ locate: (Int?) -> SourceLocation) {
        // Only for messages: looked up once a mismatch is found.
        var label: String { form.flatMap { schema.fields[$0].codes?.label(of: fc) } ?? fc }
        if schema.kind == .mentors {
            guard let role = mentorRole(rec) else { return }
            var wrong = false
            if fc == "student_student" { wrong = role != "student" }
            if RowRules.teacherForms.contains(fc) { wrong = role != "teacher" }
            if fc == "employer_student" || fc == "employer_university_student" { wrong = role == "student" || role == "teacher" }
            if fc == "university_student_student" { wrong = role == "teacher" || role == "student" }
            if wrong {
                let rl = schema.field("mentorCategory")?.codes?.label(of: role) ?? role
                add(&rec, "form-fits-roles", form, locate, value: label,
                    ru: "форма «\(label)» не подходит наставнику категории «\(rl)»",
                    en: "the form “\(fc)” does not fit a mentor of category “\(role)”",
                    hintRu: "проверьте форму наставничества и категорию наставника", hintEn: "check the form and the mentor category")
            }
        } else if schema.kind == .mentees {
            guard let role = menteeRole(rec) else { return }
            var wrong = false
            if RowRules.studentForms.contains(fc) { wrong = role != "student" }
            if RowRules.teacherForms.contains(fc) { wrong = role != "staff" }
            if fc == "employer_university_student" { wrong = role != "external" }
            if wrong {
                let rl = role == "student" ? "обучающийся" : role == "staff" ? "педагог" : "внешний участник"
                add(&rec, "form-fits-roles", form, locate, value: label,
                    ru: "форма «\(label)» не подходит наставляемому: \(rl)",
                    en: "the form “\(fc)” does not fit a mentee who is \(role)",
                    hintRu: "проверьте форму наставничества, класс и категорию", hintEn: "check the form, class and category")
            }
        }
    }

    func consentRules(_ rec: inout ValidatedRecord, _ locate: (Int?) -> SourceLocation) {
        let signed = date(rec, signedOn)
        let a = signed.flatMap { RowRules.age(v(rec, birthDate), on: $0) }
        let minor = a.map { $0.upperBound < 18 } ?? (!v(rec, className).isAbsent)
        let role = code(rec, signerRole)
        if enabled.contains(.minorSigner), minor {
            if role == "self" {
                add(&rec, "minor-signer", signerRole, locate, value: v(rec, signerRole)?.displayText,
                    ru: "согласие за несовершеннолетнего\(a.map { " (\(RowRules.describe($0)) лет)" } ?? "") подписал он сам, а нужен родитель или законный представитель",
                    en: "a minor\(a.map { " (\(RowRules.describe($0)))" } ?? "") signed for themselves; a parent or legal representative must sign",
                    hintRu: "получите согласие родителя (законного представителя)", hintEn: "collect the parent's consent")
            } else if role == nil && v(rec, signerName).isAbsent {
                add(&rec, "minor-signer", signerName ?? signerRole, locate,
                    ru: "согласие за несовершеннолетнего: не указан родитель (законный представитель), подписавший его",
                    en: "a minor's consent names no parent or legal representative who signed it",
                    hintRu: "впишите ФИО и кем приходится подписавший", hintEn: "name the signer and their relation")
            }
        }
        if enabled.contains(.minorCosignature), let a, a.lowerBound >= 14, a.upperBound < 18, let ms = minorSigned,
           columns.contains(ms), rec.values[ms]?.boolValue != true {
            add(&rec, "minor-cosignature", ms, locate,
                ru: "несовершеннолетнему \(RowRules.describe(a)) лет: с 14 лет ожидается и его подпись",
                en: "a minor aged \(RowRules.describe(a)): from 14 their co-signature is expected",
                hintRu: "получите подпись самого обучающегося", hintEn: "collect the student's own signature")
        }
        if enabled.contains(.adultSignsSelf), let a, a.lowerBound >= 18, let role, role != "self" {
            let rl = schema.field("signerRole")?.codes?.label(of: role) ?? role
            add(&rec, "adult-signs-self", signerRole, locate, value: v(rec, signerRole)?.displayText,
                ru: "совершеннолетний (\(RowRules.describe(a)) лет), а согласие подписал «\(rl)»",
                en: "an adult (\(RowRules.describe(a))) whose consent was signed by “\(role)”",
                hintRu: "совершеннолетний подписывает согласие сам, кроме случаев опеки", hintEn: "an adult signs for self unless under guardianship")
        }
        if enabled.contains(.consentDatesInOrder), let s = signed {
            if let r = date(rec, revokedOn), r < s {
                add(&rec, "consent-dates-in-order", revokedOn, locate, value: r.russian,
                    ru: "дата отзыва \(r.russian) раньше даты согласия \(s.russian)", en: "revoked on \(r.russian), before it was signed on \(s.russian)",
                    hintRu: "проверьте даты", hintEn: "check the dates")
            }
            if let u = date(rec, validUntil), u < s {
                add(&rec, "consent-dates-in-order", validUntil, locate, value: u.russian,
                    ru: "срок действия \(u.russian) истек раньше даты согласия \(s.russian)", en: "valid until \(u.russian), before it was signed on \(s.russian)",
                    hintRu: "проверьте даты", hintEn: "check the dates")
            }
        }
        let proc = v(rec, processing)?.boolValue
        let publ = v(rec, publication)?.boolValue
        if enabled.contains(.consentGrantsSomething), proc != true, publ != true, v(rec, revokedOn).isAbsent,
           processing.map(columns.contains) == true || publication.map(columns.contains) == true {
            add(&rec, "consent-grants-something", processing ?? publication, locate,
                ru: "строка не дает ни согласия на обработку, ни согласия на размещение",
                en: "the row grants neither processing nor publication",
                hintRu: "отметьте «да» там, где согласие дано, или удалите строку", hintEn: "mark yes where consent was given, or delete the row")
        }
        if enabled.contains(.publicationFieldsNeedPublication), publ != true, let pf = v(rec, publicationFields), !pf.items.isEmpty {
            add(&rec, "publication-fields-need-publication", publicationFields, locate, value: pf.displayText,
                ru: "указаны данные для публикации, но согласия на размещение нет",
                en: "fields to publish are listed without a publication consent",
                hintRu: "отметьте согласие на размещение или очистите перечень", hintEn: "mark the publication consent or clear the list")
        }
        if enabled.contains(.separateDocument), v(rec, embeddedInForm)?.boolValue == true, let s = signed,
           let cutoff = CalendarDate(year: 2025, month: 9, day: 1), s >= cutoff {
            add(&rec, "separate-document", embeddedInForm, locate,
                ru: "согласие от \(s.russian) дано галочкой в анкете: с 01.09.2025 оно оформляется отдельным документом",
                en: "a consent of \(s.russian) given as a tick in a form: since 01.09.2025 it must be a separate document",
                hintRu: "соберите отдельное согласие", hintEn: "collect a separate consent document")
        }
    }

    func pairRules(_ rec: inout ValidatedRecord, _ locate: (Int?) -> SourceLocation) {
        guard let s = date(rec, startDate) else { return }
        let planned = date(rec, plannedEndDate)
        let end = date(rec, endDate)
        let k = codes(rec, kinds)
        if enabled.contains(.pairDatesInOrder) {
            if let p = planned, p < s {
                add(&rec, "pair-dates-in-order", plannedEndDate, locate, value: p.russian,
                    ru: "плановое завершение \(p.russian) раньше начала \(s.russian)", en: "planned end \(p.russian) before the start \(s.russian)",
                    hintRu: "проверьте даты", hintEn: "check the dates")
            }
            if let e = end, e < s {
                add(&rec, "pair-dates-in-order", endDate, locate, value: e.russian,
                    ru: "завершение \(e.russian) раньше начала \(s.russian)", en: "end \(e.russian) before the start \(s.russian)",
                    hintRu: "проверьте даты", hintEn: "check the dates")
            }
        }
        if enabled.contains(.speedSameDay), k.contains("speed") {
            for (f, d) in [(endDate, end), (plannedEndDate, planned)] {
                if let d, d != s {
                    add(&rec, "speed-same-day", f, locate, value: d.russian,
                        ru: "скоростное наставничество длится один день, а здесь \(s.russian)–\(d.russian)",
                        en: "speed mentoring lasts one day, here \(s.russian)–\(d.russian)",
                        hintRu: "поставьте дату завершения, равную дате начала, или другой вид", hintEn: "end on the start day or choose another kind")
                    break
                }
            }
        }
        if enabled.contains(.programDuration), !k.contains("speed"), let e = planned ?? end, e >= s {
            let tooShort = (s.adding(months: 3) ?? s) > e
            let tooLong = (s.adding(months: 12) ?? s) < e
            if tooShort || tooLong {
                let f = planned != nil ? plannedEndDate : endDate
                add(&rec, "program-duration", f, locate, value: e.russian,
                    ru: "программа \(s.russian)–\(e.russian) \(tooShort ? "короче 3 месяцев" : "длиннее 12 месяцев"); персонализированная программа длится 3–12 месяцев",
                    en: "the program \(s.russian)–\(e.russian) is \(tooShort ? "shorter than 3 months" : "longer than 12 months"); 3–12 months is usual",
                    hintRu: "проверьте сроки", hintEn: "check the dates")
            }
        }
        if enabled.contains(.groupSize), k.contains("group"), let m = v(rec, menteeNames), m.items.count < 2 {
            add(&rec, "group-size", menteeNames, locate, value: m.displayText,
                ru: "наставничество в группе, а наставляемый один", en: "group mentoring with a single mentee",
                hintRu: "перечислите всех наставляемых группы через точку с запятой или уберите вид «в группе»",
                hintEn: "list every mentee of the group separated by ';' or drop the kind “group”")
        }
        if enabled.contains(.schoolYearFits), case .text(let y)? = v(rec, schoolYear), let b = SchoolYears.bounds(y), !b.contains(s) {
            add(&rec, "school-year-fits", startDate, locate, value: s.russian,
                ru: "дата начала \(s.russian) не входит в \(y) учебный год", en: "the start \(s.russian) is outside the school year \(y)",
                hintRu: "проверьте дату начала или учебный год", hintEn: "check the start date or the school year")
        }
    }
}

extension CalendarDate {
    /// The same day `months` later (the last day of a shorter month).
    func adding(months: Int) -> CalendarDate? {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))
    }
}

/// Every rule id the validator implements (row and set tiers); schemas may list only these.
public enum ImplementedRules {
    public static let ids: Set<String> = Set(RuleID.spellings)
}

/// The row and set rules a validator knows, for a bit set of the ones a kind enforces.
enum RuleID: Int, CaseIterable {
    case studentMentorAge
    case formFitsRoles
    case studentMenteeAge
    case youngSpecialistExperience
    case datesInOrder
    case endReasonNeedsEndDate
    case minorGuardian
    case minorSigner
    case minorCosignature
    case adultSignsSelf
    case consentDatesInOrder
    case consentGrantsSomething
    case publicationFieldsNeedPublication
    case separateDocument
    case pairDatesInOrder
    case speedSameDay
    case programDuration
    case groupSize
    case schoolYearFits
    case uniquePerson
    case uniquePair
    case latestSubmission

    /// The id each case has in schemas, in case order.
    static let spellings: [String] = [
        "student-mentor-age",
        "form-fits-roles",
        "student-mentee-age",
        "young-specialist-experience",
        "dates-in-order",
        "end-reason-needs-end-date",
        "minor-guardian",
        "minor-signer",
        "minor-cosignature",
        "adult-signs-self",
        "consent-dates-in-order",
        "consent-grants-something",
        "publication-fields-need-publication",
        "separate-document",
        "pair-dates-in-order",
        "speed-same-day",
        "program-duration",
        "group-size",
        "school-year-fits",
        "unique-person",
        "unique-pair",
        "latest-submission",
    ]

    var spelling: String { RuleID.spellings[rawValue] }

    init?(spelling: String) {
        guard let i = RuleID.spellings.firstIndex(of: spelling), let r = RuleID(rawValue: i) else { return nil }
        self = r
    }
}

/// A set of `RuleID`s as bits.
struct RuleSet {
    private var bits: UInt64 = 0

    /// The ids a schema lists; ids the validator does not know are left out (the schema test rejects them).
    init(_ ids: [String]) {
        for id in ids { if let r = RuleID(spelling: id) { bits |= 1 << UInt64(r.rawValue) } }
    }

    @inline(__always) func contains(_ r: RuleID) -> Bool {
        bits & (1 << UInt64(r.rawValue)) != 0
    }
}
