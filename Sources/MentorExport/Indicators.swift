import Foundation
import MentorBase

/// The school's roster counts: inputs, never derived from the bases (DOMAIN.md «Indicators»).
public struct RosterCounts: Sendable, Hashable {
    /// Students aged 10–18.
    public var students10to18: Int?
    /// Students aged 10–18 in the six mentee categories (gifted, low results, disability, hardship,
    /// behaviour, disengaged): the base of indicator 1.
    public var studentsInCategories: Int?
    /// Students aged 15–18: the base of indicator 2.
    public var students15to18: Int?
    /// Young specialists (0–3 years of experience): the base of indicator 3.
    public var youngSpecialists: Int?
    /// Organisations (employers) of the territory: the base of indicator 4.
    public var organisations: Int?

    public init(students10to18: Int? = nil, studentsInCategories: Int? = nil, students15to18: Int? = nil,
                youngSpecialists: Int? = nil, organisations: Int? = nil) {
        self.students10to18 = students10to18
        self.studentsInCategories = studentsInCategories
        self.students15to18 = students15to18
        self.youngSpecialists = youngSpecialists
        self.organisations = organisations
    }
}

/// The four indicators of the target model.
public enum IndicatorID: String, CaseIterable, Sendable, Hashable {
    case menteeStudents = "mentee-students"
    case studentMentors = "student-mentors"
    case youngSpecialistMentees = "young-specialist-mentees"
    case employerOrganisations = "employer-organisations"

    /// The indicator's name as the roadmaps word it.
    public var title: Localized {
        switch self {
        case .menteeStudents:
            return Localized(ru: "Доля обучающихся 10–18 лет, вошедших в программы наставничества в роли наставляемого",
                             en: "Share of students aged 10–18 in mentoring programs as mentees")
        case .studentMentors:
            return Localized(ru: "Доля обучающихся 15–18 лет, вошедших в программы наставничества в роли наставника",
                             en: "Share of students aged 15–18 in mentoring programs as mentors")
        case .youngSpecialistMentees:
            return Localized(ru: "Доля молодых специалистов (стаж 0–3 года), вошедших в программы наставничества в роли наставляемого",
                             en: "Share of young specialists (0–3 years) in mentoring programs as mentees")
        case .employerOrganisations:
            return Localized(ru: "Доля предприятий (организаций), предоставивших своих наставников",
                             en: "Share of organisations (employers) that gave mentors")
        }
    }

    /// A short name for charts.
    public var shortTitle: Localized {
        switch self {
        case .menteeStudents: return Localized(ru: "Наставляемые 10–18 лет", en: "Mentees 10–18")
        case .studentMentors: return Localized(ru: "Наставники 15–18 лет", en: "Mentors 15–18")
        case .youngSpecialistMentees: return Localized(ru: "Молодые специалисты", en: "Young specialists")
        case .employerOrganisations: return Localized(ru: "Организации-партнёры", en: "Partner organisations")
        }
    }
}

/// Yearly targets in percent, by calendar year and indicator (`--targets FILE`).
///
/// The file is JSON: `{"targets": {"2024": {"mentee-students": 70, "student-mentors": 10,
/// "young-specialist-mentees": 70, "employer-organisations": 30}}}` (other keys are ignored).
public struct IndicatorTargets: Sendable, Hashable {
    public var byYear: [Int: [IndicatorID: Double]]

    public init(byYear: [Int: [IndicatorID: Double]]) { self.byYear = byYear }

