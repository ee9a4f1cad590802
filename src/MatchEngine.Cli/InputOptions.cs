using System.Text.Json;
using MatchEngine.Csv;

namespace MatchEngine.Cli;

/// <summary>Turns --date-format, --sheet, --columns and --carry into <see cref="BatchReadOptions"/>, with a clear message for each mistake.</summary>
internal static class InputOptions
{
    public static BatchReadOptions? Read(string? dateFormat, string? sheet, FileInfo? columnsFile, string? carryText, char? separator, TextWriter err, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        var format = dateFormat ?? DateFormats.Iso;
        if (!DateFormats.IsSupported(format))
        {
            var near = DateFormats.Supported.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase));
            err.WriteLine($"error: --date-format '{format}' is not supported; use one of {string.Join(", ", DateFormats.Supported)}" +
                (near is null ? "." : $" (did you mean '{near}'? the case matters: MM is the month, mm would be minutes)."));
            exitCode = ExitCodes.Usage;
            return null;
        }

        var carry = (carryText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var contract = BatchCsv.MentorColumns.Union(BatchCsv.MenteeColumns, StringComparer.Ordinal).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (carry.FirstOrDefault(contract.Contains) is { } used)
        {
            err.WriteLine($"error: --carry {used}: '{used}' is a column used for matching; carry only extra columns such as first_name, last_name, email.");
            exitCode = ExitCodes.Usage;
            return null;
        }

        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (columnsFile is not null)
        {
            if (!columnsFile.Exists)
            {
                err.WriteLine($"error: --columns {columnsFile}: the file does not exist.");
                exitCode = ExitCodes.InvalidInput;
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(columnsFile.FullName), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("expected an object such as {\"Date of Birth\": \"birth_date\"}");
                }

                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                    {
                        throw new JsonException($"the header \"{p.Name}\" must map to a column name in quotes, e.g. \"birth_date\"");
                    }

                    renames[p.Name] = p.Value.GetString()!;
                }
            }
            catch (JsonException e)
            {
                err.WriteLine($"error: --columns {columnsFile.Name}: not a valid column map ({e.Message.Split(" Path:")[0]}). Expected a JSON object of header → column, e.g. {{\"Date of Birth\": \"birth_date\", \"Given name\": \"first_name\"}}.");
                exitCode = ExitCodes.InvalidInput;
                return null;
            }
        }

        return new BatchReadOptions { Separator = separator, DateFormat = format, Sheet = sheet, Columns = renames, Carry = carry };
    }
}
