using MatchEngine.Solving;

namespace MatchEngine.Priority;

/// <summary>The engine's solve of a batch checked pair by pair: the two-tier solver for the default priority, the k-tier one otherwise.</summary>
internal static class TierStep
{
    public static AssignmentSolution Solve(CandidateGraph g, MatchOptions options, CancellationToken cancellationToken)
    {
        var tiers = PriorityTiers.Parse(options.Priority, out _) ?? PriorityTiers.Default;
        if (tiers.IsDefault)
        {
            return AssignmentSolver.Solve(g.Problem, options.Objective, cancellationToken);
        }

        return TieredSolver.Solve(g.Problem, [.. g.Mentees.Select(tiers.Of)], cancellationToken).Solution;
    }
}
