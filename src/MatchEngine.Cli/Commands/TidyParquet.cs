using System.Text.Json.Serialization;
using MatchEngine.Analytics;
using Parquet.Serialization;

namespace MatchEngine.Cli.Commands;

/// <summary>Writes tidy rows as a Parquet file (Parquet.Net): columns <c>strategy</c>, <c>metric</c>, <c>group</c> (strings) and <c>value</c> (double); the run's record as rows of strategy <c>run</c> and as JSON in the file's key-value metadata <c>matchengine.run</c>.</summary>
internal static class TidyParquet
{
    public const string MetadataKey = "matchengine.run";

    internal sealed class Row
    {
        [JsonPropertyName("strategy")]
        public string Strategy { get; set; } = string.Empty;

        [JsonPropertyName("metric")]
        public string Metric { get; set; } = string.Empty;

        [JsonPropertyName("group")]
        public string Group { get; set; } = string.Empty;

        [JsonPropertyName("value")]
        public double Value { get; set; }
    }

    public static void Write(Stream stream, IReadOnlyList<TidyRow> rows, RunInfo run, CancellationToken cancellationToken)
    {
        var all = rows.Concat(run.ToTidyRows()).Select(r => new Row { Strategy = r.Strategy, Metric = r.Metric, Group = r.Group, Value = r.Value }).ToList();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [MetadataKey] = run.ToJson() };
        ParquetSerializer.SerializeAsync(all, stream, null, metadata, cancellationToken).GetAwaiter().GetResult();
    }
}
