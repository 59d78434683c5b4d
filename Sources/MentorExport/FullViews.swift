import MentorBase
import MentorSchema

/// A participant's place in the program on a date: «Текущие участники» or «Архив».
public enum Participation {
    /// Archived when the profile says so, or when every pairing of the person has ended by `date`.
    public static func isArchived(status: ProfileStatus?, pairings: [PairingRecord], on date: CalendarDate) -> Bool {
        if status == .archived { return true }
        return !pairings.isEmpty && pairings.allSatisfy { $0.pairing.hasEnded(on: date) }
    }

    /// The pairing a mentee row shows: one active on `date`, else the latest started (then the
    /// highest id; of exact equals the first, as `max(by:)` keeps it).
    static func current(_ pairings: [PairingRecord], on date: CalendarDate) -> PairingRecord? {
        // One walk by index, no filtered copy: nearly every mentee has one pairing.
        var best: Int?
        var bestActive = false
        for i in pairings.indices {
            let active = !pairings[i].pairing.hasEnded(on: date)
            guard let b = best else { best = i; bestActive = active; continue }
            if active != bestActive {
                if active { best = i; bestActive = true }
                continue
            }
            let (x, y) = (pairings[b], pairings[i])
            if (x.pairing.startDate ?? .epoch, x.id) < (y.pairing.startDate ?? .epoch, y.id) { best = i }
        }
        return best.map { pairings[$0] }
    }

    static func label(archived: Bool) -> String { archived ? "Архив" : "Текущий участник" }
}

/// «База наставников» and «База наставляемых» in the official column order of DOMAIN.md, then the
/// other stored fields so that nothing is lost in a backup; one row per mentor (mentees listed) and
/// one per mentee (with the mentor). The first column, «№ п/п», is numbered by the writer per sheet:
/// a row starts with an empty placeholder cell for it (``SheetOutput/numberedRow(_:)``).
struct FullViews {
    let date: CalendarDate

    // MARK: Mentors

    static let mentorFields = ["number", "fullName", "organization", "position", "competencies", "achievements",
                               "interests", "desiredMenteeAge", "availability", "form", "menteeNames", "planTerm",
                               "results", "caseLink", "photoLink",
                               // not in the official base: kept for backup and transfer
                               "mentorCategory", "kinds", "startDate", "birthDate", "snils", "phones", "emails",
                               "className", "teachingExperienceYears", "status", "schoolYear"]

    static var mentorColumns: [String] {
        mentorFields.map { Vocabulary.title(.mentors, $0) } + ["Участие в программе"]
    }

    /// The row (with the «№ п/п» placeholder first) and whether it belongs to the archive; nil when the
    /// person left every export.
    func mentorRow(_ r: ParticipantRecord, _ summary: inout ExportSummary) -> (cells: [Cell], archived: Bool)? {
        let p = r.person
        if p.isExcludedByRevocation(on: date) { summary.exclude(.revoked); return nil }
        let m = p.mentor ?? MentorProfile()
        let person = p.person
        let pairings = r.pairings
        let archived = Participation.isArchived(status: m.status, pairings: pairings, on: date)
        let mentees = pairings.flatMap { $0.menteeIDs }.compactMap { r.partners[$0] }
            .filter { !$0.isExcludedByRevocation(on: date) }.map { FullViews.name($0.person) }
        let starts = pairings.compactMap(\.pairing.startDate)
        let cells: [Cell] = [
            .empty, .text(FullViews.name(person)), person.organization.cell, position(person), m.competencies.cell,
            m.achievements.cell, m.interests.cell, m.desiredMenteeAge.cell, m.availability.cell,
            Vocabulary.joined(pairings.compactMap { Vocabulary.formText($0.pairing) }), Vocabulary.joined(mentees),
            m.planTerm.cell, Vocabulary.joined([m.results ?? ""] + pairings.compactMap(\.pairing.results)),
            m.caseLink.cell, m.photoLink.cell,
            m.category.map { .text(Vocabulary.label(.mentors, "mentorCategory", $0.rawValue)) } ?? .empty,
            Vocabulary.joined(pairings.flatMap { Vocabulary.kindsText($0.pairing) }), starts.min().cell,
            birth(person), person.snils.cell, Vocabulary.joined(person.phones), Vocabulary.joined(person.emails),
            person.className.cell, person.teachingExperienceYears.cell,
            m.status.map { .text(Vocabulary.label(.mentors, "status", $0.rawValue)) } ?? .empty, m.schoolYear.cell,
            .text(Participation.label(archived: archived)),
        ]
        return (cells, archived)
    }

    // MARK: Mentees

