using System.Globalization;
using System.Text;
using System.Text.Json;
using MatchEngine.Text;

namespace MatchEngine.Policy;

/// <summary>The outcome of loading a policy file: the options, or every problem found, each naming its field.</summary>
/// <param name="Options">The options when the file is valid; otherwise null.</param>
/// <param name="Errors">Every problem, each naming its field.</param>
public sealed record PolicyLoadResult(MatchOptions? Options, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the file is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A programme's policy as a JSON file (comments allowed): score weights, travel limits, ages, safeguarding
/// switches, objective order, minimum pair score and the cross-background target. Every field is optional; a field
/// left out keeps its default. Unknown fields and out-of-range values are errors naming the field.
/// </summary>
public static class PolicyFile
{
    private static IReadOnlyList<OptionField> Fields => OptionTable.Fields;

    private static IReadOnlyList<string> Sections => OptionTable.Sections;

    /// <summary>Loads a policy file.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <param name="file">File name used in messages.</param>
    /// <returns>The options, or every problem.</returns>
    public static PolicyLoadResult Load(Stream json, string file = "policy.json") => LoadOnto(json, file, MatchOptions.Default);

    private static void Visit(JsonElement obj, string prefix, string file, List<string> errors, ref MatchOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prop in obj.EnumerateObject())
        {
            var path = prefix + prop.Name;
            if (!seen.Add(prop.Name))
            {
                // JSON lets the last one win silently; a policy must say each field once.
                errors.Add($"{file}: field '{path}' is given more than once; give it once.");
                continue;
            }

            if (prop.Name.StartsWith('$') || prop.Name is "description" or "comment")
            {
                continue;
            }

            if (prefix.Length == 0 && Sections.Contains(prop.Name))
            {
                if (prop.Value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{file}: field '{path}' must be an object {{ ... }}.");
                    continue;
                }

                Visit(prop.Value, path + ".", file, errors, ref options);
                continue;
            }

            var field = Fields.FirstOrDefault(f => f.PolicyPath == path);
            if (field is null)
            {
                var guess = Suggest.Closest(path, Fields.Select(f => f.PolicyPath).Concat(Sections));
                errors.Add($"{file}: unknown field '{path}'" + (guess is null ? "." : $" (did you mean '{guess}'?)."));
                continue;
            }

            var v = prop.Value;
            var problem = Read(field, v, out var value);
            problem = Loosens(field, value) ?? problem;
            if (problem is not null)
            {
                errors.Add($"{file}: field '{path}' has {v.GetRawText()}: {problem}.");
                continue;
            }

            options = field.Set(options, value);
        }
    }

    /// <summary>Why a value would switch safeguarding off or loosen it, or null when it does not (see <see cref="OptionField.Safeguarding"/>).</summary>
    private static string? Loosens(OptionField field, object? value) => !field.Safeguarding ? null : value switch
    {
        false => $"{OptionTable.SafeguardingWhy}; it must be true (a policy can only tighten safeguarding)",
        double d when d < field.Min => string.Create(CultureInfo.InvariantCulture, $"{OptionTable.SafeguardingWhy}; expected {field.Range(field.Min)} (a policy can raise this age but never lower it below {OptionTable.SafeguardingMinAge})"),
        _ => null,
    };

    /// <summary>The value of one field, or the problem with it (null when it is fine).</summary>
    private static string? Read(OptionField field, JsonElement v, out object? value)
    {
        value = null;
        string? problem = null;
        switch (field.Kind)
        {
            case OptionKind.Boolean:
                if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = v.GetBoolean();
                }
                else
                {
                    problem = "expected true or false";
                }

                break;
            case OptionKind.TierList:
                if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                {
                    var tiers = v.EnumerateArray().Select(x => x.GetString()!).ToList();
                    if (Priority.PriorityTiers.Parse(tiers, out var tierErrors) is null)
                    {
                        problem = string.Join(" ", tierErrors).TrimEnd('.');
                    }

                    value = tiers;
                }
                else
                {
                    problem = "expected a list of tiers, e.g. [\"waited_rounds>=2\", \"unmet_needs\"]";
                }

                break;
            case OptionKind.Objective:
                var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                value = text switch
                {
                    "most-pairs-first" => ObjectiveOrder.MostPairsFirst,
                    "best-pairs-first" => ObjectiveOrder.BestPairsFirst,
                    _ => null,
                };
                if (value is null)
                {
                    var guess = text is null ? null : Suggest.Closest(text, ["most-pairs-first", "best-pairs-first"]);
                    problem = "expected \"most-pairs-first\" or \"best-pairs-first\"" + (guess is null ? string.Empty : $" (did you mean \"{guess}\"?)");
                }

                break;
            default:
                if (field.Kind == OptionKind.NullableShare && v.ValueKind == JsonValueKind.Null)
                {
                    value = null;
                    break;
                }

                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    problem = field.Kind == OptionKind.Integer ? "expected a whole number" : field.Kind == OptionKind.NullableShare ? "expected a number from 0 to 1, or null" : "expected a number";
                    break;
                }

                if (field.Kind == OptionKind.Integer && d != Math.Floor(d))
                {
                    problem = "expected a whole number";
                }
                else if (d < field.Min || d > field.Max)
                {
                    problem = $"is out of range; expected {field.Range(field.Min)}";
                }

                value = d;
                break;
        }

        return problem;
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }

    /// <summary>Writes every field with its default value and a comment saying what it does: a starting point for a programme's own policy.</summary>
    /// <returns>The JSON text (with // comments, which <see cref="Load"/> accepts).</returns>
    public static string Defaults()
    {
        var d = MatchOptions.Default;
        var sb = new StringBuilder();
        sb.Append("// MatchEngine policy: every field with its default. Leave a field out to keep its default.\n");
        sb.Append("// Use with: matchengine match --policy policy.json ...\n{\n");
        string? section = null;
        for (var i = 0; i < Fields.Count; i++)
        {
            var f = Fields[i];
            var dot = f.PolicyPath.IndexOf('.', StringComparison.Ordinal);
            var sec = dot < 0 ? null : f.PolicyPath[..dot];
            var name = dot < 0 ? f.PolicyPath : f.PolicyPath[(dot + 1)..];
            if (sec != section)
            {
                if (section is not null)
                {
                    sb.Append("  },\n");
                }

                if (sec is not null)
                {
                    sb.Append("  \"").Append(sec).Append("\": {\n");
                }

                section = sec;
            }

            var indent = sec is null ? "  " : "    ";
            var next = i + 1 < Fields.Count ? Fields[i + 1] : null;
            var nextSec = next is null ? null : next.PolicyPath.Contains('.', StringComparison.Ordinal) ? next.PolicyPath[..next.PolicyPath.IndexOf('.', StringComparison.Ordinal)] : null;
            var comma = next is not null && (nextSec == sec || sec is null) ? "," : string.Empty;
            sb.Append(indent).Append("// ").Append(f.Description).Append('\n');
            sb.Append(indent).Append('"').Append(name).Append("\": ").Append(Json(f.Get(d))).Append(comma).Append('\n');
            if (sec is not null && nextSec != sec)
            {
                sb.Append("  }").Append(next is null ? string.Empty : ",").Append('\n');
                section = null;
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>The effective value of every policy field under these options, in the order of <see cref="Defaults"/>: the field's path and its value as JSON text.</summary>
    /// <param name="options">The options.</param>
    /// <returns>(path, JSON value) for every field.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Effective(MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Fields.Select(f => new KeyValuePair<string, string>(f.PolicyPath, f.Get(options) is double x ? x.ToString("R", CultureInfo.InvariantCulture) : Json(f.Get(options))))];
    }

    /// <summary>Loads a policy file on top of other options (a sweep's base policy): fields left out keep the given values.</summary>
    internal static PolicyLoadResult LoadOnto(Stream json, string file, MatchOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseOptions);
        var errors = new List<string>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new PolicyLoadResult(null, [string.Create(CultureInfo.InvariantCulture, $"{file}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}")]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new PolicyLoadResult(null, [$"{file}: expected a JSON object {{ ... }} at the top."]);
            }

            var options = baseOptions;
            Visit(doc.RootElement, string.Empty, file, errors, ref options);
            if (errors.Count == 0)
            {
                foreach (var e in OptionTable.Validate(options, f => $"field '{f.PolicyPath}'", "field 'weights'"))
                {
                    errors.Add($"{file}: {e}");
                }
            }

            return errors.Count == 0 ? new PolicyLoadResult(options, []) : new PolicyLoadResult(null, errors);
        }
    }

    /// <summary>Whether a path names a policy field.</summary>
    internal static bool IsField(string path) => Fields.Any(f => f.PolicyPath == path);

    /// <summary>The closest field path to a misspelt one, if any.</summary>
    internal static string? ClosestField(string path) => Suggest.Closest(path, Fields.Select(f => f.PolicyPath));

    private static string Json(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        ObjectiveOrder o => o == ObjectiveOrder.MostPairsFirst ? "\"most-pairs-first\"" : "\"best-pairs-first\"",
        double x => x.ToString("0.###", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(x => $"\"{x}\"")) + "]",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null",
    };
}
