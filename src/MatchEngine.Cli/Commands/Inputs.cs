using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Cli.Commands;

/// <summary>A batch read and checked from the command line: the people (with locked and excluded pairs), the options, and the rows set aside.</summary>
internal sealed record Inputs(MatchBatch Batch, MatchOptions Options, List<RejectedRow> Rejected)
{
    /// <summary>The mentors' carried columns (--carry), by id.</summary>
    public CarriedColumns MentorCarry { get; init; } = CarriedColumns.None;

    /// <summary>The mentees' carried columns (--carry), by id.</summary>
    public CarriedColumns MenteeCarry { get; init; } = CarriedColumns.None;
}
