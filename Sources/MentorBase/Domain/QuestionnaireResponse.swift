/// One submitted questionnaire («анкета»): the normalised answers and the raw row kept for audit.
public struct QuestionnaireResponse: Hashable, Sendable {
    /// Which questionnaire: `mentor-questionnaire`, `mentee-questionnaire`, `monitoring-questionnaire`.
    public var form: ImportKind
    public var role: QuestionnaireRole?
    public var stage: QuestionnaireStage?
    /// «Отметка времени»: among duplicate submissions of one person the latest wins.
    public var submittedAt: CalendarDateTime
    /// Normalised answers by field name, in the file's order, as display text.
    public var answers: [Answer]
    /// The row as read, by header, for audit.
    public var raw: [Answer]

    /// One question and its answer.
    public struct Answer: Hashable, Sendable, Codable {
        public var question: String
        public var value: String

        public init(_ question: String, _ value: String) {
            self.question = question
            self.value = value
        }
    }

    public init(form: ImportKind, role: QuestionnaireRole? = nil, stage: QuestionnaireStage? = nil,
                submittedAt: CalendarDateTime, answers: [Answer] = [], raw: [Answer] = []) {
        self.form = form
        self.role = role
        self.stage = stage
        self.submittedAt = submittedAt
        self.answers = answers
        self.raw = raw
    }

    /// Answers as a JSON object (keys in order).
    public static func encode(_ answers: [Answer]) -> StoredValue? {
        guard !answers.isEmpty else { return nil }
        return .text(MiniJSON.render(.object(answers.map { ($0.question, .string($0.value)) })))
    }

    /// Reads `encode(_:)` back.
    public static func decodeAnswers(_ v: StoredValue?) -> [Answer] {
        guard let s = v?.textValue, case .object(let members)? = MiniJSON.parse(s) else { return [] }
        return members.map { Answer($0.0, $0.1.string ?? MiniJSON.render($0.1)) }
    }
}

extension QuestionnaireResponse: StoredRecord {
    /// `form`, `stage` and `submitted_at` identify a response of a person and are not merged.
    public static let storedFields: [StoredField] = [
        StoredField("role"), StoredField("answers", sensitive: true), StoredField("raw", sensitive: true),
    ]

    public var storedValues: [StoredValue?] {
        [StoredCoding.code(role), QuestionnaireResponse.encode(answers), QuestionnaireResponse.encode(raw)]
    }

    /// Rebuilds the merged fields; `form`, `stage` and `submittedAt` come from their own columns.
    public init(storedValues v: [StoredValue?]) {
        func at(_ i: Int) -> StoredValue? { i < v.count ? v[i] : nil }
        self.init(form: .mentorQuestionnaire, role: StoredCoding.code(at(0), as: QuestionnaireRole.self),
                  submittedAt: .midnight(.epoch),
                  answers: decodeAnswersStatic(at(1)), raw: decodeAnswersStatic(at(2)))
    }
}

private func decodeAnswersStatic(_ v: StoredValue?) -> [QuestionnaireResponse.Answer] {
    QuestionnaireResponse.decodeAnswers(v)
}

extension CalendarDateTime {
    /// The start of `date`.
    public static func midnight(_ date: CalendarDate) -> CalendarDateTime {
        CalendarDateTime(startOf: date)
    }

    init(startOf date: CalendarDate) {
        self.date = date
        self.hour = 0
        self.minute = 0
        self.second = 0
    }
}
