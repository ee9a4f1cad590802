namespace MatchEngine.Solving;

/// <summary>
/// The dense square assignment (every row with every column, n x n costs, minimise): Jonker and Volgenant's LAPJV
/// (1987) in its classic form: column reduction, reduction transfer, two passes of augmenting row reduction, then a
/// shortest augmenting path (Dijkstra on the dense rows) for each row still free. OR-Tools stays the oracle: a
/// property test compares the two on thousands of random matrices, ties included.
/// </summary>
internal static class DenseAssignment
{
    /// <summary>
    /// Solves the n x n problem with costs <c>cost[i * n + j]</c>; returns the column of each row. Costs are of any
    /// integer type (int halves the memory the scans read); the caller keeps every cost and its sums along a path
    /// within the type (n times the largest cost).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The four phases of LAPJV over one dense matrix, kept whole as in the published algorithm; each loop is a hot path.")]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] Solve<T>(T[] cost, int n, CancellationToken ct)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        var rowsol = new int[n];
        var colsol = new int[n];
        var v = new T[n];
        var matches = new int[n];
        var free = new int[n];
        Array.Fill(rowsol, -1);

        // Column reduction: each column's cheapest row; a row taking several columns keeps the cheapest.
        for (var j = n - 1; j >= 0; j--)
        {
            var min = cost[j];
            var imin = 0;
            for (var i = 1; i < n; i++)
            {
                var c = cost[((long)i * n) + j];
                if (c < min)
                {
                    min = c;
                    imin = i;
                }
            }

            v[j] = min;
            if (++matches[imin] == 1)
            {
                rowsol[imin] = j;
                colsol[j] = imin;
            }
            else if (v[j] < v[rowsol[imin]])
            {
                var j1 = rowsol[imin];
                rowsol[imin] = j;
                colsol[j] = imin;
                colsol[j1] = -1;
            }
            else
            {
                colsol[j] = -1;
            }
        }

        // Reduction transfer: a row matched once passes its slack to its column's price.
        var numfree = 0;
        for (var i = 0; i < n; i++)
        {
            if (matches[i] == 0)
            {
                free[numfree++] = i;
            }
            else if (matches[i] == 1)
            {
                var j1 = rowsol[i];
                var min = T.MaxValue;
                var row = (long)i * n;
                for (var j = 0; j < n; j++)
                {
                    if (j != j1)
                    {
                        min = T.Min(min, cost[row + j] - v[j]);
                    }
                }

                if (min != T.MaxValue)
                {
                    v[j1] -= min;
                }
            }
        }

        // Augmenting row reduction, two passes.
        for (var pass = 0; pass < 2; pass++)
        {
            ct.ThrowIfCancellationRequested();
            var k = 0;
            var prvnumfree = numfree;
            numfree = 0;
            while (k < prvnumfree)
            {
                var i = free[k++];
                var row = (long)i * n;
                var umin = cost[row] - v[0];
                var j1 = 0;
                var j2 = -1;
                var usubmin = T.MaxValue;
                for (var j = 1; j < n; j++)
                {
                    var h = cost[row + j] - v[j];
                    if (h < usubmin)
                    {
                        if (h >= umin)
                        {
                            usubmin = h;
                            j2 = j;
                        }
                        else
                        {
                            usubmin = umin;
                            umin = h;
                            j2 = j1;
                            j1 = j;
                        }
                    }
                }

                var i0 = colsol[j1];
                if (umin < usubmin)
                {
                    // Lower the column's price so that the row's best stays best by the margin to the second.
                    if (usubmin != T.MaxValue)
                    {
                        v[j1] -= usubmin - umin;
                    }
                }
                else if (i0 > -1 && j2 >= 0)
                {
                    // A tie: take the second column instead, which may be free.
                    j1 = j2;
                    i0 = colsol[j2];
                }

                if (i0 > -1)
                {
                    rowsol[i0] = -1;
                }

                rowsol[i] = j1;
                colsol[j1] = i;
                if (i0 > -1)
                {
                    if (umin < usubmin)
                    {
                        free[--k] = i0;
                    }
                    else
                    {
                        free[numfree++] = i0;
                    }
                }
            }
        }

        // Augmentation: a shortest path from each free row to a free column.
        var d = new T[n];
        var pred = new int[n];
        var collist = new int[n];
        for (var f = 0; f < numfree; f++)
        {
            if ((f & 63) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var freerow = free[f];
            var frow = (long)freerow * n;
            for (var j = 0; j < n; j++)
            {
                d[j] = cost[frow + j] - v[j];
                pred[j] = freerow;
                collist[j] = j;
            }

            int low = 0, up = 0, last = 0, endofpath = -1;
            var min = T.Zero;
            var found = false;
            do
            {
                if (up == low)
                {
                    // The next columns at the least distance: move them to collist[low .. up).
                    last = low - 1;
                    min = d[collist[up++]];
                    for (var k = up; k < n; k++)
                    {
                        var j = collist[k];
                        var h = d[j];
                        if (h <= min)
                        {
                            if (h < min)
                            {
                                up = low;
                                min = h;
                            }

                            collist[k] = collist[up];
                            collist[up++] = j;
                        }
                    }

                    for (var k = low; k < up; k++)
                    {
                        if (colsol[collist[k]] < 0)
                        {
                            endofpath = collist[k];
                            found = true;
                            break;
                        }
                    }
                }

                if (!found)
                {
                    // Scan the row assigned to the next column at the least distance.
                    var j1 = collist[low++];
                    var i = colsol[j1];
                    var row = (long)i * n;
                    var h = cost[row + j1] - v[j1] - min;
                    for (var k = up; k < n; k++)
                    {
                        var j = collist[k];
                        var v2 = cost[row + j] - v[j] - h;
                        if (v2 < d[j])
                        {
                            pred[j] = i;
                            if (v2 == min)
                            {
                                if (colsol[j] < 0)
                                {
                                    endofpath = j;
                                    found = true;
                                    break;
                                }

                                collist[k] = collist[up];
                                collist[up++] = j;
                            }

                            d[j] = v2;
                        }
                    }
                }
            }
            while (!found);

            // Prices of the columns settled before the last distance move up.
            for (var k = 0; k <= last; k++)
            {
                var j1 = collist[k];
                v[j1] += d[j1] - min;
            }

            // Flip the path.
            int r;
            do
            {
                r = pred[endofpath];
                colsol[endofpath] = r;
                (endofpath, rowsol[r]) = (rowsol[r], endofpath);
            }
            while (r != freerow);
        }

        return rowsol;
    }
}
