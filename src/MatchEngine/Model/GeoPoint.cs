namespace MatchEngine.Model;

/// <summary>A WGS84 coordinate in decimal degrees.</summary>
/// <param name="Latitude">Latitude, -90 to 90.</param>
/// <param name="Longitude">Longitude, -180 to 180.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The mean Earth radius used for distances, in km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance between two points when both are known.</summary>
    /// <param name="a">One point, or null.</param>
    /// <param name="b">The other point, or null.</param>
    /// <returns>The distance in km, or null when a point is missing.</returns>
    internal static double? Between(GeoPoint? a, GeoPoint? b) => a is { } x && b is { } y ? x.DistanceKm(y) : null;

    /// <summary>Great-circle (haversine) distance to <paramref name="other"/> in km.</summary>
    /// <param name="other">The other point.</param>
    /// <returns>The distance in kilometres.</returns>
    public double DistanceKm(GeoPoint other)
    {
        const double rad = Math.PI / 180.0;
        var dLat = (other.Latitude - Latitude) * rad;
        var dLon = (other.Longitude - Longitude) * rad;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Latitude * rad) * Math.Cos(other.Latitude * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
