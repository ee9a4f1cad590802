using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatchEngine.Model;
using MatchEngine.Policy;

namespace MatchEngine.Analytics;

/// <summary>One policy of a sweep: the fields the grid sets and the options they give.</summary>
/// <param name="Label">The point's name, e.g. <c>min_cross_background_share=0.9</c>.</param>
/// <param name="Settings">The grid's fields and their values at this point (field path, JSON value).</param>
/// <param name="Options">The effective options (the base policy with the settings applied).</param>
public sealed record SweepPoint(string Label, IReadOnlyList<KeyValuePair<string, string>> Settings, MatchOptions Options);

/// <summary>The outcome of reading a policy grid: the points, or every problem, each naming its field.</summary>
/// <param name="Points">The points in grid order (the last field varies fastest); empty when invalid.</param>
/// <param name="Errors">Every problem.</param>
public sealed record SweepGridLoadResult(IReadOnlyList<SweepPoint> Points, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the grid is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>One point's result: the optimal match under that policy and its figures.</summary>
/// <param name="Point">The policy.</param>
/// <param name="Result">The match.</param>
/// <param name="Quality">Its figures (over every eligible pair under that policy).</param>
public sealed record SweepResult(SweepPoint Point, MatchResult Result, QualityFigures Quality);

/// <summary>
/// Runs one batch under several policies (a grid of policy-file fields, every combination) and reports each optimal
/// match: the question "what does a 90% cross-background target cost us?" answered as a table and a frontier.
/// </summary>
public static class PolicySweep
{
    /// <summary>The most points a grid may have.</summary>
    public const int MaxPoints = 200;

    /// <summary>
    /// Reads a grid: a JSON object whose fields are policy-file paths (as <c>matchengine policy</c> prints them, with the
    /// section, e.g. <c>weights.proximity</c>) and whose values are lists of values, e.g.
    /// <c>{"min_cross_background_share": [0.75, 0.8, 0.85, 0.9, 0.95]}</c>. Every combination is one point. Weights a
    /// point leaves out are scaled so that the weights still sum to 100.
    /// </summary>
    /// <param name="json">The grid file's bytes (comments allowed).</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="baseOptions">The policy the grid varies.</param>
    /// <returns>The points, or every problem.</returns>
    public static SweepGridLoadResult LoadGrid(Stream json, string file, MatchOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseOptions);
        var baseWeights = baseOptions.Weights;
        var errors = new List<string>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new([], [string.Create(CultureInfo.InvariantCulture, $"{file}: not valid JSON at line {e.LineNumber + 1}: {e.Message}")]);
        }

        if (root is not JsonObject obj || obj.Count == 0)
        {
            return new([], [$"{file}: expected a JSON object of policy fields, each with a list of values, e.g. {{\"min_cross_background_share\": [0.75, 0.9]}}."]);
        }

        var axes = new List<(string Path, List<string> Values)>();
        foreach (var (path, node) in obj)
        {
            if (!PolicyFile.IsField(path))
            {
                var guess = PolicyFile.ClosestField(path);
                errors.Add($"{file}: unknown policy field '{path}'" + (guess is null ? "." : $" (did you mean '{guess}'?)."));
                continue;
            }

            if (node is not JsonArray values || values.Count == 0)
            {
                errors.Add($"{file}: field '{path}' must be a non-empty list of values, e.g. [0.75, 0.9].");
                continue;
            }

            axes.Add((path, [.. values.Select(v => v?.ToJsonString() ?? "null")]));
        }

        if (errors.Count > 0)
        {
            return new([], errors);
        }

        long count = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (count > MaxPoints)
        {
            return new([], [string.Create(CultureInfo.InvariantCulture, $"{file}: the grid has {count} points; at most {MaxPoints} are run. Sweep fewer values or fewer fields.")]);
        }

        var points = new List<SweepPoint>();
        var index = new int[axes.Count];
        for (var n = 0; n < count; n++)
        {
            var settings = axes.Select((a, i) => new KeyValuePair<string, string>(a.Path, a.Values[index[i]])).ToList();
            var policy = new JsonObject();
            foreach (var (path, value) in settings)
            {
                var dot = path.IndexOf('.', StringComparison.Ordinal);
                var target = policy;
                var name = path;
                if (dot > 0)
                {
                    var section = path[..dot];
                    name = path[(dot + 1)..];
                    target = policy[section] as JsonObject ?? new JsonObject();
                    policy[section] = target;
                }

                target[name] = JsonNode.Parse(value);
            }

            var label = string.Join(";", settings.Select(s => s.Key + "=" + s.Value));
            if (Rebalance(settings, baseWeights, policy) is { } problem)
            {
                errors.Add($"{file}: {problem} (at the point {label})");
            }

            using var ms = new MemoryStream(Encoding.UTF8.GetBytes(policy.ToJsonString()));
            var loaded = PolicyFile.LoadOnto(ms, file, baseOptions);
            if (!loaded.IsValid)
            {
                errors.AddRange(loaded.Errors.Select(e => $"{e} (at the point {label})"));
            }
            else
            {
                points.Add(new SweepPoint(label, settings, loaded.Options!));
            }

            for (var i = axes.Count - 1; i >= 0; i--)
            {
                if (++index[i] < axes[i].Values.Count)
                {
                    break;
                }

                index[i] = 0;
            }
        }

        return errors.Count > 0 ? new([], errors.Distinct().ToList()) : new(points, []);
    }

    /// <summary>
    /// Weights must sum to 100. When a point sets some weights, the weights it leaves out are scaled in proportion to
    /// their base values so that the total stays 100 (sweeping <c>weights.proximity</c> from 0 to 40 gives its share to,
    /// or takes it from, the other parts).
    /// </summary>
    private static string? Rebalance(List<KeyValuePair<string, string>> settings, ScoreWeights baseWeights, JsonObject policy)
    {
        var set = settings.Where(s => s.Key.StartsWith("weights.", StringComparison.Ordinal)).ToList();
        if (set.Count == 0)
        {
            return null;
        }

        var names = new (string Name, double Base)[]
        {
            ("ethnicity_difference", baseWeights.EthnicityDifference), ("socioeconomic_difference", baseWeights.SocioeconomicDifference),
            ("proximity", baseWeights.Proximity), ("sector_fit", baseWeights.SectorFit), ("shared_language", baseWeights.SharedLanguage),
            ("gender_preference", baseWeights.GenderPreference),
        };
        double setSum = 0;
        foreach (var (path, value) in set)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return null; // PolicyFile reports the bad value.
            }

            setSum += v;
        }

        var rest = names.Where(n => set.All(s => s.Key != "weights." + n.Name)).ToList();
        var restSum = rest.Sum(n => n.Base);
        if (setSum > 100 + 1e-9)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the weights set at this point sum to {setSum}, more than 100.");
        }

        if (rest.Count == 0 || restSum <= 0)
        {
            return Math.Abs(setSum - 100) < 1e-9 ? null : string.Create(CultureInfo.InvariantCulture, $"the weights sum to {setSum} and no other weight can make up 100.");
        }

        var weights = policy["weights"] as JsonObject ?? new JsonObject();
        policy["weights"] = weights;
        foreach (var (name, b) in rest)
        {
            weights[name] = Math.Round(b * (100 - setSum) / restSum, 9);
        }

        return null;
    }

    /// <summary>Matches the batch under every point's policy.</summary>
    /// <param name="batch">The batch (locked and excluded pairs apply to every point).</param>
    /// <param name="points">The policies.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per point, in order.</returns>
    public static IReadOnlyList<SweepResult> Run(MatchBatch batch, IReadOnlyList<SweepPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(points);
        var results = new List<SweepResult>();
        foreach (var p in points)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var matcher = new Matcher(p.Options);
            var result = matcher.Match(batch, cancellationToken);
            var g = EligiblePairs.Build(matcher, batch with { Locked = [] }, cancellationToken);
            var quality = Metrics.Evaluate(batch, matcher, g, [.. result.Pairs.Select(x => new PairRef(x.MenteeId, x.MentorId))]);
            results.Add(new SweepResult(p, result, quality));
        }

        return results;
    }

    /// <summary>
    /// The sweep as tidy rows: per point (the <c>strategy</c> column holds the point's label) the grid's settings as
    /// <c>policy.&lt;field&gt;</c> rows, every quality figure, and the target's outcome (<c>target_met</c>,
    /// <c>score_given_up</c>, <c>target_gap</c>) when the point sets one.
    /// </summary>
    /// <param name="results">The sweep's results.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<TidyRow> Rows(IReadOnlyList<SweepResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<TidyRow>();
        foreach (var r in results)
        {
            var label = r.Point.Label;
            foreach (var (path, value) in r.Point.Settings)
            {
                rows.Add(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    ? new TidyRow(label, "policy." + path, Tidy.All, x)
                    : new TidyRow(label, "policy." + path, value.Trim('"'), 1));
            }

            rows.AddRange(Tidy.Rows(label, r.Quality, null));
            if (r.Result.Quota is { } q)
            {
                rows.Add(new TidyRow(label, "target_share", Tidy.All, q.TargetShare));
                rows.Add(new TidyRow(label, "target_met", Tidy.All, q.Feasible ? 1 : 0));
                rows.Add(new TidyRow(label, "best_achievable_share", Tidy.All, Math.Round(q.BestAchievableShare, 6)));
                rows.Add(new TidyRow(label, "score_given_up", Tidy.All, q.ScoreGivenUp / 100.0));
                rows.Add(new TidyRow(label, "target_gap", Tidy.All, Math.Round(q.Gap, 6)));
            }
        }

        return rows;
    }
}
