using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MatchEngine.Policy;

namespace MatchEngine.Analytics;

/// <summary>An input file of a run and its SHA-256.</summary>
/// <param name="Role">What the file is: <c>mentors</c>, <c>mentees</c>, <c>policy</c>, <c>matches</c>, <c>pairs</c>, ...</param>
/// <param name="Name">The file's name as given (without its folder, so the record does not depend on where it ran).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
public sealed record InputChecksum(string Role, string Name, string Sha256);

/// <summary>A named seed of a run (e.g. the random baseline's first seed).</summary>
/// <param name="Name">What the seed drives.</param>
/// <param name="Value">The seed.</param>
public sealed record RunSeed(string Name, long Value);

/// <summary>
/// What is needed to reproduce a run from its output: the engine version, the as-of date, the effective policy
/// (every field's value, and its SHA-256), the seeds and the SHA-256 of each input file. Every analytics output and
/// summary.json carries it.
/// </summary>
public sealed record RunInfo
{
    /// <summary>The engine version (the library's informational version, with the source revision when built from git).</summary>
    public required string EngineVersion { get; init; }

    /// <summary>The date ages are taken on; null when the run has no people (bring your own scores).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The effective policy: every policy-file field (see <c>matchengine policy</c>) and its value, as JSON text.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Policy { get; init; }

    /// <summary>SHA-256 of the effective policy (its fields as <c>path=value</c> lines, in order), lower-case hex.</summary>
    public required string PolicySha256 { get; init; }

    /// <summary>The seeds used.</summary>
    public IReadOnlyList<RunSeed> Seeds { get; init; } = [];

    /// <summary>The input files and their SHA-256.</summary>
    public IReadOnlyList<InputChecksum> Inputs { get; init; } = [];

    /// <summary>The engine version of this library.</summary>
    public static string CurrentEngineVersion { get; } =
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunInfo).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The record of a run under these options.</summary>
    /// <param name="options">The effective options.</param>
    /// <param name="asOf">The as-of date, when there are people.</param>
    /// <returns>The record, without seeds or inputs (add them with <c>with</c>).</returns>
    public static RunInfo For(MatchOptions options, DateOnly? asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = PolicyFile.Effective(options);
        return new RunInfo { EngineVersion = CurrentEngineVersion, AsOf = asOf, Policy = policy, PolicySha256 = PolicyHash(policy) };
    }

    /// <summary>SHA-256 of a stream's bytes, lower-case hex.</summary>
    /// <param name="stream">The bytes (read to the end).</param>
    /// <returns>The hex digest.</returns>
    public static string Sha256(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    private static string PolicyHash(IReadOnlyList<KeyValuePair<string, string>> policy)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in policy)
        {
            sb.Append(k).Append('=').Append(v).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }

    /// <summary>The record as JSON text: <c>{"run": {...}}</c>, as summary.json and the analytics outputs carry it.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, Reports.Json.Options))
        {
            j.WriteStartObject();
            WriteJson(j);
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes the record as a JSON object property named <c>run</c>.</summary>
    internal void WriteJson(Utf8JsonWriter j, string name = "run")
    {
        j.WriteStartObject(name);
        j.WriteString("engine_version", EngineVersion);
        if (AsOf is { } d)
        {
            j.WriteString("as_of", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            j.WriteNull("as_of");
        }

        j.WriteString("policy_sha256", PolicySha256);
        j.WriteStartObject("policy");
        foreach (var (k, v) in Policy)
        {
            j.WritePropertyName(k);
            j.WriteRawValue(v);
        }

        j.WriteEndObject();
        j.WriteStartObject("seeds");
        foreach (var s in Seeds)
        {
            j.WriteNumber(s.Name, s.Value);
        }

        j.WriteEndObject();
        Reports.Json.WriteObjects(j, "inputs", Inputs, (j, i) =>
        {
            j.WriteString("role", i.Role);
            j.WriteString("file", i.Name);
            j.WriteString("sha256", i.Sha256);
        });
        j.WriteEndObject();
    }

    /// <summary>The record as tidy rows of the strategy <c>run</c>: numeric settings as values (group <c>all</c>; true/false as 1/0, a policy value of null as NaN); text (version, date, hashes, file names, the objective) in <c>group</c> with the value 1.</summary>
    /// <returns>The rows.</returns>
    public IReadOnlyList<TidyRow> ToTidyRows()
    {
        const string run = "run";
        var rows = new List<TidyRow>
        {
            new(run, "engine_version", EngineVersion, 1),
        };
        if (AsOf is { } d)
        {
            rows.Add(new(run, "as_of", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1));
        }

        rows.Add(new(run, "policy_sha256", PolicySha256, 1));
        foreach (var (k, v) in Policy)
        {
            rows.Add(v switch
            {
                "true" => new(run, "policy." + k, Tidy.All, 1),
                "false" => new(run, "policy." + k, Tidy.All, 0),
                "null" => new(run, "policy." + k, Tidy.All, double.NaN),
                _ when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => new(run, "policy." + k, Tidy.All, x),
                _ => new(run, "policy." + k, v.Trim('"'), 1),
            });
        }

        foreach (var s in Seeds)
        {
            rows.Add(new(run, "seed." + s.Name, Tidy.All, s.Value));
        }

        foreach (var i in Inputs)
        {
            rows.Add(new(run, "input_sha256." + i.Role, i.Name + ":" + i.Sha256, 1));
        }

        return rows;
    }
}
