using FsCheck;
using FsCheck.Fluent;
using MatchEngine.Model;

namespace MatchEngine.Tests.Solving;

/// <summary>FsCheck generators of small batches whose attributes make every hard rule bite.</summary>
internal static class BatchGen
{
    private static readonly GeoPoint?[] Places =
        [People.Birmingham, People.North(10), People.North(24), People.North(30), People.North(45), People.North(80), null];

    private static readonly string?[] Ethnicities = [null, "asian", "black", "white"];
    private static readonly string?[] Classes = [null, "working-class", "professional"];
    private static readonly string?[] Sectors = [null, "law", "health"];
    private static readonly string?[] Genders = [null, "female", "male"];
    private static readonly string[] Regions = ["West Midlands", "East London"];

    /// <summary>Mostly not stated (today's files), sometimes one or two slots, so the availability rule bites.</summary>
    private static readonly Gen<Availability> Slots = Gen.Frequency(
        (4, Gen.Constant(Availability.None)), (1, Gen.Constant(Availability.Weekend)), (1, Gen.Constant(Availability.WeekdayEvening)),
        (1, Gen.Constant(Availability.WeekdayDaytime | Availability.Weekend)));

    private static Gen<T> Pick<T>(T[] items) => Gen.Elements(items);

    public static Gen<Mentor> Mentor(int i) =>
        from age in Gen.Elements(24, 25, 26, 27, 40, 65)
        from trained in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
        from dbs in Gen.Elements(true, false)
        from modes in Gen.Choose(1, 7)
        from cap in Gen.Choose(1, 3)
        from region in Pick(Regions)
        from at in Pick(Places)
        from eth in Pick(Ethnicities)
        from ses in Pick(Classes)
        from sector in Pick(Sectors)
        from gender in Pick(Genders)
        from lang in Gen.Elements(Array.Empty<string>(), ["english"], ["urdu", "english"])
        from slots in Slots
        select People.Mentor($"MR{i}", age, (MeetingModes)modes, cap, trained, dbs, region, at, at is null, eth, ses, gender, sector, lang) with { Availability = slots };

    public static Gen<Mentee> Mentee(int i) =>
        from age in Gen.Elements(10, 11, 15, 17, 18, 22, 25, 26)
        from modes in Gen.Choose(1, 7)
        from unmet in Gen.Elements(true, false)
        from region in Pick(Regions)
        from at in Pick(Places)
        from eth in Pick(Ethnicities)
        from ses in Pick(Classes)
        from interest in Gen.Elements(Array.Empty<string>(), ["law"], ["health", "law"])
        from pref in Pick(Genders)
        from lang in Gen.Elements(Array.Empty<string>(), ["english"], ["urdu"])
        from slots in Slots
        select People.Mentee($"ME{i}", age, (MeetingModes)modes, unmet, region, at, at is null, eth, ses, null, interest, lang, pref) with { Availability = slots };

    public static Gen<MatchBatch> Batch(int maxMentors = 8, int maxMentees = 8) =>
        from nm in Gen.Choose(0, maxMentors)
        from ne in Gen.Choose(0, maxMentees)
        from mentors in Sequence(Enumerable.Range(1, nm).Select(Mentor))
        from mentees in Sequence(Enumerable.Range(1, ne).Select(Mentee))
        select new MatchBatch(mentors, mentees, People.AsOf);

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Constant(new List<T>()), (acc, g) => from list in acc from x in g select new List<T>(list) { x });
}