    /// Reads the targets file; `name` is shown in errors.
    public init(json: [UInt8], name: String) throws {
        func bad(_ ru: String, _ en: String) -> MentorBaseError {
            MentorBaseError(code: "targets-error", kind: .usage, location: SourceLocation(file: name),
                            message: Localized(ru: ru, en: en),
                            hint: Localized(ru: "образец: docs/targets-example.json", en: "see docs/targets-example.json"))
        }
        guard let root = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
              let targets = root["targets"] as? [String: Any] else {
            throw bad("ожидался JSON-объект с ключом «targets»", "expected a JSON object with a “targets” key")
        }
        var out: [Int: [IndicatorID: Double]] = [:]
        for (yearText, value) in targets {
            guard let year = Int(yearText), (2000...2100).contains(year), let values = value as? [String: Any] else {
                throw bad("год «\(yearText)»: ожидался объект показателей", "year “\(yearText)”: an object of indicators expected")
            }
            for (key, v) in values {
                guard let id = IndicatorID(rawValue: key) else {
                    let known = IndicatorID.allCases.map(\.rawValue).joined(separator: ", ")
                    throw bad("неизвестный показатель «\(key)»; есть: \(known)", "unknown indicator “\(key)”; known: \(known)")
                }
                guard let n = (v as? NSNumber)?.doubleValue, n >= 0, n <= 100 else {
                    throw bad("\(yearText)/\(key): ожидался процент от 0 до 100", "\(yearText)/\(key): a percentage 0–100 expected")
                }
                out[year, default: [:]][id] = n
            }
        }
        byYear = out
    }
}

/// One indicator computed on a date.
public struct IndicatorValue: Sendable, Hashable {
    public var id: IndicatorID
    /// People (or organisations) counted from the store.
    public var count: Int
    /// The roster count it is a share of; nil when not given.
    public var base: Int?
    /// `count / base` in percent, rounded to 0.1; nil without a base (or with a zero base).
    public var percent: Double?
    public var target: Double?
    /// Met when `percent >= target`.
    public var met: Bool? {
        guard let percent, let target else { return nil }
        return percent >= target
    }
}

/// The monitoring report: the four indicators, without personal data.
public struct IndicatorReport: Sendable {
    public var date: CalendarDate
    public var schoolYear: String
    public var targetYear: Int
    public var values: [IndicatorValue]
    /// Counts that explain the figures: people without an age, people left out after a revocation…
    public var notes: [(key: String, count: Int, text: Localized)]
    /// With roster counts of students: the share of all students 10–18 who are mentees (extra to indicator 1).
    public var coverageOfAllStudents: Double?

    /// The report as JSON (`schemaVersion` 1).
    public func json(_ lang: Language) -> String {
        func num(_ d: Double?) -> String { d.map { Cell.format(number: $0) } ?? "null" }
        var s = "{\"schemaVersion\":1,\"date\":\"\(date.iso)\",\"schoolYear\":\(JSONText.quote(schoolYear))"
        s += ",\"targetYear\":\(targetYear),\"indicators\":["
        s += values.map { v in
            "{\"id\":\"\(v.id.rawValue)\",\"title\":\(JSONText.quote(v.id.title(lang))),\"count\":\(v.count)"
                + ",\"base\":\(v.base.map(String.init) ?? "null"),\"percent\":\(num(v.percent))"
                + ",\"target\":\(num(v.target)),\"met\":\(v.met.map { $0 ? "true" : "false" } ?? "null")}"
        }.joined(separator: ",")
        s += "],\"coverageOfAllStudents\":\(num(coverageOfAllStudents))"
        s += ",\"notes\":{" + notes.map { "\(JSONText.quote($0.key)):\($0.count)" }.joined(separator: ",") + "}}"
        return s
    }
}

/// Counts the indicators from the participants, fed one by one (memory: one set of organisation names).
///
/// «In the program» on date D: a member of a pairing that started by D (or has no start date) and had
/// not ended before the school year of D began (1 September); without pairings, a profile with
/// status `active`. Ages are taken on D; with only a birth year, D's year minus it. People left out
/// after a revocation are not counted.
public struct IndicatorCounter {
    public let date: CalendarDate
    let yearStart: CalendarDate
    var menteeStudents = 0
    var studentMentors = 0
    var youngSpecialists = 0
    var organisations = Set<String>()
    var ageUnknown = 0
    var revoked = 0
    var studentsOutsideAges = 0

    public init(date: CalendarDate) {
        self.date = date
        let y = date.month >= 9 ? date.year : date.year - 1
        yearStart = CalendarDate(year: y, month: 9, day: 1) ?? date
    }

    /// «2024/2025» for a date in that school year.
    public var schoolYear: String { "\(yearStart.year)/\(yearStart.year + 1)" }

