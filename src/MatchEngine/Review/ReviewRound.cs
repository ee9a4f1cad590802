using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Review;

/// <summary>
/// A review round: the decisions of every reviewed matches.csv given so far (later files win for the same pair).
/// Accepted pairs are locked (and checked against every hard rule, as locked pairs are), rejected pairs are excluded
/// for good, blank ones may be proposed again. The last file's rows are the previous round's proposals, against which
/// <see cref="Changes"/> reports what this round changed.
/// </summary>
public sealed class ReviewRound
{
    private ReviewRound(IReadOnlyList<ReviewedPair> accepted, IReadOnlyList<ReviewedPair> rejected, IReadOnlyList<ReviewedPair> previous, IReadOnlyList<CsvIssue> errors)
    {
        Accepted = accepted;
        Rejected = rejected;
        Previous = previous;
        Errors = errors;
    }

    /// <summary>Pairs accepted in any round (and not later changed): they are locked.</summary>
    public IReadOnlyList<ReviewedPair> Accepted { get; }

    /// <summary>Pairs rejected in any round: never proposed again.</summary>
    public IReadOnlyList<ReviewedPair> Rejected { get; }

    /// <summary>The rows of the last reviewed file: the previous round's proposals.</summary>
    public IReadOnlyList<ReviewedPair> Previous { get; }

    /// <summary>Problems: an accepted pair that breaks a hard rule, is excluded, conflicts with a locked pair, gives a young person two mentors or a mentor more than their capacity.</summary>
    public IReadOnlyList<CsvIssue> Errors { get; }

    /// <summary>Whether the decisions can be applied.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Combines the reviewed files (in round order) and checks them against the batch and the matcher's rules.</summary>
    /// <param name="files">The rows of each reviewed file, earliest round first.</param>
    /// <param name="batch">The batch, with any locked and excluded pairs given separately.</param>
    /// <param name="matcher">The matcher whose rules and options apply.</param>
    /// <returns>The round.</returns>
    public static ReviewRound Plan(IReadOnlyList<IReadOnlyList<ReviewedPair>> files, MatchBatch batch, Matcher matcher)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(matcher);
        var latest = new Dictionary<(string, string), ReviewedPair>();
        foreach (var file in files)
        {
            foreach (var p in file)
            {
                if (p.Decision != ReviewDecision.None || !latest.ContainsKey((p.MenteeId, p.MentorId)))
                {
                    latest[(p.MenteeId, p.MentorId)] = p;
                }
            }
        }

