using System.Text;
using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Tests.Csv;

public class BatchCsvTests
{
    private static readonly DateOnly AsOf = new(2026, 9, 1);

    private const string Mentees =
        "id,birth_date,region,latitude,longitude,modes,unmet_needs,interests,partner\n" +
        "007,2008-01-15,West Midlands,52.48,-1.89,face-to-face|hybrid,yes,law|health,\"Hamstead Hall, Birmingham\"\n" +
        "Zoë Ñ 2,2005-06-30,East London,,,virtual,no,,\"He said \"\"hi\"\"\nthen left\"\n";

    private static CsvReadResult<Mentee> ReadMentees(byte[] bytes, char? sep = null) => BatchCsv.ReadMentees(new MemoryStream(bytes), "mentees.csv", AsOf, sep);

    private static CsvReadResult<Mentee> ReadMentees(string text) => ReadMentees(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_quoted_cells_with_commas_quotes_and_line_breaks_and_keeps_ids_exactly()
    {
        var r = ReadMentees(Mentees);
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal(["007", "Zoë Ñ 2"], r.Records.Select(m => m.Id));
        Assert.Equal("Hamstead Hall, Birmingham", r.Records[0].Partner);
        Assert.Equal("He said \"hi\"\nthen left", r.Records[1].Partner);
        Assert.Equal(MeetingModes.FaceToFace | MeetingModes.Hybrid, r.Records[0].Modes);
        Assert.True(r.Records[0].UnmetNeeds);
        Assert.Null(r.Records[1].Location);
    }

    public static TheoryData<string> Variants() => new()
    {
        "bom", "crlf", "semicolon", "header-case", "column-order", "trailing-empty-rows",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Spreadsheet_variants_read_the_same(string variant)
    {
        var expected = ReadMentees(Mentees).Records;
        var text = Mentees;
        byte[] bytes;
        switch (variant)
        {
            case "bom":
                bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
                break;
            case "crlf":
                bytes = Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\nthen", "\nthen", StringComparison.Ordinal));
                break;
            case "semicolon":
                bytes = Encoding.UTF8.GetBytes(text.Replace(",", ";", StringComparison.Ordinal).Replace("Hall; Birmingham", "Hall, Birmingham", StringComparison.Ordinal));
                break;
            case "header-case":
                bytes = Encoding.UTF8.GetBytes(" ID , Birth_Date,REGION,Latitude,longitude ,Modes,Unmet_Needs,interests,partner" + text[text.IndexOf('\n', StringComparison.Ordinal)..]);
                break;
            case "column-order":
                bytes = Encoding.UTF8.GetBytes(
                    "partner,modes,id,region,birth_date,unmet_needs,longitude,latitude,interests\n" +
                    "\"Hamstead Hall, Birmingham\",face-to-face|hybrid,007,West Midlands,2008-01-15,yes,-1.89,52.48,law|health\n" +
                    "\"He said \"\"hi\"\"\nthen left\",virtual,Zoë Ñ 2,East London,2005-06-30,no,,,\n");
                break;
            default:
                bytes = Encoding.UTF8.GetBytes(text + "\n,,,,,,,,\n\n");
                break;
        }

        var r = ReadMentees(bytes);
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal(expected.Count, r.Records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Id, r.Records[i].Id);
            Assert.Equal(expected[i].Partner, r.Records[i].Partner);
            Assert.Equal(expected[i].Location, r.Records[i].Location);
            Assert.Equal(expected[i].Interests, r.Records[i].Interests);
        }
    }

    [Fact]
    public void Windows_1252_file_is_explained_not_garbled()
    {
        var latin1 = "id,birth_date,region,modes\nA1,2008-01-15,Caf\u00e9 \u00a3 Region,virtual\n";
        var bytes = latin1.Select(c => (byte)c).ToArray(); // 1252 == Latin-1 for these characters
        var r = ReadMentees(bytes);
        var e = Assert.Single(r.Errors);
        Assert.Equal(2, e.Row);
        Assert.Equal("region", e.Column);
        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Contains("Windows-1252", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_names_file_row_column_and_value()
    {
        var r = ReadMentees(
            "id,birth_date,region,modes,latitude,longitude\n" +
            "A,2027-01-01,X,hybrid,95,1\n" +
            "B,17/04/2009,X,face to face|virtaul,52,\n" +
            ",2009-04-17,X,virtual,,\n");
        var lines = r.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("mentees.csv, row 2, column birth_date: '2027-01-01' is after the as-of date 2026-09-01; a birth date cannot be in the future.", lines);
        Assert.Contains(lines, l => l.StartsWith("mentees.csv, row 2, column latitude: '95' is out of range", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mentees.csv, row 3, column birth_date: '17/04/2009' is not a date; expected YYYY-MM-DD", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mentees.csv, row 3, column modes: 'virtaul' is not a meeting mode", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mentees.csv, row 3, column longitude: is empty while the other coordinate is given", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mentees.csv, row 4, column id: is empty", StringComparison.Ordinal));
        Assert.Equal(3, r.Rejected.Count);
    }

    [Fact]
    public void Missing_required_column_suggests_the_misspelled_header()
    {
        var r = ReadMentees("id,brith dat,region,modes\nA,2009-04-17,X,virtual\n");
        var e = Assert.Single(r.Errors);
        Assert.Equal("birth_date", e.Column);
        Assert.Contains("did you mean the column 'brith dat'?", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birth date", "birth_date")]
    [InlineData("Date of Birth", "birth_date")]
    [InlineData("DOB", "birth_date")]
    [InlineData("meeting modes", "modes")]
    public void A_human_header_is_read_as_its_column_with_a_notice(string header, string column)
    {
        var csv = column == "modes"
            ? $"id,birth_date,region,{header},lat,lng\nA,2009-04-17,X,virtual,52.1,-1.9\n"
            : $"id,{header},region,modes,lat,lng\nA,2009-04-17,X,virtual,52.1,-1.9\n";
        var r = ReadMentees(csv);
        Assert.Empty(r.Errors);
        Assert.Contains(r.Notices, n => n.Column == header && n.Message == $"is read as the column {column}.");
        Assert.Contains(r.Notices, n => n.Column == "lat" && n.Message == "is read as the column latitude.");
        Assert.Equal(52.1, r.Records[0].Location!.Value.Latitude);
    }

    [Fact]
    public void Unknown_column_is_a_warning_not_an_error()
    {
        var r = ReadMentees("id,birth_date,region,modes,shoe_size\nA,2009-04-17,X,virtual,9\n");
        Assert.True(r.IsValid);
        Assert.Contains(r.Warnings, w => w.Column == "shoe_size");
    }

    [Fact]
    public void Mentor_capacity_zero_or_absurd_is_an_error()
    {
        var text = "id,birth_date,region,modes,training_complete,capacity\nM1,1980-01-01,X,virtual,yes,0\nM2,1980-01-01,X,virtual,yes,500\nM3,1980-01-01,X,virtual,yes,\n";
        var r = BatchCsv.ReadMentors(new MemoryStream(Encoding.UTF8.GetBytes(text)), "mentors.csv", AsOf);
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal("capacity", e.Column));
        Assert.Equal(1, Assert.Single(r.Records).Capacity);
    }

    [Fact]
    public void Unterminated_quote_is_reported_on_its_row()
    {
        var r = ReadMentees("id,birth_date,region,modes\nA,2009-04-17,\"West Midlands,virtual\nB,2009-04-17,X,virtual\n");
        Assert.Contains(r.Errors, e => e.Row == 2 && e.Message.Contains("never closed", StringComparison.Ordinal));
    }
}