    func inProgram(status: ProfileStatus?, pairings: [PairingRecord]) -> Bool {
        if pairings.isEmpty { return status == .active }
        return pairings.contains { p in
            (p.pairing.startDate.map { $0 <= date } ?? true) && (p.pairing.endDate.map { $0 >= yearStart } ?? true)
        }
    }

    func age(_ p: Person) -> Int? {
        PublicationGate.age(p, on: date) ?? p.birthYear.map { date.year - $0 }
    }

    static let studentMenteeCategories: Set<String> = ["gifted", "low_results", "disability", "hardship", "behaviour", "disengaged"]

    public mutating func addMentee(_ r: ParticipantRecord) {
        let p = r.person
        if p.isExcludedByRevocation(on: date) { revoked += 1; return }
        let m = p.mentee ?? MenteeProfile()
        guard inProgram(status: m.status, pairings: r.pairings) else { return }
        let categories = Set(m.categories)
        let person = p.person
        let isStudent = person.kind == .student || person.className != nil
            || !categories.isDisjoint(with: IndicatorCounter.studentMenteeCategories)
        if isStudent {
            guard let a = age(person) else { ageUnknown += 1; return }
            if (10...18).contains(a) { menteeStudents += 1 } else { studentsOutsideAges += 1 }
        } else if categories.contains("young_specialist")
                    || (person.kind == .staff && (person.teachingExperienceYears.map { $0 <= 3 } ?? false)) {
            youngSpecialists += 1
        }
    }

    public mutating func addMentor(_ r: ParticipantRecord) {
        let p = r.person
        if p.isExcludedByRevocation(on: date) { revoked += 1; return }
        let m = p.mentor ?? MentorProfile()
        guard inProgram(status: m.status, pairings: r.pairings) else { return }
        let person = p.person
        if m.category == .student || (m.category == nil && person.kind == .student) {
            guard let a = age(person) else { ageUnknown += 1; return }
            if (15...18).contains(a) { studentMentors += 1 } else { studentsOutsideAges += 1 }
        } else if m.category == .employerStaff, let org = person.organization, !org.isEmpty {
            organisations.insert(IndicatorCounter.fold(org))
        }
    }

    /// Organisation names compared without case, `ё`, quotes and repeated spaces.
    static func fold(_ s: String) -> String {
        let quotes: Set<Character> = ["«", "»", "\"", "“", "”", "„", "'"]
        let t = s.lowercased().replacingOccurrences(of: "ё", with: "е").filter { !quotes.contains($0) }
        return t.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).joined(separator: " ")
    }

    public func report(roster: RosterCounts, targets: IndicatorTargets?) -> IndicatorReport {
        let year = date.year
        let goals = targets?.byYear[year] ?? [:]
        func value(_ id: IndicatorID, _ count: Int, _ base: Int?) -> IndicatorValue {
            let pct = base.flatMap { $0 > 0 ? (Double(count) / Double($0) * 1000).rounded() / 10 : nil }
            return IndicatorValue(id: id, count: count, base: base, percent: pct, target: goals[id])
        }
        let values = [
            value(.menteeStudents, menteeStudents, roster.studentsInCategories),
            value(.studentMentors, studentMentors, roster.students15to18),
            value(.youngSpecialistMentees, youngSpecialists, roster.youngSpecialists),
            value(.employerOrganisations, organisations.count, roster.organisations),
        ]
        let coverage = roster.students10to18.flatMap {
            $0 > 0 ? (Double(menteeStudents) / Double($0) * 1000).rounded() / 10 : nil
        }
        let notes: [(String, Int, Localized)] = [
            ("ageUnknown", ageUnknown, Localized(ru: "обучающихся без даты или года рождения (не учтены)",
                                                  en: "students without a birth date or year (not counted)")),
            ("studentsOutsideAgeRange", studentsOutsideAges,
             Localized(ru: "обучающихся вне возраста показателя (не учтены)", en: "students outside the indicator's ages (not counted)")),
            ("leftOutAfterRevocation", revoked, Localized(ru: "участников исключено после отзыва согласия",
                                                          en: "participants left out after a consent revocation")),
        ]
        return IndicatorReport(date: date, schoolYear: schoolYear, targetYear: year, values: values, notes: notes,
                               coverageOfAllStudents: coverage)
    }
}
