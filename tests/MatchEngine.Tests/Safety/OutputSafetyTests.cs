using MatchEngine.Cli;
using MatchEngine.Cli.Commands;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Safety;

/// <summary>No stack trace for the user's environment; outputs are switched in as one set; one run per output folder.</summary>
public class OutputSafetyTests
{
    private static readonly string[] Outputs = ["matches.csv", "unmatched.csv", "summary.json", "rejected.csv"];

    private static string[] MatchArgs(string outDir, string asOf = "2026-09-01", params string[] extra) =>
        ["match", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--out", outDir, "--as-of", asOf, .. extra];

    private static (int Code, string Out, string Err) RunWith(Func<string, string, FaultAction> faults, string[] args)
    {
        OutputFolder.Faults.Value = faults;
        try
        {
            return Run(args);
        }
        finally
        {
            OutputFolder.Faults.Value = null;
        }
    }

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Outputs.Where(o => File.Exists(Path.Combine(dir, o))).ToDictionary(o => o, o => File.ReadAllBytes(Path.Combine(dir, o)));

    private static bool SameSet(Dictionary<string, byte[]> a, Dictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.SequenceEqual(kv.Value));

    private static string FirstErrorLine(string err) => err.Split('\n').First(l => l.StartsWith("error:", StringComparison.Ordinal));

    [Fact]
    public void Out_that_is_a_file_exits_2_before_matching()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "afile");
        File.WriteAllText(file, "mine");
        var (code, _, err) = Run(MatchArgs(file));
        Assert.Equal(2, code);
        Assert.Equal($"error: --out folder {file} is a file, not a folder; give a folder for the results.", FirstErrorLine(err));
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_holding_a_folder_named_like_an_output_exits_2_and_keeps_the_folder()
    {
        var dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "out", "matches.csv"));
        File.WriteAllText(Path.Combine(dir, "out", "matches.csv", "keep.txt"), "x");
        var (code, _, err) = Run(MatchArgs(Path.Combine(dir, "out"), "2026-09-01", "--force"));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: cannot write {Path.Combine(dir, "out", "matches.csv")}: a folder has that name", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "out", "matches.csv", "keep.txt")));
    }

    [Fact]
    public void Out_that_cannot_be_created_exits_2_in_one_line()
    {
        var (code, _, err) = Run(MatchArgs("/proc/no-such-matchengine-dir/out"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: cannot create the folder /proc/no-such-matchengine-dir:", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_out_exits_2_before_matching()
    {
        var dir = TempDir();
        var (code, stdout, err) = RunWith((step, _) => step == "lock" ? FaultAction.Deny : FaultAction.None, MatchArgs(Path.Combine(dir, "out")));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: cannot write in {dir}: Access to the path", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void A_full_disk_while_writing_exits_2_naming_the_path_and_leaves_the_earlier_results()
    {
        var dir = TempDir();
        var outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Run(MatchArgs(outDir, "2026-01-01")).Code);
        var before = Snapshot(outDir);
        var (code, _, err) = RunWith((step, _) => step == "write:unmatched.csv:flush" ? FaultAction.Fail : FaultAction.None, MatchArgs(outDir, "2026-09-01", "--force"));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: could not write the results to {outDir}: Input/output error", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.EndsWith("the earlier results are unchanged.", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.True(SameSet(before, Snapshot(outDir)));
        Assert.Empty(Directory.GetFileSystemEntries(dir, ".matchengine*"));
    }

    [Fact]
    public void Report_out_naming_a_folder_exits_2()
    {
        var dir = TempDir();
        var (code, _, err) = Run("report", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01", "--out", dir);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --out file {dir} is a folder; give the name of the file to write", FirstErrorLine(err), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/proc/self/mem", "cannot be read: ")]
    [InlineData("/dev/zero", "is larger than 1 MB")]
    [InlineData("FOLDER", "is a folder, not a file.")]
    [InlineData("/no/such/policy.json", "does not exist.")]
    public void Policy_paths_that_cannot_be_read_exit_2_in_one_line(string policy, string expected)
    {
        var dir = TempDir();
        policy = policy == "FOLDER" ? dir : policy;
        var (code, _, err) = Run(MatchArgs(Path.Combine(dir, "out"), "2026-09-01", "--policy", policy));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --policy {policy}: {expected}", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void Generate_with_an_as_of_date_out_of_range_is_a_usage_error()
    {
        var dir = TempDir();
        var (code, _, err) = Run("generate", "--as-of", "0001-01-01", "--mentors", "5", "--mentees", "5", "--out", Path.Combine(dir, "g"));
        Assert.Equal(1, code);
        Assert.Equal("error: --as-of 0001-01-01 is out of range; generate takes a date from 1900-01-01 to 9000-12-31.", FirstErrorLine(err));
    }

    [Fact]
    public void A_folder_given_as_input_says_it_is_a_folder()
    {
        var dir = TempDir();
        var (code, _, err) = Run("validate", "--mentors", dir, "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01");
        Assert.Equal(2, code);
        Assert.Contains($"{dir}: is a folder, not a file.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Anything_unexpected_exits_70_with_a_short_message_and_the_stack_trace_in_a_log_file()
    {
        var dir = TempDir();
        var logs = Path.Combine(dir, "logs");
        var o = new StringWriter();
        var e = new StringWriter();
        OutputFolder.Faults.Value = (step, _) => step == "write:summary.json" ? throw new InvalidOperationException("boom") : FaultAction.None;
        int code;
        try
        {
            var app = new CliApp(o, e, new Cli.FixedTime(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero)), logs);
            code = app.Run(MatchArgs(Path.Combine(dir, "out")));
        }
        finally
        {
            OutputFolder.Faults.Value = null;
        }

        Assert.Equal(70, code);
        var err = e.ToString();
        Assert.StartsWith("error: internal error (InvalidOperationException: boom).", FirstErrorLine(err), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        var log = Assert.Single(Directory.GetFiles(logs));
        Assert.Contains(log, err, StringComparison.Ordinal);
        Assert.Contains("   at MatchEngine.Cli.OutputFolder", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    public static TheoryData<string, bool> Steps()
    {
        var data = new TheoryData<string, bool>();
        foreach (var step in new[] { "lock", "temp", "write:matches.csv", "write:matches.csv:flush", "write:unmatched.csv", "write:rejected.csv", "write:summary.json", "write:summary.json:flush", "carry", "switch", "cleanup" })
        {
            data.Add(step, false);
            data.Add(step, true);
        }

        return data;
    }

    /// <summary>A failure or a crash at every step of the write leaves the old set or the new set, never a mix; the next run cleans up and succeeds.</summary>
    [Theory]
    [MemberData(nameof(Steps))]
    public void A_fault_at_any_step_leaves_the_old_or_the_new_set(string faultStep, bool crash)
    {
        var action = crash ? FaultAction.Crash : FaultAction.Fail;
        var dir = TempDir();
        var bad = Path.Combine(dir, "mentees.csv");
        File.WriteAllText(bad, File.ReadAllText(Samples("mentees.csv")) + "BADROW,2010-02-30,West Midlands,,,face-to-face\n");
        string[] Args(string outDir, string asOf, params string[] extra) =>
            ["match", "--mentors", Samples("mentors.csv"), "--mentees", bad, "--out", outDir, "--as-of", asOf, "--skip-invalid", .. extra];

        var oldSet = Path.Combine(dir, "old");
        var newSet = Path.Combine(dir, "new");
        var target = Path.Combine(dir, "target");
        Assert.Equal(0, Run(Args(oldSet, "2026-01-01")).Code);
        Assert.Equal(0, Run(Args(newSet, "2026-09-01")).Code);
        Assert.Equal(0, Run(Args(target, "2026-01-01")).Code);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "the coordinator's own file");
        var seen = new List<string>();
        var (code, _, err) = RunWith((step, _) =>
        {
            seen.Add(step);
            return step == faultStep ? action : FaultAction.None;
        }, Args(target, "2026-09-01", "--force"));
        Assert.Contains(faultStep, seen);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        var now = Snapshot(target);
        Assert.True(SameSet(now, Snapshot(oldSet)) || SameSet(now, Snapshot(newSet)), $"a mix after {action} at {faultStep}: {string.Join(", ", now.Keys)}");
        if (action == FaultAction.Fail && faultStep != "cleanup")
        {
            Assert.Equal(2, code);
            Assert.True(SameSet(now, Snapshot(oldSet)));
        }

        // The next run recovers whatever was left and succeeds; nothing stale is left beside the folder.
        Assert.Equal(0, Run(Args(target, "2026-09-01", "--force")).Code);
        Assert.True(SameSet(Snapshot(target), Snapshot(newSet)));
        Assert.Equal("the coordinator's own file", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(dir, ".matchengine*"));
    }

    [Fact]
    public void A_second_run_into_the_same_folder_fails_at_once_while_the_first_is_writing()
    {
        var dir = TempDir();
        var target = Path.Combine(dir, "new-folder");
        (int Code, string Out, string Err)? second = null;
        var (code, _, err) = RunWith((step, _) =>
        {
            if (step == "write:matches.csv" && second is null)
            {
                var hook = OutputFolder.Faults.Value;
                OutputFolder.Faults.Value = null;
                second = Run(MatchArgs(target));
                OutputFolder.Faults.Value = hook;
            }

            return FaultAction.None;
        }, MatchArgs(target));
        Assert.True(code == 0, err);
        Assert.NotNull(second);
        Assert.Equal(1, second.Value.Code);
        Assert.StartsWith($"error: another matchengine run is writing to {target} now", FirstErrorLine(second.Value.Err), StringComparison.Ordinal);

        // After the first run, a second one without --force is told the folder holds results.
        var third = Run(MatchArgs(target));
        Assert.Equal(1, third.Code);
        Assert.Contains("--force", third.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forced_rerun_without_skip_invalid_leaves_no_stale_rejected_csv()
    {
        var dir = TempDir();
        var bad = Path.Combine(dir, "mentees.csv");
        File.WriteAllText(bad, File.ReadAllText(Samples("mentees.csv")) + "BADROW,2010-02-30,West Midlands,,,face-to-face\n");
        var target = Path.Combine(dir, "out");
        Assert.Equal(0, Run("match", "--mentors", Samples("mentors.csv"), "--mentees", bad, "--out", target, "--as-of", "2026-09-01", "--skip-invalid").Code);
        Assert.True(File.Exists(Path.Combine(target, "rejected.csv")));
        Directory.CreateDirectory(Path.Combine(target, "mine"));
        File.WriteAllText(Path.Combine(target, "mine", "a.txt"), "kept");
        Assert.Equal(0, Run(MatchArgs(target, "2026-09-01", "--force")).Code);
        Assert.False(File.Exists(Path.Combine(target, "rejected.csv")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(target, "mine", "a.txt")));
    }

    [Fact]
    public void Only_truly_stale_temporary_folders_are_cleaned()
    {
        var dir = TempDir();
        var target = Path.Combine(dir, "out");
        var stale = Path.Combine(dir, ".matchengine-out-new-999999-deadbeef");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "matches.csv"), "half");
        var otherTarget = Path.Combine(dir, ".matchengine-other-new-1-cafe");
        Directory.CreateDirectory(otherTarget);
        using (var held = OutputFolder.Open(Path.Combine(dir, "busy"), ["matches.csv"], force: false, TextWriter.Null))
        {
            var (code, _, err) = Run(MatchArgs(Path.Combine(dir, "busy")));
            Assert.Equal(1, code);
            Assert.Contains("another matchengine run is writing", err, StringComparison.Ordinal);
        }

        Assert.Equal(0, Run(MatchArgs(target)).Code);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(otherTarget), "a temporary folder of another output folder is not this run's to clean");
    }
}
