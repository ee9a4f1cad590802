using System.Reflection;
using System.Runtime.CompilerServices;
using MatchEngine.Analytics;
using MatchEngine.Rules;

namespace MatchEngine.Tests.Api;

/// <summary>
/// The public surface as it would ship as 1.0 (PublicAPI.Shipped.txt): no tuples in signatures, no OR-Tools types, and
/// the engine's internals (solvers, candidate search, the synthetic batch generator) stay internal.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly Type[] Exported = typeof(Matcher).Assembly.GetExportedTypes();

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every member a caller can see (public, or protected on an unsealed type) with the types in its signature.</summary>
    private static IEnumerable<(string Member, Type Type)> SignatureTypes()
    {
        foreach (var t in Exported)
        {
            foreach (var m in t.GetMembers(Declared))
            {
                var types = m switch
                {
                    MethodBase b when Visible(b) => b.GetParameters().Select(p => p.ParameterType).Append(b is MethodInfo mi ? mi.ReturnType : typeof(void)),
                    PropertyInfo p when p.GetAccessors(true).Any(Visible) => [p.PropertyType],
                    FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly => [f.FieldType],
                    _ => [],
                };
                foreach (var x in types.SelectMany(Unwrap))
                {
                    yield return ($"{t.FullName}.{m.Name}", x);
                }
            }
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static IEnumerable<Type> Unwrap(Type t)
    {
        yield return t;
        if (t.HasElementType)
        {
            foreach (var x in Unwrap(t.GetElementType()!))
            {
                yield return x;
            }
        }

        if (t.IsGenericType)
        {
            foreach (var x in t.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return x;
            }
        }
    }

    [Fact]
    public void No_public_signature_carries_a_tuple()
    {
        var tuples = SignatureTypes().Where(s => typeof(ITuple).IsAssignableFrom(s.Type)).Select(s => s.Member).Distinct().ToList();
        Assert.True(tuples.Count == 0, "tuples in public signatures (use a small named record): " + string.Join(", ", tuples));
    }

    [Fact]
    public void No_public_signature_exposes_OR_Tools()
    {
        var leaks = SignatureTypes().Where(s => s.Type.Namespace?.StartsWith("Google.", StringComparison.Ordinal) == true)
            .Select(s => $"{s.Member}: {s.Type.FullName}").Distinct().ToList();
        Assert.True(leaks.Count == 0, "OR-Tools types in public signatures: " + string.Join(", ", leaks));
    }

    [Theory]
    [InlineData("MatchEngine.Solving")]
    [InlineData("MatchEngine.Candidates")]
    [InlineData("MatchEngine.Generation")]
    public void The_engine_internals_are_not_public(string ns)
    {
        var exported = Exported.Where(t => t.Namespace == ns).Select(t => t.FullName).ToList();
        Assert.True(exported.Count == 0, ns + " should be internal, but exports: " + string.Join(", ", exported));
    }

    [Theory]
    [InlineData("AssignmentSolver")]
    [InlineData("QuotaSolver")]
    [InlineData("ScoredPairSolver")]
    [InlineData("TieredSolver")]
    [InlineData("PairScorer")]
    [InlineData("BatchGenerator")]
    [InlineData("MinimumScoreRule")]
    public void A_named_engine_internal_is_not_exported(string name) =>
        Assert.DoesNotContain(Exported, t => t.Name == name);

    [Fact]
    public void An_application_cannot_build_a_rule_set_that_drops_safeguarding()
    {
        // Matcher takes a RuleSet; with a public constructor an application could leave out the background-check
        // and remote-age rules. Only RuleSet.Default (every rule) is public.
        Assert.Empty(typeof(RuleSet).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.Contains(RuleSet.Default.Rules, r => r.Code == RuleCodes.NoBackgroundCheck);
        Assert.Contains(RuleSet.Default.Rules, r => r.Code == RuleCodes.RemoteUnder18);
    }

    [Fact]
    public void Matcher_evaluates_single_pairs_only_internally()
    {
        // The one public "Evaluate" is Metrics.Evaluate (quality figures of a set of pairs).
        Assert.Null(typeof(Matcher).GetMethod("Evaluate", BindingFlags.Public | BindingFlags.Instance));
        Assert.NotNull(typeof(Metrics).GetMethod("Evaluate", BindingFlags.Public | BindingFlags.Static));
    }
}
