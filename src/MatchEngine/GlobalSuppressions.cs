using System.Diagnostics.CodeAnalysis;

// Findings of eng/analyzers/Library.globalconfig in files the exact-at-scale work (issue 10) owns: listed here, one
// member each, until that work removes them. Each is dead code (IDE0051: never called).
[assembly: SuppressMessage("Style", "IDE0051:Remove unused private members", Justification = "Dead code in a file owned by issue 10; to be removed there.", Scope = "member", Target = "~F:MatchEngine.SparseCandidates.Any")]
[assembly: SuppressMessage("Style", "IDE0051:Remove unused private members", Justification = "Dead code in a file owned by issue 10; to be removed there.", Scope = "member", Target = "~M:MatchEngine.Solving.AssignmentSolver.Count(Google.OrTools.Graph.MinCostFlow,MatchEngine.Solving.AssignmentProblem)~System.ValueTuple{System.Int32,System.Int32}")]
