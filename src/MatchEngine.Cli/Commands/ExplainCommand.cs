using System.CommandLine;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine explain</c>: why a mentee got the mentor they got (or none), as text or JSON.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext cli)
    {
        var menteeId = new Option<string>("--mentee") { Description = "The mentee to explain", Required = true, HelpName = "ID" };
        var mentorId = new Option<string?>("--mentor") { Description = "A mentor to look at closely", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Write the explanation as JSON" };
        var top = new Option<int>("--top") { Description = "How many alternatives to show", DefaultValueFactory = _ => 5, HelpName = "N" };
        var b = new BatchOptions();
        var explain = new Command("explain", "Why a mentee got the mentor they got (or none): the score breakdown, the best alternatives, and the rule that excluded each other mentor.")
        {
            menteeId, mentorId, json, top,
        };
        b.AddTo(explain);
        explain.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(menteeId)!, r.GetValue(mentorId), r.GetValue(json), r.GetValue(top), ct));
        return explain;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, string menteeId, string? mentorId, bool json, int top, CancellationToken ct)
    {
        var progress = ProgressDisplay.Start(cli);
        progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
        Inputs inputs;
        try
        {
            inputs = new InputLoader(cli).Load(pr, b, skipInvalid: false, ct);
        }
        catch
        {
            progress.Dispose();
            throw;
        }

        var (batch, options, _) = inputs;
        if (batch.Mentees.All(m => m.Id != menteeId))
        {
            progress.Dispose();
            cli.Err.WriteLine($"error: --mentee '{menteeId}' is not in {pr.GetValue(b.Mentees)!.Name}.");
            return ExitCodes.Usage;
        }

        if (mentorId is not null && batch.Mentors.All(m => m.Id != mentorId))
        {
            progress.Dispose();
            cli.Err.WriteLine($"error: --mentor '{mentorId}' is not in {pr.GetValue(b.Mentors)!.Name}.");
            return ExitCodes.Usage;
        }

        var matcher = new Matcher(options);
        Explanation x;
        using (progress)
        {
            var result = matcher.Match(batch, progress, ct);
            progress.Report(new MatchProgress("explaining", 0, 0) { Kind = ProgressStage.Explaining });
            x = matcher.Explain(batch, result, menteeId, mentorId, ct);
        }

        var mentee = batch.Mentees.First(m => m.Id == menteeId);
        if (json)
        {
            using var stdout = new MemoryStream();
            ExplanationWriter.WriteJson(stdout, x, mentee, batch.AsOf, options);
            cli.Out.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        }
        else
        {
            ExplanationWriter.WriteText(cli.Out, x, mentee, batch.AsOf, options, Math.Max(0, top));
        }

        return ExitCodes.Ok;
    }
}
