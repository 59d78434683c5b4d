/// A person's role as a mentor («база наставников»): what the mentor base says beyond the person.
public struct MentorProfile: Hashable, Sendable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    /// Unknown stays nil: a rule that needs it then does not fire.
    public var category: Optional<MentorCategory>
    public var competencies: Optional<String>
    public var achievements: Optional<String>
    public var interests: Optional<String>
    public var desiredMenteeAge: Optional<String>
    /// «Время, когда удобно выходить на связь» / «Ресурс времени на наставничество».
    public var availability: Optional<String>
    /// «Срок осуществления плана».
    public var planTerm: Optional<String>
    /// «Результаты программы».
    public var results: Optional<String>
    /// «Ссылка на кейс/отзыв наставника, размещенные на сайте организации».
    public var caseLink: Optional<String>
    public var photoLink: Optional<String>
    public var status: Optional<ProfileStatus>
    /// `2022/2023`.
    public var schoolYear: Optional<String>

    public init(category: MentorCategory? = nil, competencies: String? = nil, achievements: String? = nil,
                interests: String? = nil, desiredMenteeAge: String? = nil, availability: String? = nil,
                planTerm: String? = nil, results: String? = nil, caseLink: String? = nil, photoLink: String? = nil,
                status: ProfileStatus? = nil, schoolYear: String? = nil) {
        self.category = category
        self.competencies = competencies
        self.achievements = achievements
        self.interests = interests
        self.desiredMenteeAge = desiredMenteeAge
        self.availability = availability
        self.planTerm = planTerm
        self.results = results
        self.caseLink = caseLink
        self.photoLink = photoLink
        self.status = status
        self.schoolYear = schoolYear
    }
}

extension MentorProfile: StoredRecord {
    public static let storedFields: [StoredField] = [
        StoredField("category"), StoredField("competencies"), StoredField("achievements"), StoredField("interests"),
        StoredField("desired_mentee_age"), StoredField("availability"), StoredField("plan_term"),
        StoredField("results"), StoredField("case_link"), StoredField("photo_link"), StoredField("status"),
        StoredField("school_year"),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.code(category), StoredCoding.text(competencies), StoredCoding.text(achievements),
         StoredCoding.text(interests), StoredCoding.text(desiredMenteeAge), StoredCoding.text(availability),
         StoredCoding.text(planTerm), StoredCoding.text(results), StoredCoding.text(caseLink),
         StoredCoding.text(photoLink), StoredCoding.code(status), StoredCoding.text(schoolYear)]
    }

    public init(storedValues v: [StoredValue?]) {
        func s(_ i: Int) -> String? { i < v.count ? StoredCoding.string(v[i]) : nil }
        self.init(category: s(0).flatMap(MentorCategory.init(rawValue:)), competencies: s(1), achievements: s(2),
                  interests: s(3), desiredMenteeAge: s(4), availability: s(5), planTerm: s(6), results: s(7),
                  caseLink: s(8), photoLink: s(9), status: s(10).flatMap(ProfileStatus.init(rawValue:)),
                  schoolYear: s(11))
    }
}

/// A person's role as a mentee («база наставляемых»).
public struct MenteeProfile: Hashable, Sendable {
    // Optional stored properties are spelt `Optional<T>`, not `T?`: a `T?` property is set to nil
    // before the initialiser runs, and the optimiser then built the whole value in a temporary and
    // copied it out (a retain and a release of every reference inside, for every value made).
    /// Category codes (`gifted`, `disability`, `young_specialist` …); some are special categories.
    public var categories: [String]
    /// «Основной запрос наставляемого».
    public var request: Optional<String>
    /// «Дата вхождения в программу».
    public var entryDate: Optional<CalendarDate>
    /// «Результаты программы».
    public var results: Optional<String>
    /// «Ссылка на кейс/отзыв наставляемого».
    public var caseLink: Optional<String>
    public var status: Optional<ProfileStatus>
    public var schoolYear: Optional<String>

    /// Student categories that are special categories of personal data (art. 10 of 152-ФЗ).
    public static let sensitiveCategories: Set<String> = ["disability", "hardship", "behaviour"]

    public init(categories: [String] = [], request: String? = nil, entryDate: CalendarDate? = nil,
                results: String? = nil, caseLink: String? = nil, status: ProfileStatus? = nil,
                schoolYear: String? = nil) {
        self.categories = categories
        self.request = request
        self.entryDate = entryDate
        self.results = results
        self.caseLink = caseLink
        self.status = status
        self.schoolYear = schoolYear
    }
}

extension MenteeProfile: StoredRecord {
    public static let storedFields: [StoredField] = [
        StoredField("categories", sensitive: true), StoredField("request", sensitive: true), StoredField("entry_date"),
        StoredField("results"), StoredField("case_link"), StoredField("status"), StoredField("school_year"),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.list(categories), StoredCoding.text(request), StoredCoding.date(entryDate),
         StoredCoding.text(results), StoredCoding.text(caseLink), StoredCoding.code(status),
         StoredCoding.text(schoolYear)]
    }

    public init(storedValues v: [StoredValue?]) {
        func at(_ i: Int) -> StoredValue? { i < v.count ? v[i] : nil }
        self.init(categories: StoredCoding.list(at(0)), request: StoredCoding.string(at(1)),
                  entryDate: StoredCoding.date(at(2)), results: StoredCoding.string(at(3)),
                  caseLink: StoredCoding.string(at(4)), status: StoredCoding.code(at(5), as: ProfileStatus.self),
                  schoolYear: StoredCoding.string(at(6)))
    }
}
