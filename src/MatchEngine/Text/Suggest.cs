namespace MatchEngine.Text;

/// <summary>Did-you-mean suggestions by edit distance, for every reader that names a field, column or value (CSV, policy file).</summary>
internal static class Suggest
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestD = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(v, c.ToLowerInvariant());
            if (d < bestD)
            {
                bestD = d;
                best = c;
            }
        }

        var limit = Math.Max(1, Math.Min(3, (v.Length + 2) / 3));
        return bestD <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