    static let menteeFields = ["number", "fullName", "phones", "birthDate", "request", "startDate", "mentorName",
                               "mentorWorkplace", "form", "place", "endDate", "results", "caseLink",
                               // not in the official base
                               "className", "personKind", "organization", "menteeCategory", "teachingExperienceYears",
                               "snils", "emails", "guardianName", "guardianPhone", "guardianRelation", "kinds",
                               "endReason", "status", "schoolYear"]

    static var menteeColumns: [String] {
        menteeFields.map { Vocabulary.title(.mentees, $0) } + ["Участие в программе"]
    }

    func menteeRow(_ r: ParticipantRecord, _ summary: inout ExportSummary) -> (cells: [Cell], archived: Bool)? {
        let p = r.person
        if p.isExcludedByRevocation(on: date) { summary.exclude(.revoked); return nil }
        let m = p.mentee ?? MenteeProfile()
        let person = p.person
        let archived = Participation.isArchived(status: m.status, pairings: r.pairings, on: date)
        let pair = Participation.current(r.pairings, on: date)
        let mentor = pair?.mentorID.flatMap { r.partners[$0] }.flatMap { $0.isExcludedByRevocation(on: date) ? nil : $0 }
        // For a minor, the official base gives the parent's contacts.
        let guardianPhones = person.guardians.lazy.compactMap(\.phone)
        let contacts = PublicationGate.isMinor(person, on: date) && !guardianPhones.isEmpty
            ? Vocabulary.joined(sequence: guardianPhones) : Vocabulary.joined(person.phones)
        let categories = m.categories.lazy.map { FullViews.menteeCategories[$0] ?? $0 }
        let cells: [Cell] = [
            .empty, .text(FullViews.name(person)), contacts, birth(person), m.request.cell,
            (m.entryDate ?? pair?.pairing.startDate).cell, mentor.map { .text(FullViews.name($0.person)) } ?? .empty,
            mentor?.person.organization.cell ?? .empty, pair.flatMap { FullViews.formText($0.pairing) }.cell,
            pair?.pairing.place.cell ?? .empty, pair?.pairing.endDate.cell ?? .empty,
            Vocabulary.joined(sequence: [m.results, pair?.pairing.results].lazy.compactMap { $0 }), m.caseLink.cell,
            person.className.cell,
            person.kind.map { .text(FullViews.personKinds[$0.rawValue] ?? $0.rawValue) } ?? .empty,
            person.organization.cell, Vocabulary.joined(sequence: categories), person.teachingExperienceYears.cell,
            person.snils.cell, Vocabulary.joined(person.emails), Vocabulary.joined(sequence: person.guardians.lazy.map(\.name)),
            Vocabulary.joined(sequence: guardianPhones),
            Vocabulary.joined(sequence: person.guardians.lazy.compactMap(\.relation).map { FullViews.guardianRelations[$0] ?? $0 }),
            pair.map { p in Vocabulary.joined(sequence: p.pairing.kinds.lazy.map { FullViews.pairKinds[$0] ?? $0 }) } ?? .empty,
            pair?.pairing.endReason.map { .text(FullViews.menteeEndReasons[$0.rawValue] ?? $0.rawValue) } ?? .empty,
            m.status.map { .text(FullViews.menteeStatuses[$0.rawValue] ?? $0.rawValue) } ?? .empty, m.schoolYear.cell,
            .text(Participation.label(archived: archived)),
        ]
        return (cells, archived)
    }

    // MARK: Pairs

    static let pairFields = ["pairId", "mentorName", "menteeNames", "form", "kinds", "startDate", "plannedEndDate",
                             "endDate", "endReason", "place", "order", "results", "caseLink", "schoolYear"]

    static var pairColumns: [String] { pairFields.map { Vocabulary.title(.pairs, $0) } + ["Состояние пары"] }

    func pairRow(_ p: PairingRecord, _ members: [Int64: PersonRecord]) -> [Cell] {
        let pr = p.pairing
        let visible = { (id: Int64) -> PersonRecord? in
            members[id].flatMap { $0.isExcludedByRevocation(on: date) ? nil : $0 }
        }
        return [
            pr.code.cell, p.mentorID.flatMap(visible).map { .text($0.person.displayName) } ?? .empty,
            Vocabulary.joined(p.menteeIDs.compactMap(visible).map(\.person.displayName)),
            Vocabulary.formText(pr).cell, Vocabulary.joined(Vocabulary.kindsText(pr)), pr.startDate.cell,
            pr.plannedEndDate.cell, pr.endDate.cell,
            pr.endReason.map { .text(Vocabulary.label(.pairs, "endReason", $0.rawValue)) } ?? .empty,
            pr.place.cell, pr.order.cell, pr.results.cell, pr.caseLink.cell, pr.schoolYear.cell,
            .text(pr.hasEnded(on: date) ? "Завершена" : "Действует"),
        ]
    }

