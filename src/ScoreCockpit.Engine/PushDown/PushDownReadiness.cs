using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>
/// Why a version cannot score a snapshot in the warehouse with the kernel's exact results, or null when it can. Each
/// reason is a case where the warehouse's SQL would read a value otherwise than .NET does.
/// </summary>
internal static class PushDownReadiness
{
    public static string? Why(ScoringPlan plan, IReadOnlyDictionary<string, WarehouseColumn> columns, string key)
    {
        if (columns.TryGetValue(key, out var keyColumn) && !PushDownSql.HasPortableText(keyColumn))
        {
            return $"the key column '{keyColumn.Name}' is {keyColumn.DatabaseType}: only integer and text keys keep their text in SQL";
        }

        foreach (var input in plan.Inputs)
        {
            if (!columns.TryGetValue(input.Name, out var column))
            {
                continue;
            }

            if (!input.IsNumber && !PushDownSql.HasPortableText(column))
            {
                return $"the category '{input.Name}' is a {column.DatabaseType} column, whose text SQL writes otherwise than .NET";
            }
        }

        return null;
    }
}
