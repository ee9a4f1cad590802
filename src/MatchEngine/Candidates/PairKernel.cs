using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Candidates;

/// <summary>
/// The hard rules and the score of one pair at memory speed, for an indexable rule set (see <see cref="RuleIndex"/>):
/// every person is encoded once into arrays of small integers and bitmasks (categories by id, sectors, interests
/// and languages as bit sets), so deciding a pair is a few integer tests, one distance and the scorer's own
/// arithmetic. The result is exactly the one of <see cref="PairGate"/> (same eligibility, same mode, same points);
/// a property test holds the two together.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The constructor encodes every field of both sides in one pass; each branch is one field.")]
internal sealed partial class PairKernel
{
    private const MeetingModes InPerson = MeetingModes.FaceToFace | MeetingModes.Hybrid;

    private readonly double _wEth, _wSes, _wProx, _wSector, _wLang, _wGender, _scale, _f2f, _hybrid;
    private readonly int _minPoints;
    private readonly int _sw, _lw;
    private readonly HashSet<long> _excluded;

    public PairKernel(Mentor[] mentors, int[] mentorAge, Mentee[] mentees, int[] menteeAge, RuleIndex index, MatchOptions options)
    {
        var w = options.Weights;
        (_wEth, _wSes, _wProx, _wSector, _wLang, _wGender) = (w.EthnicityDifference, w.SocioeconomicDifference, w.Proximity, w.SectorFit, w.SharedLanguage, w.GenderPreference);
        (_scale, _f2f, _hybrid) = (options.ProximityScaleKm, options.FaceToFaceMaxKm, options.HybridMaxKm);
        _minPoints = (int)Math.Round(options.MinPairScore * 100, MidpointRounding.AwayFromZero);
        MentorCount = mentors.Length;
        MenteeCount = mentees.Length;

        var stated = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int Stated(string? s) => string.IsNullOrWhiteSpace(s) ? 0 : Id(stated, s.Trim());
        var genders = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int Gender(string? s) => s is { Length: > 0 } ? Id(genders, s.Trim()) : 0;
        var regions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var sectors = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var languages = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        _availability = index.Availability;
        MentorSlots = new int[mentors.Length];
        MenteeSlots = new int[mentees.Length];
        MentorModes = new MeetingModes[mentors.Length];
        MentorChecked = new bool[mentors.Length];
        MentorUsable = new bool[mentors.Length];
        MentorRegion = new int[mentors.Length];
        MentorPoint = new GeoPoint?[mentors.Length];
        _mEth = new int[mentors.Length];
        _mSes = new int[mentors.Length];
        _mGender = new int[mentors.Length];
        _mSector = new int[mentors.Length];
        for (var m = 0; m < mentors.Length; m++)
        {
            var x = mentors[m];
            MentorModes[m] = x.Modes;
            MentorSlots[m] = index.Availability ? (int)x.Availability : 0;
            MentorChecked[m] = x.BackgroundChecked;
            MentorUsable[m] = index.MentorUsable(x, mentorAge[m], options);
            MentorRegion[m] = Id(regions, x.Region.Trim());
            MentorPoint[m] = x.Location;
            _mEth[m] = Stated(x.Ethnicity);
            _mSes[m] = Stated(x.Socioeconomic);
            _mGender[m] = Gender(x.Gender);
            _mSector[m] = x.Sector is { Length: > 0 } s ? Id(sectors, s.Trim()) : 0;
            foreach (var l in x.Languages)
            {
                Id(languages, l.Trim());
            }
        }

        MenteeModes = new MeetingModes[mentees.Length];
        MenteeNeedsCheck = new bool[mentees.Length];
        MenteeUsable = new bool[mentees.Length];
        MenteeRegion = new int[mentees.Length];
        MenteePoint = new GeoPoint?[mentees.Length];
        _eEth = new int[mentees.Length];
        _eSes = new int[mentees.Length];
        _ePref = new int[mentees.Length];
        for (var e = 0; e < mentees.Length; e++)
        {
            var x = mentees[e];
            MenteeModes[e] = index.MenteeModes(x, menteeAge[e], options);
            MenteeSlots[e] = index.Availability ? (int)x.Availability : 0;
            MenteeNeedsCheck[e] = index.NeedsBackgroundCheck(menteeAge[e], options);
            MenteeUsable[e] = index.MenteeUsable(menteeAge[e], options);
            MenteeRegion[e] = Id(regions, x.Region.Trim());
            MenteePoint[e] = x.Location;
            _eEth[e] = Stated(x.Ethnicity);
            _eSes[e] = Stated(x.Socioeconomic);
            _ePref[e] = Gender(x.PreferredMentorGender);
        }

        // Bit sets: sector ids (1..) against each mentee's interests, languages against languages. Values only one
        // side states never score, so only the mentors' sectors and languages get bits.
        _sw = (sectors.Count / 64) + 1;
        _lw = (languages.Count / 64) + 1;
        _mLang = new ulong[mentors.Length * _lw];
        for (var m = 0; m < mentors.Length; m++)
        {
            foreach (var l in mentors[m].Languages)
            {
                Set(_mLang, m * _lw, languages[l.Trim()]);
            }
        }

        _eInterests = new ulong[mentees.Length * _sw];
        _eLang = new ulong[mentees.Length * _lw];
        for (var e = 0; e < mentees.Length; e++)
        {
            foreach (var i in mentees[e].Interests)
            {
                if (sectors.TryGetValue(i.Trim(), out var id))
                {
                    Set(_eInterests, e * _sw, id);
                }
            }

            foreach (var l in mentees[e].Languages)
            {
                if (languages.TryGetValue(l.Trim(), out var id))
                {
                    Set(_eLang, e * _lw, id);
                }
            }
        }

        // Stated preferences are per pair, not per profile: their pairs are listed so the engine can keep every one
        // of them in its restricted set, and the bounds of the buckets leave them out.
        _wPref = w.StatedPreference;
        var prefs = new Dictionary<long, double>();
        if (_wPref > 0 && options.StatedPreferences is { } sp)
        {
            var mi = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var m = 0; m < mentors.Length; m++)
            {
                mi[mentors[m].Id] = m;
            }

            var ei = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var e = 0; e < mentees.Length; e++)
            {
                ei[mentees[e].Id] = e;
            }