    // MARK: Consents

    static let consentFields = ["fullName", "birthDate", "className", "snils", "signerName", "signerRole", "signedOn",
                                "processing", "publication", "publicationFields", "site", "validUntil", "revokedOn",
                                "minorSigned", "embeddedInForm", "purposes"]

    static var consentColumns: [String] {
        consentFields.map { Vocabulary.title(.consents, $0) } + ["Действует на дату выгрузки"]
    }

    func consentRow(_ p: PersonRecord, _ c: Consent) -> [Cell] {
        let person = p.person
        func yes(_ b: Bool?) -> Cell { b.map { .text($0 ? "да" : "нет") } ?? .empty }
        return [
            .text(person.displayName), birth(person), person.className.cell, person.snils.cell, c.signerName.cell,
            c.signerRole.map { .text(Vocabulary.label(.consents, "signerRole", $0.rawValue)) } ?? .empty,
            .date(c.signedOn), yes(c.kind == .processing), yes(c.kind == .publication),
            Vocabulary.joined(c.publicationFields.map { Vocabulary.label(.consents, "publicationFields", $0) }),
            c.site.cell, c.validUntil.cell, c.revokedOn.cell, yes(c.minorSigned), yes(c.embeddedInForm),
            c.purposes.cell, yes(c.isValid(on: date)),
        ]
    }

    // MARK: Questionnaires

    static func responseColumns(_ form: ImportKind) -> [String] {
        return ["Отметка времени"] + answerFields(form).map { Vocabulary.title(form, $0) } + ["Этап", "Последняя анкета"]
    }

    static func answerFields(_ form: ImportKind) -> [String] {
        DomainCatalog.fields(form).map(\.name).filter { $0 != "submittedAt" }
    }

    func responseRow(_ r: ResponseRecord, _ person: PersonRecord?) -> [Cell] {
        let q = r.response
        var byField: [String: String] = [:]
        for a in q.answers { byField[a.question] = a.value }
        var cells: [Cell] = [.dateTime(q.submittedAt)]
        for f in FullViews.answerFields(q.form) {
            if f == "fullName", let person { cells.append(.text(person.person.displayName)); continue }
            cells.append(byField[f].cell)
        }
        cells.append(q.stage.map { .text($0.rawValue) } ?? .empty)
        cells.append(.text(r.isLatest ? "да" : "нет"))
        return cells
    }

    // MARK: Pieces

    // One code → label table per field, looked up once: a row then pays one hash per label, not three.
    private static let menteeCategories = Vocabulary.labels[.mentees]?["menteeCategory"] ?? [:]
    private static let personKinds = Vocabulary.labels[.mentees]?["personKind"] ?? [:]
    private static let guardianRelations = Vocabulary.labels[.mentees]?["guardianRelation"] ?? [:]
    private static let menteeEndReasons = Vocabulary.labels[.mentees]?["endReason"] ?? [:]
    private static let menteeStatuses = Vocabulary.labels[.mentees]?["status"] ?? [:]
    private static let pairKinds = Vocabulary.labels[.pairs]?["kinds"] ?? [:]
    private static let pairForms = Vocabulary.labels[.pairs]?["form"] ?? [:]

    /// ``Vocabulary/formText(_:)`` with the form table held here.
    private static func formText(_ p: Pairing) -> String? {
        guard let form = p.form else { return nil }
        if form == "other", let t = p.formText, !t.isEmpty { return t }
        return pairForms[form] ?? form
    }

    /// `Person.displayName` (surname, name, patronymic; missing parts skipped) built in one string,
    /// without the intermediate arrays: it runs twice per row of a million-row base.
    static func name(_ p: Person) -> String {
        let first = p.firstName ?? ""
        let middle = p.patronymic ?? ""
        var out = p.lastName
        out.reserveCapacity(out.utf8.count + first.utf8.count + middle.utf8.count + 2)
        if !first.isEmpty { if !out.isEmpty { out.append(" ") }; out.append(first) }
        if !middle.isEmpty { if !out.isEmpty { out.append(" ") }; out.append(middle) }
        return out
    }

    private func birth(_ p: Person) -> Cell {
        if let d = p.birthDate { return .date(d) }
        return p.birthYear.cell
    }

    /// «Должность»; a student's class stands in when no position is given.
    private func position(_ p: Person) -> Cell {
        if let s = p.position, !s.isEmpty { return .text(s) }
        return p.className.map { .text($0 + " класс") } ?? .empty
    }
}
