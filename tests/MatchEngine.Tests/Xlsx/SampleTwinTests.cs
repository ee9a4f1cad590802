using MatchEngine.Csv;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Xlsx;

/// <summary>samples/mentors.xlsx and samples/mentees.xlsx are the .xlsx twins of the sample CSVs.</summary>
public class SampleTwinTests
{
    /// <summary>
    /// The committed workbooks are exactly what <see cref="XlsxTwin"/> writes from the CSVs. To rewrite them after
    /// changing the CSVs: <c>MATCHENGINE_WRITE_SAMPLES=1 dotnet test --filter SampleTwinTests</c>.
    /// </summary>
    [Theory]
    [InlineData("mentors", "Mentors")]
    [InlineData("mentees", "Mentees")]
    public void The_sample_workbook_is_the_twin_of_the_sample_csv(string name, string sheet)
    {
        var twin = XlsxTwin.FromCsv(File.ReadAllBytes(Samples(name + ".csv")), sheet);
        var path = Samples(name + ".xlsx");
        if (Environment.GetEnvironmentVariable("MATCHENGINE_WRITE_SAMPLES") == "1")
        {
            File.WriteAllBytes(path, twin);
        }

        Assert.True(File.Exists(path), $"{path} is missing; write it with MATCHENGINE_WRITE_SAMPLES=1 dotnet test --filter SampleTwinTests");
        Assert.Equal(twin, File.ReadAllBytes(path));
    }

    [Fact]
    public void The_sample_workbooks_hold_the_same_people_as_the_csvs()
    {
        var asOf = new DateOnly(2026, 9, 1);
        CsvReadResult<T> Read<T>(string file, Func<Stream, string, CsvReadResult<T>> read)
        {
            using var s = File.OpenRead(Samples(file));
            return read(s, file);
        }

        var csvMentors = Read("mentors.csv", (s, f) => BatchFiles.ReadMentors(s, f, asOf, BatchReadOptions.Default));
        var xlsxMentors = Read("mentors.xlsx", (s, f) => BatchFiles.ReadMentors(s, f, asOf, BatchReadOptions.Default));
        var csvMentees = Read("mentees.csv", (s, f) => BatchFiles.ReadMentees(s, f, asOf, BatchReadOptions.Default));
        var xlsxMentees = Read("mentees.xlsx", (s, f) => BatchFiles.ReadMentees(s, f, asOf, BatchReadOptions.Default));
        Assert.Empty(xlsxMentors.Errors);
        Assert.Empty(xlsxMentees.Errors);
        Assert.Equal(csvMentors.Records.Count, xlsxMentors.Records.Count);
        Assert.Equal(csvMentees.Records.Count, xlsxMentees.Records.Count);
        Assert.Equal(csvMentors.Records.Select(Describe.Of), xlsxMentors.Records.Select(Describe.Of));
        Assert.Equal(csvMentees.Records.Select(Describe.Of), xlsxMentees.Records.Select(Describe.Of));
    }
}
