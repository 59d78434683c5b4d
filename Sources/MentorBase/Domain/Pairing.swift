/// A person named in another person's row («ФИО наставника», «ФИО наставляемого»): a name and
/// what else the row says to tell namesakes apart.
public struct PersonReference: Hashable, Sendable, Codable {
    public var lastName: String
    public var firstName: String?
    public var patronymic: String?
    /// «Место работы/учебы наставника», used only to choose between namesakes.
    public var organization: String?

    public init(lastName: String, firstName: String? = nil, patronymic: String? = nil, organization: String? = nil) {
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.organization = organization
    }

    /// «Фамилия Имя Отчество».
    public var displayName: String { Person.joinedName(lastName, firstName, patronymic, keepEmpty: false) }

    /// A person record holding only this name: what the store keeps until the person's own row arrives.
    public var asPerson: Person {
        Person(lastName: lastName, firstName: firstName, patronymic: patronymic, organization: organization)
    }
}

/// A mentoring pair or group («пара», «группа», «тандем»): one mentor, one or more mentees.
public struct Pairing: Hashable, Sendable {
    /// An identifier the school gave the pair («№ пары»), when it has one.
    public var code: String?
    /// The form code (`student_student` …) or `other`.
    public var form: String?
    /// The file's own words when the form is `other`.
    public var formText: String?
    /// Kind codes (`virtual`, `group` …).
    public var kinds: [String]
    public var startDate: CalendarDate?
    public var plannedEndDate: CalendarDate?
    public var endDate: CalendarDate?
    public var endReason: PairingEndReason?
    /// «Место реализации программы наставничества».
    public var place: String?
    /// «Приказ № … от …».
    public var order: String?
    public var results: String?
    public var caseLink: String?
    /// `2022/2023`.
    public var schoolYear: String?

    public init(code: String? = nil, form: String? = nil, formText: String? = nil, kinds: [String] = [],
                startDate: CalendarDate? = nil, plannedEndDate: CalendarDate? = nil, endDate: CalendarDate? = nil,
                endReason: PairingEndReason? = nil, place: String? = nil, order: String? = nil,
                results: String? = nil, caseLink: String? = nil, schoolYear: String? = nil) {
        self.code = code
        self.form = form
        self.formText = formText
        self.kinds = kinds
        self.startDate = startDate
        self.plannedEndDate = plannedEndDate
        self.endDate = endDate
        self.endReason = endReason
        self.place = place
        self.order = order
        self.results = results
        self.caseLink = caseLink
        self.schoolYear = schoolYear
    }

    /// True once the pair has ended on or before `date`: only then may its results be published.
    public func hasEnded(on date: CalendarDate) -> Bool {
        guard let endDate else { return false }
        return endDate <= date
    }
}

extension Pairing: StoredRecord {
    public static let storedFields: [StoredField] = [
        StoredField("code"), StoredField("form"), StoredField("form_text"), StoredField("kinds"),
        StoredField("start_date"), StoredField("planned_end_date"), StoredField("end_date"), StoredField("end_reason"),
        StoredField("place"), StoredField("order_ref"), StoredField("results"), StoredField("case_link"),
        StoredField("school_year"),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.text(code), StoredCoding.text(form), StoredCoding.text(formText), StoredCoding.list(kinds),
         StoredCoding.date(startDate), StoredCoding.date(plannedEndDate), StoredCoding.date(endDate),
         StoredCoding.code(endReason), StoredCoding.text(place), StoredCoding.text(order),
         StoredCoding.text(results), StoredCoding.text(caseLink), StoredCoding.text(schoolYear)]
    }

    public init(storedValues v: [StoredValue?]) {
        func at(_ i: Int) -> StoredValue? { i < v.count ? v[i] : nil }
        self.init(code: StoredCoding.string(at(0)), form: StoredCoding.string(at(1)),
                  formText: StoredCoding.string(at(2)), kinds: StoredCoding.list(at(3)),
                  startDate: StoredCoding.date(at(4)), plannedEndDate: StoredCoding.date(at(5)),
                  endDate: StoredCoding.date(at(6)), endReason: StoredCoding.code(at(7), as: PairingEndReason.self),
                  place: StoredCoding.string(at(8)), order: StoredCoding.string(at(9)),
                  results: StoredCoding.string(at(10)), caseLink: StoredCoding.string(at(11)),
                  schoolYear: StoredCoding.string(at(12)))
    }
}
