namespace MatchEngine.Csv;

/// <summary>How mentors and mentees files are read: the separator, the date format, the sheet of a workbook, header renames and the extra columns carried into the outputs.</summary>
public sealed record BatchReadOptions
{
    /// <summary>The options of the CSV contract: separator detected, dates <c>yyyy-MM-dd</c>, the first sheet, no renames, nothing carried.</summary>
    public static BatchReadOptions Default { get; } = new();

    /// <summary>The CSV separator, or null to detect comma, semicolon or tab. <value>The default is null.</value></summary>
    public char? Separator { get; init; }

    /// <summary>The format of date cells written as text: one of <see cref="DateFormats.Supported"/>. Cells in <c>yyyy-MM-dd</c> (which cannot be mistaken) and cells a workbook stores as dates are read as dates whatever this says. <value>The default is <c>yyyy-MM-dd</c>.</value></summary>
    public string DateFormat { get; init; } = DateFormats.Iso;

    /// <summary>The sheet of an .xlsx workbook to read, or null for the first. <value>The default is null.</value></summary>
    public string? Sheet { get; init; }

    /// <summary>Header renames: a header as written (case and surrounding spaces ignored) to a contract column or a carried column name. Applied before the built-in synonyms. <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra columns copied into the outputs (names, e-mail addresses): never used for matching. They must not be contract columns. <value>The default is none.</value></summary>
    public IReadOnlyList<string> Carry { get; init; } = [];
}

/// <summary>The values of the carried columns, per person id, as read (for rows that were valid).</summary>
/// <param name="Names">The carried column names, in the order asked for.</param>
/// <param name="Values">Per id, one value per name (empty when the file lacks the column).</param>
public sealed record CarriedColumns(IReadOnlyList<string> Names, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    /// <summary>Nothing carried.</summary>
    public static CarriedColumns None { get; } = new([], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The values of one person, or empty cells when the id is unknown.</summary>
    /// <param name="id">The person's id.</param>
    /// <returns>One value per name.</returns>
    public IReadOnlyList<string> Of(string id) =>
        Values.TryGetValue(id, out var v) ? v : [.. Names.Select(_ => string.Empty)];
}
