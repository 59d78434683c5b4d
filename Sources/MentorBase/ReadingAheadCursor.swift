/// A row cursor that already reads ahead on a thread of its own (the CSV reader parses with
/// libcsv on a second thread), so a consumer should not put yet another reading thread in front
/// of it: on two cores the third thread costs more than it overlaps (rows handed across threads
/// are freed on another thread's malloc arena, their strings' reference counts bounce between
/// cores). Benchmarks/validate/README.md has the figures.
public protocol ReadingAheadCursor: RowCursor {}
