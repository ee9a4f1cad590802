using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Cli.Commands;

/// <summary>A batch read and checked from the command line: the people (with locked and excluded pairs), the options, and the rows set aside.</summary>
internal sealed record Inputs(MatchBatch Batch, MatchOptions Options, List<RejectedRow> Rejected);
