/// A person named in another person's row («ФИО наставника», «ФИО наставляемого»): a name and
/// what else the row says to tell namesakes apart.
public struct PersonReference: Hashable, Sendable, Codable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    public var lastName: String
    public var firstName: Optional<String>
    public var patronymic: Optional<String>
    /// «Место работы/учебы наставника», used only to choose between namesakes.
    public var organization: Optional<String>

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
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    /// An identifier the school gave the pair («№ пары»), when it has one.
    public var code: Optional<String>
    /// The form code (`student_student` …) or `other`.
    public var form: Optional<String>
    /// The file's own words when the form is `other`.
    public var formText: Optional<String>
    /// Kind codes (`virtual`, `group` …).
    public var kinds: [String]
    public var startDate: Optional<CalendarDate>
    public var plannedEndDate: Optional<CalendarDate>
    public var endDate: Optional<CalendarDate>
    public var endReason: Optional<PairingEndReason>
    /// «Место реализации программы наставничества».
    public var place: Optional<String>
    /// «Приказ № … от …».
    public var order: Optional<String>
    public var results: Optional<String>
    public var caseLink: Optional<String>
    /// `2022/2023`.
    public var schoolYear: Optional<String>

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
