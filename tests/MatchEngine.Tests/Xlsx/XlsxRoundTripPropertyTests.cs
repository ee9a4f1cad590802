using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Tests.Solving;

namespace MatchEngine.Tests.Xlsx;

public class XlsxRoundTripPropertyTests
{
    private static readonly Matcher Matcher = new();

    private static byte[] Bytes(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    private static MatchBatch Read(byte[] mentors, string mentorsName, byte[] mentees, string menteesName, DateOnly asOf)
    {
        using var a = new MemoryStream(mentors);
        using var b = new MemoryStream(mentees);
        var m = BatchFiles.ReadMentors(a, mentorsName, asOf, BatchReadOptions.Default);
        var e = BatchFiles.ReadMentees(b, menteesName, asOf, BatchReadOptions.Default);
        Assert.Empty(m.Errors);
        Assert.Empty(e.Errors);
        return new MatchBatch(m.Records, e.Records, asOf);
    }

    private static string Pairs(MatchResult r) =>
        string.Join('\n', r.Pairs.Select(p => $"{p.MenteeId}>{p.MentorId}:{p.Mode}:{p.Score.Points}"));

    [Property(MaxTest = 40)]
    public Property Csv_to_xlsx_to_match_gives_the_same_matches_as_csv_to_match() => Prop.ForAll(BatchGen.Batch().ToArbitrary(), batch =>
    {
        var mentorsCsv = Bytes(s => BatchCsvWriter.WriteMentors(s, batch.Mentors));
        var menteesCsv = Bytes(s => BatchCsvWriter.WriteMentees(s, batch.Mentees));
        var fromCsv = Read(mentorsCsv, "mentors.csv", menteesCsv, "mentees.csv", batch.AsOf);
        var fromXlsx = Read(XlsxTwin.FromCsv(mentorsCsv, "Sheet1"), "mentors.xlsx", XlsxTwin.FromCsv(menteesCsv, "Sheet1"), "mentees.xlsx", batch.AsOf);
        var viaCsv = Pairs(Matcher.Match(fromCsv));
        var viaXlsx = Pairs(Matcher.Match(fromXlsx));
        return (viaCsv == viaXlsx).Label($"csv:\n{viaCsv}\nxlsx:\n{viaXlsx}");
    });
}
