/// The fields of each record kind that the store takes, with the shape of their values.
///
/// Names are MentorSchema's field names (`mentorbase schema KIND`); a canonical table (see
/// ``CanonicalTable``) uses them as headers.
public enum DomainCatalog {
    /// The shape a field's value has (and how a canonical table spells it).
    public enum Shape: String, Sendable {
        case text, integer, boolean, date, dateTime
        /// A date, or only a year.
        case dateOrYear
        case code
        /// A code, or free text read as `other`.
        case codeOrOther
        case name
        /// Several names, `;`-separated in a canonical table.
        case nameList
        case phones, emails
        /// Several codes, `;`-separated.
        case codeList
    }

    /// One field of a kind.
    public struct Field: Sendable {
        public let name: String
        public let shape: Shape
        /// The row cannot be stored without it.
        public let required: Bool

        init(_ name: String, _ shape: Shape, required: Bool = false) {
            self.name = name
            self.shape = shape
            self.required = required
        }
    }

    /// The fields of `kind`, in the schema's order.
    public static func fields(_ kind: ImportKind) -> [Field] {
        switch kind {
        case .mentors:
            return [Field("number", .integer), Field("fullName", .name, required: true), Field("birthDate", .dateOrYear),
                    Field("snils", .text), Field("phones", .phones), Field("emails", .emails),
                    Field("organization", .text), Field("position", .text), Field("className", .text),
                    Field("personKind", .code), Field("teachingExperienceYears", .integer), Field("mentorCategory", .code),
                    Field("competencies", .text), Field("achievements", .text), Field("interests", .text),
                    Field("desiredMenteeAge", .text), Field("availability", .text), Field("form", .codeOrOther),
                    Field("kinds", .codeList), Field("menteeNames", .nameList), Field("menteeWorkplace", .text),
                    Field("startDate", .date), Field("planTerm", .text), Field("results", .text), Field("caseLink", .text),
                    Field("photoLink", .text), Field("status", .code), Field("schoolYear", .text)]
        case .mentees:
            return [Field("number", .integer), Field("fullName", .name, required: true), Field("birthDate", .dateOrYear),
                    Field("className", .text), Field("personKind", .code), Field("organization", .text),
                    Field("snils", .text), Field("phones", .phones), Field("emails", .emails),
                    Field("guardianName", .name), Field("guardianPhone", .phones), Field("guardianRelation", .code),
                    Field("menteeCategory", .codeList), Field("teachingExperienceYears", .integer),
                    Field("request", .text), Field("startDate", .date), Field("mentorName", .name),
                    Field("mentorWorkplace", .text), Field("form", .codeOrOther), Field("kinds", .codeList),
                    Field("place", .text), Field("endDate", .date), Field("endReason", .code), Field("results", .text),
                    Field("caseLink", .text), Field("status", .code), Field("schoolYear", .text)]
        case .consents:
            return [Field("fullName", .name, required: true), Field("birthDate", .dateOrYear), Field("className", .text),
                    Field("snils", .text), Field("signerName", .name), Field("signerRole", .code),
                    Field("signedOn", .date, required: true), Field("processing", .boolean),
                    Field("publication", .boolean), Field("publicationFields", .codeList), Field("site", .text),
                    Field("validUntil", .date), Field("revokedOn", .date), Field("minorSigned", .boolean),
                    Field("embeddedInForm", .boolean), Field("purposes", .text)]
        case .pairs:
            return [Field("pairId", .text), Field("mentorName", .name, required: true),
                    Field("menteeNames", .nameList, required: true), Field("form", .codeOrOther),
                    Field("kinds", .codeList), Field("startDate", .date), Field("plannedEndDate", .date),
                    Field("endDate", .date), Field("endReason", .code), Field("place", .text), Field("order", .text),
                    Field("results", .text), Field("caseLink", .text), Field("schoolYear", .text)]
        case .mentorQuestionnaire:
            return [Field("submittedAt", .dateTime, required: true), Field("emails", .emails),
                    Field("fullName", .name, required: true), Field("birthDate", .dateOrYear), Field("phones", .phones),
                    Field("organization", .text), Field("position", .text), Field("teachingExperienceYears", .integer),
                    Field("mentorCategory", .code), Field("competencies", .text), Field("achievements", .text),
                    Field("interests", .text), Field("desiredMenteeAge", .text), Field("availability", .text),
                    Field("preferredForms", .codeList), Field("preferredKinds", .codeList), Field("motivation", .text),
                    Field("consentProcessing", .boolean)]
        case .menteeQuestionnaire:
            return [Field("submittedAt", .dateTime, required: true), Field("emails", .emails),
                    Field("fullName", .name, required: true), Field("birthDate", .dateOrYear), Field("className", .text),
                    Field("phones", .phones), Field("guardianName", .name), Field("guardianPhone", .phones),
                    Field("interests", .text), Field("helpAreas", .codeList), Field("request", .text),
                    Field("preferredForms", .codeList), Field("preferredMentor", .text),
                    Field("consentProcessing", .boolean)]
        case .monitoringQuestionnaire:
            return [Field("submittedAt", .dateTime, required: true), Field("fullName", .name, required: true),
                    Field("role", .code, required: true), Field("stage", .code), Field("partnerName", .name),
                    Field("satisfaction", .integer), Field("meetingsQuality", .integer),
                    Field("expectationsMet", .integer), Field("wantsToContinue", .boolean), Field("comments", .text)]
        }
    }
}
