using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>A plan that cannot be used: corrupt, from a newer format, or not matching its model. The message names the version.</summary>
public class ScoringPlanException : Exception
{
    public ScoringPlanException()
        : base("The scoring plan cannot be used.")
    {
    }

    public ScoringPlanException(string message)
        : base(message)
    {
    }

    public ScoringPlanException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The plan's JSON: camel-case, floats written in their shortest round-trip form so a threshold read back is the
/// same float, bit for bit. Reading refuses a newer format and anything that does not hold together.
/// </summary>
public static class ScoringPlanJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Write(ScoringPlan plan) => JsonSerializer.SerializeToUtf8Bytes(plan, Options);

    /// <param name="what">Names the plan in messages, e.g. "churn v3".</param>
    public static ScoringPlan Read(ReadOnlySpan<byte> json, string what)
    {
        int format;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            format = document.RootElement.TryGetProperty("format", out var f) && f.TryGetInt32(out var n) ? n : 0;
        }
        catch (JsonException e)
        {
            throw new ScoringPlanException($"The scoring plan of {what} is corrupt ({e.Message}): delete it and it is derived again from the model.", e);
        }

        if (format > ScoringPlan.CurrentFormat)
        {
            throw new ScoringPlanException(
                $"The scoring plan of {what} has format {format}, newer than this ScoreCockpit reads ({ScoringPlan.CurrentFormat}): upgrade ScoreCockpit.");
        }

        if (format < 1)
        {
            throw new ScoringPlanException($"The scoring plan of {what} has no valid format number: delete it and it is derived again from the model.");
        }

        ScoringPlan plan;
        try
        {
            plan = JsonSerializer.Deserialize<ScoringPlan>(json, Options)
                ?? throw new ScoringPlanException($"The scoring plan of {what} is empty.");
        }
        catch (JsonException e)
        {
            throw new ScoringPlanException($"The scoring plan of {what} is corrupt ({e.Message}): delete it and it is derived again from the model.", e);
        }

        if (Problems(plan).FirstOrDefault() is { } problem)
        {
            throw new ScoringPlanException($"The scoring plan of {what} is corrupt: {problem}");
        }

        return plan;
    }

    /// <summary>What makes a plan unusable: slots out of range, a tree whose children point outside it, no model.</summary>
    public static IEnumerable<string> Problems(ScoringPlan plan)
    {
        if ((plan.Ensemble is null) == (plan.Linear is null))
        {
            yield return "it must hold either an ensemble or a linear model.";
        }

        foreach (var input in plan.Inputs)
        {
            if (input.Kind is not (PlanInputKind.Number or PlanInputKind.Category))
            {
                yield return $"the input '{input.Name}' has the unknown kind '{input.Kind}'.";
            }
            else if (input.Slot < 0 || input.Slot + input.Width > plan.Slots || input.MissingSlot is { } m && (m < 0 || m >= plan.Slots))
            {
                yield return $"the input '{input.Name}' fills slots outside the vector of {plan.Slots}.";
            }
        }

        if (plan.Scaling is { } s && (s.Scale.Length != plan.Slots || s.Offset is { } o && o.Length != plan.Slots))
        {
            yield return $"the scaling does not have {plan.Slots} slots.";
        }

        if (plan.Linear is { } linear && (linear.Weights.Length != plan.Slots || linear.WeightSlots is { } held && held.Any(i => i < 0 || i >= plan.Slots)))
        {
            yield return $"the linear model does not have {plan.Slots} weights.";
        }

        for (var t = 0; t < (plan.Ensemble?.Trees.Count ?? 0); t++)
        {
            if (TreeProblem(plan.Ensemble!.Trees[t], plan.Slots) is { } problem)
            {
                yield return $"tree {t} {problem}";
            }
        }
    }

    private static string? TreeProblem(PlanTree tree, int slots)
    {
        var nodes = tree.Split.Length;
        if (tree.Threshold.Length != nodes || tree.Left.Length != nodes || tree.Right.Length != nodes || tree.Leaves.Length != nodes + 1)
        {
            return "has arrays of different lengths.";
        }

        var categorical = tree.CategoricalSplits ?? new Dictionary<int, int[]>();
        for (var i = 0; i < nodes; i++)
        {
            // A categorical node reads its slot set, not its split slot.
            if (!categorical.ContainsKey(i) && (tree.Split[i] < 0 || tree.Split[i] >= slots))
            {
                return $"splits node {i} on slot {tree.Split[i]}, outside the vector.";
            }

            // Children only point forward, so walking a tree always ends at a leaf.
            foreach (var child in new[] { tree.Left[i], tree.Right[i] })
            {
                if (child >= 0 ? child <= i || child >= nodes : ~child >= tree.Leaves.Length)
                {
                    return $"has node {i} pointing to {child}, outside the tree.";
                }
            }
        }

        foreach (var (node, set) in categorical)
        {
            if (node < 0 || node >= nodes || set.Any(c => c < 0 || c >= slots))
            {
                return $"has a categorical split at node {node} outside the tree or the vector.";
            }
        }

        return null;
    }
}