            foreach (var p in sp.All)
            {
                var (menteeId, mentorId) = p.ChooserRole == PersonRole.Mentee ? (p.ChooserId, p.ChosenId) : (p.ChosenId, p.ChooserId);
                if (ei.TryGetValue(menteeId, out var e) && mi.TryGetValue(mentorId, out var m))
                {
                    var v = sp.Value(menteeId, mentorId);
                    if (v > 0)
                    {
                        prefs[((long)e * mentors.Length) + m] = v;
                    }
                }
            }
        }

        _pref = prefs.Count > 0 ? prefs : null;
        PreferencePairs = [.. prefs.Keys.Order().Select(k => ((int)(k % Math.Max(1, mentors.Length)), (int)(k / Math.Max(1, mentors.Length))))];

        _excluded = [];
        if (index.Excluded.Count > 0)
        {
            var mentorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var m = 0; m < mentors.Length; m++)
            {
                mentorIndex[mentors[m].Id] = m;
            }

            var menteeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var e = 0; e < mentees.Length; e++)
            {
                menteeIndex[mentees[e].Id] = e;
            }

            foreach (var rule in index.Excluded)
            {
                foreach (var (mentee, mentor) in rule.Pairs)
                {
                    if (menteeIndex.TryGetValue(mentee, out var e) && mentorIndex.TryGetValue(mentor, out var m))
                    {
                        _excluded.Add(((long)e * mentors.Length) + m);
                    }
                }
            }
        }

        // The score's parts as dimensions of small integers, for bounds over groups of mentors (see Dimension); a
        // mentor's languages are one id per distinct set.
        var mLangSet = SetIds(_mLang, mentors.Length, _lw);
        _mLangSet = mLangSet;
        _langSetRep = new int[mentors.Length == 0 ? 0 : mLangSet.Max() + 1];
        for (var m = mentors.Length - 1; m >= 0; m--)
        {
            _langSetRep[mLangSet[m]] = m;
        }

        _w100 = [0, Up(_wEth), Up(_wSes), Up(_wSector), Up(_wGender), Up(_wLang)];
    }

    private readonly int[] _mEth, _mSes, _mGender, _mSector, _eEth, _eSes, _ePref;
    private readonly ulong[] _mLang, _eInterests, _eLang;

    private readonly bool _availability;
    private readonly double _wPref;
    private readonly Dictionary<long, double>? _pref;

    /// <summary>Whether the pair has a stated preference that earns points (such pairs stay in the restricted set).</summary>
    public bool HasPreference(int m, int e) => _pref is not null && _pref.ContainsKey(((long)e * MentorCount) + m);

    /// <summary>The (mentor, mentee) pairs with a stated preference that earns points.</summary>
    public IReadOnlyList<(int Mentor, int Mentee)> PreferencePairs { get; }

    /// <summary>Per mentor: the stated availability slots as bits (0 when not stated or the rule is off).</summary>
    public int[] MentorSlots { get; }

    /// <summary>Per mentee: the stated availability slots as bits (0 when not stated or the rule is off).</summary>
    public int[] MenteeSlots { get; }

    /// <summary>Whether stated slots allow the pair (either unstated, or a slot shared).</summary>
    public static bool SlotsMeet(int a, int b) => a == 0 || b == 0 || (a & b) != 0;

    public int MentorCount { get; }

    public int MenteeCount { get; }

    public MeetingModes[] MentorModes { get; }

    public bool[] MentorChecked { get; }

    public bool[] MentorUsable { get; }

    public int[] MentorRegion { get; }

    public GeoPoint?[] MentorPoint { get; }


    /// <summary>The modes each young person can really use.</summary>
    public MeetingModes[] MenteeModes { get; }

    public bool[] MenteeNeedsCheck { get; }

    public bool[] MenteeUsable { get; }

    public int[] MenteeRegion { get; }

    public GeoPoint?[] MenteePoint { get; }



    /// <summary>Distance at which proximity reaches 0, km.</summary>
    public double ProximityScale => _scale;

    /// <summary>Decides a pair exactly as the rules and the scorer do: false when not allowed, else its best mode and points.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Decide(int m, int e, out MeetingModes mode, out int points)
    {
        mode = MeetingModes.None;
        points = 0;
        if (!MentorUsable[m] || !MenteeUsable[e] || (MenteeNeedsCheck[e] && !MentorChecked[m]) || (_availability && !SlotsMeet(MentorSlots[m], MenteeSlots[e])))
        {
            return false;
        }

        var allowed = MentorModes[m] & MenteeModes[e];
        if (allowed == MeetingModes.None)
        {
            return false;
        }

        double? d = null;
        if ((allowed & InPerson) != 0)
        {
            if (MentorPoint[m] is { } a && MenteePoint[e] is { } b)
            {
                var km = a.DistanceKm(b);
                d = km;
                if (km > _f2f)
                {
                    allowed &= ~MeetingModes.FaceToFace;
                }

                if (km > _hybrid)
                {
                    allowed &= ~MeetingModes.Hybrid;
                }
            }
            else if (MentorRegion[m] != MenteeRegion[e])
            {
                allowed &= MeetingModes.Virtual;
            }

            if (allowed == MeetingModes.None)
            {
                return false;
            }
        }

        if (_excluded.Count > 0 && _excluded.Contains(((long)e * MentorCount) + m))
        {
            return false;
        }

        mode = (allowed & MeetingModes.Hybrid) != 0 ? MeetingModes.Hybrid : (allowed & MeetingModes.FaceToFace) != 0 ? MeetingModes.FaceToFace : MeetingModes.Virtual;
        double prox = 0;
        if (mode != MeetingModes.Virtual && d is { } dist)
        {
            prox = Math.Clamp(1 - (dist / _scale), 0, 1);
        }

        points = Points(m, e, prox, _pref is not null && _pref.TryGetValue(((long)e * MentorCount) + m, out var pv) ? pv : 0);
        return points >= _minPoints;
    }

    /// <summary>The points of a pair at a given proximity (0 to 1), with the scorer's arithmetic.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Points(int m, int e, double prox, double pref = 0)
    {
        double eth = _mEth[m] != 0 && _eEth[e] != 0 && _mEth[m] != _eEth[e] ? 1 : 0;
        double ses = _mSes[m] != 0 && _eSes[e] != 0 && _mSes[m] != _eSes[e] ? 1 : 0;
        var sid = _mSector[m];
        double sector = sid != 0 && (_eInterests[(e * _sw) + (sid >> 6)] & (1UL << (sid & 63))) != 0 ? 1 : 0;
        double lang = 0;
        for (var k = 0; k < _lw; k++)
        {
            if ((_mLang[(m * _lw) + k] & _eLang[(e * _lw) + k]) != 0)
            {
                lang = 1;
                break;
            }
        }

        double gender = _ePref[e] != 0 && _ePref[e] == _mGender[m] ? 1 : 0;
        var total = (_wEth * eth) + (_wSes * ses) + (_wProx * prox) + (_wSector * sector) + (_wLang * lang) + (_wGender * gender);
        total = Math.Round(Math.Clamp(total, 0, 100) + (_wPref * pref), 2, MidpointRounding.AwayFromZero);
        return (int)Math.Round(total * 100, MidpointRounding.AwayFromZero);
    }


    private static void Set(ulong[] bits, int offset, int id) => bits[offset + (id >> 6)] |= 1UL << (id & 63);

    private static int Id(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = ids.Count + 1;
            ids[key] = id;
        }

        return id;
    }

    /// <summary>An exact id per distinct bit set (no hashing that could merge two sets).</summary>
    private static int[] SetIds(ulong[] bits, int count, int words)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[count];
        var chars = new char[words * 4];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < words; k++)
            {
                var v = bits[(i * words) + k];
                chars[(k * 4) + 0] = (char)(v & 0xFFFF);
                chars[(k * 4) + 1] = (char)((v >> 16) & 0xFFFF);
                chars[(k * 4) + 2] = (char)((v >> 32) & 0xFFFF);
                chars[(k * 4) + 3] = (char)(v >> 48);
            }

            var key = new string(chars);
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids[key] = id;
            }

            result[i] = id;
        }

        return result;
    }
}
