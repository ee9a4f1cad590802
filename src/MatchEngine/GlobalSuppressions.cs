using System.Diagnostics.CodeAnalysis;

// Too complex to split safely beside the work that is changing it; listed for its owner.
[assembly: SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The CSV row reader (cyclomatic complexity 54) is being extended by the spreadsheet work (issue 12); split it there.", Scope = "member", Target = "~M:MatchEngine.Csv.BatchCsv.Read``1(System.IO.Stream,System.String,MatchEngine.Csv.BatchReadOptions,System.Collections.Generic.IReadOnlyList{System.String},System.String[],System.String[],System.String[],System.String,System.String,System.Func{MatchEngine.Csv.RowReader,``0},System.Func{``0,System.String})~MatchEngine.Csv.CsvReadResult{``0}")]
