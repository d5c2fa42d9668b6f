using ScoreCockpit.Engine.Evaluation.InWarehouse;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>The metrics statement for the warehouses the tests cannot run: only their own spellings, none of DuckDB's or PostgreSQL's.</summary>
public sealed class MetricsStatementTests
{
    [Theory]
    [InlineData(WarehouseKind.SqlServer, "LOG(", "FLOAT")]
    [InlineData(WarehouseKind.Teradata, "LN(", "FLOAT")]
    public void SQL_Server_and_Teradata_get_their_own_functions_and_types(WarehouseKind kind, string ln, string floatType)
    {
        var sql = MetricsStatement.Write(Dialects.For(kind), "SELECT score, label FROM pairs", [1m, 2.5m]);

        Assert.Contains(ln, sql, StringComparison.Ordinal);
        Assert.Contains($"CAST(score AS {floatType})", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("MATERIALIZED", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("isfinite", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DOUBLE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("::", sql, StringComparison.Ordinal);
        Assert.Contains("CAST(2.5 AS FLOAT) AS cut_percent", sql, StringComparison.Ordinal);
    }
}
