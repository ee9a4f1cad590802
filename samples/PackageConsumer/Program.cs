using MatchEngine;
using MatchEngine.Csv;
using MatchEngine.Model;

// Read the batch with the CSV contract's own reader: every problem comes back as a result, not an exception.
var folder = args.Length > 0 ? args[0] : "samples";
var asOf = new DateOnly(2026, 9, 1);
using var mentorFile = File.OpenRead(Path.Combine(folder, "mentors.csv"));
using var menteeFile = File.OpenRead(Path.Combine(folder, "mentees.csv"));
var mentors = BatchCsv.ReadMentors(mentorFile, "mentors.csv", asOf);
var mentees = BatchCsv.ReadMentees(menteeFile, "mentees.csv", asOf);
foreach (var error in mentors.Errors.Concat(mentees.Errors))
{
    Console.Error.WriteLine(error);
}

if (!mentors.IsValid || !mentees.IsValid)
{
    return 2;
}

// Match: options are immutable records with documented defaults; here a 25 km face-to-face limit is made explicit.
var options = MatchOptions.Default with { FaceToFaceMaxKm = 25 };
var batch = new MatchBatch(mentors.Records, mentees.Records, asOf);
var result = await new Matcher(options).MatchAsync(batch, new Progress<MatchProgress>(), CancellationToken.None);

Console.WriteLine($"{result.Summary.Matched} of {result.Summary.Mentees} matched, mean score {result.Summary.MeanScore:0.00}, solver {result.Summary.SolverStatus}");
foreach (var pair in result.Pairs.Take(3))
{
    Console.WriteLine($"  {pair.MenteeId} -> {pair.MentorId}: {pair.Score.Total:0.00} ({MeetingModeNames.Name(pair.Mode)})");
}

foreach (var why in result.Unmatched.Where(u => u.Role == PersonRole.Mentee).Take(2))
{
    Console.WriteLine($"  {why.Id} unmatched, {why.ReasonCode}: {why.Reason}");
}

// Write the contract's outputs to any stream.
using var matches = File.Create(Path.Combine(Path.GetTempPath(), "matchengine-sample-matches.csv"));
ResultCsv.WriteMatches(matches, result.Pairs);
return 0;