        var errors = new List<CsvIssue>();
        var mentors = batch.Mentors.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var mentees = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var excluded = batch.Excluded.ToHashSet();
        var lockedByMentee = batch.Locked.ToDictionary(l => l.MenteeId, StringComparer.Ordinal);
        var load = batch.Locked.GroupBy(l => l.MentorId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var accepted = new List<ReviewedPair>();
        var acceptedByMentee = new Dictionary<string, ReviewedPair>(StringComparer.Ordinal);
        var ordered = latest.Values.OrderBy(p => p.MenteeId, StringComparer.Ordinal).ThenBy(p => p.MentorId, StringComparer.Ordinal).ToList();
        foreach (var p in ordered.Where(p => p.Decision == ReviewDecision.Accept))
        {
            if (!mentors.TryGetValue(p.MentorId, out var mentor) || !mentees.TryGetValue(p.MenteeId, out var mentee))
            {
                continue; // reported by the reader
            }

            // The same check as locked pairs (LockedPairCheck): every hard rule in the mode the pair would meet in;
            // safeguarding never overridden, other rules only with KeepRuleBreakingLocks.
            string? problem = null;
            var locked = new LockedPair(p.MenteeId, p.MentorId) { Row = p.Row };
            var breach = LockedPairCheck.Check(matcher.Rules, matcher.Context(mentor, mentee, batch.AsOf), matcher.LockedMode(mentor, mentee, batch.AsOf), locked)
                .FirstOrDefault(b => b.IsSafeguarding || !matcher.Options.KeepRuleBreakingLocks);
            if (breach is not null)
            {
                problem = $"accepts a pair that breaks {breach.RuleCode}: {breach.Reason}; an accepted pair must pass every hard rule, like a locked pair. Change the decision to reject or blank.";
            }
            else if (excluded.Contains(new PairRef(p.MenteeId, p.MentorId)))
            {
                problem = "accepts a pair that is on the excluded list; a pair cannot be both.";
            }
            else if (lockedByMentee.TryGetValue(p.MenteeId, out var l))
            {
                if (l.MentorId == p.MentorId)
                {
                    continue; // already locked: nothing to add
                }

                problem = $"accepts mentor '{p.MentorId}' for a young person who is locked to mentor '{l.MentorId}'.";
            }
            else if (acceptedByMentee.TryGetValue(p.MenteeId, out var other))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"accepts a second mentor for this young person: mentor '{other.MentorId}' is accepted in {other.File}, row {other.Row}.");
            }
            else if ((load[p.MentorId] = load.GetValueOrDefault(p.MentorId) + 1) > mentor.Capacity)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"accepts more young people for mentor '{p.MentorId}' than their capacity of {mentor.Capacity} (with locked pairs).");
            }

            if (problem is not null)
            {
                errors.Add(new CsvIssue(p.File, p.Row, "decision", "accept", problem));
                continue;
            }

            acceptedByMentee[p.MenteeId] = p;
            accepted.Add(p);
        }

        var rejected = ordered.Where(p => p.Decision == ReviewDecision.Reject).ToList();
        foreach (var p in rejected.Where(p => lockedByMentee.TryGetValue(p.MenteeId, out var l) && l.MentorId == p.MentorId))
        {
            errors.Add(new CsvIssue(p.File, p.Row, "decision", "reject", "rejects a pair that is locked (--locked); a pair cannot be both."));
        }

        var previous = files.Count == 0 ? [] : files[^1];
        return new ReviewRound(accepted, rejected, previous, errors);
    }

    /// <summary>The batch with accepted pairs locked and rejected pairs excluded.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>The batch for this round.</returns>
    /// <exception cref="InvalidOperationException">When the round has errors.</exception>
    public MatchBatch Apply(MatchBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!IsValid)
        {
            throw new InvalidOperationException("The review decisions have errors; see Errors.");
        }

        var excluded = batch.Excluded.ToHashSet();
        return batch with
        {
            Locked = [.. batch.Locked, .. Accepted.Select(p => new LockedPair(p.MenteeId, p.MentorId))],
            Excluded = [.. batch.Excluded, .. Rejected.Select(p => new PairRef(p.MenteeId, p.MentorId)).Where(x => !excluded.Contains(x))],
        };
    }

    /// <summary>What this round changed for each young person who had a proposal in the previous round or has one now: kept, new mentor, or lost the proposal, with the reason.</summary>
    /// <param name="result">This round's result.</param>
    /// <returns>One row per young person concerned, ordered by id.</returns>
    public IReadOnlyList<RoundChange> Changes(MatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var previous = new Dictionary<string, ReviewedPair>(StringComparer.Ordinal);
        foreach (var p in Previous)
        {
            // A hand-edited file may hold several rows for a young person: the accepted one counts, else the last.
            if (!previous.TryGetValue(p.MenteeId, out var had) || had.Decision != ReviewDecision.Accept)
            {
                previous[p.MenteeId] = p;
            }
        }

        var accepted = Accepted.Select(p => (p.MenteeId, p.MentorId)).ToHashSet();
        var now = result.Pairs.ToDictionary(p => p.MenteeId, StringComparer.Ordinal);
        var menteesOf = result.Pairs.GroupBy(p => p.MentorId).ToDictionary(g => g.Key, g => g.Select(p => p.MenteeId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var why = result.Unmatched.Where(u => u.Role == PersonRole.Mentee).ToDictionary(u => u.Id, u => u.Reason, StringComparer.Ordinal);
        var changes = new List<RoundChange>();
        foreach (var id in previous.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var before = previous.GetValueOrDefault(id);
            var after = now.GetValueOrDefault(id);
            var decision = before?.Decision ?? ReviewDecision.None;
            string change, reason;
            if (before is not null && after is not null && before.MentorId == after.MentorId)
            {
                change = "kept";
                reason = accepted.Contains((id, after.MentorId)) ? "accepted in review: the pair is locked."
                    : after.Locked ? "a locked pair (running relationship)."
                    : "proposed again: still part of the best match for the batch; review it.";
            }
            else if (after is not null)
            {
                change = "new_mentor";
                reason = before is null ? $"newly proposed with mentor {after.MentorId}: they had no proposal in the previous round (places moved after the decisions)."
                    : decision == ReviewDecision.Reject ? $"the proposal with mentor {before.MentorId} was rejected; mentor {after.MentorId} is proposed instead."
                    : $"mentor {before.MentorId} was proposed before; re-matching after the decisions proposes mentor {after.MentorId} instead ({Elsewhere(before.MentorId)}).";
            }
            else
            {
                change = "lost_proposal";
                var unmatched = why.GetValueOrDefault(id, "no mentor this round.");
                reason = decision == ReviewDecision.Reject
                    ? $"the proposal with mentor {before!.MentorId} was rejected, and no other mentor can take them: {unmatched}"
                    : $"mentor {before!.MentorId} was proposed before; after the decisions their place went elsewhere ({Elsewhere(before.MentorId)}): {unmatched}";
            }

            changes.Add(new RoundChange(id, change, before?.MentorId, decision, after?.MentorId, reason));
        }

        return changes;

        string Elsewhere(string mentorId) => menteesOf.TryGetValue(mentorId, out var list)
            ? $"mentor {mentorId} now has {string.Join(", ", list)}"
            : $"mentor {mentorId} has no proposal this round";
    }
}
