using System.Diagnostics.CodeAnalysis;

// Findings of eng/analyzers/Library.globalconfig in files the exact-at-scale work (issue 10) owns: listed here, one
// member each, until that work removes them. Each is dead code (IDE0051: never called).
[assembly: SuppressMessage("Style", "IDE0051:Remove unused private members", Justification = "Dead code in a file owned by issue 10; to be removed there.", Scope = "member", Target = "~F:MatchEngine.SparseCandidates.Any")]
[assembly: SuppressMessage("Style", "IDE0051:Remove unused private members", Justification = "Dead code in a file owned by issue 10; to be removed there.", Scope = "member", Target = "~M:MatchEngine.Solving.AssignmentSolver.Count(Google.OrTools.Graph.MinCostFlow,MatchEngine.Solving.AssignmentProblem)~System.ValueTuple{System.Int32,System.Int32}")]

// Too complex to split safely beside the work that is changing it; listed for its owner.
[assembly: SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The CSV row reader (cyclomatic complexity 54) is being extended by the spreadsheet work (issue 12); split it there.", Scope = "member", Target = "~M:MatchEngine.Csv.BatchCsv.Read``1(System.IO.Stream,System.String,MatchEngine.Csv.BatchReadOptions,System.Collections.Generic.IReadOnlyList{System.String},System.String[],System.String[],System.String[],System.String,System.String,System.Func{MatchEngine.Csv.RowReader,``0},System.Func{``0,System.String})~MatchEngine.Csv.CsvReadResult{``0}")]
