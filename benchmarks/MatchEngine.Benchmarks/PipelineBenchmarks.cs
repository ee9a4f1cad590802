using BenchmarkDotNet.Attributes;
using CsvHelper;
using MatchEngine.Csv;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine.Benchmarks;

/// <summary>Scoring throughput: the hard rules alone (baseline) against rules and scoring of every pair of a 300 x 300 batch.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private MatchBatch _batch = null!;
    private readonly PairScorer _scorer = new(MatchOptions.Default);

    [GlobalSetup]
    public void Setup() => _batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 300, Mentees = 300, Seed = 3 });

    [Benchmark(Baseline = true)]
    public int RulesOnly()
    {
        var allowed = 0;
        foreach (var e in _batch.Mentees)
        {
            var ea = Age.On(e.BirthDate, _batch.AsOf);
            foreach (var m in _batch.Mentors)
            {
                double? d = m.Location is { } a && e.Location is { } b ? a.DistanceKm(b) : null;
                var ctx = new PairContext(m, e, Age.On(m.BirthDate, _batch.AsOf), ea, d, MatchOptions.Default);
                allowed += RuleSet.Default.Assess(ctx).IsEligible ? 1 : 0;
            }
        }

        return allowed;
    }

    [Benchmark]
    public long RulesAndScore()
    {
        long points = 0;
        foreach (var e in _batch.Mentees)
        {
            var ea = Age.On(e.BirthDate, _batch.AsOf);
            foreach (var m in _batch.Mentors)
            {
                double? d = m.Location is { } a && e.Location is { } b ? a.DistanceKm(b) : null;
                var ctx = new PairContext(m, e, Age.On(m.BirthDate, _batch.AsOf), ea, d, MatchOptions.Default);
                var r = RuleSet.Default.Assess(ctx);
                if (r.IsEligible)
                {
                    points += _scorer.Best(m, e, r.Allowed, d).Score.Points;
                }
            }
        }

        return points;
    }
}

/// <summary>Candidate generation: every pair (dense, baseline) against the indexed search, on a generated batch.</summary>
[MemoryDiagnoser]
public class CandidateBenchmarks
{
    private MatchBatch _batch = null!;

    [Params(2_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = N, Mentees = N, Seed = 5 });

    [Benchmark(Baseline = true)]
    public int DenseEveryPair() => new Matcher(MatchOptions.Default with { DensePairLimit = long.MaxValue }).Readiness(_batch).Unmatchable.Count;

    [Benchmark]
    public int IndexedSearch() => new Matcher(MatchOptions.Default with { DensePairLimit = 0 }).Readiness(_batch).Unmatchable.Count;
}

/// <summary>CSV: reading 100k mentees with full validation against CsvHelper reading the same cells (baseline); writing 100k pairs.</summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private byte[] _mentees = [];
    private List<MatchedPair> _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 0, Mentees = 100_000, Seed = 9 });
        using var ms = new MemoryStream();
        BatchCsvWriter.WriteMentees(ms, batch.Mentees);
        _mentees = ms.ToArray();
        var scorer = new PairScorer(MatchOptions.Default);
        var mentor = new Mentor { Id = "MR1", BirthDate = new DateOnly(1980, 1, 1), Region = "West Midlands", Modes = MeetingModes.All };
        _pairs = [.. batch.Mentees.Select(e => new MatchedPair(e.Id, mentor.Id, MeetingModes.Hybrid, 3.2, scorer.Score(mentor, e, MeetingModes.Hybrid, 3.2)))];
    }

    [Benchmark(Baseline = true)]
    public long RawCsvHelperRead()
    {
        using var r = CsvReader.Create(new MemoryStream(_mentees), new CsvReaderOptions { HasHeader = false }, false);
        long n = 0;
        while (r.Read())
        {
            for (var i = 0; i < r.FieldCount; i++)
            {
                n += r.GetString(i)!.Length;
            }
        }

        return n;
    }

    [Benchmark]
    public int ReadAndValidateMentees() => BatchCsv.ReadMentees(new MemoryStream(_mentees), "mentees.csv", new DateOnly(2026, 9, 1)).Records.Count;

    [Benchmark]
    public long WriteMatches()
    {
        using var ms = new MemoryStream();
        ResultCsv.WriteMatches(ms, _pairs);
        return ms.Length;
    }
}
