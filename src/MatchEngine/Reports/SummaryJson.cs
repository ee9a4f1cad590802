using System.Globalization;
using System.Text.Json;
using MatchEngine.Model;

namespace MatchEngine.Reports;

/// <summary>Writes summary.json, the machine-readable summary of a <c>match</c> run (the output stage; the CSV files are written by <see cref="Csv.ResultCsv"/>).</summary>
public static class SummaryJson
{
    /// <summary>Writes summary.json: counts, quality figures and the readiness check; keys in snake_case; the same result gives the same bytes.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="result">The match result.</param>
    public static void Write(Stream stream, MatchResult result) => Write(stream, result, null);

    /// <summary>Writes summary.json with the run's reproducibility record under <c>run</c> (engine version, as-of date, effective policy and its hash, seeds, SHA-256 of each input).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="result">The match result.</param>
    /// <param name="run">The run's record; none is written when null.</param>
    public static void Write(Stream stream, MatchResult result, Analytics.RunInfo? run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        using var j = new Utf8JsonWriter(stream, Json.Options);
        j.WriteStartObject();
        j.WriteString("as_of", summary.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        j.WriteNumber("mentors", summary.Mentors);
        j.WriteNumber("mentees", summary.Mentees);
        j.WriteNumber("mentor_places", summary.MentorPlaces);
        j.WriteNumber("eligible_pairs", summary.EligiblePairs);
        j.WriteNumber("matched", summary.Matched);
        j.WriteNumber("unmatched_mentees", summary.UnmatchedMentees);
        j.WriteNumber("unmet_needs_mentees", summary.UnmetNeedsMentees);
        j.WriteNumber("unmet_needs_matched", summary.UnmetNeedsMatched);
        j.WriteNumber("total_score", summary.TotalScore);
        j.WriteNumber("mean_score", summary.MeanScore);
        j.WriteNumber("cross_background_pairs", summary.CrossBackgroundPairs);
        j.WriteNumber("cross_background_share", summary.CrossBackgroundShare);
        j.WriteStartObject("pairs_by_mode");
        foreach (var (k, v) in summary.PairsByMode)
        {
            j.WriteNumber(k, v);
        }

        j.WriteEndObject();
        if (summary.MeanInPersonDistanceKm is { } d)
        {
            j.WriteNumber("mean_in_person_distance_km", d);
        }
        else
        {
            j.WriteNull("mean_in_person_distance_km");
        }

        j.WriteNumber("unused_mentor_places", summary.UnusedMentorPlaces);
        j.WriteStartObject("unmatched_by_reason");
        foreach (var (k, v) in summary.UnmatchedByReason)
        {
            j.WriteNumber(k, v);
        }

        j.WriteEndObject();
        j.WriteNumber("locked_pairs", summary.LockedPairs);
        j.WriteNumber("rejected_rows", summary.RejectedRows);
        if (summary.LockedRuleBreaches.Count > 0)
        {
            Json.WriteObjects(j, "locked_rule_breaches_kept", summary.LockedRuleBreaches, (j, b) =>
            {
                j.WriteString("mentee_id", b.MenteeId);
                j.WriteString("mentor_id", b.MentorId);
                j.WriteString("mode", MeetingModeNames.Join(b.Mode));
                j.WriteNumber("row", b.Row);
                j.WriteString("rule", b.RuleCode);
                j.WriteString("reason", b.Reason);
            });
        }
        if (result.Quota is { } q)
        {
            j.WriteStartObject("cross_background_target");
            j.WriteNumber("target_share", q.TargetShare);
            j.WriteBoolean("feasible", q.Feasible);
            j.WriteNumber("best_achievable_share", q.BestAchievableShare);
            j.WriteNumber("achieved_share", q.AchievedShare);
            j.WriteNumber("total_score_without_target", q.ScoreWithoutTarget / 100.0);
            j.WriteNumber("total_score", q.Score / 100.0);
            j.WriteNumber("score_given_up", q.ScoreGivenUp / 100.0);
            j.WriteNumber("upper_bound", q.UpperBound / 100.0);
            j.WriteNumber("gap", Math.Round(q.Gap, 6));
            j.WriteString("method", q.Method);
            j.WriteEndObject();
        }

        j.WriteBoolean("candidates_pruned", summary.CandidatesPruned);
        if (summary.CandidatesPruned)
        {
            if (summary.ScoreUpperBound is { } ub)
            {
                j.WriteNumber("score_upper_bound", ub);
                j.WriteNumber("optimality_gap", summary.OptimalityGap ?? 0);
            }
            else
            {
                j.WriteNull("score_upper_bound");
                j.WriteNull("optimality_gap");
            }
        }

        j.WriteString("solver", summary.Solver);
        j.WriteString("solver_status", summary.SolverStatus);
        j.WriteString("solver_outcome", OutcomeName(summary.Outcome));
        WriteReadiness(j, result.Readiness);
        run?.WriteJson(j);
        j.WriteEndObject();
        j.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The typed outcome as summary.json writes it under <c>solver_outcome</c>: a stable snake_case word.</summary>
    internal static string OutcomeName(SolverOutcome outcome) => outcome switch
    {
        SolverOutcome.Optimal => "optimal",
        SolverOutcome.Certified => "certified",
        SolverOutcome.Gap => "gap",
        SolverOutcome.OptimalOverPricedPairs => "optimal_over_priced_pairs",
        SolverOutcome.GapOverPricedPairs => "gap_over_priced_pairs",
        _ => "unknown",
    };

    /// <summary>Writes the readiness check as a JSON object property named <c>readiness</c>.</summary>
    internal static void WriteReadiness(Utf8JsonWriter j, ReadinessReport r)
    {
        j.WriteStartObject("readiness");
        void Rows(string name, IEnumerable<CapacityRow> rows) => Json.WriteObjects(j, name, rows, (j, row) =>
        {
            j.WriteString("group", row.Group);
            j.WriteNumber("mentees", row.Mentees);
            j.WriteNumber("mentor_places", row.MentorPlaces);
        });

        Rows("by_region", r.ByRegion);
        Rows("by_mode", r.ByMode);
        Rows("under_18", [r.Under18]);
        Json.WriteStrings(j, "warnings", r.Warnings);
        Json.WriteObjects(j, "unmatchable", r.Unmatchable, (j, u) =>
        {
            j.WriteString("role", u.Role == PersonRole.Mentee ? "mentee" : "mentor");
            j.WriteString("id", u.Id);
            j.WriteString("reason_code", u.ReasonCode);
            j.WriteString("reason", u.Reason);
        });
        j.WriteEndObject();
    }
}
