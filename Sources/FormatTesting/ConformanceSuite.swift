import MentorBase

/// Placeholder: the conformance suite is being written.
public enum ConformanceSuite {}
