using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Priority;

/// <summary>
/// The policy's ordered priority tiers: <c>unmet_needs</c>, <c>waited_rounds&gt;=K</c> (the <c>rounds_waited</c>
/// column) and <c>waiting_since&lt;=YYYY-MM-DD</c> (the <c>waiting_since</c> column). A young person's tier is the
/// first criterion they meet (0 = highest); everyone else is in the last tier. The default, <c>["unmet_needs"]</c>,
/// is the engine's two tiers.
/// </summary>
public sealed class PriorityTiers
{
    private readonly Func<Mentee, bool>[] _tests;

    private PriorityTiers(IReadOnlyList<string> names, Func<Mentee, bool>[] tests)
    {
        Names = names;
        _tests = tests;
    }

    /// <summary>The default: unmet needs first.</summary>
    public static PriorityTiers Default { get; } = Parse(["unmet_needs"], out _)!;

    /// <summary>The criteria, highest first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of tiers: the criteria, then everyone else.</summary>
    public int Count => _tests.Length + 1;

    /// <summary>Parses the criteria; null with the problems when one is not understood.</summary>
    /// <param name="criteria">E.g. <c>["waited_rounds&gt;=2", "unmet_needs"]</c>.</param>
    /// <param name="errors">Every problem, naming the criterion.</param>
    /// <returns>The tiers, or null.</returns>
    public static PriorityTiers? Parse(IEnumerable<string> criteria, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var list = new List<string>();
        var problems = new List<string>();
        var tests = new List<Func<Mentee, bool>>();
        foreach (var raw in criteria)
        {
            var c = (raw ?? string.Empty).Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
            list.Add(c);
            if (c == "unmet_needs")
            {
                tests.Add(e => e.UnmetNeeds);
            }
            else if (c.StartsWith("waited_rounds>=", StringComparison.Ordinal)
                && int.TryParse(c.AsSpan("waited_rounds>=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= 1000)
            {
                tests.Add(e => e.RoundsWaited >= k);
            }
            else if (c.StartsWith("waiting_since<=", StringComparison.Ordinal)
                && DateOnly.TryParseExact(c["waiting_since<=".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                tests.Add(e => e.WaitingSince is { } w && w <= d);
            }
            else
            {
                problems.Add($"'{raw}' is not a priority tier; expected \"unmet_needs\", \"waited_rounds>=K\" (K from 1) or \"waiting_since<=YYYY-MM-DD\".");
            }
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            problems.Add("a priority tier is listed twice.");
        }

        errors = problems;
        return problems.Count == 0 ? new PriorityTiers(list, [.. tests]) : null;
    }

    /// <summary>The tier of a young person: the index of the first criterion they meet, else <see cref="Count"/> - 1.</summary>
    /// <param name="mentee">The young person.</param>
    /// <returns>0 (highest) to <see cref="Count"/> - 1.</returns>
    public int Of(Mentee mentee)
    {
        ArgumentNullException.ThrowIfNull(mentee);
        for (var i = 0; i < _tests.Length; i++)
        {
            if (_tests[i](mentee))
            {
                return i;
            }
        }

        return _tests.Length;
    }

    /// <summary>Whether these are the default tiers (unmet needs, then everyone).</summary>
    public bool IsDefault => Names.Count == 1 && Names[0] == "unmet_needs";
}
