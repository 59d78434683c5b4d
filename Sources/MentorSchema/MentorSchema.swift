import MentorBase

/// Placeholder: the domain schema module.
public enum MentorSchema {}
